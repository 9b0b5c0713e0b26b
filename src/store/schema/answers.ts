import { bigint, boolean, integer, pgTable, primaryKey, smallint, timestamp } from 'drizzle-orm/pg-core';
import { runs } from './runs.js';
import { users } from './users.js';

/**
 * One player's answer to one question of one run. Written only by the AnswerWriter's bulk
 * upsert; `updateId` orders competing writes (the higher Telegram update_id wins), so a
 * redelivered older update never overwrites a newer vote. A retracted vote keeps its row with
 * empty `optionIds` (and `isCorrect` false) so that ordering still holds.
 */
export const answers = pgTable(
  'answers',
  {
    runId: bigint('run_id', { mode: 'number' })
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    questionId: bigint('question_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    /** Option indexes in the quiz's own order (already mapped back from a shuffled poll). */
    optionIds: smallint('option_ids').array().notNull(),
    isCorrect: boolean('is_correct').notNull(),
    /** Milliseconds from the poll being sent to the answer being received; null when retracted. */
    responseMs: integer('response_ms'),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
    updateId: bigint('update_id', { mode: 'number' }).notNull(),
  },
  (t) => [
    // The only index: every extra one slows the bulk upsert, and per-user figures live in
    // player_stats instead.
    primaryKey({ name: 'answers_pk', columns: [t.runId, t.questionId, t.userId] }),
  ],
);

export type Answer = typeof answers.$inferSelect;
