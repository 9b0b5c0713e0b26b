import { redactSecretPatterns } from './redact-secrets.js';

/**
 * An error as one line for the operator: its class, code and message, never the data it was
 * about. A query error is described by its cause (PostgreSQL's own message): drizzle's wrapper
 * quotes the query's parameters, which hold what users typed; a Bot API error's payload (the
 * message text) is not part of it either. At most 500 characters, without the U+0000 that
 * PostgreSQL cannot store (the line may go into a row too), and without a bot token or a URL's
 * password (see {@link errorMessage}).
 *
 * @example describeError(drizzleQueryError) // "PostgresError 22021: invalid byte sequence for encoding \"UTF8\": 0x00"
 */
export function describeError(error: unknown): string {
  const described = innermostWithCode(error) ?? error;
  if (described instanceof Error) {
    const code = (described as { code?: unknown }).code;
    return clean(`${described.name}${typeof code === 'string' || typeof code === 'number' ? ` ${code}` : ''}: ${errorMessage(described)}`);
  }
  return clean(redactSecretPatterns(String(described)));
}

/** V8's `Unexpected token 'h', "hello world" is not valid JSON` (cut with `"...` when long): the quoted input. */
const JSON_INPUT_QUOTE = /, ".*"(?:\.\.\.)? is not valid JSON$/s;

/**
 * An error's own message without the data it quotes: drizzle's "Failed query: ... params: ..."
 * becomes "query failed"; the value PostgreSQL quotes when it refuses one, and JSON.parse's
 * quote of the text it could not read, are left out; a bot
 * token (node-fetch quotes the request URL, which holds it) and a URL's password are redacted.
 *
 * @example errorMessage(fetchError) // "request to https://api.telegram.org/bot[redacted]/getMe failed, reason: socket hang up"
 */
export function errorMessage(error: Error): string {
  if (error.message.startsWith('Failed query:')) return 'query failed';
  let message = error.message;
  if (error instanceof SyntaxError) message = message.replace(JSON_INPUT_QUOTE, ', "..." is not valid JSON');
  if (isDataException(error)) message = message.replace(QUOTED_VALUE_AT_END, ': "..."');
  return redactSecretPatterns(message);
}

/** PostgreSQL's data exceptions (SQLSTATE class 22) end by quoting the value refused: `invalid input syntax for type integer: "..."`. */
const QUOTED_VALUE_AT_END = /: ".*"$/s;

function isDataException(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return error.name === 'PostgresError' && typeof code === 'string' && code.startsWith('22');
}

/** The first code along the error's cause chain (a SQLSTATE, a Node error code), if any. */
export function errorCode(error: unknown): string | undefined {
  const code = (innermostWithCode(error) as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function innermostWithCode(error: unknown): unknown {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') return e;
  }
  return undefined;
}

function clean(text: string): string {
  return text.replaceAll('\u0000', '').slice(0, 500);
}
