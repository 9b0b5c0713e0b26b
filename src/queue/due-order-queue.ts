/**
 * p-queue's `queueClass` that hands workers the waiting call served first by {@link DueOrder}
 * (priority, then due time, then submit order) instead of p-queue's own numeric priority with
 * FIFO ties, which cannot say "the older question first".
 *
 * @example
 * const workers = new PQueue<DueOrderQueue, DueOrderAddOptions>({ concurrency: 10, queueClass: DueOrderQueue });
 * void workers.add(() => send(), { order: { rank: 0, dueAt: clock.now(), seq: 1 } });
 */
import type { Queue, QueueAddOptions } from 'p-queue';
import { DueHeap, type DueOrder } from './due-order.js';

type RunFunction = () => Promise<unknown>;

/** What `workers.add(fn, options)` takes: p-queue's options plus the call's place in line. */
export type DueOrderAddOptions = QueueAddOptions & { readonly order: DueOrder };

interface Entry {
  readonly run: RunFunction;
  readonly order: DueOrder;
  readonly id: string | undefined;
}

export class DueOrderQueue implements Queue<RunFunction, DueOrderAddOptions> {
  readonly #heap = new DueHeap<Entry>();

  get size(): number {
    return this.#heap.size;
  }

  enqueue(run: RunFunction, options?: Partial<DueOrderAddOptions>): void {
    if (!options?.order) throw new TypeError('DueOrderQueue: every task needs options.order (its DueOrder); got none');
    this.#heap.push({ run, order: options.order, id: options.id });
  }

  dequeue(): RunFunction | undefined {
    return this.#heap.pop()?.run;
  }

  /** Tasks of one rank (`options.order.rank`), or all of them: what `PQueue.sizeBy` counts. */
  filter(options: Readonly<Partial<DueOrderAddOptions>>): RunFunction[] {
    const rank = options.order?.rank;
    return this.#heap
      .values()
      .filter((entry) => rank === undefined || entry.order.rank === rank)
      .map((entry) => entry.run);
  }

  /** p-queue's numeric priority does not apply: a task's place is its DueOrder, given at add. */
  setPriority(id: string): void {
    throw new TypeError(`DueOrderQueue orders tasks by the DueOrder given at add; task "${id}" cannot change priority`);
  }

  remove(id: string): void {
    this.#heap.removeWhere((entry) => entry.id === id);
  }
}
