import { bigint, index, integer, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * Running totals per player per chat, updated in the same transaction that credits a run's
 * rewards. The all-time chat leaderboard is then one index range scan instead of an
 * aggregate over every answer ever given; /myscore sums a user's few rows.
 */
export const playerStats = pgTable(
  'player_stats',
  {
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    points: bigint('points', { mode: 'number' }).notNull().default(0),
    quizzesPlayed: integer('quizzes_played').notNull().default(0),
    correctAnswers: integer('correct_answers').notNull().default(0),
    answeredQuestions: integer('answered_questions').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'player_stats_pk', columns: [t.chatId, t.userId] }),
    index('player_stats_leaderboard_idx').on(t.chatId, t.points.desc()),
    index('player_stats_user_idx').on(t.userId),
  ],
);

export type PlayerStats = typeof playerStats.$inferSelect;
