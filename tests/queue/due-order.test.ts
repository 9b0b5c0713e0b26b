/** The order waiting calls are served in, as a heap and as p-queue's queueClass. */
import PQueue from 'p-queue';
import { describe, expect, it } from 'vitest';
import { DueHeap, servedBefore, type DueOrder } from '../../src/queue/due-order.js';
import { DueOrderQueue, type DueOrderAddOptions } from '../../src/queue/due-order-queue.js';

const o = (rank: number, dueAt: number, seq: number): DueOrder => ({ rank, dueAt, seq });

describe('servedBefore', () => {
  it('compares rank, then due time, then submit order', () => {
    expect(servedBefore(o(0, 900, 9), o(1, 0, 0))).toBe(true);
    expect(servedBefore(o(1, 100, 9), o(1, 200, 0))).toBe(true);
    expect(servedBefore(o(1, 100, 1), o(1, 100, 2))).toBe(true);
    expect(servedBefore(o(1, 100, 2), o(1, 100, 1))).toBe(false);
  });
});

describe('DueHeap', () => {
  it('pops in served order, whatever the push order, and removes on demand', () => {
    const heap = new DueHeap<{ order: DueOrder; name: string }>();
    const items = [o(2, 0, 0), o(0, 300, 1), o(0, 100, 2), o(1, 0, 3), o(0, 100, 4), o(0, 50, 5)].map((order, i) => ({
      order,
      name: `#${i}`,
    }));
    for (const item of [...items].reverse()) heap.push(item);
    expect(heap.removeWhere((item) => item.name === '#3').map((item) => item.name)).toEqual(['#3']);
    const popped: string[] = [];
    while (heap.size > 0) popped.push((heap.pop() as { name: string }).name);
    expect(popped).toEqual(['#5', '#2', '#4', '#1', '#0']);
    expect(heap.pop()).toBeUndefined();
  });
});

describe('DueOrderQueue as p-queue queueClass', () => {
  it('hands workers the waiting task served first', async () => {
    const workers = new PQueue<DueOrderQueue, DueOrderAddOptions>({ concurrency: 1, queueClass: DueOrderQueue, autoStart: false });
    const ran: string[] = [];
    const add = (name: string, order: DueOrder) => workers.add(async () => void ran.push(name), { order });
    const done = [
      add('bulk', o(4, 0, 0)),
      add('question, due later', o(0, 200, 1)),
      add('reply', o(1, 0, 2)),
      add('question, due first', o(0, 100, 3)),
    ];
    expect(workers.size).toBe(4);
    expect(workers.sizeBy({ order: o(0, 0, 0) })).toBe(2); // tasks of rank 0
    workers.start();
    await Promise.all(done);
    expect(ran).toEqual(['question, due first', 'question, due later', 'reply', 'bulk']);
  });

  it('refuses a task without an order, and priority changes it cannot honour', () => {
    const queue = new DueOrderQueue();
    expect(() => queue.enqueue(async () => {})).toThrow(/needs options.order/);
    expect(() => queue.setPriority('1')).toThrow(/cannot change priority/);
  });
});
