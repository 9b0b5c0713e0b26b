/**
 * Bot API failures exactly as api.telegram.org words them. A method handler throws a
 * BotApiError; the HTTP layer turns it into `{"ok":false,"error_code":...,"description":...}`.
 */

/** What a 429 (and a migrated group) tells the client, as in Telegram's `ResponseParameters`. */
export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

/** A Bot API error answer: HTTP status = `errorCode`, body = {@link BotApiError.toJSON}. */
export class BotApiError extends Error {
  override readonly name = 'BotApiError';
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }

  /** The response body Telegram sends for this error. */
  toJSON(): { ok: false; error_code: number; description: string; parameters?: ResponseParameters } {
    return this.parameters
      ? { ok: false, error_code: this.errorCode, description: this.description, parameters: this.parameters }
      : { ok: false, error_code: this.errorCode, description: this.description };
  }
}

/** 400 `Bad Request: <what>`, e.g. `badRequest('chat not found')`. */
export const badRequest = (what: string): BotApiError => new BotApiError(400, `Bad Request: ${what}`);

/** 401, the answer to a token Telegram does not know. */
export const unauthorized = (): BotApiError => new BotApiError(401, 'Unauthorized');

/** 403 `Forbidden: <what>`, e.g. `forbidden('bot was blocked by the user')`. */
export const forbidden = (what: string): BotApiError => new BotApiError(403, `Forbidden: ${what}`);

/** 404, the answer to a method Telegram does not have. */
export const notFound = (): BotApiError => new BotApiError(404, 'Not Found');

/** 409 `Conflict: <what>`, e.g. getUpdates while a webhook is set. */
export const conflict = (what: string): BotApiError => new BotApiError(409, `Conflict: ${what}`);

/** 429 with `parameters.retry_after` in whole seconds (at least 1). */
export const tooManyRequests = (retryAfterS: number): BotApiError => {
  const seconds = Math.max(1, Math.ceil(retryAfterS));
  return new BotApiError(429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });
};

/** 5xx as Telegram's front end answers when it is unwell (500 Internal Server Error, 502 Bad Gateway, ...). */
export const serverError = (code: 500 | 502 | 503 | 504 = 500): BotApiError => {
  const text = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' }[code];
  return new BotApiError(code, text);
};
