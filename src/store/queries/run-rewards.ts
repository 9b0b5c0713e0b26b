/**
 * A finished run's rewards: crediting it exactly once (a rewards row per player, and all-time
 * points in player_stats for the runs that count), and reading back what was credited for the
 * results message and "My rank". The one owner of the rewards and quiz_plays tables.
 */
import { sql } from 'drizzle-orm';
import { creditedPoints, creditOf, rankResults, type Credit, type RewardRules } from '../../quiz/ranking.js';
import type { Executor, Transaction } from '../database.js';
import { toArrayLiteral } from './array-literal.js';
import { runPlayerResults, type RunStanding } from './run-standings.js';

/** A player's result in a finished run as it was credited (a rewards row). */
export interface CreditedStanding extends RunStanding {
  /** Points added to the player's all-time total for this run. */
  points: number;
  /** Whether the run counted toward all-time points, or why not. */
  credit: Credit;
}

/** A row of {@link runResults}: a credited standing with the player's name. */
export interface CreditedResultEntry extends CreditedStanding {
  firstName: string;
  username: string | null;
}

/** What {@link runResults} returns. */
export interface RunResults {
  /** Everyone credited for the run (ranked or not), not only those shown. */
  players: number;
  top: CreditedResultEntry[];
}

/** What {@link creditRewards} takes: the run, the chat whose all-time leaderboard receives the points, and the run's reward rules. */
export interface CreditRewardsParams extends RewardRules {
  runId: number;
  /** The chat whose all-time leaderboard (player_stats) receives the points. */
  chatId: number;
}

type CreditedRow = {
  user_id: string | number;
  rank: number | null;
  points: number;
  credit: Credit;
  correct_count: number;
  answered_count: number;
  total_response_ms: string | number;
  players: number;
};

function toCredited(row: CreditedRow): CreditedStanding {
  return {
    rank: row.rank,
    userId: Number(row.user_id),
    correct: row.correct_count,
    answered: row.answered_count,
    totalCorrectMs: Number(row.total_response_ms),
    points: row.points,
    credit: row.credit,
  };
}

/**
 * The credited results of a finished run, best first (players without a rank last), with names
 * and the number of players: what the results message shows. Empty before the run is credited.
 */
export async function runResults(executor: Executor, runId: number, options: { limit?: number } = {}): Promise<RunResults> {
  const rows = await executor.execute<CreditedRow & { first_name: string; username: string | null }>(sql`
    select rewards.*, users.first_name, users.username,
      (select count(*)::int from rewards where run_id = ${runId}::bigint) as players
    from rewards join users on users.id = rewards.user_id
    where rewards.run_id = ${runId}::bigint
    order by rewards.rank asc nulls last, rewards.user_id
    limit ${options.limit ?? 10}::int`);
  return {
    players: rows[0]?.players ?? 0,
    top: rows.map((row) => ({ ...toCredited(row), firstName: row.first_name, username: row.username })),
  };
}

/**
 * One player's credited standing in a finished run, the number of players and whether another
 * player shares their rank; `undefined` when they did not play it (or it is not credited yet).
 */
export async function playerRank(
  executor: Executor,
  runId: number,
  userId: number,
): Promise<(CreditedStanding & { players: number; shared: boolean }) | undefined> {
  const [row] = await executor.execute<CreditedRow & { shared: boolean }>(sql`
    select rewards.*,
      (select count(*)::int from rewards where run_id = ${runId}::bigint) as players,
      exists (select 1 from rewards as other
              where other.run_id = rewards.run_id and other.rank = rewards.rank and other.user_id <> rewards.user_id) as shared
    from rewards
    where run_id = ${runId}::bigint and user_id = ${userId}::bigint`);
  return row ? { ...toCredited(row), players: row.players, shared: row.shared } : undefined;
}

/**
 * Credits a finished run exactly once, inside the caller's transaction. It stamps
 * runs.rewards_credited_at first, which also locks the run row so concurrent calls queue; a
 * call after the stamp credits nothing, and the rewards primary key guards each player again
 * should the stamp ever be cleared.
 *
 * Every player gets a rewards row with their rank and the points src/quiz/ranking.ts gives
 * them. The run counts toward a player's all-time totals (player_stats in `chatId`: points,
 * quizzes played, answers) only when it is their first play of the quiz (claimed in
 * quiz_plays) and they did not write it. Returns the number of players credited by this call
 * (0 when already credited or the run does not exist).
 */
export async function creditRewards(tx: Transaction, params: CreditRewardsParams): Promise<number> {
  const [run] = await tx.execute<{ quiz_id: string | number; owner_id: string | number | null }>(sql`
    update runs set rewards_credited_at = now()
    where id = ${params.runId}::bigint and rewards_credited_at is null
    returning quiz_id, (select owner_id from quizzes where quizzes.id = runs.quiz_id) as owner_id`);
  if (!run) return 0;
  const standings = rankResults(await runPlayerResults(tx, params.runId));
  if (standings.length === 0) return 0;
  const firstPlays = await claimFirstPlays(tx, {
    quizId: Number(run.quiz_id),
    runId: params.runId,
    userIds: standings.map((s) => s.userId),
  });
  const ownerId = run.owner_id === null ? null : Number(run.owner_id);
  const rows = standings
    .map((standing) => {
      const credit = creditOf({ firstPlay: firstPlays.has(standing.userId), ownQuiz: standing.userId === ownerId });
      return { ...standing, credit, points: creditedPoints(standing.rank, credit, params) };
    })
    .sort((a, b) => a.userId - b.userId);
  const column = <T extends string | number | null>(pick: (row: (typeof rows)[number]) => T): string => toArrayLiteral(rows.map(pick));
  const [result] = await tx.execute<{ credited: number }>(sql`
    with credited as (
      insert into rewards (run_id, user_id, chat_id, rank, points, credit, correct_count, answered_count, total_response_ms)
      select ${params.runId}::bigint, user_id, ${params.chatId}::bigint, rank, points, credit, correct, answered, total_correct_ms
      from unnest(
        ${column((r) => r.userId)}::bigint[],
        ${column((r) => r.rank)}::int[],
        ${column((r) => r.points)}::int[],
        ${column((r) => r.credit)}::text[],
        ${column((r) => r.correct)}::int[],
        ${column((r) => r.answered)}::int[],
        ${column((r) => r.totalCorrectMs)}::bigint[]
      ) as input(user_id, rank, points, credit, correct, answered, total_correct_ms)
      order by user_id
      on conflict (run_id, user_id) do nothing
      returning user_id, points, credit, correct_count, answered_count
    ),
    stats as (
      insert into player_stats as ps (chat_id, user_id, points, quizzes_played, correct_answers, answered_questions)
      select ${params.chatId}::bigint, user_id, points, 1, correct_count, answered_count
      from credited
      where credit = 'counted'
      order by user_id
      on conflict (chat_id, user_id) do update set
        points = ps.points + excluded.points,
        quizzes_played = ps.quizzes_played + 1,
        correct_answers = ps.correct_answers + excluded.correct_answers,
        answered_questions = ps.answered_questions + excluded.answered_questions,
        updated_at = now()
      returning 1
    )
    select count(*)::int as credited from credited`);
  return result?.credited ?? 0;
}

/**
 * Claims this run as the first play of its quiz for each of `userIds` who has none yet, and
 * returns the users whose first play it is (also those it claimed before, should the run be
 * credited again). A concurrent run of the same quiz waits on the primary key and finds the
 * claim taken: one run per player and quiz counts, whichever commits first.
 */
async function claimFirstPlays(tx: Transaction, p: { quizId: number; runId: number; userIds: readonly number[] }): Promise<Set<number>> {
  const sorted = [...p.userIds].sort((a, b) => a - b);
  const rows = await tx.execute<{ user_id: string | number }>(sql`
    with claimed as (
      insert into quiz_plays (quiz_id, user_id, run_id)
      select ${p.quizId}::bigint, user_id, ${p.runId}::bigint
      from unnest(${toArrayLiteral(sorted)}::bigint[]) as input(user_id)
      order by user_id
      on conflict (quiz_id, user_id) do nothing
      returning user_id
    )
    select user_id from claimed
    union
    select user_id from quiz_plays where quiz_id = ${p.quizId}::bigint and run_id = ${p.runId}::bigint`);
  return new Set(rows.map((row) => Number(row.user_id)));
}
