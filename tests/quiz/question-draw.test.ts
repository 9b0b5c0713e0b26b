import { describe, expect, it } from 'vitest';
import { drawQuestions } from '../../src/quiz/question-draw.js';

/** A seeded generator (mulberry32): the same draws on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POOL = Array.from({ length: 12 }, (_, i) => 100 + i);

/** Plays `runs` draws of `count` in one chat, counting what was asked as a chat's past runs would. */
function playDraws(runs: number, count: number, seed: number): number[][] {
  const random = seeded(seed);
  const asked = new Map<number, number>();
  const draws: number[][] = [];
  for (let run = 0; run < runs; run++) {
    const drawn = drawQuestions(POOL, asked, count, random);
    for (const id of drawn) asked.set(id, (asked.get(id) ?? 0) + 1);
    draws.push(drawn);
  }
  return draws;
}

describe('drawing questions from a pool', () => {
  it('draws N distinct questions of the pool', () => {
    const [drawn] = playDraws(1, 10, 1);
    expect(drawn).toHaveLength(10);
    expect(new Set(drawn).size).toBe(10);
    for (const id of drawn!) expect(POOL).toContain(id);
  });

  it('never repeats a question in a chat until the whole pool was asked', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const asked = playDraws(6, 5, seed).flat(); // 30 questions: the pool of 12 two and a half times
      for (let cycle = 0; cycle * POOL.length < asked.length; cycle++) {
        const slice = asked.slice(cycle * POOL.length, (cycle + 1) * POOL.length);
        expect(new Set(slice).size, `seed ${seed}, cycle ${cycle}`).toBe(slice.length);
      }
    }
  });

  it('takes the questions the chat has not seen first, then the least asked', () => {
    const asked = new Map(POOL.slice(0, 10).map((id) => [id, 1]));
    const drawn = drawQuestions(POOL, asked, 4, seeded(7));
    expect(drawn).toEqual(expect.arrayContaining([110, 111]));
    expect(drawn).toHaveLength(4);
  });

  it('plays the whole pool, shuffled, when asked for more than it holds', () => {
    const drawn = drawQuestions(POOL, new Map(), 50, seeded(3));
    expect([...drawn].sort((a, b) => a - b)).toEqual(POOL);
    expect(drawn).not.toEqual(POOL);
  });

  it('draws differently with another seed (random among equals)', () => {
    expect(drawQuestions(POOL, new Map(), 5, seeded(1))).not.toEqual(drawQuestions(POOL, new Map(), 5, seeded(2)));
  });
});
