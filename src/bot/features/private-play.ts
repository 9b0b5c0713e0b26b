/**
 * Quizzes in private: /play <id> or the deep link t.me/<bot>?start=quiz_<id>. The next
 * question comes as soon as the player answers (or the time is up); /stopquiz ends the game.
 * /play in a group is answered with where it works.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { isQuizDeepLink } from '../deep-links.js';
import { stopQuizText } from '../texts/play.js';
import { playInGroupText } from '../texts/wrong-chat.js';
import { parseStartArguments, startRunFromChat } from '../start-run.js';

export const privatePlayFeature = new Composer<BotContext>();
const privateChats = privatePlayFeature.chatType('private');

privatePlayFeature.chatType(['group', 'supergroup']).command('play', async (ctx) => {
  const parsed = parseStartArguments(ctx.t, ctx.match, 'group');
  await ctx.reply(playInGroupText(ctx.t, ctx.me.username, parsed.ok ? parsed.quizId : undefined));
});

privateChats.command('play', (ctx) => startRunFromChat(ctx, ctx.match, 'private'));

privateChats.command('start', async (ctx, next) => {
  if (!isQuizDeepLink(ctx.match)) return next();
  await startRunFromChat(ctx, ctx.match, 'private');
});

privateChats.command('stopquiz', async (ctx) => {
  const stopped = await ctx.deps.engine.stopRun(ctx.chat.id);
  await ctx.reply(stopQuizText(ctx.t, stopped, 'private'));
});
