/**
 * What a log line holds about an error, for the errors quiz-agent meets, each made the way it is
 * made in production (a real failed request to a closed port, a real PostgreSQL refusal through
 * drizzle and postgres.js in debug mode, ioredis's reply error as its data handler fills it in):
 * what an operator needs stays; a token, a password, a payload, a context or a user's text never
 * reaches the line. Then the line redactor: known secrets at any depth of what was logged.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import { sql as drizzleSql } from 'drizzle-orm';
import { Api, BotError, Context, GrammyError, HttpError } from 'grammy';
import type { Update } from 'grammy/types';
import { ReplyError } from 'ioredis';
import { wireGetMe } from 'telegram-sim/wire';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { describeError } from '../../src/lib/describe-error.js';
import { serializeLoggedError, type LoggedError } from '../../src/lib/log-serializers.js';
import { createSecretRedactor } from '../../src/lib/redact-secrets.js';
import { createLogger, secretsOf } from '../../src/logger.js';
import { createConfig } from '../../src/config.js';
import { freePort } from '../helpers/free-port.js';

const TOKEN = '7000000077:SerializerCanary-token_0123456789abcdefXYZ';
const USER_TEXT = 'Flamingo Harpsichord Confession';

const serialized = (error: unknown): LoggedError => serializeLoggedError(error) as LoggedError;
const asLine = (value: unknown): string => JSON.stringify(value);

describe('serializeLoggedError', () => {
  it("keeps a GrammyError's method, code and description, never its payload", () => {
    const error = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 400, description: 'Bad Request: message is too long' },
      'sendMessage',
      { chat_id: 42, text: USER_TEXT },
    );
    const logged = serialized(error);
    expect(logged).toEqual({
      type: 'GrammyError',
      message: "Call to 'sendMessage' failed! (400: Bad Request: message is too long)",
      method: 'sendMessage',
      errorCode: 400,
      description: 'Bad Request: message is too long',
    });
    expect(asLine(logged)).not.toContain(USER_TEXT);
  });

  it("keeps a 429's retry_after", () => {
    const error = new GrammyError(
      '429',
      { ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } },
      'sendPoll',
      {},
    );
    expect(serialized(error)).toMatchObject({ errorCode: 429, retryAfterS: 7 });
  });

  it('describes a failed request (node-fetch quotes the URL, which holds the token) without the token', async () => {
    const port = await freePort();
    const error = await new Api(TOKEN, { apiRoot: `http://127.0.0.1:${port}` }).getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(String((error as HttpError).error)).toContain(TOKEN); // what pino's own serializer printed
    const logged = serialized(error);
    expect(logged).toMatchObject({
      type: 'HttpError',
      message: "Network request for 'getMe' failed!",
      cause: { type: 'FetchError', code: 'ECONNREFUSED' },
    });
    expect(logged.cause?.message).toContain('/bot[redacted]/getMe');
    expect(asLine(logged)).not.toContain(TOKEN.split(':')[1]);
    expect(describeError((error as HttpError).error)).not.toContain(TOKEN.split(':')[1]);
  });

  it("logs a BotError by its update's id, type and chat, never the context (the Api holds the token) or the text", () => {
    const update: Update = {
      update_id: 901,
      message: {
        message_id: 5,
        date: 0,
        chat: { id: 1234, type: 'private', first_name: 'Ann' },
        from: { id: 1234, is_bot: false, first_name: 'Ann' },
        text: USER_TEXT,
      },
    };
    const me = wireGetMe({ id: 7000000077, firstName: 'Quiz', username: 'quiz_bot', canReadAllGroupMessages: false });
    const ctx = new Context(update, new Api(TOKEN), me);
    const error = new BotError(
      new GrammyError('403', { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 'sendMessage', {
        chat_id: 1234,
        text: USER_TEXT,
      }),
      ctx,
    );
    const logged = serialized(error);
    expect(logged).toMatchObject({
      type: 'BotError',
      updateId: 901,
      updateType: 'message',
      chatId: 1234,
      cause: { type: 'GrammyError', errorCode: 403, method: 'sendMessage' },
    });
    expect(asLine(logged)).not.toContain(USER_TEXT);
    expect(asLine(logged)).not.toContain(TOKEN.split(':')[1]);
  });

  describe('database errors', () => {
    // debug: true makes postgres.js attach the query and its parameters as enumerable fields.
    const client = postgres(inject('adminDatabaseUrl'), { max: 1, debug: true, onnotice: () => {} });
    const db = drizzle(client);
    afterAll(() => client.end());

    it("keeps SQLSTATE and PostgreSQL's message, never the query's parameters or the value refused", async () => {
      const error = await db.execute(drizzleSql`select ${USER_TEXT}::int`).catch((e: unknown) => e);
      expect(String((error as Error).message)).toContain(USER_TEXT); // drizzle's own message quotes it
      const logged = serialized(error);
      expect(logged).toMatchObject({
        type: 'DrizzleQueryError',
        message: 'query failed',
        cause: { type: 'PostgresError', code: '22P02', message: 'invalid input syntax for type integer: "..."' },
      });
      expect(asLine(logged)).not.toContain(USER_TEXT);
      expect(describeError(error)).toBe('PostgresError 22P02: invalid input syntax for type integer: "..."');
    });

    it('names the constraint a value broke, not the value', async () => {
      await client`create temporary table log_test (title text unique)`;
      await client`insert into log_test values (${USER_TEXT})`;
      const error = await client`insert into log_test values (${USER_TEXT})`.catch((e: unknown) => e);
      const logged = serialized(error);
      expect(logged).toMatchObject({ type: 'PostgresError', code: '23505', table: 'log_test', constraint: 'log_test_title_key' });
      expect(asLine(logged)).not.toContain(USER_TEXT);
    });
  });

  it("drops an ioredis error's command arguments (AUTH carries the password)", () => {
    const error = new ReplyError('WRONGPASS invalid username-password pair or user is disabled.') as Error & { command?: unknown };
    error.command = { name: 'auth', args: ['default', 'redis-Password-0123'] };
    const logged = serialized(error);
    expect(logged).toMatchObject({ type: 'ReplyError', message: 'WRONGPASS invalid username-password pair or user is disabled.' });
    expect(asLine(logged)).not.toContain('redis-Password-0123');
  });

  it('leaves out the text JSON.parse could not read', () => {
    const error = (() => {
      try {
        return JSON.parse(`${USER_TEXT} and more words so that V8 cuts the quote`) as unknown;
      } catch (e) {
        return e;
      }
    })();
    expect(serialized(error).message).toBe('Unexpected token \'F\', "..." is not valid JSON');
  });

  it('keeps the code and message of something thrown that is not an Error, nothing else', () => {
    expect(serialized({ code: 'E_X', message: 'went wrong', payload: { text: USER_TEXT } })).toEqual({
      type: 'object',
      code: 'E_X',
      message: 'went wrong',
    });
  });

  it('keeps the frames of an unexpected error, and a string (a describeError line) without a token', () => {
    const logged = serialized(new TypeError('cannot read properties of undefined'));
    expect(logged.stack).toMatch(/^at /);
    expect(serializeLoggedError(`HttpError: request to https://api.telegram.org/bot${TOKEN}/getMe failed`)).toBe(
      'HttpError: request to https://api.telegram.org/bot[redacted]/getMe failed',
    );
  });
});

describe('log lines', () => {
  it('lose every known secret at any depth, and URL passwords and bot tokens nobody named', () => {
    const config = createConfig({
      BOT_TOKEN: TOKEN,
      BOT_MODE: 'webhook',
      WEBHOOK_URL: 'https://bot.example.com/telegram',
      WEBHOOK_SECRET: 'Webhook_secret-0123456789',
      MONITORING_TOKEN: 'monitoring-token-0123456789',
      DATABASE_URL: 'postgres://quiz:p%40ss-w0rd-9876@db:5432/quiz',
      REDIS_URL: 'redis://:redis-pass-4567@redis:6379',
    });
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      secrets: secretsOf(config),
      destination: { write: (line: string) => void lines.push(line) },
    });
    logger.info(
      { deep: { deeper: { list: [config.bot.token, { s: 'Webhook_secret-0123456789' }] } }, header: 'Bearer monitoring-token-0123456789' },
      'nested',
    );
    logger.info({ what: { url: 'postgres://quiz:p@ss-w0rd-9876@db:5432/quiz', other: 'postgres://someone:else-secret@h/db' } }, 'urls');
    logger.warn({ text: `request to http://x/bot7000000001:${'A'.repeat(40)}/getMe failed` }, 'an unknown token');
    const all = lines.join('');
    for (const secret of [
      TOKEN,
      'Webhook_secret-0123456789',
      'monitoring-token-0123456789',
      'p%40ss-w0rd-9876',
      'p@ss-w0rd-9876',
      'redis-pass-4567',
      'else-secret',
      'A'.repeat(40),
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['nested', 'urls', 'an unknown token']);
  });

  it('keep ordinary words when a secret is too short to search for', () => {
    const redact = createSecretRedactor(['abc', undefined, 'long-enough-secret']);
    expect(redact('abc and long-enough-secret')).toBe('abc and [redacted]');
  });
});
