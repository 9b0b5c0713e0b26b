import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Locale } from '../../i18n/locales.js';
import { chats } from './chats.js';
import { quizzes } from './quizzes.js';
import { users } from './users.js';

export const runStatuses = ['running', 'finishing', 'finished', 'cancelled'] as const;
export type RunStatus = (typeof runStatuses)[number];

/** What a run was started with, frozen so later edits of the quiz or config do not change it. */
export interface RunSettings {
  openPeriodS: number;
  /** The period was given when the run was started (`/startquiz 12 15s`): it then beats each question's own. */
  openPeriodFixed?: boolean;
  shuffleOptions: boolean;
  rewardPoints: number[];
  participationPoints: number;
  /**
   * The questions this run asks, in order, taken when it started: a pool draw (`/startquiz 12 10q`,
   * src/quiz/question-draw.ts) or else the quiz's live questions. Edits of the quiz made while the
   * run plays do not change them (question rows are never changed, only retired). Absent only in
   * runs started before quiz editing existed (migration 0005), which read the live list instead.
   */
  questionIds?: number[];
  /** The quiz's title when the run started (its announcement and results); absent in older runs: the quiz's. */
  title?: string;
  /**
   * The language the run speaks in its chat (announcement, results): the chat's when it started
   * (src/bot/middleware/chat-language.ts). Absent in runs started before languages existed: English.
   */
  locale?: Locale;
}

/**
 * A quiz being played in a chat. All of its state lives here so that any instance can pick it
 * up after a restart: the scheduler claims rows whose `nextActionAt` is due.
 */
export const runs = pgTable(
  'runs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    quizId: bigint('quiz_id', { mode: 'number' })
      .notNull()
      .references(() => quizzes.id),
    chatId: bigint('chat_id', { mode: 'number' })
      .notNull()
      .references(() => chats.id),
    startedBy: bigint('started_by', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    mode: text('mode', { enum: ['group', 'private'] }).notNull(),
    status: text('status', { enum: runStatuses }).notNull().default('running'),
    /** Position of the question now open (or about to be sent); -1 before the first. */
    currentPosition: integer('current_position').notNull().default(-1),
    questionCount: integer('question_count').notNull(),
    /**
     * When the scheduler must act next (send the next question, close, finish). While an
     * instance holds the run (`claimedBy`), this is when its claim lapses: the instance renews
     * it while the step's messages wait in its queue, and another instance takes the run over
     * if it dies.
     */
    nextActionAt: timestamp('next_action_at', { withTimezone: true }),
    /** The instance whose step is in progress; null between steps. */
    claimedBy: text('claimed_by'),
    settings: jsonb('settings').$type<RunSettings>().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    rewardsCreditedAt: timestamp('rewards_credited_at', { withTimezone: true }),
    resultsPostedAt: timestamp('results_posted_at', { withTimezone: true }),
  },
  (t) => [
    // One active run per chat at a time.
    uniqueIndex('runs_one_active_per_chat_uq')
      .on(t.chatId)
      .where(sql`${t.status} in ('running', 'finishing')`),
    // The scheduler's claim: due active runs, oldest first.
    index('runs_due_idx')
      .on(t.nextActionAt)
      .where(sql`${t.status} in ('running', 'finishing')`),
    // Finished runs whose rewards or results are still owed (delivered exactly once after a crash).
    index('runs_undelivered_idx')
      .on(t.id)
      .where(sql`${t.status} = 'finished' and (${t.rewardsCreditedAt} is null or ${t.resultsPostedAt} is null)`),
    index('runs_chat_idx').on(t.chatId, t.startedAt),
    check('runs_status_ck', sql`${t.status} in ('running', 'finishing', 'finished', 'cancelled')`),
    check('runs_mode_ck', sql`${t.mode} in ('group', 'private')`),
  ],
);

export type Run = typeof runs.$inferSelect;
export type NewRun = typeof runs.$inferInsert;
