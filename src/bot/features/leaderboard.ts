/**
 * Scores: /leaderboard (the chat's all-time top), /myscore (a user's totals over every chat)
 * and the "My rank" button under a run's results (answered as an alert: no message is sent,
 * so any number of players can ask at once without touching the chat's flood limit).
 */
import { Composer } from 'grammy';
import { chatLeaderboard, userScore } from '../../store/queries/all-time-leaderboard.js';
import { playerRank } from '../../store/queries/run-rewards.js';
import { getRun } from '../../store/queries/runs.js';
import type { BotContext } from '../context.js';
import { RANK_CALLBACK } from '../keyboards/rank-keyboard.js';
import { displayName } from '../texts/format.js';
import { chatLeaderboardText, myScoreText, playerRankText } from '../texts/leaderboard.js';

export const leaderboardFeature = new Composer<BotContext>();

leaderboardFeature.command('leaderboard', async (ctx) => {
  const entries = await chatLeaderboard(ctx.deps.db, ctx.chat.id, { limit: 10 });
  const title = ctx.chat.type === 'private' ? null : (ctx.chat.title ?? null);
  await ctx.reply(
    chatLeaderboardText(
      ctx.t,
      entries.map((e) => ({ ...e, name: displayName(ctx.t, e) })),
      title,
    ),
  );
});

leaderboardFeature.command('myscore', async (ctx) => {
  if (!ctx.from) return;
  const score = await userScore(ctx.deps.db, ctx.from.id);
  await ctx.reply(
    myScoreText(ctx.t, { ...score, name: displayName(ctx.t, { firstName: ctx.from.first_name, username: ctx.from.username ?? null }) }),
  );
});

leaderboardFeature.callbackQuery(RANK_CALLBACK.pattern, async (ctx) => {
  const runId = Number(ctx.match[1]);
  const run = await getRun(ctx.deps.db, runId);
  const standing = run ? await playerRank(ctx.deps.db, runId, ctx.from.id) : undefined;
  const text = playerRankText(ctx.t, standing && run ? { ...standing, questionCount: run.questionCount } : undefined);
  await ctx.answerCallbackQuery({ text, show_alert: true });
});
