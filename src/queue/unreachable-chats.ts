/**
 * Chats this instance knows it cannot write to: a 403 answered there (the user blocked the bot,
 * the bot was removed). Sends there are refused at once until the chat is marked reachable.
 * This is the queue's fast copy; the record of the fact is src/bot/chat-reachability.ts's.
 */
export class UnreachableChats {
  readonly #reasons = new Map<string, string>();

  /** Why the bot cannot write to the chat, or undefined when it can. */
  reasonOf(chatKey: string): string | undefined {
    return this.#reasons.get(chatKey);
  }

  /** Records a 403; true when the chat was not known to be unreachable before. */
  mark(chatKey: string, reason: string): boolean {
    if (this.#reasons.has(chatKey)) return false;
    this.#reasons.set(chatKey, reason);
    return true;
  }

  /** The chat can be written to again (the user wrote to the bot, the bot was added back). */
  clear(chatKey: string): void {
    this.#reasons.delete(chatKey);
  }
}
