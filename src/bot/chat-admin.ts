/**
 * Who may start and stop quizzes in a group: its creator and administrators (asked from
 * Telegram with getChatMember at the moment of the command, so a demoted admin loses the right
 * at once), the group itself when an admin posts anonymously, and the BOT_ADMIN_IDS users. In a
 * private chat the user is in charge of their own game.
 */
import type { BotContext } from './context.js';

export async function isChatAdmin(ctx: BotContext): Promise<boolean> {
  const chat = ctx.chat;
  const from = ctx.from;
  if (!chat || !from) return false;
  if (chat.type === 'private') return true;
  if (ctx.deps.adminIds.has(from.id)) return true;
  // An anonymous admin's message comes from the group itself (from = @GroupAnonymousBot).
  if (ctx.senderChat?.id === chat.id) return true;
  const member = await ctx.getChatMember(from.id);
  return member.status === 'creator' || member.status === 'administrator';
}
