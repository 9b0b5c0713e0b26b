/**
 * Errors the outbound queue rejects a call with, when no answer from Telegram can be given.
 * Each has a stable `code`; {@link deliveryOf} (delivery.ts) says for any of them whether the
 * call may have reached Telegram.
 */

/** The queue holds `maxSize` calls already; the caller should slow down or drop the call knowingly. */
export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
  readonly code = 'QUEUE_FULL';
  constructor(
    readonly method: string,
    readonly maxSize: number,
  ) {
    super(`outbound queue is full (${maxSize} calls waiting): ${method} was not queued; raise QUEUE_MAX_SIZE or send less`);
  }
}

/** The queue is shutting down (or was closed before the call could be sent). */
export class QueueClosedError extends Error {
  override readonly name = 'QueueClosedError';
  readonly code = 'QUEUE_CLOSED';
  constructor(readonly method: string) {
    super(`outbound queue is closed: ${method} was not sent`);
  }
}

/**
 * The connection broke after the request went out, so Telegram may or may not have acted on
 * it; repeating a send could post the message twice. The caller decides (e.g. check the chat,
 * or accept a possible gap).
 */
export class AmbiguousDeliveryError extends Error {
  override readonly name = 'AmbiguousDeliveryError';
  readonly code = 'AMBIGUOUS_DELIVERY';
  constructor(
    readonly method: string,
    readonly chatId: string | undefined,
    override readonly cause: unknown,
  ) {
    super(
      `${method}${chatId ? ` to chat ${chatId}` : ''} may or may not have been delivered: the connection broke after the request was sent (${describe(cause)}); not repeated to avoid a duplicate`,
    );
  }
}

/** The chat blocked the bot (or the bot was removed): sends there are refused until it is marked reachable again. */
export class ChatUnreachableError extends Error {
  override readonly name = 'ChatUnreachableError';
  readonly code = 'CHAT_UNREACHABLE';
  constructor(
    readonly method: string,
    readonly chatId: string,
    readonly reason: string,
  ) {
    super(`${method} to chat ${chatId} not sent: ${reason}`);
  }
}

/**
 * Why a call was cancelled before its request went out:
 * - `declined`: its `beforeSend` guard resolved false;
 * - `guard_failed`: its `beforeSend` guard threw (the error is the `cause`);
 * - `aborted`: its AbortSignal fired while it waited (the signal's reason is the `cause`).
 */
export type SendCancelReason = 'declined' | 'guard_failed' | 'aborted';

/**
 * The call was not sent, on purpose: its guard said no (or failed), or the caller aborted it.
 * Nothing reached Telegram; the queue never repeats it.
 */
export class SendCancelledError extends Error {
  override readonly name = 'SendCancelledError';
  readonly code = 'SEND_CANCELLED';
  constructor(
    readonly method: string,
    readonly chatId: string | undefined,
    readonly reason: SendCancelReason,
    options?: { cause: unknown },
  ) {
    super(
      `${method}${chatId ? ` to chat ${chatId}` : ''} was not sent: ${CANCEL_TEXT[reason]}${options ? ` (${describe(options.cause)})` : ''}`,
      options,
    );
  }
}

const CANCEL_TEXT: Readonly<Record<SendCancelReason, string>> = {
  declined: 'its beforeSend guard declined it',
  guard_failed: 'its beforeSend guard threw',
  aborted: 'it was aborted before it went out',
};

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
