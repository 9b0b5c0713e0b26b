/**
 * How the queue treats each Bot API method: which ones Telegram rate-limits per chat and
 * globally, which ones would duplicate a message if repeated after an unclear failure, and which
 * one never enters the queue.
 */

/**
 * Calls that post or change a message: Telegram counts them against the per-chat, per-group
 * (edits included) and global limits. sendChatAction posts nothing and is not counted.
 */
export function isRateLimited(method: string): boolean {
  return /^(send(?!ChatAction)|copyMessage|forwardMessage|editMessage|stopPoll|pinChatMessage)/.test(method);
}

/**
 * Calls that create a new message: sent twice, the chat sees it twice. When the connection
 * breaks after such a request went out, the queue cannot know whether Telegram acted on it and
 * must not repeat it blindly. Edits, deletions and reads are safe to repeat.
 */
export function duplicatesOnRepeat(method: string): boolean {
  return /^(send(?!ChatAction)|copyMessage|forwardMessage)/.test(method);
}

/**
 * getUpdates is a long poll that waits up to its timeout for updates: inside the queue it would
 * hold a worker for that long and sit behind outbound traffic, delaying every incoming update.
 * Telegram does not rate-limit it, so it bypasses the queue.
 */
export function bypassesQueue(method: string): boolean {
  return method === 'getUpdates';
}

export type ChatKind = 'private' | 'group';

/**
 * The chat a call addresses, if any: positive ids are users (private chats), negative ids are
 * groups, supergroups and channels; an `@username` names a public supergroup or channel.
 */
export function targetChat(payload: unknown): { key: string; kind: ChatKind } | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const chatId = (payload as { chat_id?: unknown }).chat_id;
  if (typeof chatId === 'number') return { key: String(chatId), kind: chatId > 0 ? 'private' : 'group' };
  if (typeof chatId === 'string' && chatId !== '') {
    const numeric = Number(chatId);
    if (Number.isSafeInteger(numeric)) return { key: String(numeric), kind: numeric > 0 ? 'private' : 'group' };
    return { key: chatId.toLowerCase(), kind: 'group' };
  }
  return undefined;
}

/** Whether the call asks for Telegram's paid broadcast budget (1000 messages/s). */
export function usesPaidBroadcast(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && (payload as { allow_paid_broadcast?: unknown }).allow_paid_broadcast === true;
}
