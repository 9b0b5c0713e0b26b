import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { chats, type Chat } from '../schema/chats.js';
import { insertOrRefresh } from './insert-or-refresh.js';

/** A chat as an update describes it. */
export interface ChatProfile {
  /** Telegram's chat id (negative for groups). */
  id: number;
  type: Chat['type'];
  /** The group's title; null for private chats. */
  title: string | null;
}

/**
 * Creates the chat, or refreshes its type and title when they changed (an unchanged chat is not
 * rewritten). `blockedAt` is left alone: seeing a chat does not prove the bot may write there
 * again (a "kicked" my_chat_member update comes from the chat too); call
 * {@link clearChatBlocked} when it does.
 */
export async function upsertChat(executor: Executor, chat: ChatProfile): Promise<void> {
  await insertOrRefresh(executor, chats, {
    key: chats.id,
    row: { id: chat.id, type: chat.type, title: chat.title },
    refresh: { type: chat.type, title: chat.title },
    compared: [chats.type, chats.title],
  });
}

/**
 * Records that Telegram refused to deliver to this chat (403: the user blocked the bot, or the
 * bot was removed from the group), so the engine stops sending there. The first time is kept
 * when it is marked again. Returns false when the chat is unknown or was already blocked.
 */
export async function markChatBlocked(executor: Executor, chatId: number, at: Date = new Date()): Promise<boolean> {
  const updated = await executor
    .update(chats)
    .set({ blockedAt: at })
    .where(and(eq(chats.id, chatId), isNull(chats.blockedAt)))
    .returning({ id: chats.id });
  return updated.length > 0;
}

/**
 * Lifts the block set by {@link markChatBlocked}, for when the chat proves reachable again (a
 * user who had blocked the bot sends /start, the bot is added back to a group). Returns false
 * when the chat was not blocked.
 */
export async function clearChatBlocked(executor: Executor, chatId: number): Promise<boolean> {
  const updated = await executor
    .update(chats)
    .set({ blockedAt: null })
    .where(and(eq(chats.id, chatId), isNotNull(chats.blockedAt)))
    .returning({ id: chats.id });
  return updated.length > 0;
}

/** True when the bot must not send to this chat; false for an unknown chat. */
export async function isChatBlocked(executor: Executor, chatId: number): Promise<boolean> {
  const [row] = await executor.select({ blockedAt: chats.blockedAt }).from(chats).where(eq(chats.id, chatId));
  return row?.blockedAt != null;
}
