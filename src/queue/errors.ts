/** Errors the outbound queue rejects a call with, when no answer from Telegram can be given. */

/** The queue holds `maxSize` calls already; the caller should slow down or drop the call knowingly. */
export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
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
  constructor(
    readonly method: string,
    readonly chatId: string | undefined,
    override readonly cause: unknown,
  ) {
    super(`${method}${chatId ? ` to chat ${chatId}` : ''} may or may not have been delivered: the connection broke after the request was sent (${describe(cause)}); not repeated to avoid a duplicate`);
  }
}

/** The chat blocked the bot (or the bot was removed): sends there are refused until it is marked reachable again. */
export class ChatUnreachableError extends Error {
  override readonly name = 'ChatUnreachableError';
  constructor(
    readonly method: string,
    readonly chatId: string,
    readonly reason: string,
  ) {
    super(`${method} to chat ${chatId} not sent: ${reason}`);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
