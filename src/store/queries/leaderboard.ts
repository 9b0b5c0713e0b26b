import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor, Transaction } from '../database.js';
import { playerStats } from '../schema/player-stats.js';
import { runs } from '../schema/runs.js';
import { users } from '../schema/users.js';
import { toArrayLiteral } from './array-literal.js';

/** One player's result in a run. */
export interface RunStanding {
  /** 1-based; unique (ties are broken by time, then by user id). */
  rank: number;
  userId: number;
  /** Correct answers. */
  correct: number;
  /** Questions answered (a retracted vote does not count). */
  answered: number;
  /** Sum of response times of the correct answers, in milliseconds: the tie-breaker. */
  totalCorrectMs: number;
}

/** A row of {@link runLeaderboard}: a standing with the player's name. */
export interface RunLeaderboardEntry extends RunStanding {
  firstName: string;
  username: string | null;
}

/** What {@link runLeaderboard} returns. */
export interface RunLeaderboard {
  /** Everyone ranked in the run, not only those shown. */
  players: number;
  top: RunLeaderboardEntry[];
}

/** A row of {@link chatLeaderboard}: all-time totals of one player in one chat. */
export interface ChatLeaderboardEntry {
  /** 1-based position in this list (equal points are ordered by user id). */
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

/** What {@link creditRewards} takes. */
export interface CreditRewardsParams {
  runId: number;
  /** The chat whose all-time leaderboard (player_stats) receives the points. */
  chatId: number;
  /** Points for rank 1, 2, ...; ranks beyond the list get none. */
  pointsByRank: readonly number[];
  /** Points every ranked player gets on top. */
  participationPoints: number;
}

type StandingRow = {
  rank: number;
  user_id: string | number;
  correct: number;
  answered: number;
  total_correct_ms: string | number;
};

/**
 * The ranking of a run, computed from `answers` (one scan of the run's primary-key range).
 * A player is a user with at least one answer still standing: one who only retracted votes is
 * not ranked. Order: most correct answers, then least total time on correct answers, then the
 * lower user id, so the ranking is the same every time it is computed.
 */
function rankedPlayers(runId: number): SQL {
  return sql`
    select user_id, correct, answered, total_correct_ms,
      (row_number() over (order by correct desc, total_correct_ms asc, user_id asc))::int as rank
    from (
      select user_id,
        (count(*) filter (where is_correct))::int as correct,
        (count(*) filter (where cardinality(option_ids) > 0))::int as answered,
        coalesce(sum(response_ms) filter (where is_correct), 0)::bigint as total_correct_ms
      from answers
      where run_id = ${runId}::bigint
      group by user_id
      having count(*) filter (where cardinality(option_ids) > 0) > 0
    ) as per_user`;
}

function toStanding(row: StandingRow): RunStanding {
  return {
    rank: row.rank,
    userId: Number(row.user_id),
    correct: row.correct,
    answered: row.answered,
    totalCorrectMs: Number(row.total_correct_ms),
  };
}

/**
 * The top of a run's ranking with names, and how many players it has. Computed from the
 * answers, so it is right while the run is still going and after it finished.
 *
 * @example
 * const { players, top } = await runLeaderboard(db, run.id, { limit: 10 });
 */
export async function runLeaderboard(
  executor: Executor,
  runId: number,
  options: { limit?: number } = {},
): Promise<RunLeaderboard> {
  const limit = options.limit ?? 10;
  // One row per player shown, or a single row of nulls beside the count when none is.
  type TopRow = { players: number } & ({ rank: null } | (StandingRow & { first_name: string; username: string | null }));
  const rows = await executor.execute<TopRow>(sql`
    with ranked as (${rankedPlayers(runId)})
    select counted.players, top.*
    from (select count(*)::int as players from ranked) as counted
    left join (
      select ranked.*, users.first_name, users.username
      from ranked join users on users.id = ranked.user_id
      where ranked.rank <= ${limit}::int
    ) as top on true
    order by top.rank`);
  const top: RunLeaderboardEntry[] = [];
  for (const row of rows) {
    if (row.rank === null) continue;
    top.push({ ...toStanding(row), firstName: row.first_name, username: row.username });
  }
  return { players: rows[0]?.players ?? 0, top };
}

/** One player's standing in a run and the number of players, or `undefined` when they are not ranked. */
export async function playerRank(
  executor: Executor,
  runId: number,
  userId: number,
): Promise<(RunStanding & { players: number }) | undefined> {
  const [row] = await executor.execute<StandingRow & { players: number }>(sql`
    with ranked as (${rankedPlayers(runId)})
    select ranked.*, (select count(*)::int from ranked) as players
    from ranked
    where ranked.user_id = ${userId}::bigint`);
  return row ? { ...toStanding(row), players: row.players } : undefined;
}

/**
 * Credits a finished run's rewards exactly once, inside the caller's transaction: one rewards
 * row per ranked player (points = pointsByRank[rank - 1] ?? 0, plus participationPoints), and
 * the same figures added to the player's player_stats row in `chatId` for the reward rows this
 * call actually inserted. It stamps runs.rewards_credited_at first, which also locks the run
 * row so concurrent calls queue; a call after the stamp credits nothing, and the rewards
 * primary key guards each player again should the stamp ever be cleared. Returns the number of
 * players credited by this call (0 when already credited or the run does not exist).
 */
export async function creditRewards(tx: Transaction, params: CreditRewardsParams): Promise<number> {
  const stamped = await tx
    .update(runs)
    .set({ rewardsCreditedAt: sql`now()` })
    .where(and(eq(runs.id, params.runId), isNull(runs.rewardsCreditedAt)))
    .returning({ id: runs.id });
  if (stamped.length === 0) return 0;
  const [result] = await tx.execute<{ credited: number }>(sql`
    with ranked as (${rankedPlayers(params.runId)}),
    credited as (
      insert into rewards (run_id, user_id, chat_id, rank, points, correct_count, answered_count, total_response_ms)
      select ${params.runId}::bigint, user_id, ${params.chatId}::bigint, rank,
        coalesce((${toArrayLiteral(params.pointsByRank)}::int[])[rank], 0) + ${params.participationPoints}::int,
        correct, answered, total_correct_ms
      from ranked
      order by user_id
      on conflict (run_id, user_id) do nothing
      returning user_id, points, correct_count, answered_count
    ),
    stats as (
      insert into player_stats as ps (chat_id, user_id, points, quizzes_played, correct_answers, answered_questions)
      select ${params.chatId}::bigint, user_id, points, 1, correct_count, answered_count
      from credited
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
 * The all-time leaderboard of a chat: players by points, highest first (equal points by user
 * id). One range scan of player_stats_leaderboard_idx, however many runs the chat has played.
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
    .where(eq(playerStats.chatId, chatId))
    .orderBy(desc(playerStats.points), asc(playerStats.userId))
    .limit(options.limit ?? 10);
  return rows.map((row, index) => ({ rank: index + 1, ...row }));
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
