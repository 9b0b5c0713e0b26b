/**
 * Which updates are being handled, for at-least-once intake. Telegram forgets an update once
 * a getUpdates call asks for a higher offset, so the offset may move only past updates whose
 * handling is complete: {@link UpdateTracker.safeOffset} is the lowest update still in flight
 * (or the next one after everything seen). Updates at or above that offset come back with the
 * next call; the ones already in flight or already done are recognised and dropped.
 */
export class UpdateTracker {
  readonly #inFlight = new Set<number>();
  /** Finished updates not yet confirmed to Telegram (at or above the offset last asked for). */
  readonly #done = new Set<number>();
  #nextUnseen = 0;
  /** Telegram was last asked for this offset: everything below is confirmed. */
  #confirmedBelow = 0;
  #waiters: (() => void)[] = [];
  #duplicates = 0;

  /**
   * Starts tracking `updateId`; false when it is in flight or done already (a redelivery), in
   * which case the caller must drop it.
   */
  begin(updateId: number): boolean {
    if (this.#inFlight.has(updateId) || this.#done.has(updateId) || updateId < this.#confirmedBelow) {
      this.#duplicates++;
      return false;
    }
    this.#inFlight.add(updateId);
    if (updateId >= this.#nextUnseen) this.#nextUnseen = updateId + 1;
    return true;
  }

  /** The update's handling is over (successfully or not: a failed update is not retried). */
  end(updateId: number): void {
    if (!this.#inFlight.delete(updateId)) return;
    this.#done.add(updateId);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** The offset to ask getUpdates for: nothing below it is in flight. */
  safeOffset(): number {
    let lowest = this.#nextUnseen;
    for (const id of this.#inFlight) if (id < lowest) lowest = id;
    return lowest;
  }

  /** Telegram was asked for `offset`: everything below is confirmed and forgotten. */
  confirm(offset: number): void {
    if (offset <= this.#confirmedBelow) return;
    this.#confirmedBelow = offset;
    for (const id of this.#done) if (id < offset) this.#done.delete(id);
  }

  /** Resolves when some update in flight finishes (at once when none is in flight). */
  whenOneEnds(): Promise<void> {
    if (this.#inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Resolves when nothing is in flight. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await this.whenOneEnds();
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Redelivered updates dropped because they were in flight or done. */
  get duplicatesDropped(): number {
    return this.#duplicates;
  }
}
