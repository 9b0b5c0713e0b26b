/**
 * The batching window of a group commit: one timer, due when the oldest waiting item has waited
 * `flushMs`. Kept apart from the batcher because it is the only part that reads the window's
 * clock, and re-arming only when the due time changes keeps a busy buffer from churning timers.
 */
import type { Clock, Timer } from '../lib/clock.js';

/** The one flush timer: re-armed only when the due time changes. */
export class FlushTimer {
  readonly #clock: Clock;
  readonly #onDue: () => void;
  #armed: { at: number; timer: Timer } | undefined;

  constructor(clock: Clock, onDue: () => void) {
    this.#clock = clock;
    this.#onDue = onDue;
  }

  at(dueAt: number): void {
    if (this.#armed?.at === dueAt) return;
    this.cancel();
    const timer = this.#clock.setTimeout(() => {
      this.#armed = undefined;
      this.#onDue();
    }, dueAt - this.#clock.now());
    this.#armed = { at: dueAt, timer };
  }

  cancel(): void {
    this.#armed?.timer.cancel();
    this.#armed = undefined;
  }
}
