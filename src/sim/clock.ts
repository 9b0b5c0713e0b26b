/**
 * Time as the simulator sees it. Everything in src/sim that waits (poll timers, flood-limit
 * windows, long polling, webhook retries) asks a Clock, so tests can drive time by hand with
 * {@link ManualClock} instead of sleeping and hoping.
 */

// The bot and the simulator read time through one interface, so one ManualClock can drive both.
import type { Clock, Timer } from '../lib/clock.js';

export type { Clock, Timer as ClockTimer } from '../lib/clock.js';
export { systemClock } from '../lib/clock.js';

interface ManualTimer {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/**
 * A clock that moves only when told to. `advance(ms)` runs every timer that falls due within
 * the step, in time order (timers scheduled by those callbacks run too if they fall inside it).
 *
 * @example
 * const clock = new ManualClock(Date.UTC(2026, 0, 1));
 * clock.setTimeout(() => console.log('closed'), 5_000);
 * clock.advance(5_000); // logs 'closed'
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: ManualTimer[] = [];

  /** @param start epoch milliseconds to start at [2026-01-01T00:00:00Z] */
  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): Timer {
    const timer: ManualTimer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, callback, cancelled: false };
    this.#timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Moves time forward by `ms`, running the timers that fall due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`ManualClock.advance expects a duration >= 0 ms, got ${ms}`);
    const target = this.#now + ms;
    for (;;) {
      const next = this.#nextDue(target);
      if (!next) break;
      this.#timers.splice(this.#timers.indexOf(next), 1);
      this.#now = next.at;
      next.callback();
    }
    this.#now = target;
  }

  /** Timers scheduled and neither run nor cancelled. */
  get pendingTimers(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }

  #nextDue(limit: number): ManualTimer | undefined {
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    let best: ManualTimer | undefined;
    for (const t of this.#timers) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
