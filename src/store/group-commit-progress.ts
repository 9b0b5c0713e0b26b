/**
 * Who waits for a group commit's progress: each flush() caller holds a mark (the sequence number
 * after the last item added before it) and is woken once every item below the mark is settled.
 * The batcher reports the lowest unfinished item after each batch; a close deadline wakes all.
 */

interface ProgressWaiter {
  until: number;
  wake(): void;
}

/** flush() callers, each woken when every item numbered below its mark is settled. */
export class ProgressWaiters {
  #waiters: ProgressWaiter[] = [];

  wait(until: number, lowestUnfinished: number): Promise<void> {
    if (lowestUnfinished >= until) return Promise.resolve();
    return new Promise((wake) => this.#waiters.push({ until, wake }));
  }

  update(lowestUnfinished: number): void {
    if (this.#waiters.length === 0) return;
    const still: ProgressWaiter[] = [];
    for (const waiter of this.#waiters) {
      if (lowestUnfinished >= waiter.until) waiter.wake();
      else still.push(waiter);
    }
    this.#waiters = still;
  }

  wakeAll(): void {
    this.update(Number.POSITIVE_INFINITY);
  }
}
