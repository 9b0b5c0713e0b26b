/**
 * Who placed where in a run and what it earns: the one owner of the ranking and points rules.
 * The store reads the facts (each player's correct answers and time) and writes what these
 * functions decide; the results message and "My rank" show what was written.
 *
 * Rules (README, "Scoring"):
 * - Most correct answers first, then the least total response time of the correct answers.
 * - Equal results (same correct count, same total time to the millisecond) share a rank:
 *   standard competition ranking, 1, 1, 3. Nobody is pushed up by a tie between others: the
 *   third best result is third even when two share the first place.
 * - A player with no correct answer is listed but has no rank, no medal and no points.
 * - Points: `pointsByRank[rank - 1]` (none beyond the list) plus `participationPoints`, for a
 *   ranked player; tied players get the same points.
 * - Only a player's first play of a quiz counts toward all-time points, and never the quiz's
 *   own author: they have seen the correct answers.
 */

/** One player's facts in a run. */
export interface PlayerResult {
  userId: number;
  /** Correct answers. */
  correct: number;
  /** Questions answered (a retracted vote does not count). */
  answered: number;
  /** Sum of response times of the correct answers, in milliseconds: the tie-breaker. */
  totalCorrectMs: number;
}

/** A result with its place: `rank` is null for a player with no correct answer. */
export type RankedResult<T extends PlayerResult = PlayerResult> = T & { rank: number | null };

/** Points per rank and for taking part, frozen into a run when it starts. */
export interface RewardRules {
  /** Points for rank 1, 2, ...; ranks beyond the list get none. */
  pointsByRank: readonly number[];
  /** Points every ranked player gets on top. */
  participationPoints: number;
}

/**
 * Whether a run's result counts toward a player's all-time points: `counted`, or why not
 * (`replay`: they played this quiz before; `own-quiz`: they wrote it).
 */
export type Credit = 'counted' | 'replay' | 'own-quiz';
export const CREDITS = ['counted', 'replay', 'own-quiz'] as const satisfies readonly Credit[];

/**
 * Orders a run's results (best first; players without a correct answer last, by user id) and
 * gives each its competition rank, or null when it has no correct answer.
 *
 * @example rankResults([{ userId: 1, correct: 2, answered: 2, totalCorrectMs: 900 }, ...])
 */
export function rankResults<T extends PlayerResult>(results: readonly T[]): RankedResult<T>[] {
  const ordered = [...results].sort(compareResults);
  const ranks = sharedRanks(ordered, sameResult);
  return ordered.map((result, index) => ({ ...result, rank: result.correct > 0 ? (ranks[index] as number) : null }));
}

/** Sort order of results: more correct, then less time, then the lower user id (only for a stable listing). */
function compareResults(a: PlayerResult, b: PlayerResult): number {
  return b.correct - a.correct || a.totalCorrectMs - b.totalCorrectMs || a.userId - b.userId;
}

/** Equal results share a rank. */
function sameResult(a: PlayerResult, b: PlayerResult): boolean {
  return a.correct === b.correct && a.totalCorrectMs === b.totalCorrectMs;
}

/** The points a rank earns in a run (0 for no rank), whether or not they count all-time. */
export function rankPoints(rank: number | null, rules: RewardRules): number {
  if (rank === null) return 0;
  return (rules.pointsByRank[rank - 1] ?? 0) + rules.participationPoints;
}

/**
 * Whether a player's result in a run counts toward all-time points.
 *
 * @param p.firstPlay no earlier run of this quiz was credited to the player
 * @param p.ownQuiz the player wrote the quiz
 */
export function creditOf(p: { firstPlay: boolean; ownQuiz: boolean }): Credit {
  if (p.ownQuiz) return 'own-quiz';
  return p.firstPlay ? 'counted' : 'replay';
}

/** The points credited to a player's all-time total for a run: the rank's points when the run counts, else none. */
export function creditedPoints(rank: number | null, credit: Credit, rules: RewardRules): number {
  return credit === 'counted' ? rankPoints(rank, rules) : 0;
}

/**
 * Competition ranks of a list already sorted best first: the first of equal neighbours gives
 * its 1-based position to the others (for the all-time leaderboard, equal points).
 *
 * @example sharedRanks([30, 20, 20, 10], (a, b) => a === b) // [1, 2, 2, 4]
 */
export function sharedRanks<T>(sorted: readonly T[], same: (a: T, b: T) => boolean): number[] {
  const ranks: number[] = [];
  for (const [index, item] of sorted.entries()) {
    const previous = sorted[index - 1];
    ranks.push(previous !== undefined && same(previous, item) ? (ranks[index - 1] as number) : index + 1);
  }
  return ranks;
}
