import { eq } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { chats } from '../schema/chats.js';

/** The language a chat chose with /language (set by a group's admins), or null when it chose none. */
export async function chatLanguage(executor: Executor, chatId: number): Promise<string | null> {
  const [row] = await executor.select({ language: chats.language }).from(chats).where(eq(chats.id, chatId)).limit(1);
  return row?.language ?? null;
}

/**
 * Stores the chat's language (null: follow Telegram's language_code again). Returns false when
 * the chat is unknown (every chat that sends a command is stored before the command runs).
 */
export async function setChatLanguage(executor: Executor, params: { chatId: number; language: string | null }): Promise<boolean> {
  const updated = await executor
    .update(chats)
    .set({ language: params.language })
    .where(eq(chats.id, params.chatId))
    .returning({ id: chats.id });
  return updated.length > 0;
}
