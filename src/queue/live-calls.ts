/** The calls the queue accepted and has not settled, and the wait for none to be left (drain). */
import type { Call } from './call.js';

export class LiveCalls {
  readonly #calls = new Set<Call>();
  #idle: (() => void)[] = [];

  get size(): number {
    return this.#calls.size;
  }

  add(call: Call): void {
    this.#calls.add(call);
  }

  /** Forgets a settled call; wakes {@link whenIdle} waiters when it was the last. */
  delete(call: Call): void {
    this.#calls.delete(call);
    if (this.#calls.size === 0) for (const wake of this.#idle.splice(0)) wake();
  }

  /** A copy, so that settling calls while iterating is safe. */
  snapshot(): Call[] {
    return [...this.#calls];
  }

  /** Resolves once no call is live. */
  whenIdle(): Promise<void> {
    if (this.#calls.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }
}
