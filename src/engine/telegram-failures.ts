/**
 * How the engine reads a failed Bot API call: the chat is gone for good (403, or a chat the
 * queue already knows is unreachable), Telegram refused the request itself (400: retrying the
 * same request cannot help), or anything else, which a later attempt may get through (network,
 * 5xx after the queue's retries, a full or closing queue, a send of unknown outcome).
 */
import { GrammyError } from 'grammy';
import { ChatUnreachableError } from '../queue/errors.js';

export type SendFailure = 'unreachable' | 'refused' | 'transient';

export function classifySendFailure(error: unknown): SendFailure {
  if (error instanceof ChatUnreachableError) return 'unreachable';
  if (error instanceof GrammyError) {
    if (error.error_code === 403) return 'unreachable';
    if (error.error_code === 400) return 'refused';
  }
  return 'transient';
}
