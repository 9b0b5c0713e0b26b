import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Updates accepted and not yet handled (durable intake). An update other than a poll answer is
 * *accepted* once its row is committed: only then does long polling move its offset past it, or
 * the webhook answer 200. Handlers then run from here, one lane (a chat) at a time in update
 * order, any instance claiming a lane's first open update with SKIP LOCKED.
 *
 * A handled row is kept (`handledAt`) for a day so that a redelivery of the same update_id is
 * recognised and not handled twice; a row whose handler kept failing is parked (`deadAt`, a
 * dead letter) and no longer holds its lane back. `payload` is the update's JSON as text, not
 * jsonb: jsonb refuses the \u0000 escape a user can type, and such an update must still be
 * accepted (and then refused by its handler), never block intake.
 */
export const inbox = pgTable(
  'inbox',
  {
    updateId: bigint('update_id', { mode: 'number' }).primaryKey(),
    /** Updates of one lane are handled one at a time, in update_id order: `chat:<id>`, `poll:<id>`, ... */
    lane: text('lane').notNull(),
    /** The update's type (message, callback_query, poll, poll_answer, ...). */
    kind: text('kind').notNull(),
    /** What a deferred update waits for (a poll answer: its poll's id), to wake it when that is known. */
    waitsFor: text('waits_for'),
    payload: text('payload').notNull(),
    /** When the update was accepted: a deferred poll answer's time. */
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
    /** Handling attempts started (claims). */
    attempts: integer('attempts').notNull().default(0),
    /** Not claimed before this time (the backoff after a failed attempt). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** The instance handling it now; its claim lapses at `claimedUntil` unless renewed. */
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    deadAt: timestamp('dead_at', { withTimezone: true }),
    /** The last failure, for the operator (error class and message; never the update's text). */
    lastError: text('last_error'),
  },
  (t) => [
    // Open rows by lane: the claim's "first open update of its lane" probe, and the scan of open rows.
    index('inbox_open_idx')
      .on(t.lane, t.updateId)
      .where(sql`${t.handledAt} is null and ${t.deadAt} is null`),
    index('inbox_waits_for_idx')
      .on(t.waitsFor)
      .where(sql`${t.waitsFor} is not null and ${t.handledAt} is null and ${t.deadAt} is null`),
    index('inbox_handled_idx')
      .on(t.handledAt)
      .where(sql`${t.handledAt} is not null`),
    index('inbox_dead_idx')
      .on(t.deadAt)
      .where(sql`${t.deadAt} is not null`),
  ],
);

export type InboxRow = typeof inbox.$inferSelect;
