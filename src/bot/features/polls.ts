/**
 * `poll` updates: Telegram's word on the state of a poll the bot sent. Intake drops the ones
 * about polls already known; what reaches this feature is a poll nobody recorded, which may be
 * a question whose delivery is unknown (the connection broke after sendPoll, or the sender
 * died before recording it): the engine reconciles it. When it matches the same question sent
 * to several chats, the update is handled again later, once voters can tell the polls apart
 * (Telegram sends no more `poll` updates once every vote is in); it stops waiting when those
 * questions are settled (told apart, or skipped at their deadline).
 */
import { Composer, type Api } from 'grammy';
import type { IsMember } from '../../engine/poll-voters.js';
import { deliveryOf } from '../../queue/delivery.js';
import type { BotContext } from '../context.js';
import { RetryLaterError } from '../inbox/failure-policy.js';

export const pollsFeature = new Composer<BotContext>();

pollsFeature.on('poll', async (ctx) => {
  const result = await ctx.deps.engine.reconcilePoll(ctx.poll, chatMembership(ctx.api));
  if (result === 'ambiguous') throw new RetryLaterError(`poll ${ctx.poll.id} matches several questions: waiting for its voters`);
});

/** Membership as getChatMember tells it; a chat the bot cannot see or a user it cannot find: not a member. */
function chatMembership(api: Api): IsMember {
  return async (chatId, userId) => {
    try {
      const member = await api.getChatMember(chatId, userId);
      return (
        member.status === 'creator' ||
        member.status === 'administrator' ||
        member.status === 'member' ||
        (member.status === 'restricted' && member.is_member)
      );
    } catch (error) {
      const delivery = deliveryOf(error);
      if (delivery === 'refused' || delivery === 'unreachable') return false;
      throw error;
    }
  };
}
