import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { runs } from './runs.js';

export const outboxKinds = ['announce', 'question', 'results'] as const;
export type OutboxKind = (typeof outboxKinds)[number];

/**
 * State of one send:
 * - pending: the intent is committed, the call has not left the queue (safe to send);
 * - dispatched: the call left for Telegram (stamped right before the request); its outcome is
 *   recorded next; if the sender died meanwhile, nobody knows whether Telegram got it;
 * - unknown: the outcome is not known (the connection broke after the request, or the sender
 *   died): never sent again; a question is reconciled from a `poll` update or skipped;
 * - sent: Telegram accepted it; failed: Telegram refused it or the chat is unreachable;
 * - lost: the outcome stayed unknown and the run went on without it (a skipped question).
 */
export const outboxStates = ['pending', 'dispatched', 'unknown', 'sent', 'failed', 'lost'] as const;
export type OutboxState = (typeof outboxStates)[number];

/**
 * The run engine's outbox: each message of a run that must reach its chat at most once (the
 * announcement, each question's poll, the results), written as an intent in the same short
 * transaction as the run's step, sent through the outbound queue with no transaction open, and
 * its outcome recorded in another short transaction. `payload` is the exact Bot API request
 * (JSON text), so any instance can send or reconcile it.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    runId: bigint('run_id', { mode: 'number' })
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: outboxKinds }).notNull(),
    /** The question's position; -1 for the announcement and the results. */
    position: integer('position').notNull().default(-1),
    method: text('method').notNull(),
    payload: text('payload').notNull(),
    /** The outbound queue's priority for it. */
    priority: text('priority').notNull(),
    /** When the step was due: the queue serves older due sends first within a priority. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    state: text('state', { enum: outboxStates }).notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    messageId: bigint('message_id', { mode: 'number' }),
    pollId: text('poll_id'),
    /** Why it failed or was given up, for the operator. */
    error: text('error'),
  },
  (t) => [
    unique('outbox_run_kind_position_uq').on(t.runId, t.kind, t.position),
    // Sends whose outcome is open: a run's interrupted step, and `poll` updates to reconcile with.
    index('outbox_open_idx')
      .on(t.runId)
      .where(sql`${t.state} in ('pending', 'dispatched', 'unknown')`),
    check('outbox_kind_ck', sql`${t.kind} in ('announce', 'question', 'results')`),
    check('outbox_state_ck', sql`${t.state} in ('pending', 'dispatched', 'unknown', 'sent', 'failed', 'lost')`),
  ],
);

export type OutboxRow = typeof outbox.$inferSelect;
