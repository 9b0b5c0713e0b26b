import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { QuestionMedia } from '../../quiz/question-check.js';
import { quizzes } from './quizzes.js';

/**
 * One question of a quiz, in the shape Telegram's quiz polls take. A row's content never changes
 * once written: editing a question retires its row (`retiredAt`) and writes a new one, so runs,
 * answers and results keep pointing at the question they asked, and a cache keyed by a question's
 * id is never stale (src/engine/question-cache.ts). Only `position` (the place in the live list)
 * and `retiredAt` change.
 */
export const questions = pgTable(
  'questions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    quizId: bigint('quiz_id', { mode: 'number' })
      .notNull()
      .references(() => quizzes.id, { onDelete: 'cascade' }),
    /** 0-based order among the quiz's live questions; a retired row keeps the place it last had. */
    position: integer('position').notNull(),
    text: text('text').notNull(),
    options: text('options').array().notNull(),
    /** Indexes into `options`; several are allowed (Bot API 9.6 `correct_option_ids`). */
    correctOptionIds: smallint('correct_option_ids').array().notNull(),
    explanation: text('explanation'),
    /** Seconds this question stays open; null falls back to the quiz default. */
    openPeriodS: integer('open_period_s'),
    /** A photo, video or animation shown with the question (Bot API 10.0): a file_id or an https URL. */
    media: jsonb('media').$type<QuestionMedia>(),
    /** The same, shown with the explanation. */
    explanationMedia: jsonb('explanation_media').$type<QuestionMedia>(),
    /** When an edit replaced or deleted the question; null: the question is part of the quiz now. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    // The live questions' order; retired rows keep theirs without taking the place.
    uniqueIndex('questions_quiz_position_uq')
      .on(t.quizId, t.position)
      .where(sql`${t.retiredAt} is null`),
    // Every row of a quiz, retired or not (the foreign key's cascade; the unique index covered it before).
    index('questions_quiz_idx').on(t.quizId),
    // Telegram's quiz polls: 1-12 options, at least one correct. The app checks lengths with
    // messages for people; these keep a bad row out whatever writes it.
    check('questions_options_ck', sql`cardinality(${t.options}) between 1 and 12`),
    check('questions_correct_ck', sql`cardinality(${t.correctOptionIds}) >= 1`),
  ],
);

export type Question = typeof questions.$inferSelect;
export type NewQuestion = typeof questions.$inferInsert;
