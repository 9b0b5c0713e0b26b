import { bigint, index, integer, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';
import { runs } from './runs.js';
import { users } from './users.js';

/** Points a player earned in one run; the primary key makes crediting idempotent. */
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
    rank: integer('rank').notNull(),
    points: integer('points').notNull(),
    correctCount: integer('correct_count').notNull(),
    answeredCount: integer('answered_count').notNull(),
    totalResponseMs: bigint('total_response_ms', { mode: 'number' }).notNull(),
    creditedAt: timestamp('credited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'rewards_pk', columns: [t.runId, t.userId] }),
    index('rewards_user_idx').on(t.userId),
  ],
);

export type Reward = typeof rewards.$inferSelect;
