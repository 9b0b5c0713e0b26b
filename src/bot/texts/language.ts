/** /language: which language the bot speaks in a chat, and the answer to a change. */
import { LOCALE_NAMES, LOCALES, type Locale } from '../../i18n/locales.js';
import type { Translate } from '../../i18n/translator.js';

/**
 * The answer to /language: the language now spoken here and why (chosen, or the user's Telegram
 * language in private), above the buttons.
 */
export function currentLanguageText(t: Translate, current: { locale: Locale; chosen: boolean; group: boolean }): string {
  const name = LOCALE_NAMES[current.locale];
  if (current.group) return t('language-current-group', { name });
  return current.chosen ? t('language-current-chosen', { name }) : t('language-current-auto', { name });
}

/** The answer to a change, written in the new language. */
export function languageSetText(t: Translate, set: { locale: Locale; auto: boolean; group: boolean }): string {
  const name = LOCALE_NAMES[set.locale];
  if (set.auto) return t('language-set-auto', { name });
  return set.group ? t('language-set-group', { name }) : t('language-set', { name });
}

/** `/language xx` names a language the bot does not speak. */
export function unknownLanguageText(t: Translate, asked: string): string {
  return t('language-unknown', { asked: asked.slice(0, 16), codes: LOCALES.join(', ') });
}

export function onlyAdminsLanguageText(t: Translate): string {
  return t('language-only-admins');
}
