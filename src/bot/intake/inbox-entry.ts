/**
 * How an accepted update is filed in the inbox: its type, and its lane, the unit whose updates
 * are handled one at a time in order: a chat (messages, button presses, membership changes), a
 * user (a button under an inline message, which has no chat), a poll (`poll` updates), or the
 * update alone (a deferred poll answer: answers never wait behind one another or a chat; it
 * waits for its poll to be known, and is woken when it is).
 * Read defensively: a forged update may lack fields its type promises.
 */
import type { Update } from 'grammy/types';
import type { InboxEntry } from '../../store/queries/inbox.js';

/** The update's type: the name of its one field besides update_id. */
export function updateKind(update: Update): string {
  for (const key of Object.keys(update)) if (key !== 'update_id') return key;
  return 'unknown';
}

export function laneOf(update: Update): string {
  const u = update as unknown as Partial<
    Record<string, { chat?: { id?: unknown }; message?: { chat?: { id?: unknown } }; from?: { id?: unknown }; id?: unknown }>
  >;
  const chatId =
    u.message?.chat?.id ??
    u.callback_query?.message?.chat?.id ??
    u.my_chat_member?.chat?.id ??
    u.chat_member?.chat?.id ??
    u.edited_message?.chat?.id;
  if (typeof chatId === 'number') return `chat:${chatId}`;
  const fromId = u.callback_query?.from?.id;
  if (typeof fromId === 'number') return `user:${fromId}`;
  const pollId = u.poll?.id;
  if (typeof pollId === 'string') return `poll:${pollId}`;
  return `update:${update.update_id}`;
}

export function inboxEntryOf(update: Update, acceptedAt: Date, dead?: { reason: string }): InboxEntry {
  return {
    updateId: update.update_id,
    lane: laneOf(update),
    kind: updateKind(update),
    ...(typeof update.poll_answer?.poll_id === 'string' ? { waitsFor: update.poll_answer.poll_id } : {}),
    payload: JSON.stringify(update),
    acceptedAt,
    ...(dead ? { dead } : {}),
  };
}
