/**
 * Copy the bot's infrastructure shows users, whatever feature was handling the update. Words are
 * in locales/<language>/errors.ftl.
 */
import type { Translate } from '../../i18n/translator.js';

/** Told to a user whose message the bot could not handle, after its retries. */
export function somethingWentWrongText(t: Translate): string {
  return t('errors-something-went-wrong');
}

/** The reply to a private message the bot has no use for. */
export function unknownMessageText(t: Translate): string {
  return t('errors-unknown-message');
}
