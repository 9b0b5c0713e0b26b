/**
 * /language: the language the bot speaks in a chat. In private the user chooses (or goes back to
 * the Telegram app's language); in a group its admins choose, and runs started there speak it.
 * `/language` shows the current one with a button per language; `/language de` chooses at once.
 */
import { Composer } from 'grammy';
import { DEFAULT_LOCALE, LOCALE_NAMES, LOCALES, isLocale, supportedLocale, type Locale } from '../../i18n/locales.js';
import { setChatLanguage } from '../../store/queries/chat-languages.js';
import { isChatAdmin } from '../chat-admin.js';
import { setChatCommandMenus } from '../command-menu.js';
import type { BotContext } from '../context.js';
import { chatLanguageOf } from '../middleware/chat-language.js';
import { LANGUAGE_CALLBACK, createLanguageKeyboard } from '../keyboards/language-keyboard.js';
import { currentLanguageText, languageSetText, onlyAdminsLanguageText, unknownLanguageText } from '../texts/language.js';

export const languageFeature = new Composer<BotContext>();
const chats = languageFeature.chatType(['private', 'group', 'supergroup']);

chats.command('language', async (ctx) => {
  const asked = ctx.match.trim();
  const group = ctx.chat.type !== 'private';
  if (asked === '') {
    const { locale, chosen } = await chatLanguageOf(ctx);
    await ctx.reply(currentLanguageText(ctx.t, { locale, chosen, group }), {
      reply_markup: createLanguageKeyboard(ctx.t, { offerAuto: !group }),
    });
    return;
  }
  const choice = choiceNamed(asked, group);
  if (choice === undefined) {
    await ctx.reply(unknownLanguageText(ctx.t, asked));
    return;
  }
  if (!(await isChatAdmin(ctx))) {
    await ctx.reply(onlyAdminsLanguageText(ctx.t));
    return;
  }
  await ctx.reply(await choose(ctx, choice));
});

chats.callbackQuery(LANGUAGE_CALLBACK.pattern, async (ctx) => {
  const choice = choiceNamed(ctx.match[1] ?? '', ctx.chat.type !== 'private');
  if (choice === undefined) {
    await ctx.answerCallbackQuery();
    return;
  }
  if (!(await isChatAdmin(ctx))) {
    await ctx.answerCallbackQuery({ text: onlyAdminsLanguageText(ctx.t), show_alert: true });
    return;
  }
  const text = await choose(ctx, choice);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(text);
});

/** A language by its code or its own name (`de`, `Deutsch`); `auto` only in private. */
function choiceNamed(asked: string, group: boolean): Locale | 'auto' | undefined {
  const lower = asked.toLowerCase();
  if (lower === 'auto') return group ? undefined : 'auto';
  if (isLocale(lower)) return lower;
  return LOCALES.find((locale) => LOCALE_NAMES[locale].toLowerCase() === lower);
}

/** Stores the choice, answers from here on in the new language, and returns the confirmation. */
async function choose(ctx: BotContext, choice: Locale | 'auto'): Promise<string> {
  const chat = ctx.chat;
  if (!chat) throw new Error('/language without a chat');
  const group = chat.type !== 'private';
  await setChatLanguage(ctx.deps.db, { chatId: chat.id, language: choice === 'auto' ? null : choice });
  const locale = choice === 'auto' ? (supportedLocale(ctx.from?.language_code) ?? DEFAULT_LOCALE) : choice;
  ctx.i18n.useLocale(locale);
  ctx.logger.info({ chatId: chat.id, language: choice }, 'Chat language chosen');
  // ctx.t speaks the new language from here on (useLocale above).
  void setChatCommandMenus(ctx.api, ctx.logger, { id: chat.id, group }, choice === 'auto' ? undefined : ctx.t);
  return languageSetText(ctx.t, { locale, auto: choice === 'auto', group });
}
