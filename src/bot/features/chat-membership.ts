/**
 * The bot's own membership (my_chat_member): removed from a group or blocked by a user, the
 * chat is marked blocked so the engine stops sending there; added back or unblocked, the mark
 * and the outbound queue's refusal (set after a 403) are lifted at once (chat-reachability.ts).
 */
import { Composer } from 'grammy';
import { upsertChat } from '../../store/queries/chats.js';
import type { BotContext } from '../context.js';

export const chatMembershipFeature = new Composer<BotContext>();

chatMembershipFeature.on('my_chat_member', async (ctx) => {
  const { chat } = ctx;
  const status = ctx.myChatMember.new_chat_member.status;
  const db = ctx.deps.db;
  await upsertChat(db, { id: chat.id, type: chat.type, title: chat.type === 'private' ? null : (chat.title ?? null) });
  if (status === 'kicked' || status === 'left') {
    if (await ctx.deps.chats.markBlocked(chat.id))
      ctx.logger.info({ chatId: chat.id, status }, 'The bot was removed or blocked: no more messages to this chat');
    return;
  }
  if (await ctx.deps.chats.markReachable(chat.id)) ctx.logger.info({ chatId: chat.id, status }, 'The bot is back in this chat');
});
