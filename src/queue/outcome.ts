/**
 * What one attempt of a call came to, and what the queue does about it: Telegram's answer
 * (grammY hands transformers the parsed `{ok, error_code, parameters}`), or the network error
 * grammY threw (HttpError wrapping node-fetch's FetchError).
 */
import { HttpError } from 'grammy';
import type { ApiResponse } from 'grammy/types';

export type Outcome =
  /** Done: hand Telegram's answer to the caller (grammY turns an error answer into a GrammyError). */
  | { kind: 'answer'; response: ApiResponse<unknown> }
  /** 429: wait `retryAfterS`, then repeat the call first in its line. */
  | { kind: 'rate_limited'; response: ApiResponse<unknown>; retryAfterS: number }
  /** 5xx: Telegram did not act on it; repeat after a backoff. */
  | { kind: 'server_error'; response: ApiResponse<unknown> }
  /** The request never reached Telegram (refused, no route, no DNS): safe to repeat. */
  | { kind: 'not_sent'; error: unknown }
  /** The connection broke once the request may have gone out: Telegram may have acted on it. */
  | { kind: 'unclear'; error: unknown };

/** Connection errors that happen before a single byte of the request is sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function fromResponse(response: ApiResponse<unknown>): Outcome {
  if (response.ok) return { kind: 'answer', response };
  if (response.error_code === 429)
    return { kind: 'rate_limited', response, retryAfterS: Math.max(1, response.parameters?.retry_after ?? 1) };
  if (response.error_code >= 500) return { kind: 'server_error', response };
  return { kind: 'answer', response };
}

export function fromError(error: unknown): Outcome {
  const cause = error instanceof HttpError ? error.error : error;
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return { kind: 'not_sent', error };
  return { kind: 'unclear', error };
}

/**
 * A 403 that means the bot cannot write to the chat until something changes there (the user
 * unblocks it or writes again, an admin adds the bot back).
 */
export function unreachableReason(response: ApiResponse<unknown>): string | undefined {
  if (response.ok || response.error_code !== 403) return undefined;
  return response.description.replace(/^Forbidden: /, '');
}

/**
 * Telegram refused an edit because the message already shows that content: the one test of
 * it, for a failed answer (`{ ok: false, ... }`) or a GrammyError (both carry the code and the
 * description). An edit repeated after a broken connection, or a double press, meets it.
 */
export function isMessageNotModified(refusal: { error_code?: number; description?: string }): boolean {
  return refusal.error_code === 400 && (refusal.description ?? '').startsWith('Bad Request: message is not modified');
}
