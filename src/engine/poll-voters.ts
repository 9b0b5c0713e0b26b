/**
 * Telling apart polls that ask the same thing, by who voted in them. The same question of one
 * quiz sent to several chats at once, all with unknown outcomes (their sender died, or their
 * connections broke, before Telegram's answers were recorded), gives polls that a `poll` update
 * cannot tell apart: it has no chat. A voter can only vote in a poll of a chat they are in, so a
 * voter who is a member of exactly one of the candidates' chats names the poll's chat. Telegram
 * is asked (getChatMember): our own records only show where someone played, never where they
 * are not.
 */
import type { OutboxRow } from '../store/schema/outbox.js';

/** Whether the user is in the chat now (a member, admin or creator); asked of Telegram. */
export type IsMember = (chatId: number, userId: number) => Promise<boolean>;

/** Voters asked about per try: each costs one getChatMember per candidate group. */
export const VOTERS_ASKED_MAX = 3;

/**
 * What the voters say about a poll among `candidates` (sends that match it by content):
 * - `{ send }`: a voter is in exactly that candidate's chat and no other: the poll was sent there;
 * - `'none'`: voters were asked about and none is in any candidate's chat: the poll is none of them;
 * - `'undecided'`: no voter yet, or every voter asked is in several candidates' chats.
 */
export type VoterVerdict = { send: OutboxRow } | 'none' | 'undecided';

export async function identifyByVoters(
  candidates: readonly OutboxRow[],
  voters: readonly number[],
  isMember: IsMember,
): Promise<VoterVerdict> {
  const byChat = new Map<number, OutboxRow[]>();
  for (const row of candidates) {
    const chatId = chatOfSend(row);
    if (chatId !== undefined) byChat.set(chatId, [...(byChat.get(chatId) ?? []), row]);
  }
  const asked = voters.slice(0, VOTERS_ASKED_MAX);
  let inSome = false;
  for (const voter of asked) {
    const chats: number[] = [];
    for (const chatId of byChat.keys()) {
      // A private chat's only player is the user whose id it has: no need to ask.
      const member = chatId > 0 ? chatId === voter : await isMember(chatId, voter);
      if (member) chats.push(chatId);
      if (chats.length > 1) break;
    }
    if (chats.length > 0) inSome = true;
    const rows = chats.length === 1 ? byChat.get(chats[0] as number) : undefined;
    // Two unknown sends of this question in one chat cannot be told apart by anyone.
    if (rows?.length === 1) return { send: rows[0] as OutboxRow };
  }
  return asked.length > 0 && !inSome ? 'none' : 'undecided';
}

/** The chat a send went to, from its request. */
function chatOfSend(row: OutboxRow): number | undefined {
  const chatId = (JSON.parse(row.payload) as { chat_id?: unknown }).chat_id;
  return typeof chatId === 'number' ? chatId : undefined;
}
