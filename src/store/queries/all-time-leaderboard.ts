/**
 * The all-time boards: a chat's leaderboard (/leaderboard) and a user's totals over every chat
 * (/myscore), both read from player_stats, which crediting a run (run-rewards.ts) keeps.
 */
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { sharedRanks } from '../../quiz/ranking.js';
import type { Executor } from '../database.js';
import { playerStats } from '../schema/player-stats.js';
import { users } from '../schema/users.js';

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
