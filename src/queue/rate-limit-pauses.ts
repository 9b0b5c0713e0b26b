/**
 * What a 429 pauses, and for how long: exactly the scope it hit (rate-limit-scope.ts guesses
 * which: the chat, or the whole bot) for `retry_after` seconds. A chat's pause is its lane's;
 * a global pause holds every call Telegram limits over all chats. Lanes and retries wait for
 * {@link RateLimitPauses.globalUntil} on their own; this wakes the lanes when it ends.
 */
import type { Clock, Timer } from '../lib/clock.js';
import type { Lane } from './chat-lanes.js';
import { RateLimitScopes, type RateLimitScope } from './rate-limit-scope.js';

export class RateLimitPauses {
  readonly #clock: Clock;
  readonly #wake: () => void;
  readonly #scopes = new RateLimitScopes();
  #globalUntil = 0;
  #timer: Timer | undefined;

  /** `wake` runs when a global pause ends (the queue pumps its lanes). */
  constructor(clock: Clock, wake: () => void) {
    this.#clock = clock;
    this.#wake = wake;
  }

  /** Epoch ms of the clock before which nothing globally limited goes out (0: no pause). */
  get globalUntil(): number {
    return this.#globalUntil;
  }

  /** A 429 answered a call of `lane` (undefined: a call outside lanes): pauses its scope, which it returns. */
  hit(lane: Pick<Lane<unknown>, 'key' | 'kind' | 'pausedUntil'> | undefined, retryAfterS: number): RateLimitScope {
    const now = this.#clock.now();
    const until = now + retryAfterS * 1000;
    const scope = this.#scopes.scopeOf(lane ? { key: lane.key, kind: lane.kind } : undefined, now);
    if (lane) lane.pausedUntil = Math.max(lane.pausedUntil, until);
    if (scope === 'global' && until > this.#globalUntil) {
      this.#globalUntil = until;
      this.#timer?.cancel();
      this.#timer = this.#clock.setTimeout(this.#wake, until - now);
    }
    return scope;
  }

  /** Stops the wake-up timer (shutdown). */
  cancel(): void {
    this.#timer?.cancel();
  }
}
