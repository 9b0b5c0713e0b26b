import { bigint, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';
import { quizzes } from './quizzes.js';
import { users } from './users.js';

/**
 * The first credited run of a quiz for each player: only that one counts toward all-time points
 * (a replay has seen the correct answers). Crediting inserts here `on conflict do nothing`, so two
 * runs of one quiz finishing at once cannot both be a player's first. `runId` has no foreign key
 * on purpose: deleting a run must not make the quiz count again.
 */
export const quizPlays = pgTable(
  'quiz_plays',
  {
    quizId: bigint('quiz_id', { mode: 'number' })
      .notNull()
      .references(() => quizzes.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    runId: bigint('run_id', { mode: 'number' }).notNull(),
    playedAt: timestamp('played_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'quiz_plays_pk', columns: [t.quizId, t.userId] })],
);

export type QuizPlay = typeof quizPlays.$inferSelect;
