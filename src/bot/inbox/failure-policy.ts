/**
 * What a failed handler means for its update, decided in one place:
 * - the chat blocked the bot or removed it (403): an outcome, not a failure: the update is done;
 * - the handler asked to be tried later ({@link RetryLaterError}: a poll not known yet);
 * - a failure that cannot heal by trying again (Telegram refused the request, 400; the
 *   database refused the data, SQLSTATE class 22 or 23, such as a value a constraint refuses): parked now;
 * - anything else (the database or Telegram unreachable, a bug): tried again with capped,
 *   jittered backoff, `maxAttempts` times in all, then parked as a dead letter.
 */
import type { Backoff } from '../../lib/backoff.js';
import { errorCode } from '../../lib/describe-error.js';
import { deliveryOf } from '../../queue/delivery.js';

/** Thrown by a handler whose update should simply be handled later (not a failure). */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
  readonly code = 'RETRY_LATER';
}

export type FailureDecision = { kind: 'done'; reason: string } | { kind: 'retry'; delayMs: number } | { kind: 'park'; reason: string };

/** The longest wait between two tries of an update that asked to be retried later. */
const RETRY_LATER_MAX_MS = 30_000;

export function decideFailure(error: unknown, context: { attempt: number; maxAttempts: number; backoff: Backoff }): FailureDecision {
  if (error instanceof RetryLaterError)
    return { kind: 'retry', delayMs: Math.min(RETRY_LATER_MAX_MS, context.backoff.delayMs(context.attempt)) };
  const delivery = deliveryOf(error);
  if (delivery === 'unreachable') return { kind: 'done', reason: 'the chat is unreachable (the bot was blocked or removed)' };
  if (delivery === 'refused') return { kind: 'park', reason: 'Telegram refused the request' };
  const sqlState = errorCode(error);
  if (sqlState !== undefined && /^2[23][0-9A-Z]{3}$/.test(sqlState))
    return { kind: 'park', reason: `the database refused the data (SQLSTATE ${sqlState})` };
  if (context.attempt >= context.maxAttempts) return { kind: 'park', reason: `failed ${context.attempt} times` };
  return { kind: 'retry', delayMs: context.backoff.delayMs(context.attempt) };
}
