import { describe, expect, it } from 'vitest';
import { isCorrectChoice, showOptions, shownCorrectIds, shuffledOrder, toQuizOptionIds } from '../../src/quiz/scoring.js';

/** A deterministic generator (mulberry32), so shuffles can be checked without luck. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('toQuizOptionIds', () => {
  it('keeps indexes of an unshuffled poll, ascending and deduplicated', () => {
    expect(toQuizOptionIds([2, 0, 2], null)).toEqual([0, 2]);
    expect(toQuizOptionIds([], null)).toEqual([]);
  });

  it('maps a shuffled poll back to the quiz indexes', () => {
    // Shown: quiz option 2, then 0, then 1.
    expect(toQuizOptionIds([0], [2, 0, 1])).toEqual([2]);
    expect(toQuizOptionIds([2, 0], [2, 0, 1])).toEqual([1, 2]);
  });

  it('refuses an index outside the poll with a RangeError that names it', () => {
    expect(() => toQuizOptionIds([3], [2, 0, 1])).toThrow(
      new RangeError('option index 3 is not an option of the poll (the poll has 3 options)'),
    );
    expect(() => toQuizOptionIds([-1], null)).toThrow(RangeError);
    expect(() => toQuizOptionIds([0.5], null)).toThrow(RangeError);
    expect(() => toQuizOptionIds([1.5], [0, 1, 2])).toThrow(RangeError);
  });
});

describe('isCorrectChoice', () => {
  it('counts exactly the correct set', () => {
    expect(isCorrectChoice([1], [1])).toBe(true);
    expect(isCorrectChoice([2, 0], [0, 2])).toBe(true);
  });

  it('refuses a partial, a larger or a wrong choice of a multi-correct question', () => {
    expect(isCorrectChoice([0], [0, 2])).toBe(false);
    expect(isCorrectChoice([0, 1, 2], [0, 2])).toBe(false);
    expect(isCorrectChoice([1], [0, 2])).toBe(false);
    expect(isCorrectChoice([0, 1], [0, 2])).toBe(false);
  });

  it('never counts an empty (retracted) choice', () => {
    expect(isCorrectChoice([], [0])).toBe(false);
    expect(isCorrectChoice([], [])).toBe(false);
  });
});

describe('shuffledOrder', () => {
  it('returns a permutation of 0..n-1', () => {
    const random = seeded(42);
    for (let n = 0; n <= 12; n++) {
      const order = shuffledOrder(n, random);
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('returns [0] for one option without asking the generator', () => {
    let calls = 0;
    expect(
      shuffledOrder(1, () => {
        calls++;
        return 0.5;
      }),
    ).toEqual([0]);
    expect(calls).toBe(0);
  });

  it('follows the generator (Fisher-Yates from the end)', () => {
    // random() = 0 swaps each position with 0: [0,1,2,3] -> [3,1,2,0] -> [2,1,3,0] -> [1,2,3,0].
    expect(shuffledOrder(4, () => 0)).toEqual([1, 2, 3, 0]);
    // A generator close to 1 never swaps; one that returns exactly 1 must not break the permutation.
    expect(shuffledOrder(4, () => 0.999_999)).toEqual([0, 1, 2, 3]);
    expect(shuffledOrder(4, () => 1)).toEqual([0, 1, 2, 3]);
  });

  it('is uniform enough: every position of 3 options takes every option', () => {
    const random = seeded(7);
    const seen = Array.from({ length: 3 }, () => new Set<number>());
    const orders = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const order = shuffledOrder(3, random);
      order.forEach((option, position) => seen[position]?.add(option));
      orders.add(order.join(','));
    }
    expect(seen.map((options) => options.size)).toEqual([3, 3, 3]);
    expect(orders.size).toBe(6);
  });

  it('refuses a count that is not a non-negative integer', () => {
    expect(() => shuffledOrder(-1)).toThrow(RangeError);
    expect(() => shuffledOrder(2.5)).toThrow(RangeError);
  });
});

describe('showOptions', () => {
  it('puts items in shown order, or copies them', () => {
    const items = ['Berlin', 'Paris', 'Rome'] as const;
    expect(showOptions(items, [2, 0, 1])).toEqual(['Rome', 'Berlin', 'Paris']);
    const copy = showOptions(items, null);
    expect(copy).toEqual(['Berlin', 'Paris', 'Rome']);
    expect(copy).not.toBe(items);
  });

  it('refuses an order that does not fit the items', () => {
    expect(() => showOptions(['a', 'b'], [0])).toThrow(RangeError);
    expect(() => showOptions(['a', 'b'], [0, 2])).toThrow(RangeError);
  });
});

describe('shownCorrectIds', () => {
  it('finds the correct options in the shown poll, ascending', () => {
    expect(shownCorrectIds([1], null)).toEqual([1]);
    expect(shownCorrectIds([2, 0], null)).toEqual([0, 2]);
    expect(shownCorrectIds([0], [2, 0, 1])).toEqual([1]);
    expect(shownCorrectIds([0, 2], [2, 0, 1])).toEqual([0, 1]);
  });

  it('round-trips with toQuizOptionIds and isCorrectChoice for every shuffle', () => {
    const random = seeded(3);
    const correct = [1, 4];
    for (let i = 0; i < 50; i++) {
      const order = shuffledOrder(6, random);
      const shown = shownCorrectIds(correct, order);
      expect(
        showOptions(['a', 'b', 'c', 'd', 'e', 'f'], order)
          .filter((_, index) => shown.includes(index))
          .sort(),
      ).toEqual(['b', 'e']);
      expect(toQuizOptionIds(shown, order)).toEqual(correct);
      expect(isCorrectChoice(toQuizOptionIds(shown, order), correct)).toBe(true);
    }
  });

  it('refuses a correct option missing from the order', () => {
    expect(() => shownCorrectIds([3], [2, 0, 1])).toThrow(RangeError);
  });
});
