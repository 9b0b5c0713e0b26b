/**
 * Sends one outbox row through the outbound queue and says what became of it. The queue runs
 * the guard right before the request leaves (the row goes pending -> dispatched in the
 * database, only if it is still pending and its run still active), so a row is sent by one
 * sender at most, and only a row marked dispatched can have reached Telegram. No transaction
 * or pooled connection is held while the call waits in the queue.
 */
import type { Api, RawApi } from 'grammy';
import type { Message } from 'grammy/types';
import { dateOf, type Clock } from '../lib/clock.js';
import { deliveryOf } from '../queue/delivery.js';
import { SendCancelledError } from '../queue/errors.js';
import type { Priority } from '../queue/priorities.js';
import type { Database } from '../store/database.js';
import { markDispatched } from '../store/queries/outbox.js';
import type { OutboxRow } from '../store/schema/outbox.js';

/** What a send came to. */
export type SendOutcome =
  /** Telegram accepted it; `at` is when its answer came back (a question's period runs from then). */
  | { kind: 'sent'; message: Message; at: number }
  /** It did not reach Telegram (the queue closed, a network error before sending, a 5xx, the guard failed): it may be sent again. */
  | { kind: 'not_sent'; error: unknown }
  /** Another sender took it, or the run ended, before it left: nothing to do. */
  | { kind: 'cancelled' }
  /** Telegram refused the request itself (400): sending it again cannot help. */
  | { kind: 'refused'; error: unknown }
  /** The chat blocked the bot or removed it (403). */
  | { kind: 'unreachable'; error: unknown }
  /** It left for Telegram and no answer came back: it may or may not have been delivered. */
  | { kind: 'unknown'; error: unknown };

/** Builds a grammY Api whose every call goes through the queue with these options. */
export type QueuedApiFactory = (options: { priority: Priority; dueAt: number; beforeSend: () => Promise<boolean> }) => Api;

export interface OutboxSender {
  send(row: OutboxRow): Promise<SendOutcome>;
}

export function createOutboxSender(options: { db: Database; clock: Clock; apiFor: QueuedApiFactory }): OutboxSender {
  const { db, clock } = options;
  return {
    async send(row) {
      let guardPassed = false;
      const api = options.apiFor({
        priority: row.priority as Priority,
        dueAt: row.dueAt.getTime(),
        beforeSend: async () => {
          guardPassed = await markDispatched(db, { id: row.id, at: dateOf(clock) });
          return guardPassed;
        },
      });
      try {
        const call = api.raw[row.method as keyof RawApi] as (payload: unknown) => Promise<Message>;
        const message = await call(JSON.parse(row.payload));
        return { kind: 'sent', message, at: clock.now() };
      } catch (error) {
        const delivery = deliveryOf(error);
        if (delivery === 'not_sent') return guardPassed || !isCancellation(error) ? { kind: 'not_sent', error } : { kind: 'cancelled' };
        if (delivery === 'refused') return { kind: 'refused', error };
        if (delivery === 'unreachable') return { kind: 'unreachable', error };
        return { kind: 'unknown', error };
      }
    },
  };
}

/** The guard said no (not: the guard failed), so nothing left and someone else owns the row. */
function isCancellation(error: unknown): boolean {
  return error instanceof SendCancelledError && error.reason === 'declined';
}
