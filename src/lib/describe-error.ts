/**
 * An error as one line for the operator: its class, code and message, never the data it was
 * about. A query error is described by its cause (PostgreSQL's own message): drizzle's wrapper
 * quotes the query's parameters, which hold what users typed; a Bot API error's payload (the
 * message text) is not part of it either. At most 500 characters, without the U+0000 that
 * PostgreSQL cannot store (the line may go into a row too).
 *
 * @example describeError(drizzleQueryError) // "PostgresError 22021: invalid byte sequence for encoding \"UTF8\": 0x00"
 */
export function describeError(error: unknown): string {
  const described = innermostWithCode(error) ?? error;
  if (described instanceof Error) {
    const code = (described as { code?: unknown }).code;
    const message = described.message.startsWith('Failed query:') ? 'query failed' : described.message;
    return clean(`${described.name}${typeof code === 'string' || typeof code === 'number' ? ` ${code}` : ''}: ${message}`);
  }
  return clean(String(described));
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
