/**
 * Question pools: a quiz played as a random draw of N of its questions (`/startquiz 12 10q`).
 * In one chat a question comes back only once every question of the pool has been asked as
 * often: the draw takes the questions asked least often in that chat first, at random among
 * equals. No state of its own: how often each question was asked comes from the chat's past runs.
 */
import { shuffledOrder } from './scoring.js';

/**
 * Draws `count` question ids of `pool` (the quiz's questions, in the quiz's order) for a run in
 * a chat where each was asked `timesAsked` times before (absent: never); the run asks them in
 * the returned order: the least asked first, at random among equals. `count` beyond the pool:
 * the whole pool. `random` returns [0, 1).
 */
export function drawQuestions(
  pool: readonly number[],
  timesAsked: ReadonlyMap<number, number>,
  count: number,
  random: () => number,
): number[] {
  const byTimes = new Map<number, number[]>();
  for (const id of pool) {
    const times = timesAsked.get(id) ?? 0;
    const tier = byTimes.get(times);
    if (tier) tier.push(id);
    else byTimes.set(times, [id]);
  }
  const drawn: number[] = [];
  for (const times of [...byTimes.keys()].sort((a, b) => a - b)) {
    if (drawn.length >= count) break;
    const tier = byTimes.get(times) ?? [];
    // At random among equals: the options' Fisher-Yates order (src/quiz/scoring.ts), applied to ids.
    const shuffled = shuffledOrder(tier.length, random).map((index) => tier[index] as number);
    drawn.push(...shuffled.slice(0, count - drawn.length));
  }
  // The least asked are asked first: a question comes back only after the last unseen one.
  return drawn;
}
