import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import {
  creditedPoints,
  creditOf,
  rankResults,
  sharedRanks,
  type Credit,
  type PlayerResult,
  type RankedResult,
  type RewardRules,
} from '../../quiz/ranking.js';
import type { Executor, Transaction } from '../database.js';
import { playerStats } from '../schema/player-stats.js';
import { users } from '../schema/users.js';
import { toArrayLiteral } from './array-literal.js';

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

/** A row of {@link chatLeaderboard}: all-time totals of one player in one chat. */
export interface ChatLeaderboardEntry {
  /** Competition rank by points: equal points share a place. */
  rank: number;
  userId: number;
  firstName: string;
  username: string | null;
  points: number;
  quizzesPlayed: number;
  correctAnswers: number;
  answeredQuestions: number;
}

/** A user's totals over every chat (see {@link userScore}). */
export interface UserScore {
  points: number;
  quizzesPlayed: number;
  correct: number;
  answered: number;
  /** correct / answered, from 0 to 1; 0 when nothing was answered. */
  accuracy: number;
}

/** What {@link creditRewards} takes: the run, the chat whose all-time leaderboard receives the points, and the run's reward rules. */
export interface CreditRewardsParams extends RewardRules {
  runId: number;
  /** The chat whose all-time leaderboard (player_stats) receives the points. */
  chatId: number;
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
async function runPlayerResults(executor: Executor, runId: number): Promise<(PlayerResult & { firstName: string; username: string | null })[]> {
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
export async function runLeaderboard(
  executor: Executor,
  runId: number,
  options: { limit?: number } = {},
): Promise<RunLeaderboard> {
  const ranked = rankResults(await runPlayerResults(executor, runId));
  return { players: ranked.length, top: ranked.slice(0, options.limit ?? 10) };
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
  const firstPlays = await claimFirstPlays(tx, { quizId: Number(run.quiz_id), runId: params.runId, userIds: standings.map((s) => s.userId) });
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

/**
 * The all-time leaderboard of a chat: players with points, highest first; equal points share a
 * place (listed by user id). One range scan of player_stats_leaderboard_idx, however many runs
 * the chat has played.
 */
export async function chatLeaderboard(
  executor: Executor,
  chatId: number,
  options: { limit?: number } = {},
): Promise<ChatLeaderboardEntry[]> {
  const rows = await executor
    .select({
      userId: playerStats.userId,
      firstName: users.firstName,
      username: users.username,
      points: playerStats.points,
      quizzesPlayed: playerStats.quizzesPlayed,
      correctAnswers: playerStats.correctAnswers,
      answeredQuestions: playerStats.answeredQuestions,
    })
    .from(playerStats)
    .innerJoin(users, eq(users.id, playerStats.userId))
    .where(and(eq(playerStats.chatId, chatId), gt(playerStats.points, 0)))
    .orderBy(desc(playerStats.points), asc(playerStats.userId))
    .limit(options.limit ?? 10);
  // The list is a prefix of the whole ordering, so the ranks of its rows are the whole list's.
  const ranks = sharedRanks(rows, (a, b) => a.points === b.points);
  return rows.map((row, index) => ({ rank: ranks[index] as number, ...row }));
}

/** A user's totals summed over every chat they played in (zeros for a user who never played), for /myscore. */
export async function userScore(executor: Executor, userId: number): Promise<UserScore> {
  const [row] = await executor
    .select({
      points: sql<number>`coalesce(sum(${playerStats.points}), 0)`.mapWith(Number),
      quizzesPlayed: sql<number>`coalesce(sum(${playerStats.quizzesPlayed}), 0)`.mapWith(Number),
      correct: sql<number>`coalesce(sum(${playerStats.correctAnswers}), 0)`.mapWith(Number),
      answered: sql<number>`coalesce(sum(${playerStats.answeredQuestions}), 0)`.mapWith(Number),
    })
    .from(playerStats)
    .where(eq(playerStats.userId, userId));
  const totals = row ?? { points: 0, quizzesPlayed: 0, correct: 0, answered: 0 };
  return { ...totals, accuracy: totals.answered > 0 ? totals.correct / totals.answered : 0 };
}
