/**
 * Quizzes in groups: /startquiz <id> [15s] and /stopquiz, for the group's admins (and
 * BOT_ADMIN_IDS); also `/start quiz_<id>`, which Telegram sends when someone adds the bot
 * through a `startgroup=quiz_<id>` link. /startquiz in private is answered with where it works.
 */
import { Composer } from 'grammy';
import { isChatAdmin } from '../chat-admin.js';
import type { BotContext } from '../context.js';
import { isQuizDeepLink } from '../deep-links.js';
import { onlyAdminsStartText, onlyAdminsStopText, stopQuizText } from '../texts/play.js';
import { startQuizInPrivateText } from '../texts/wrong-chat.js';
import { parseStartArguments, startRunFromChat } from '../start-run.js';

export const groupPlayFeature = new Composer<BotContext>();
const groups = groupPlayFeature.chatType(['group', 'supergroup']);

groupPlayFeature.chatType('private').command('startquiz', async (ctx) => {
  const parsed = parseStartArguments(ctx.t, ctx.match, 'private');
  await ctx.reply(startQuizInPrivateText(ctx.t, ctx.me.username, parsed.ok ? parsed.quizId : undefined));
});

groups.command('startquiz', async (ctx) => {
  if (!(await isChatAdmin(ctx))) {
    await ctx.reply(onlyAdminsStartText(ctx.t));
    return;
  }
  await startRunFromChat(ctx, ctx.match, 'group');
});

groups.command('start', async (ctx, next) => {
  if (!isQuizDeepLink(ctx.match)) return next();
  if (!(await isChatAdmin(ctx))) {
    await ctx.reply(onlyAdminsStartText(ctx.t));
    return;
  }
  await startRunFromChat(ctx, ctx.match, 'group');
});

groups.command('stopquiz', async (ctx) => {
  if (!(await isChatAdmin(ctx))) {
    await ctx.reply(onlyAdminsStopText(ctx.t));
    return;
  }
  const stopped = await ctx.deps.engine.stopRun(ctx.chat.id);
  await ctx.reply(stopQuizText(ctx.t, stopped, 'group'));
});
