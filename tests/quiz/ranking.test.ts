import { describe, expect, it } from 'vitest';
import { creditedPoints, creditOf, rankPoints, rankResults, sharedRanks, type PlayerResult } from '../../src/quiz/ranking.js';
import { responseMs } from '../../src/quiz/run-steps.js';

const rules = { pointsByRank: [100, 50, 25], participationPoints: 10 };
const result = (userId: number, correct: number, totalCorrectMs: number, answered = 2): PlayerResult => ({
  userId,
  correct,
  answered,
  totalCorrectMs,
});

describe('rankResults', () => {
  it('gives equal results one rank, and the next result the place after all of them (1, 1, 3)', () => {
    const ranked = rankResults([result(3, 1, 500), result(2, 2, 900), result(1, 2, 900), result(4, 2, 901)]);
    expect(ranked.map((r) => [r.userId, r.rank])).toEqual([
      [1, 1],
      [2, 1],
      [4, 3],
      [3, 4],
    ]);
    expect(ranked.map((r) => rankPoints(r.rank, rules))).toEqual([110, 110, 35, 10]);
  });

  it('gives no rank and no points to players without a correct answer, listed last, whatever their ids', () => {
    const ranked = rankResults([result(1, 0, 0), result(9, 0, 0), result(5, 1, 3_000)]);
    expect(ranked.map((r) => [r.userId, r.rank])).toEqual([
      [5, 1],
      [1, null],
      [9, null],
    ]);
    expect(rankPoints(null, rules)).toBe(0);
    // Two players with nothing right: the same (no) result, the same (no) points.
    expect(rankResults([result(2, 0, 0), result(1, 0, 0)]).map((r) => rankPoints(r.rank, rules))).toEqual([0, 0]);
  });

  it('ranks an answer accepted after its question closed (restart, outage) after every answer timed in the open', () => {
    // A 15 s question sent at t = 0: answers accepted in the open take their own time; one
    // accepted four minutes late (the bot was down) takes the whole period, never more.
    const question = { sentAt: new Date(0), closesAt: new Date(15_000) };
    const late = responseMs(question, new Date(240_000))!;
    expect(late).toBe(15_000);
    const inTheOpen = [0, 1, 7_500, 14_999].map((ms) => responseMs(question, new Date(ms))!);
    const ranked = rankResults([result(1, 1, late), ...inTheOpen.map((ms, i) => result(i + 2, 1, ms))]);
    expect(ranked.at(-1)).toMatchObject({ userId: 1, rank: 5, totalCorrectMs: 15_000 });
    // Its answer still counts fully: a late correct answer beats a wrong one in the open.
    expect(rankResults([result(1, 1, late), result(2, 0, 0)]).map((r) => [r.userId, r.rank])).toEqual([
      [1, 1],
      [2, null],
    ]);
  });
});

describe('all-time credit', () => {
  it('counts a first play only, and never the author of the quiz', () => {
    expect(creditOf({ firstPlay: true, ownQuiz: false })).toBe('counted');
    expect(creditOf({ firstPlay: false, ownQuiz: false })).toBe('replay');
    expect(creditOf({ firstPlay: true, ownQuiz: true })).toBe('own-quiz');
    expect(creditedPoints(1, 'counted', rules)).toBe(110);
    expect(creditedPoints(1, 'replay', rules)).toBe(0);
    expect(creditedPoints(1, 'own-quiz', rules)).toBe(0);
    expect(creditedPoints(null, 'counted', rules)).toBe(0);
  });

  it('gives no rank points beyond the list, only participation', () => {
    expect(rankPoints(4, rules)).toBe(10);
    expect(rankPoints(2, { pointsByRank: [], participationPoints: 0 })).toBe(0);
  });
});

describe('sharedRanks', () => {
  it('lets equal neighbours share the first one’s place', () => {
    expect(sharedRanks([30, 20, 20, 10, 10, 10, 5], (a, b) => a === b)).toEqual([1, 2, 2, 4, 4, 4, 7]);
    expect(sharedRanks([], () => true)).toEqual([]);
  });
});
