/**
 * The languages the bot speaks, and how a Telegram `language_code` (an IETF tag such as `pt-BR`)
 * picks one. Each has a directory of Fluent files under `locales/`; tests/i18n checks that they
 * all have the same messages.
 */

/** Every language the bot speaks; English is the fallback for the rest of the world. */
export const LOCALES = ['en', 'ru', 'es', 'de', 'pt'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Each language's name in itself, as the /language buttons show it. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  ru: 'Русский',
  es: 'Español',
  de: 'Deutsch',
  pt: 'Português',
};

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * The language a Telegram `language_code` asks for, by its primary subtag (`pt-BR` and `pt-PT`
 * both get Portuguese), or undefined when the bot does not speak it.
 *
 * @example supportedLocale('de-AT') // 'de'; supportedLocale('fr') // undefined
 */
export function supportedLocale(languageCode: string | null | undefined): Locale | undefined {
  const primary = languageCode?.split(/[-_]/)[0]?.toLowerCase();
  return primary !== undefined && isLocale(primary) ? primary : undefined;
}
