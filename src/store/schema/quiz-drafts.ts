import { sql } from 'drizzle-orm';
import { bigint, check, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { QuizQuestion } from '../../quiz/question-check.js';
import { users } from './users.js';

/**
 * A quiz being created in the guided flow (/newquiz, then questions one message at a time,
 * then /done): one per user, kept in the database so that it survives a restart and any
 * instance can take the next message. `title` is null until the author has sent it.
 * Questions are appended with jsonb concatenation in SQL, never read-modified-written.
 */
export const quizDrafts = pgTable(
  'quiz_drafts',
  {
    userId: bigint('user_id', { mode: 'number' })
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title'),
    questions: jsonb('questions')
      .$type<QuizQuestion[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('quiz_drafts_questions_array_ck', sql`jsonb_typeof(${t.questions}) = 'array'`)],
);

export type QuizDraft = typeof quizDrafts.$inferSelect;
