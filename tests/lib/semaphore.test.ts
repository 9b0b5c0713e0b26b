import { describe, expect, it } from 'vitest';
import { createSemaphore } from '../../src/lib/semaphore.js';

describe('semaphore', () => {
  it('lets `limit` holders in at once and the rest in arrival order as permits come back', async () => {
    const semaphore = createSemaphore(2);
    const order: number[] = [];
    const first = await semaphore.acquire();
    const second = await semaphore.acquire();
    const waiting = [3, 4, 5].map((n) =>
      semaphore.acquire().then((release) => {
        order.push(n);
        return release;
      }),
    );
    expect([semaphore.held, semaphore.waiting]).toEqual([2, 3]);
    first();
    first(); // a second release of the same permit changes nothing
    await waiting[0];
    expect(order).toEqual([3]);
    expect([semaphore.held, semaphore.waiting]).toEqual([2, 2]);
    second();
    const third = await waiting[0];
    third?.();
    const releases = await Promise.all(waiting);
    for (const release of releases) release();
    expect(order).toEqual([3, 4, 5]);
    expect([semaphore.held, semaphore.waiting]).toEqual([0, 0]);
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() => createSemaphore(0)).toThrow('semaphore limit must be a whole number >= 1, got 0');
  });
});
