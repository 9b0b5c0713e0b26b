/**
 * The memory side of a group commit: the items it holds and the callers waiting for room.
 * Held items (waiting for a batch, or in a batch being committed) never exceed the limit;
 * callers above it wait in arrival order and are let in as batches finish.
 */

/** One item on its way to the database, settled exactly once (committed, refused or given up). */
export class HeldItem<T> {
  readonly item: T;
  /** Arrival order; every item numbered below a flush's mark must finish before it resolves. */
  readonly seq: number;
  /** Clock ms at which the item got room: its flush delay runs from then. */
  readyAt = 0;
  #settled = false;
  readonly #resolve: () => void;
  readonly #reject: (error: unknown) => void;

  constructor(item: T, seq: number, resolve: () => void, reject: (error: unknown) => void) {
    this.item = item;
    this.seq = seq;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  get settled(): boolean {
    return this.#settled;
  }

  /** Resolves the caller; false when the item was already settled (e.g. given up at a deadline). */
  resolve(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    this.#resolve();
    return true;
  }

  /** Rejects the caller; false when the item was already settled. */
  reject(error: unknown): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    this.#reject(error);
    return true;
  }
}

/**
 * Items ready for a batch, items in batches being committed (counted, not kept), and callers
 * waiting for room. Items numbered in arrival order stay in that order: a caller that waited
 * for room is never overtaken by a later one.
 */
export class BoundedBuffer<T> {
  readonly #limit: number;
  readonly #now: () => number;
  readonly #ready: HeldItem<T>[] = [];
  /** Waiting for room; consumed from #blockedHead so that letting one in is O(1). */
  #blocked: HeldItem<T>[] = [];
  #blockedHead = 0;
  #inFlight = 0;
  #peak = 0;

  /** @param now the clock's time, stamped on each item as it gets room */
  constructor(limit: number, now: () => number) {
    this.#limit = limit;
    this.#now = now;
  }

  /** Items held: ready plus in batches being committed. Never above the limit. */
  get held(): number {
    return this.#ready.length + this.#inFlight;
  }

  /** Most items ever held at once. */
  get peak(): number {
    return this.#peak;
  }

  /** Callers waiting for room. */
  get blocked(): number {
    return this.#blocked.length - this.#blockedHead;
  }

  /** Items ready for a batch. */
  get ready(): number {
    return this.#ready.length;
  }

  /** Takes the item in if there is room and nobody waits before it; otherwise it waits. */
  push(entry: HeldItem<T>): void {
    if (this.blocked === 0 && this.held < this.#limit) this.#admit(entry);
    else this.#blocked.push(entry);
  }

  /** The item that has been ready longest. */
  oldestReady(): HeldItem<T> | undefined {
    return this.#ready[0];
  }

  /** Removes up to `max` ready items, oldest first; they stay counted as held until `release()`. */
  take(max: number): HeldItem<T>[] {
    const batch = this.#ready.splice(0, max);
    this.#inFlight += batch.length;
    return batch;
  }

  /** A batch of `count` items finished: its room goes to the callers waiting, first come first in. */
  release(count: number): void {
    this.#inFlight -= count;
    while (this.blocked > 0 && this.held < this.#limit) this.#admit(this.#blocked[this.#blockedHead++] as HeldItem<T>);
    // Drop the consumed head now and then, so the array does not grow for ever.
    if (this.#blockedHead > 1024 && this.#blockedHead * 2 > this.#blocked.length) {
      this.#blocked = this.#blocked.slice(this.#blockedHead);
      this.#blockedHead = 0;
    }
  }

  /** The lowest sequence number not yet in a batch (ready items all precede waiting ones). */
  lowestWaitingSeq(): number | undefined {
    return (this.#ready[0] ?? this.#blocked[this.#blockedHead])?.seq;
  }

  /** Removes and returns every item not in a batch (ready and waiting for room). */
  removeWaiting(): HeldItem<T>[] {
    const removed = [...this.#ready.splice(0), ...this.#blocked.slice(this.#blockedHead)];
    this.#blocked = [];
    this.#blockedHead = 0;
    return removed;
  }

  #admit(entry: HeldItem<T>): void {
    entry.readyAt = this.#now();
    this.#ready.push(entry);
    this.#peak = Math.max(this.#peak, this.held);
  }
}
