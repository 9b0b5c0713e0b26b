/**
 * Database failures, classified in one place: a connection that broke (or a server that is
 * restarting, or a transaction that lost a serialization race) is worth retrying; a constraint
 * or syntax error is not, and retrying it would only repeat it.
 */

/** SQLSTATE classes and codes after which the same transaction may succeed if run again. */
const RETRYABLE_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
  '55P03', // lock_not_available
  '57P01', // admin_shutdown (pg_terminate_backend, server stopping)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (server starting)
]);

/** postgres.js client-side codes for a connection that is gone or never came. */
const RETRYABLE_CLIENT_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** True when running the same work again may succeed (connection lost, server restarting, deadlock). */
export function isRetryableDatabaseError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (RETRYABLE_CLIENT_CODES.has(code) || RETRYABLE_SQLSTATES.has(code)) return true;
      if (code.startsWith('08')) return true; // connection_exception class
    }
  }
  return false;
}

/** Raised by `record()` after `close()` began: the answer was not accepted, so it was not saved. */
export class AnswerWriterClosedError extends Error {
  override name = 'AnswerWriterClosedError';
  readonly code = 'ANSWER_WRITER_CLOSED';
  constructor() {
    super('The answer writer is closed; the answer was not saved (the update will be redelivered)');
  }
}

/** An answer the database refused for good (for example an unknown run); its batch-mates were saved. */
export class AnswerRejectedError extends Error {
  override name = 'AnswerRejectedError';
  readonly code = 'ANSWER_REJECTED';
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
  }
}

/** Raised by a group commit's `add()` after `close()` began: the item was not taken, so it was not saved. */
export class GroupCommitClosedError extends Error {
  override name = 'GroupCommitClosedError';
  readonly code = 'GROUP_COMMIT_CLOSED';
  /** The group commit that refused the item (its `name`, e.g. "answer-writer", "inbox"). */
  readonly part: string;
  constructor(part: string) {
    super(`${part} is closed: the item was not saved; the update stays unconfirmed and Telegram delivers it again`);
    this.part = part;
  }
}

/**
 * An item the database refused for good (a constraint, a malformed value): retrying would only
 * repeat the refusal. Its batch-mates were committed without it. `cause` is the database error.
 */
export class CommitRejectedError extends Error {
  override name = 'CommitRejectedError';
  readonly code = 'COMMIT_REJECTED';
  /** The group commit that refused the item. */
  readonly part: string;
  constructor(part: string, options: { cause: unknown }) {
    super(`${part}: the database refused the item for good: ${messageOf(options.cause)}`, options);
    this.part = part;
  }
}

/**
 * An item a group commit gave up on at its close deadline because the database stayed
 * unavailable. Nothing was confirmed for it, so Telegram delivers the update again.
 * (A commit attempt already on the wire at the deadline may still land; the upserts keyed on
 * the update make that redelivery harmless.)
 */
export class NotSavedError extends Error {
  override name = 'NotSavedError';
  readonly code = 'NOT_SAVED';
  /** The group commit that gave up. */
  readonly part: string;
  constructor(part: string, options: { cause?: unknown } = {}) {
    super('not saved: the database was unavailable; the update stays unconfirmed and Telegram delivers it again', options);
    this.part = part;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Thrown when the embedded server cannot start; the message says what to do instead. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
  readonly code = 'EMBEDDED_POSTGRES_FAILED';
}
