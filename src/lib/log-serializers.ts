/**
 * How an error appears in a log line: what an operator needs and nothing it was about. pino's
 * standard serializer copies every enumerable field, so a grammY HttpError brought node-fetch's
 * error with the request URL (the bot token in it), a GrammyError its `payload` (the text being
 * sent), a BotError its whole context (the Api with the token, the user's update), drizzle's
 * error the query's parameters (what users typed), an ioredis error the command's arguments
 * (AUTH's password). Here each field is chosen instead: class, code, message (PostgreSQL's own,
 * never a query's), the Bot API's method, error code and description, the update's id and type
 * and the chat's id, and the cause; never a context, an Api, a client, a payload or a text.
 */
import { BotError, GrammyError, HttpError } from 'grammy';
import type { Update } from 'grammy/types';
import { errorMessage } from './describe-error.js';
import { redactSecretPatterns } from './redact-secrets.js';

/** An error as a log line holds it. */
export interface LoggedError {
  /** The class: `GrammyError`, `PostgresError`, `AmbiguousDeliveryError`, ... */
  type: string;
  /** SQLSTATE, a Node error code (`ECONNRESET`), a quiz-agent error's code. */
  code?: string | number;
  message: string;
  /** Bot API errors (and the outbound queue's): the method called. */
  method?: string;
  /** Bot API errors: Telegram's `error_code`, `description` and `parameters.retry_after`. */
  errorCode?: number;
  description?: string;
  retryAfterS?: number;
  /** The update being handled (BotError) and its chat. */
  updateId?: number;
  updateType?: string;
  chatId?: number | string;
  /** PostgreSQL errors: where the refusal happened (names from the schema, never values). */
  table?: string;
  column?: string;
  constraint?: string;
  /** Errors of no class known here: the stack's frames (never its first line, which repeats the message). */
  stack?: string;
  /** An AggregateError's errors (the first 3), e.g. a connection refused on every address. */
  errors?: LoggedError[];
  cause?: LoggedError;
}

/** How deep causes are followed (the chain may loop). */
const MAX_CAUSE_DEPTH = 4;
const MAX_MESSAGE_LENGTH = 500;
const MAX_STACK_FRAMES = 8;

/**
 * The pino serializer for `err` and `error`: an Error becomes a {@link LoggedError}, a string
 * (a describeError line) is kept with secrets redacted, anything else is shown by its type.
 *
 * @example logger.warn({ err: error, chatId }, 'Bot API call failed')
 */
export function serializeLoggedError(value: unknown): unknown {
  if (typeof value === 'string') return limit(redactSecretPatterns(value));
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
  return loggedError(value, 0);
}

/** pino's `serializers` option: every error under `err` or `error`, whoever logs it. */
export const logSerializers = { err: serializeLoggedError, error: serializeLoggedError } as const;

function loggedError(value: unknown, depth: number): LoggedError {
  if (!(value instanceof Error)) return notAnError(value);
  const logged: LoggedError = { type: typeOf(value), message: limit(errorMessage(value)) };
  const code = (value as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') logged.code = code;
  let cause: unknown = (value as { cause?: unknown }).cause;

  if (value instanceof BotError) {
    Object.assign(logged, updateOf(value));
    cause = value.error;
  } else if (value instanceof GrammyError) {
    logged.method = value.method;
    logged.errorCode = value.error_code;
    logged.description = limit(redactSecretPatterns(value.description));
    if (value.parameters.retry_after !== undefined) logged.retryAfterS = value.parameters.retry_after;
  } else if (value instanceof HttpError) {
    cause = value.error;
  } else if (value.name === 'PostgresError') {
    Object.assign(logged, whereInSchema(value));
  } else {
    const { method, chatId } = value as { method?: unknown; chatId?: unknown };
    if (typeof method === 'string') logged.method = method;
    if (typeof chatId === 'string' || typeof chatId === 'number') logged.chatId = chatId;
    if (!isKnownOperationalError(value, logged.type)) {
      const frames = framesOf(value.stack);
      if (frames) logged.stack = frames;
    }
  }

  if (value instanceof AggregateError && Array.isArray(value.errors) && depth < MAX_CAUSE_DEPTH) {
    logged.errors = value.errors.slice(0, 3).map((inner: unknown) => loggedError(inner, depth + 1));
  }
  if (cause !== undefined && cause !== value && depth < MAX_CAUSE_DEPTH) logged.cause = loggedError(cause, depth + 1);
  return logged;
}

/** Something thrown that is not an Error: its code and message if it has them, never its other fields. */
function notAnError(value: unknown): LoggedError {
  const { code, message } = (typeof value === 'object' && value !== null ? value : {}) as { code?: unknown; message?: unknown };
  const logged: LoggedError = {
    type: typeof value === 'object' ? 'object' : typeof value,
    message: typeof message === 'string' ? limit(redactSecretPatterns(message)) : '(not an Error)',
  };
  if (typeof code === 'string' || typeof code === 'number') logged.code = code;
  return logged;
}

/** The update a BotError was about: its id, its type and its chat, never its content. */
function updateOf(error: BotError): Pick<LoggedError, 'updateId' | 'updateType' | 'chatId'> {
  const update = error.ctx.update as Partial<Update> | undefined;
  if (!update) return {};
  const found: Pick<LoggedError, 'updateId' | 'updateType' | 'chatId'> = {};
  if (typeof update.update_id === 'number') found.updateId = update.update_id;
  const type = Object.keys(update).find((key) => key !== 'update_id');
  if (type) found.updateType = type;
  const chatId = error.ctx.chat?.id;
  if (chatId !== undefined) found.chatId = chatId;
  return found;
}

/** postgres.js's PostgresError fields that name schema objects; `detail` and `where` quote values, so they stay out. */
function whereInSchema(error: Error): Pick<LoggedError, 'table' | 'column' | 'constraint'> {
  const {
    table_name: table,
    column_name: column,
    constraint_name: constraint,
  } = error as { table_name?: unknown; column_name?: unknown; constraint_name?: unknown };
  const found: Pick<LoggedError, 'table' | 'column' | 'constraint'> = {};
  if (typeof table === 'string') found.table = table;
  if (typeof column === 'string') found.column = column;
  if (typeof constraint === 'string') found.constraint = constraint;
  return found;
}

/** Errors that are outcomes with a code (network, database, queue): their stack tells the operator nothing more. */
function isKnownOperationalError(error: Error, type: string): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' || type === 'DrizzleQueryError';
}

/** The class's name: `name` where the class sets it, else the constructor's (drizzle's DrizzleQueryError keeps `name` "Error"). */
function typeOf(error: Error): string {
  return error.name && error.name !== 'Error' ? error.name : error.constructor.name || 'Error';
}

function framesOf(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const frames = stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, MAX_STACK_FRAMES)
    .map((line) => line.trim());
  return frames.length > 0 ? redactSecretPatterns(frames.join('\n')) : undefined;
}

function limit(text: string): string {
  return text.replaceAll('\u0000', '').slice(0, MAX_MESSAGE_LENGTH);
}
