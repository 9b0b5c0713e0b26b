/**
 * The order in which waiting calls are served, wherever they wait for something scarce (a
 * worker, a global slot): by priority, then the call due first, then submit order. A call that
 * goes back to wait (a 429, a retry) keeps its place, so an older question is never overtaken
 * by a younger one and no chat starves while the global limit binds.
 */

/** Where a call stands in line. */
export interface DueOrder {
  /** Its priority's rank (0 is the most urgent; see priorities.ts). */
  readonly rank: number;
  /** When it was due, epoch ms of the queue's clock (its submit time unless the caller said). */
  readonly dueAt: number;
  /** Submit order, unique per queue: the tie-break. */
  readonly seq: number;
}

/** True when `a` is served before `b`. */
export function servedBefore(a: DueOrder, b: DueOrder): boolean {
  if (a.rank !== b.rank) return a.rank < b.rank;
  if (a.dueAt !== b.dueAt) return a.dueAt < b.dueAt;
  return a.seq < b.seq;
}

/** A binary heap of items by their {@link DueOrder}: push and pop in O(log n). */
export class DueHeap<T extends { readonly order: DueOrder }> {
  #items: T[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(item: T): void {
    this.#items.push(item);
    this.#up(this.#items.length - 1);
  }

  /** The item served first, left in place. */
  peek(): T | undefined {
    return this.#items[0];
  }

  /** Removes and returns the item served first. */
  pop(): T | undefined {
    const items = this.#items;
    const first = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.#down(0);
    }
    return first;
  }

  /** Removes every item `matches` accepts (O(n)); returns them. */
  removeWhere(matches: (item: T) => boolean): T[] {
    const removed = this.#items.filter(matches);
    if (removed.length === 0) return removed;
    const kept = this.#items.filter((item) => !matches(item));
    this.#items = [];
    for (const item of kept) this.push(item);
    return removed;
  }

  /** The items, in no particular order. */
  values(): readonly T[] {
    return this.#items;
  }

  #up(i: number): void {
    const items = this.#items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!servedBefore((items[i] as T).order, (items[parent] as T).order)) return;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  #down(i: number): void {
    const items = this.#items;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let first = i;
      if (left < items.length && servedBefore((items[left] as T).order, (items[first] as T).order)) first = left;
      if (right < items.length && servedBefore((items[right] as T).order, (items[first] as T).order)) first = right;
      if (first === i) return;
      [items[i], items[first]] = [items[first] as T, items[i] as T];
      i = first;
    }
  }
}
