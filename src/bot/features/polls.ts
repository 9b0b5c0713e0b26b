/**
 * `poll` updates: Telegram's word on the state of a poll the bot sent. Intake drops the ones
 * about polls already known; what reaches this feature is a poll nobody recorded, which may be
 * a question whose delivery is unknown (the connection broke after sendPoll, or the sender
 * died before recording it): the engine reconciles it.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

export const pollsFeature = new Composer<BotContext>();

pollsFeature.on('poll', async (ctx) => {
  await ctx.deps.engine.reconcilePoll(ctx.poll);
});
