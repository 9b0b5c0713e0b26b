/**
 * Which language an update is answered in: the language the chat chose with /language; in a
 * private chat without one, the user's Telegram language (`language_code`) when the bot speaks
 * it; English otherwise. A group that chose nothing is answered in English, whoever writes: its
 * members may each use another language, and its admins choose one with /language.
 *
 * The choice is read from the database once per update (one primary-key read), not cached across
 * updates: any replica may have stored a new choice a moment ago. Within an update it is read
 * once: the i18n middleware, `ctx.i18n.getLocale()` (a run's language) and /language all ask.
 */
import { chatLanguage } from '../../store/queries/chat-languages.js';
import { DEFAULT_LOCALE, isLocale, supportedLocale, type Locale } from '../../i18n/locales.js';
import type { BotContext } from '../context.js';

/** An update's language, and whether its chat chose it (with /language) rather than inheriting it. */
export interface ChatLanguage {
  locale: Locale;
  chosen: boolean;
}

/** Each update's answer, read once (an update is one context object). */
const negotiated = new WeakMap<BotContext, Promise<ChatLanguage>>();

export function chatLanguageOf(ctx: BotContext): Promise<ChatLanguage> {
  let language = negotiated.get(ctx);
  if (!language) {
    language = readChatLanguage(ctx);
    negotiated.set(ctx, language);
    // A failed read is not remembered: a retry of the update reads again.
    language.catch(() => negotiated.delete(ctx));
  }
  return language;
}

/** The i18n middleware's negotiator. */
export async function negotiateChatLanguage(ctx: BotContext): Promise<Locale> {
  return (await chatLanguageOf(ctx)).locale;
}

async function readChatLanguage(ctx: BotContext): Promise<ChatLanguage> {
  const chat = ctx.chat;
  const inherited = chat?.type === 'private' || !chat ? (supportedLocale(ctx.from?.language_code) ?? DEFAULT_LOCALE) : DEFAULT_LOCALE;
  if (!chat) return { locale: inherited, chosen: false };
  const chosen = await chatLanguage(ctx.deps.db, chat.id);
  return chosen !== null && isLocale(chosen) ? { locale: chosen, chosen: true } : { locale: inherited, chosen: false };
}
