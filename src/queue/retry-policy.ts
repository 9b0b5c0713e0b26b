/**
 * What the outbound queue does after one attempt of a call: the queue's retry policy, in one
 * pure function of the attempt's outcome (outcome.ts classifies Telegram's answer or the
 * network error) and the call's history.
 * - an answer (ok, or a 4xx other than 429) settles the call;
 * - a 429 repeats it first in its line once the refused scope's pause ends;
 * - a 5xx, or a request that never left, is repeated after a backoff, `maxRetries` times;
 * - a broken connection after the request went out fails a call that would duplicate a message
 *   (AmbiguousDeliveryError), and repeats others (edits, reads), remembering that the first try
 *   may have taken effect.
 */
import type { ApiResponse } from 'grammy/types';
import type { Backoff } from '../lib/backoff.js';
import type { Call } from './call.js';
import { deliveryOf } from './delivery.js';
import { AmbiguousDeliveryError } from './errors.js';
import { duplicatesOnRepeat } from './method-policy.js';
import { isMessageNotModified, type Outcome } from './outcome.js';

/** The next step of a call after an attempt. */
export type RetryDecision =
  | { kind: 'settle'; response: ApiResponse<unknown> }
  | { kind: 'rate_limited'; retryAfterS: number }
  | { kind: 'again'; delayMs: number }
  | { kind: 'fail'; error: unknown };

export interface RetryPolicy {
  maxRetries: number;
  backoff: Backoff;
}

/** Decides what follows `outcome`; marks the call `maybeApplied` when its request may have acted. */
export function decideAfter(call: Call, outcome: Outcome, policy: RetryPolicy): RetryDecision {
  const exhausted = call.attempts > policy.maxRetries;
  const again = (): RetryDecision => ({ kind: 'again', delayMs: policy.backoff.delayMs(call.attempts) });
  switch (outcome.kind) {
    case 'answer':
      return { kind: 'settle', response: settledResponse(call, outcome.response) };
    case 'rate_limited':
      return { kind: 'rate_limited', retryAfterS: outcome.retryAfterS };
    case 'server_error':
      return exhausted ? { kind: 'settle', response: outcome.response } : again();
    case 'not_sent':
      return exhausted ? { kind: 'fail', error: outcome.error } : again();
    case 'unclear':
      if (duplicatesOnRepeat(call.method))
        return { kind: 'fail', error: new AmbiguousDeliveryError(call.method, call.chat?.key, outcome.error) };
      if (exhausted) return { kind: 'fail', error: outcome.error };
      call.maybeApplied = true;
      return again();
  }
}

/**
 * Telegram's answer as the caller should see it. An edit repeated after a broken connection
 * that finds nothing to change was applied by the attempt whose connection broke: it succeeded;
 * `true` is what Telegram answers for edits without a Message.
 */
function settledResponse(call: Call, response: ApiResponse<unknown>): ApiResponse<unknown> {
  if (call.maybeApplied && !response.ok && isMessageNotModified(response)) return { ok: true, result: true };
  return response;
}

/**
 * The error to reject `call` with: as given, unless an earlier attempt may have taken effect
 * (its connection broke after sending; edits and reads are repeated after that) while the
 * error says nothing was sent. Then it is an AmbiguousDeliveryError, so that deliveryOf tells
 * the truth about the call, not about its last attempt.
 */
export function mayHaveApplied(call: Call, error: unknown): unknown {
  if (!call.maybeApplied || deliveryOf(error) !== 'not_sent') return error;
  return new AmbiguousDeliveryError(call.method, call.chat?.key, error);
}
