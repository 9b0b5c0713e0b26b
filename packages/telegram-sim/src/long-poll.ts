/**
 * getUpdates' waiting call and Telegram's 409 answers around it (tdlib/telegram-bot-api,
 * Client::do_get_updates, abort_long_poll, fail_query_conflict).
 */
import type { Clock, ClockTimer } from './clock.js';
import { conflict } from './errors.js';
import type { RawJson } from './raw-json.js';
import { NO_UPDATES } from './raw-json.js';

/** "Conflict: ..." texts of getUpdates. */
export const CONFLICTS = {
  webhookActive: "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  otherGetUpdates: 'terminated by other getUpdates request; make sure that only one bot instance is running',
  setWebhook: 'terminated by setWebhook request',
} as const;

/** Telegram answers a 409 at once at most every 3 s; the others wait 3 s first. */
const CONFLICT_SPACING_MS = 3_000;

interface Waiter {
  from: number;
  limit: number;
  timer: ClockTimer;
  resolve(result: RawJson): void;
  reject(error: unknown): void;
  detach(): void;
}

/** What the poller needs from the hub. */
export interface LongPollHooks {
  clock: Clock;
  /** The updates from `from` on (confirming older ones), handed out; undefined when there are none. */
  collect(from: number, limit: number): RawJson | undefined;
  /** Counts each 409 answered. */
  onConflict(): void;
}

/** At most one waiting getUpdates call, as Telegram keeps per bot. */
export class LongPoll {
  readonly #hooks: LongPollHooks;
  readonly #delayedConflicts = new Map<ClockTimer, () => void>();
  #waiter: Waiter | undefined;
  #wakeScheduled = false;
  #nextConflictAt = -Infinity;
  #closed = false;

  constructor(hooks: LongPollHooks) {
    this.#hooks = hooks;
  }

  /**
   * Waits up to `timeoutMs` for updates from `from` on. A call already waiting ends with 409
   * "terminated by other getUpdates request". When `signal` aborts, the call is dropped: it
   * rejects with the signal's reason and nothing is handed out for it.
   */
  wait(from: number, limit: number, timeoutMs: number, signal: AbortSignal | undefined): Promise<RawJson> {
    this.end(CONFLICTS.otherGetUpdates);
    return new Promise<RawJson>((resolve, reject) => {
      const onAbort = (): void => {
        if (this.#waiter === waiter) {
          this.#waiter = undefined;
          waiter.timer.cancel();
        }
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        from,
        limit,
        timer: this.#hooks.clock.setTimeout(() => this.#answer(), timeoutMs),
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiter = waiter;
    });
  }

  /** An update was queued: the waiting call answers, together with whatever else arrives in this tick. */
  notify(): void {
    if (!this.#waiter || this.#wakeScheduled) return;
    this.#wakeScheduled = true;
    queueMicrotask(() => {
      this.#wakeScheduled = false;
      this.#answer();
    });
  }

  /** Ends the waiting call, if any, with a 409 "Conflict: `what`". */
  end(what: string): void {
    const waiter = this.#take();
    if (waiter) this.conflict(what).catch(waiter.reject);
  }

  /** A 409 answer; 3 s late when another one went out less than 3 s ago. */
  conflict(what: string): Promise<never> {
    this.#hooks.onConflict();
    const error = conflict(what);
    const now = this.#hooks.clock.now();
    if (now >= this.#nextConflictAt || this.#closed) {
      this.#nextConflictAt = now + CONFLICT_SPACING_MS;
      return Promise.reject(error);
    }
    return new Promise<never>((_, reject) => {
      const timer = this.#hooks.clock.setTimeout(() => {
        this.#delayedConflicts.delete(timer);
        reject(error);
      }, CONFLICT_SPACING_MS);
      this.#delayedConflicts.set(timer, () => reject(error));
    });
  }

  /** Answers the waiting call with what there is, and delayed 409s at once. */
  close(): void {
    this.#closed = true;
    this.#answer();
    for (const [timer, answer] of this.#delayedConflicts) {
      timer.cancel();
      answer();
    }
    this.#delayedConflicts.clear();
  }

  /** Telegram's wake-up: do_get_updates again with timeout 0, which answers even when empty. */
  #answer(): void {
    const waiter = this.#take();
    waiter?.resolve(this.#hooks.collect(waiter.from, waiter.limit) ?? NO_UPDATES);
  }

  /** The waiting call, no longer waiting: its timer and abort listener are gone. */
  #take(): Waiter | undefined {
    const waiter = this.#waiter;
    if (!waiter) return undefined;
    this.#waiter = undefined;
    waiter.timer.cancel();
    waiter.detach();
    return waiter;
  }
}
