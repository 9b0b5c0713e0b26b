import { bigint, boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * A quiz an admin created. Deleting one only stamps `deletedAt`: finished runs and their
 * leaderboards keep pointing at it.
 */
export const quizzes = pgTable(
  'quizzes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ownerId: bigint('owner_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    /** Seconds each question stays open unless the run overrides it. */
    openPeriodS: integer('open_period_s').notNull().default(30),
    shuffleOptions: boolean('shuffle_options').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('quizzes_owner_idx').on(t.ownerId, t.createdAt)],
);

export type Quiz = typeof quizzes.$inferSelect;
export type NewQuiz = typeof quizzes.$inferInsert;
