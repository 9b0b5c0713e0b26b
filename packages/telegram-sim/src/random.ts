/**
 * Seeded randomness for the simulator: fault probabilities, virtual players' choices and
 * delays. A run is reproducible from its seed, so a test that failed once fails again.
 * Not for anything secret (use node:crypto there).
 */

/** A reproducible stream of pseudo-random numbers. See {@link createRandom}. */
export interface Random {
  /** A number in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** A whole number in [min, maxInclusive]; both bounds whole, with at most 2^32 values between them. */
  int(min: number, maxInclusive: number): number;
  /** True with probability `p` (0 never, 1 always); draws one number either way. */
  chance(p: number): boolean;
  /** One element of a non-empty list, each equally likely. */
  pick<T>(items: readonly T[]): T;
}

const TWO_POW_32 = 2 ** 32;

/**
 * Creates a seeded generator (sfc32, seeded through splitmix32 so that nearby seeds such as
 * 1 and 2 give unrelated streams). The same seed always gives the same sequence, on every
 * platform: only 32-bit integer arithmetic is involved.
 *
 * @param seed any safe integer (negative and values above 2^32 are fine; all 53 bits count)
 * @example
 * const random = createRandom(42);
 * random.int(1, 6);             // a die roll, the same on every run with seed 42
 * random.pick(['a', 'b', 'c']);
 */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) {
    throw new TypeError(`createRandom expects a seed that is a safe integer, got ${String(seed)}`);
  }
  // splitmix32 spreads both halves of the seed over sfc32's 128-bit state.
  let mix = (seed >>> 0) ^ Math.imul(Math.floor(seed / TWO_POW_32) >>> 0, 0x9e3779b9);
  const splitmix = (): number => {
    mix = (mix + 0x9e3779b9) | 0;
    let z = mix;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = 1; // sfc32's counter; a counter start of 1 is what the reference seeding uses

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm-up: the first outputs of sfc32 still show the seed's structure.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = (): number => nextUint32() / TWO_POW_32;

  return {
    next,
    int(min, maxInclusive) {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(maxInclusive)) {
        throw new TypeError(`random.int expects whole-number bounds, got ${min} and ${maxInclusive}`);
      }
      const span = maxInclusive - min + 1;
      if (span < 1 || span > TWO_POW_32) {
        throw new RangeError(`random.int expects min <= maxInclusive with at most 2^32 values, got ${min} and ${maxInclusive}`);
      }
      return min + Math.floor(next() * span);
    },
    chance(p) {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`random.chance expects a probability from 0 to 1, got ${p}`);
      return next() < p;
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('random.pick expects a non-empty list, got an empty one');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
