/**
 * Which language an update is answered in: the language the chat chose with /language; in a
 * private chat without one, the user's Telegram language (`language_code`) when the bot speaks
 * it; English otherwise. A group that chose nothing is answered in English, whoever writes: its
 * members may each use another language, and its admins choose one with /language.
 *
 * The choice is read from the database per update (one primary-key read), not cached: any replica
 * may have stored a new choice a moment ago.
 */
import { chatLanguage } from '../../store/queries/chat-languages.js';
import { DEFAULT_LOCALE, isLocale, supportedLocale, type Locale } from '../../i18n/locales.js';
import type { BotContext } from '../context.js';

export async function negotiateChatLanguage(ctx: BotContext): Promise<Locale> {
  const chat = ctx.chat;
  if (!chat) return supportedLocale(ctx.from?.language_code) ?? DEFAULT_LOCALE;
  const chosen = await chatLanguage(ctx.deps.db, chat.id);
  if (chosen !== null && isLocale(chosen)) return chosen;
  if (chat.type === 'private') return supportedLocale(ctx.from?.language_code) ?? DEFAULT_LOCALE;
  return DEFAULT_LOCALE;
}
