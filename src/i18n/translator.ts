/**
 * Every user-facing text goes through Fluent (`locales/<language>/*.ftl`), loaded once by
 * @grammyjs/i18n. Handlers translate with `ctx.t` (the language negotiated for the update,
 * src/bot/middleware/chat-language.ts); the run engine, which speaks in chats outside any
 * update, with {@link translatorFor} and the language its run started with.
 */
import { fileURLToPath } from 'node:url';
import { I18n } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import { FLUENT_FUNCTIONS } from './fluent-functions.js';
import { DEFAULT_LOCALE, type Locale } from './locales.js';

/** Fluent variables: numbers are formatted for the language (1,000 / 1 000), so ids go as strings. */
export type TextVariables = Readonly<Record<string, string | number>>;

/** A text by its Fluent message id, in one language. `ctx.t` is one. */
export type Translate = (key: string, variables?: TextVariables) => string;

/** The directory of Fluent files, next to src/ (the Docker image copies it too). */
export const LOCALES_DIRECTORY = fileURLToPath(new URL('../../locales', import.meta.url));

/**
 * Loads every locale. Bidi isolation marks are off: Telegram lays out mixed-direction text
 * itself, and the marks would end up in copied ids and commands.
 */
export function createI18n<C extends Context>(options: { localeNegotiator?: (ctx: C) => Promise<Locale> } = {}): I18n<C> {
  return new I18n<C>({
    defaultLocale: DEFAULT_LOCALE,
    directory: LOCALES_DIRECTORY,
    fluentBundleOptions: { useIsolating: false, functions: FLUENT_FUNCTIONS },
    ...(options.localeNegotiator ? { localeNegotiator: options.localeNegotiator } : {}),
  });
}

/** The texts of one language, for code that runs outside an update (the run engine, tests). */
export function translatorFor(i18n: Pick<I18n, 't'>, locale: Locale): Translate {
  return (key, variables) => i18n.t(locale, key, variables as Record<string, string | number> | undefined);
}
