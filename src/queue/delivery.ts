/**
 * The one place that says whether a failed Bot API call may have reached Telegram, for callers
 * that must never do something twice (the run engine posts each question at most once) or must
 * know whether to try again.
 */
import { GrammyError, HttpError } from 'grammy';
import { AmbiguousDeliveryError, ChatUnreachableError, QueueClosedError, QueueFullError, SendCancelledError } from './errors.js';
import { fromError } from './outcome.js';

/**
 * - `not_sent`: Telegram did not act on it: never sent (queue full or closed, guard declined,
 *   aborted, a network error before the request left) or answered in a way that means nothing
 *   was done (5xx after the last retry, 429). Safe to send again.
 * - `refused`: Telegram answered with a 4xx other than 403 and 429: the request itself is wrong;
 *   sending it again as it is will fail again.
 * - `unreachable`: the bot cannot write to the chat (403: blocked, kicked, deactivated).
 * - `unknown`: the request may have been carried out (the connection broke after it went out,
 *   or an error this module does not know). Sending again may duplicate it.
 */
export type Delivery = 'not_sent' | 'refused' | 'unreachable' | 'unknown';

/**
 * What `error` (a rejection of a call through the queue, or of grammY's Api over it) says about
 * the call having reached Telegram.
 *
 * @example
 * try { await questionApi.sendPoll(...) } catch (error) {
 *   if (deliveryOf(error) === 'unknown') await markQuestionUncertain(); // reconcile, never resend blindly
 * }
 */
export function deliveryOf(error: unknown): Delivery {
  if (error instanceof AmbiguousDeliveryError) return 'unknown';
  if (error instanceof ChatUnreachableError) return 'unreachable';
  if (error instanceof QueueFullError || error instanceof QueueClosedError || error instanceof SendCancelledError) return 'not_sent';
  if (error instanceof GrammyError) {
    if (error.error_code === 403) return 'unreachable';
    // 429: refused by the flood limit; 5xx: Telegram failed before acting (the queue gave up retrying).
    if (error.error_code === 429 || error.error_code >= 500) return 'not_sent';
    return 'refused';
  }
  // A network failure the queue passed on after its last retry: it knows which ones happen
  // before a byte of the request is sent.
  if (error instanceof HttpError) return fromError(error).kind === 'not_sent' ? 'not_sent' : 'unknown';
  return 'unknown';
}
