import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { CREDITS } from '../../quiz/ranking.js';
import { runs } from './runs.js';
import { users } from './users.js';

/**
 * One player's result in one finished run, as credited: the primary key makes crediting
 * idempotent. Every player of the run has a row, also one with no correct answer (no rank, no
 * points), so "My rank" and the results read what was credited.
 */
export const rewards = pgTable(
  'rewards',
  {
    runId: bigint('run_id', { mode: 'number' })
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    /** Competition rank (equal results share it); null: no correct answer. */
    rank: integer('rank'),
    /** Points added to the player's all-time total for this run (0 unless `credit` is counted). */
    points: integer('points').notNull(),
    /** Whether the run counted toward all-time points, or why not (see src/quiz/ranking.ts). */
    credit: text('credit', { enum: CREDITS }).notNull().default('counted'),
    correctCount: integer('correct_count').notNull(),
    answeredCount: integer('answered_count').notNull(),
    totalResponseMs: bigint('total_response_ms', { mode: 'number' }).notNull(),
    creditedAt: timestamp('credited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'rewards_pk', columns: [t.runId, t.userId] }),
    index('rewards_user_idx').on(t.userId),
    check('rewards_credit_ck', sql`${t.credit} in ('counted', 'replay', 'own-quiz')`),
  ],
);

export type Reward = typeof rewards.$inferSelect;
