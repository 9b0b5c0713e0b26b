/**
 * Which limit a 429 hit. Telegram's answer does not say: a call to no chat, or 429s for several
 * chats within a second, mean the limit over all chats (everything pauses); otherwise the chat
 * (or group) was refused alone and pauses alone.
 */
import type { ChatKind } from './method-policy.js';

export type RateLimitScope = 'global' | ChatKind;

/** A 429 hitting this many different chats within a second is taken for the global limit. */
const GLOBAL_429_CHATS = 3;
const RECENT_MS = 1000;

export class RateLimitScopes {
  /** Chats refused within the last second, with when. */
  readonly #recent = new Map<string, number>();

  /** Records a 429 for `chat` (undefined: a call to no chat) at `now` and says what it hit. */
  scopeOf(chat: { key: string; kind: ChatKind } | undefined, now: number): RateLimitScope {
    if (!chat) return 'global';
    this.#recent.set(chat.key, now);
    for (const [key, at] of this.#recent) if (at < now - RECENT_MS) this.#recent.delete(key);
    return this.#recent.size >= GLOBAL_429_CHATS ? 'global' : chat.kind;
  }
}
