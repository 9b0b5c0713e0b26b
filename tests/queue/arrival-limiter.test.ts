/**
 * The arrival limiter alone, on a ManualClock: a slot is held from its grant until a window
 * after its release, goes to the waiting call served first when it frees, and nothing else
 * (no Bottleneck timer) decides when.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ArrivalLimiter, type ArrivalSlot } from '../../src/queue/arrival-limiter.js';
import type { DueOrder } from '../../src/queue/due-order.js';
import { ManualClock } from 'telegram-sim/clock';
import { settle } from './clocked-queue.js';

let limiter: ArrivalLimiter | undefined;
let clock: ManualClock;

afterEach(async () => {
  await limiter?.stop();
});

let seq = 0;
const order = (rank: number, dueAt = 0): DueOrder => ({ rank, dueAt, seq: seq++ });

/** Acquires, keeping what was granted (and when) where the test can see it. */
function acquire(limit: ArrivalLimiter, name: string, granted: Map<string, ArrivalSlot>, o: DueOrder = order(0)): void {
  void limit.acquire(o).then((slot) => granted.set(name, slot));
}

const step = async (ms: number) => {
  clock.advance(ms);
  await settle();
};

describe('ArrivalLimiter', () => {
  it('holds a slot until windowMs after its release, and frees an unused one at once', async () => {
    clock = new ManualClock(0);
    limiter = new ArrivalLimiter({ slots: 2, windowMs: 1_000, paceMs: 0, clock });
    const granted = new Map<string, ArrivalSlot>();
    for (const name of ['a', 'b', 'c', 'd']) acquire(limiter, name, granted);
    await step(0);
    expect([...granted.keys()]).toEqual(['a', 'b']);
    expect({ held: limiter.held, waiting: limiter.waiting }).toEqual({ held: 2, waiting: 2 });

    await step(300);
    granted.get('a')?.release(true); // answered at 300: free at 1300
    granted.get('a')?.release(false); // only the first release counts
    await step(999);
    expect(granted.has('c')).toBe(false);
    await step(1);
    expect(granted.has('c')).toBe(true);

    granted.get('b')?.release(false); // never sent: free now
    await step(0);
    expect(granted.has('d')).toBe(true);
    expect(limiter.held).toBe(2);
  });

  it('gives a freed slot to the waiting call served first: rank, then due time, then order', async () => {
    clock = new ManualClock(0);
    limiter = new ArrivalLimiter({ slots: 1, windowMs: 1_000, paceMs: 0, clock });
    const granted = new Map<string, ArrivalSlot>();
    acquire(limiter, 'holder', granted);
    await step(0);
    acquire(limiter, 'bulk', granted, order(4, 0));
    acquire(limiter, 'question due 500', granted, order(0, 500));
    acquire(limiter, 'reply', granted, order(1, 0));
    acquire(limiter, 'question due 100', granted, order(0, 100));
    acquire(limiter, 'question due 100, later', granted, order(0, 100));
    const served: string[] = [];
    let current = 'holder';
    for (let i = 0; i < 5; i++) {
      granted.get(current)?.release(false);
      await step(0);
      current = [...granted.keys()].at(-1) as string;
      served.push(current);
    }
    expect(served).toEqual(['question due 100', 'question due 100, later', 'question due 500', 'reply', 'bulk']);
  });

  it('hands slots out no faster than one per windowMs / slots, to whoever is first at that moment', async () => {
    clock = new ManualClock(0);
    limiter = new ArrivalLimiter({ slots: 4, windowMs: 1_000, clock }); // paced 250 ms apart
    const granted = new Map<string, ArrivalSlot>();
    const grantedAt = new Map<string, number>();
    const take = (name: string, o: DueOrder) =>
      void limiter!.acquire(o).then((slot) => (granted.set(name, slot), grantedAt.set(name, clock.now())));
    for (const name of ['bulk 1', 'bulk 2', 'bulk 3']) take(name, order(4));
    await step(0);
    expect([...granted.keys()]).toEqual(['bulk 1']);
    await step(100);
    take('question', order(0)); // comes in while the bulk calls wait for their paced moment
    await step(150);
    await step(250);
    await step(250);
    for (const slot of granted.values()) slot.release(true);
    expect(Object.fromEntries(grantedAt)).toEqual({ 'bulk 1': 0, question: 250, 'bulk 2': 500, 'bulk 3': 750 });
  });

  it('cancelWaiting rejects the waiting calls and keeps the slots held', async () => {
    clock = new ManualClock(0);
    limiter = new ArrivalLimiter({ slots: 1, windowMs: 1_000, clock });
    const holder = await limiter.acquire(order(0));
    const waiting = limiter.acquire(order(0)).then(
      () => 'granted',
      (error: unknown) => error,
    );
    limiter.cancelWaiting(new Error('shutting down'));
    expect(await waiting).toEqual(new Error('shutting down'));
    expect({ held: limiter.held, waiting: limiter.waiting }).toEqual({ held: 1, waiting: 0 });
    holder.release(true);
  });

  it('stop() ends in-process holds at once, even on a clock that never moves', async () => {
    clock = new ManualClock(0);
    limiter = new ArrivalLimiter({ slots: 1, windowMs: 1_000, clock });
    (await limiter.acquire(order(0))).release(true);
    await limiter.stop();
    expect(limiter.held).toBe(0);
    await expect(limiter.acquire(order(0))).rejects.toThrow(/stopped/);
    limiter = undefined;
  });

  it('refuses settings that cannot work, saying what it got', () => {
    clock = new ManualClock(0);
    expect(() => new ArrivalLimiter({ slots: 0, clock })).toThrow('arrival limiter: slots must be a whole number >= 1, got 0');
    expect(() => new ArrivalLimiter({ slots: 2, windowMs: -1, clock })).toThrow('arrival limiter: windowMs must be >= 0, got -1');
  });
});
