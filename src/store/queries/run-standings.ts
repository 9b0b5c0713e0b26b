/**
 * A run's standings as they are now, computed from its answers: right while the run is going
 * and after it finished. What was credited when the run finished is read from rewards
 * (run-rewards.ts), which ranks with {@link runPlayerResults} from here.
 */
import { sql } from 'drizzle-orm';
import { rankResults, type PlayerResult, type RankedResult } from '../../quiz/ranking.js';
import type { Executor } from '../database.js';

/**
 * One player's result in a run with their place (src/quiz/ranking.ts decides it): `rank` is
 * shared by equal results, and null for a player with no correct answer.
 */
export type RunStanding = RankedResult;

/** A row of {@link runLeaderboard}: a standing with the player's name. */
export interface RunLeaderboardEntry extends RunStanding {
  firstName: string;
  username: string | null;
}

/** What {@link runLeaderboard} returns. */
export interface RunLeaderboard {
  /** Everyone who played the run (ranked or not), not only those shown. */
  players: number;
  top: RunLeaderboardEntry[];
}

type ResultRow = {
  user_id: string | number;
  correct: number;
  answered: number;
  total_correct_ms: string | number;
  first_name: string;
  username: string | null;
};

/**
 * Every player's facts in a run with their name, from `answers` (one scan of the run's
 * primary-key range). A player is a user with at least one answer still standing: one who only
 * retracted votes did not play.
 */
export async function runPlayerResults(
  executor: Executor,
  runId: number,
): Promise<(PlayerResult & { firstName: string; username: string | null })[]> {
  const rows = await executor.execute<ResultRow>(sql`
    select per_user.*, users.first_name, users.username
    from (
      select user_id,
        (count(*) filter (where is_correct))::int as correct,
        (count(*) filter (where cardinality(option_ids) > 0))::int as answered,
        coalesce(sum(response_ms) filter (where is_correct), 0)::bigint as total_correct_ms
      from answers
      where run_id = ${runId}::bigint
      group by user_id
      having count(*) filter (where cardinality(option_ids) > 0) > 0
    ) as per_user
    join users on users.id = per_user.user_id`);
  return rows.map((row) => ({
    userId: Number(row.user_id),
    correct: row.correct,
    answered: row.answered,
    totalCorrectMs: Number(row.total_correct_ms),
    firstName: row.first_name,
    username: row.username,
  }));
}

/**
 * The ranking of a run and its top with names, computed from the answers, so it is right while
 * the run is still going and after it finished. The results message reads {@link runResults}
 * instead: what was credited.
 *
 * @example
 * const { players, top } = await runLeaderboard(db, run.id, { limit: 10 });
 */
export async function runLeaderboard(executor: Executor, runId: number, options: { limit?: number } = {}): Promise<RunLeaderboard> {
  const ranked = rankResults(await runPlayerResults(executor, runId));
  return { players: ranked.length, top: ranked.slice(0, options.limit ?? 10) };
}
