import { bigint, integer, pgTable, smallint, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { questions } from './questions.js';
import { runs } from './runs.js';

/**
 * A question as sent in one run: the poll Telegram created for it (`pollId` is how a
 * `poll_answer` finds its run) and the option order shown, when options were shuffled.
 */
export const runQuestions = pgTable(
  'run_questions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    runId: bigint('run_id', { mode: 'number' })
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    questionId: bigint('question_id', { mode: 'number' })
      .notNull()
      .references(() => questions.id),
    position: integer('position').notNull(),
    pollId: text('poll_id').unique('run_questions_poll_id_uq'),
    messageId: bigint('message_id', { mode: 'number' }),
    /** shownOrder[i] = index in `questions.options` of the i-th option shown; null when not shuffled. */
    shownOrder: smallint('shown_order').array(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [unique('run_questions_run_position_uq').on(t.runId, t.position)],
);

export type RunQuestion = typeof runQuestions.$inferSelect;
export type NewRunQuestion = typeof runQuestions.$inferInsert;
