/**
 * The buttons of /language: one per language the bot speaks (named in itself), and in a private
 * chat one more to follow the Telegram app's language again. Callback data: `language:<code>`,
 * `language:auto`.
 */
import { InlineKeyboard } from 'grammy';
import { LOCALE_NAMES, LOCALES } from '../../i18n/locales.js';
import type { Translate } from '../../i18n/translator.js';

/** Callback data of the buttons, with the pattern that reads them back (the choice in group 1). */
export const LANGUAGE_CALLBACK = {
  data: (choice: string) => `language:${choice}`,
  pattern: /^language:([a-z]{2}|auto)$/,
} as const;

export function createLanguageKeyboard(t: Translate, options: { offerAuto: boolean }): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  LOCALES.forEach((locale, i) => {
    keyboard.text(LOCALE_NAMES[locale], LANGUAGE_CALLBACK.data(locale));
    if (i % 3 === 2) keyboard.row();
  });
  if (options.offerAuto) keyboard.row().text(t('language-auto-button'), LANGUAGE_CALLBACK.data('auto'));
  return keyboard;
}
