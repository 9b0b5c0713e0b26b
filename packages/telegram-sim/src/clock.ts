/**
 * Time as the simulator sees it. Everything in telegram-sim that waits (poll timers,
 * flood-limit windows, long polling, webhook retries) asks a Clock, so tests can drive time by
 * hand with {@link ManualClock} instead of sleeping and hoping.
 *
 * The package has its own Clock and does not import the bot it simulates for. A bot that reads
 * time through an interface of the same shape (quiz-agent's src/lib/clock.ts) can take this
 * ManualClock as is: TypeScript types are structural, so one ManualClock drives both the bot
 * and its Telegram.
 */

/** A scheduled callback; `cancel()` is safe to call more than once or after it ran. */
export interface ClockTimer {
  cancel(): void;
}

/** Milliseconds since the Unix epoch, and timers in that same time. */
export interface Clock {
  now(): number;
  /** Runs `callback` once, `ms` milliseconds from now. */
  setTimeout(callback: () => void, ms: number): ClockTimer;
}

/**
 * The real clock. Its timers are unref'd: a timer never keeps the process alive on its own
 * (the HTTP server decides the process's lifetime).
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, Math.max(0, ms));
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};

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

  setTimeout(callback: () => void, ms: number): ClockTimer {
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
