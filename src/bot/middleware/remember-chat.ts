/**
 * Keeps the users and chats tables current from messages and button presses (runs and quizzes
 * point at both), without a write per update: a profile already stored unchanged by this
 * process is skipped. (A user who unblocks the bot, or a group that adds it back, is handled by
 * the chat-membership feature: Telegram sends my_chat_member for both.)
 */
import type { MiddlewareFn } from 'grammy';
import { BoundedCache } from '../../lib/bounded-cache.js';
import { upsertChat } from '../../store/queries/chats.js';
import { upsertUser } from '../../store/queries/users.js';
import type { BotContext } from '../context.js';

/** Profiles remembered as stored; the oldest are forgotten first. */
const REMEMBERED_LIMIT = 50_000;

export function rememberChat(): MiddlewareFn<BotContext> {
  const stored = new BoundedCache<string, string>(REMEMBERED_LIMIT);
  const remember = (key: string, value: string): boolean => {
    if (stored.get(key) === value) return false;
    stored.set(key, value);
    return true;
  };

  return async (ctx, next) => {
    const { from, chat } = ctx;
    if ((ctx.message || ctx.callbackQuery) && from && chat) {
      const db = ctx.deps.db;
      const profile = { id: from.id, firstName: from.first_name, username: from.username ?? null };
      if (remember(`u${from.id}`, `${profile.firstName}\u0000${profile.username ?? ''}`)) await upsertUser(db, profile);
      const title = chat.type === 'private' ? null : (chat.title ?? null);
      if (remember(`c${chat.id}`, `${chat.type}\u0000${title ?? ''}`)) await upsertChat(db, { id: chat.id, type: chat.type, title });
    }
    await next();
  };
}
