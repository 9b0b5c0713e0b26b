import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../src/lib/bounded-cache.js';

describe('BoundedCache', () => {
  it('forgets the oldest entry beyond its limit; set and use make an entry the newest, get does not', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a peek: a stays the oldest
    cache.set('c', 3);
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([false, true, true]);
    expect(cache.use('b')).toBe(2); // b becomes the newest: c goes next
    cache.set('d', 4);
    expect([...cache.values()]).toEqual([2, 4]);
    cache.set('b', 5); // rewriting keeps one entry
    expect(cache.size).toBe(2);
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() => new BoundedCache(0)).toThrow(/at least 1, got 0/);
    expect(() => new BoundedCache(1.5)).toThrow(RangeError);
  });
});
