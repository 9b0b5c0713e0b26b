import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, createConfig, describeSizing, loadConfig } from '../src/config.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq';
const WEBHOOK_SECRET = 'hook_Secret-ZQX7';
const MONITORING_TOKEN = 'monitor-token-KJH42-very-long';

/** The config of `env` with a valid BOT_TOKEN (required) unless `env` sets one. */
function configOf(env: Record<string, string | undefined>) {
  return createConfig({ BOT_TOKEN: TOKEN, ...env });
}

/** The ConfigError thrown for `env`, with a valid BOT_TOKEN unless `env` sets one (fails the test if none is thrown). */
function problemsOf(env: Record<string, string | undefined>): ConfigError {
  try {
    configOf(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected createConfig to throw');
}

function messageOf(env: Record<string, string | undefined>): string {
  return problemsOf(env).message;
}

describe('createConfig defaults', () => {
  it('fills every default from an env with only the required BOT_TOKEN', () => {
    expect(createConfig({ BOT_TOKEN: TOKEN })).toEqual({
      env: 'development',
      logLevel: 'info',
      bot: { token: TOKEN, apiRoot: 'https://api.telegram.org', mode: 'polling' },
      adminIds: [],
      database: {
        url: undefined,
        embeddedDir: './.data/postgres',
        poolSize: 30,
        maxOverflow: 50,
        connectTimeoutS: 10,
        idleTimeoutS: 30,
        handlerConcurrency: 6,
      },
      answerWriter: { batchSize: 500, flushMs: 5, bufferLimit: 20000, concurrency: 4 },
      queue: { workers: 10, maxSize: 10_000, privateChatPerS: 1, groupPerMin: 20, globalPerS: 30 },
      redisUrl: undefined,
      rewards: { pointsByRank: [100, 50, 25], participationPoints: 10 },
      http: { host: '127.0.0.1', port: 8000, monitoringToken: undefined },
    });
  });

  it('reads reward points per rank and participation points', () => {
    const config = configOf({ REWARD_POINTS: '300, 200,100,0', PARTICIPATION_POINTS: '0' });
    expect(config.rewards).toEqual({ pointsByRank: [300, 200, 100, 0], participationPoints: 0 });
    expect(messageOf({ REWARD_POINTS: '100,fifty' })).toBe(
      'REWARD_POINTS must be comma-separated whole numbers of points for rank 1, 2, ... (e.g. 100,50,25), got "100,fifty"',
    );
  });

  it('treats empty strings as unset', () => {
    const config = configOf({ DB_POOL_SIZE: '', DATABASE_URL: '', LOG_LEVEL: '', HTTP_HOST: '' });
    expect(config.database.poolSize).toBe(30);
    expect(config.database.url).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(config.http.host).toBe('127.0.0.1');
  });
});

describe('createConfig parsing', () => {
  it('parses every variable', () => {
    const config = createConfig({
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'http://localhost:8081/',
      BOT_MODE: 'webhook',
      WEBHOOK_URL: 'https://bot.example.com/telegram',
      WEBHOOK_SECRET,
      DATABASE_URL: 'postgresql://quiz:pw@db:5432/quiz',
      EMBEDDED_PG_DIR: '/var/lib/quiz/pg',
      DB_POOL_SIZE: '40',
      DB_MAX_OVERFLOW: '0',
      DB_CONNECT_TIMEOUT_S: '5',
      DB_IDLE_TIMEOUT_S: '0',
      QUEUE_WORKERS: '25',
      QUEUE_MAX_SIZE: '500',
      QUEUE_PRIVATE_CHAT_PER_S: '2',
      QUEUE_GROUP_PER_MIN: '30',
      QUEUE_GLOBAL_PER_S: '25',
      REDIS_URL: 'rediss://cache:6380',
      HTTP_HOST: '0.0.0.0',
      HTTP_PORT: '65535',
      MONITORING_TOKEN,
      BOT_ADMIN_IDS: ' 111, 222 ,333 ',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      ANSWER_BATCH_SIZE: '1000',
      ANSWER_FLUSH_MS: '0',
      ANSWER_BUFFER_LIMIT: '1000',
      ANSWER_WRITER_CONCURRENCY: '4',
    });
    expect(config).toEqual({
      env: 'production',
      logLevel: 'debug',
      bot: {
        token: TOKEN,
        apiRoot: 'http://localhost:8081',
        mode: 'webhook',
        webhookUrl: 'https://bot.example.com/telegram',
        webhookSecret: WEBHOOK_SECRET,
        webhookMaxConnections: 40,
      },
      adminIds: [111, 222, 333],
      database: {
        url: 'postgresql://quiz:pw@db:5432/quiz',
        embeddedDir: '/var/lib/quiz/pg',
        poolSize: 40,
        maxOverflow: 0,
        connectTimeoutS: 5,
        idleTimeoutS: 0,
        handlerConcurrency: 8,
      },
      answerWriter: { batchSize: 1000, flushMs: 0, bufferLimit: 1000, concurrency: 4 },
      queue: { workers: 25, maxSize: 500, privateChatPerS: 2, groupPerMin: 30, globalPerS: 25 },
      redisUrl: 'rediss://cache:6380',
      rewards: { pointsByRank: [100, 50, 25], participationPoints: 10 },
      http: { host: '0.0.0.0', port: 65535, monitoringToken: MONITORING_TOKEN },
    });
  });

  it('accepts postgres:// and redis:// and strips several trailing slashes', () => {
    const config = configOf({
      DATABASE_URL: 'postgres://localhost/quiz',
      REDIS_URL: 'redis://localhost:6379',
      TELEGRAM_API_ROOT: 'https://api.example.org//',
    });
    expect(config.database.url).toBe('postgres://localhost/quiz');
    expect(config.redisUrl).toBe('redis://localhost:6379');
    expect(config.bot.apiRoot).toBe('https://api.example.org');
  });

  it('returns a deeply frozen object', () => {
    const config = configOf({ BOT_ADMIN_IDS: '1,2' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.bot)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
    expect(Object.isFrozen(config.answerWriter)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(Object.isFrozen(config.adminIds)).toBe(true);
    expect(() => {
      (config.database as { poolSize: number }).poolSize = 1;
    }).toThrow(TypeError);
  });
});

describe('createConfig errors', () => {
  it('is a ConfigError with code, name and problems', () => {
    const err = problemsOf({ DB_POOL_SIZE: 'abc' });
    expect(err.name).toBe('ConfigError');
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.problems).toEqual(['DB_POOL_SIZE must be a whole number from 1 to 500, got "abc"']);
    expect(err.message).toBe('DB_POOL_SIZE must be a whole number from 1 to 500, got "abc"');
  });

  it.each([
    ['DB_POOL_SIZE', 'abc', 'DB_POOL_SIZE must be a whole number from 1 to 500, got "abc"'],
    ['DB_POOL_SIZE', '1.5', 'DB_POOL_SIZE must be a whole number from 1 to 500, got "1.5"'],
    ['DB_POOL_SIZE', '0', 'DB_POOL_SIZE must be a whole number from 1 to 500, got "0"'],
    ['DB_POOL_SIZE', '501', 'DB_POOL_SIZE must be a whole number from 1 to 500, got "501"'],
    ['DB_POOL_SIZE', ' ', 'DB_POOL_SIZE must be a whole number from 1 to 500, got " "'],
    ['QUEUE_WORKERS', '1e3', 'QUEUE_WORKERS must be a whole number from 1 to 100, got "1e3"'],
    ['QUEUE_GLOBAL_PER_S', '0', 'QUEUE_GLOBAL_PER_S must be a whole number from 1 to 1000, got "0"'],
    ['HTTP_PORT', '0x10', 'HTTP_PORT must be a whole number from 0 to 65535, got "0x10"'],
    ['HTTP_PORT', '65536', 'HTTP_PORT must be a whole number from 0 to 65535, got "65536"'],
    ['DB_MAX_OVERFLOW', '-1', 'DB_MAX_OVERFLOW must be a whole number from 0 to 500, got "-1"'],
    ['DB_IDLE_TIMEOUT_S', '3601', 'DB_IDLE_TIMEOUT_S must be a whole number from 0 to 3600, got "3601"'],
    ['DB_CONNECT_TIMEOUT_S', '0', 'DB_CONNECT_TIMEOUT_S must be a whole number from 1 to 120, got "0"'],
    ['ANSWER_FLUSH_MS', '1001', 'ANSWER_FLUSH_MS must be a whole number from 0 to 1000, got "1001"'],
    ['ANSWER_WRITER_CONCURRENCY', '33', 'ANSWER_WRITER_CONCURRENCY must be a whole number from 1 to 32, got "33"'],
    ['ANSWER_BATCH_SIZE', '10001', 'ANSWER_BATCH_SIZE must be a whole number from 1 to 10000, got "10001"'],
    ['ANSWER_BUFFER_LIMIT', '1000001', 'ANSWER_BUFFER_LIMIT must be a whole number from 1 to 1000000, got "1000001"'],
  ])('rejects %s=%j as a whole number', (name, value, message) => {
    expect(messageOf({ [name]: value })).toBe(message);
  });

  it('rejects values outside an enum', () => {
    expect(messageOf({ BOT_MODE: 'pull' })).toBe('BOT_MODE must be one of polling, webhook, got "pull"');
    expect(messageOf({ LOG_LEVEL: 'verbose' })).toBe(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
    );
  });

  it('rejects bad URLs with an example', () => {
    expect(messageOf({ TELEGRAM_API_ROOT: 'ftp://api.example.org' })).toBe(
      'TELEGRAM_API_ROOT must be an http or https URL (e.g. https://api.telegram.org), got "ftp://api.example.org"',
    );
    expect(messageOf({ TELEGRAM_API_ROOT: 'not a url' })).toBe(
      'TELEGRAM_API_ROOT must be an http or https URL (e.g. https://api.telegram.org), got "not a url"',
    );
    expect(messageOf({ WEBHOOK_URL: 'http://bot.example.com/telegram' })).toBe(
      'WEBHOOK_URL must be an https URL (e.g. https://bot.example.com/telegram; plain http only on 127.0.0.1 or localhost), got "http://bot.example.com/telegram"',
    );
    // The offline simulator delivers to loopback over plain http.
    expect(configOf({ BOT_MODE: 'webhook', WEBHOOK_SECRET, WEBHOOK_URL: 'http://127.0.0.1:8000/telegram' }).bot).toMatchObject({
      mode: 'webhook',
      webhookUrl: 'http://127.0.0.1:8000/telegram',
    });
    expect(messageOf({ WEBHOOK_MAX_CONNECTIONS: '101' })).toBe('WEBHOOK_MAX_CONNECTIONS must be a whole number from 1 to 100, got "101"');
    expect(messageOf({ REDIS_URL: 'http://cache:6379' })).toBe(
      'REDIS_URL must be a redis:// or rediss:// URL (e.g. redis://localhost:6379), got "http://cache:6379"',
    );
    expect(messageOf({ DATABASE_URL: 'mysql://db/quiz' })).toBe(
      'DATABASE_URL must be a postgres:// or postgresql:// URL (e.g. postgres://quiz:password@localhost:5432/quiz), got "mysql://db/quiz"',
    );
  });

  it('requires WEBHOOK_URL and WEBHOOK_SECRET in webhook mode', () => {
    expect(problemsOf({ BOT_MODE: 'webhook' }).problems).toEqual([
      'WEBHOOK_URL is required when BOT_MODE=webhook (e.g. https://bot.example.com/telegram)',
      'WEBHOOK_SECRET is required when BOT_MODE=webhook (e.g. the output of openssl rand -hex 32)',
    ]);
    expect(messageOf({ BOT_MODE: 'webhook', WEBHOOK_SECRET, WEBHOOK_URL: '' })).toBe(
      'WEBHOOK_URL is required when BOT_MODE=webhook (e.g. https://bot.example.com/telegram)',
    );
    expect(configOf({ BOT_MODE: 'polling' }).bot).not.toHaveProperty('webhookUrl');
  });

  it('requires BOT_TOKEN, unset or empty, and lists it with the other problems', () => {
    const required = 'BOT_TOKEN is required to run the bot: get one from @BotFather (or run `npm run sim` for an offline one)';
    expect(() => createConfig({})).toThrow(required);
    expect(messageOf({ BOT_TOKEN: '' })).toBe(required);
    expect(messageOf({ BOT_TOKEN: undefined, DB_POOL_SIZE: 'abc' }).split('\n')).toEqual([
      'DB_POOL_SIZE must be a whole number from 1 to 500, got "abc"',
      required,
    ]);
  });

  it('checks webhook settings in polling mode too, and keeps them only in webhook mode', () => {
    const webhook = { WEBHOOK_URL: 'https://bot.example.com/telegram', WEBHOOK_SECRET, WEBHOOK_MAX_CONNECTIONS: '5' };
    expect(configOf(webhook).bot).toStrictEqual({ mode: 'polling', token: TOKEN, apiRoot: 'https://api.telegram.org' });
    expect(configOf({ ...webhook, BOT_MODE: 'webhook' }).bot).toStrictEqual({
      mode: 'webhook',
      token: TOKEN,
      apiRoot: 'https://api.telegram.org',
      webhookUrl: 'https://bot.example.com/telegram',
      webhookSecret: WEBHOOK_SECRET,
      webhookMaxConnections: 5,
    });
    const bot = configOf({}).bot;
    if (bot.mode === 'polling') {
      // @ts-expect-error the type is a discriminated union: a polling config has no webhook settings
      expect(bot.webhookUrl).toBeUndefined();
    }
  });

  it('reads each variable once and names it in its message', () => {
    expect(new Set(CONFIG_VARIABLES).size).toBe(CONFIG_VARIABLES.length);
    expect(CONFIG_VARIABLES).toHaveLength(30);
    const freeText = ['NODE_ENV', 'EMBEDDED_PG_DIR', 'HTTP_HOST'];
    for (const name of CONFIG_VARIABLES.filter((n) => !freeText.includes(n))) {
      expect(problemsOf({ [name]: 'x y' }).problems, name).toEqual([expect.stringMatching(new RegExp(`^${name} must `))]);
    }
  });

  it('rejects bad secret formats without echoing them', () => {
    expect(messageOf({ BOT_TOKEN: 'abc:tooShort' })).toBe(
      'BOT_TOKEN must look like 123456789:AA... (digits, a colon, then at least 35 letters, digits, _ or -), got a value of 12 characters',
    );
    expect(messageOf({ WEBHOOK_SECRET: 'has space!' })).toBe(
      'WEBHOOK_SECRET must be 1 to 256 letters, digits, _ or - (e.g. the output of openssl rand -hex 32), got a value of 10 characters',
    );
    expect(messageOf({ WEBHOOK_SECRET: 'a'.repeat(257) })).toMatch(/^WEBHOOK_SECRET must be .* got a value of 257 characters$/);
    expect(messageOf({ MONITORING_TOKEN: 'short-Secret' })).toBe(
      'MONITORING_TOKEN must be at least 16 characters (e.g. the output of openssl rand -hex 32), got a value of 12 characters',
    );
  });

  it('refuses a MONITORING_TOKEN with a space (a bearer token ends at the space: no request could ever match it)', () => {
    expect(messageOf({ MONITORING_TOKEN: 'monitor token with a space' })).toBe(
      'MONITORING_TOKEN must be one word of visible ASCII characters, no spaces (it is sent as "Authorization: Bearer <token>", where a space ends it), got a value of 26 characters with a space',
    );
    expect(messageOf({ MONITORING_TOKEN: 'monitor-token-with-a-tab\t' })).toMatch(/^MONITORING_TOKEN must be one word .* with a space$/);
    expect(messageOf({ MONITORING_TOKEN: 'monitor-token-naïve-1234' })).toMatch(
      /^MONITORING_TOKEN must be one word .* with a character outside visible ASCII$/,
    );
    expect(configOf({ MONITORING_TOKEN }).http.monitoringToken).toBe(MONITORING_TOKEN);
  });

  it('never puts secrets or URL passwords in the message', () => {
    const secrets = {
      BOT_TOKEN: '999:SECRETbotTOKENzzz',
      WEBHOOK_SECRET: 'SECRET webhook value',
      MONITORING_TOKEN: 'SECRETmon',
    };
    const message = messageOf({
      ...secrets,
      DATABASE_URL: 'mysql://quiz:s3cretpw@db:5432/quiz',
      REDIS_URL: 'http://:s3cretpw@cache:6379',
    });
    for (const value of Object.values(secrets)) expect(message).not.toContain(value);
    expect(message).not.toContain('s3cretpw');
    expect(message).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(message).toContain('got "mysql://quiz:***@db:5432/quiz"');
    expect(message).toContain('got "http://:***@cache:6379/"');
  });

  it('hides a password given as a query parameter', () => {
    const message = messageOf({ DATABASE_URL: 'mysql://db/quiz?user=quiz&password=s3cretpw' });
    expect(message).not.toContain('s3cretpw');
    expect(message).toContain('got "mysql://db/quiz?user=quiz&password=***"');
  });

  it('does not echo a URL that cannot be parsed, since it may hold a password', () => {
    const message = messageOf({ DATABASE_URL: 'postgres//quiz:s3cretpw@db/quiz', REDIS_URL: 's3cretpw' });
    expect(message).not.toContain('s3cretpw');
    expect(message).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(message).toContain('got a value that is not a URL');
  });

  it('rejects BOT_ADMIN_IDS with a bad entry', () => {
    expect(messageOf({ BOT_ADMIN_IDS: '111, abc, 333' })).toBe(
      'BOT_ADMIN_IDS must be comma-separated Telegram user ids, whole numbers (e.g. 123456789,987654321), got "111, abc, 333"',
    );
    expect(messageOf({ BOT_ADMIN_IDS: '111,1.5' })).toContain('BOT_ADMIN_IDS must be');
  });

  it('rejects ANSWER_BUFFER_LIMIT below ANSWER_BATCH_SIZE', () => {
    expect(messageOf({ ANSWER_BATCH_SIZE: '600', ANSWER_BUFFER_LIMIT: '599' })).toBe(
      'ANSWER_BUFFER_LIMIT must be at least ANSWER_BATCH_SIZE (600), got 599',
    );
    expect(messageOf({ ANSWER_BUFFER_LIMIT: '499' })).toBe('ANSWER_BUFFER_LIMIT must be at least ANSWER_BATCH_SIZE (500), got 499');
  });

  it('reports several bad variables together, one line each', () => {
    const err = problemsOf({
      DB_POOL_SIZE: 'abc',
      BOT_MODE: 'webhook',
      LOG_LEVEL: 'loud',
      HTTP_PORT: '1.5',
    });
    expect(err.problems).toEqual([
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'DB_POOL_SIZE must be a whole number from 1 to 500, got "abc"',
      'HTTP_PORT must be a whole number from 0 to 65535, got "1.5"',
      'WEBHOOK_URL is required when BOT_MODE=webhook (e.g. https://bot.example.com/telegram)',
      'WEBHOOK_SECRET is required when BOT_MODE=webhook (e.g. the output of openssl rand -hex 32)',
    ]);
    expect(err.message.split('\n')).toEqual(err.problems);
  });
});

describe('describeSizing', () => {
  it('lists every sizing setting in force', () => {
    const config = configOf({
      DB_POOL_SIZE: '20',
      DB_MAX_OVERFLOW: '5',
      QUEUE_WORKERS: '7',
      ANSWER_BATCH_SIZE: '250',
      ANSWER_FLUSH_MS: '3',
      ANSWER_BUFFER_LIMIT: '9000',
      ANSWER_WRITER_CONCURRENCY: '3',
      HTTP_PORT: '8080',
      MONITORING_TOKEN,
    });
    const sizing = describeSizing(config);
    expect(sizing).toEqual({
      dbPoolSize: 20,
      dbMaxOverflow: 5,
      dbPoolMaxTotal: 25,
      dbHandlerConcurrency: 4,
      queueWorkers: 7,
      queueMaxSize: 10_000,
      queuePrivateChatPerS: 1,
      queueGroupPerMin: 20,
      queueGlobalPerS: 30,
      answerBatchSize: 250,
      answerFlushMs: 3,
      answerBufferLimit: 9000,
      answerWriterConcurrency: 3,
      httpPort: 8080,
      botMode: 'polling',
    });
    expect(JSON.stringify(sizing)).not.toContain(MONITORING_TOKEN);
  });
});

describe('loadConfig', () => {
  const originalCwd = process.cwd();
  const touched = ['DB_POOL_SIZE', 'QUEUE_WORKERS', 'LOG_LEVEL', 'HTTP_HOST', 'BOT_TOKEN'];
  let saved: Record<string, string | undefined>;
  let dir: string;

  beforeEach(() => {
    saved = Object.fromEntries(touched.map((name) => [name, process.env[name]]));
    for (const name of touched) delete process.env[name];
    process.env.BOT_TOKEN = TOKEN;
    dir = mkdtempSync(join(tmpdir(), 'quiz-config-'));
    process.chdir(dir);
  });

  afterEach(() => {
    process.chdir(originalCwd);
    for (const name of touched) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads .env from the current directory', () => {
    writeFileSync('.env', '# comment\nDB_POOL_SIZE=42\nQUEUE_WORKERS=3\nLOG_LEVEL=warn\n');
    const config = loadConfig();
    expect(config.database.poolSize).toBe(42);
    expect(config.queue.workers).toBe(3);
    expect(config.logLevel).toBe('warn');
  });

  it('lets real environment variables win over the file', () => {
    writeFileSync('.env', 'DB_POOL_SIZE=42\nQUEUE_WORKERS=3\n');
    process.env.QUEUE_WORKERS = '7';
    const config = loadConfig();
    expect(config.queue.workers).toBe(7);
    expect(config.database.poolSize).toBe(42);
  });

  it('works without a .env file', () => {
    process.env.HTTP_HOST = '0.0.0.0';
    const config = loadConfig();
    expect(config.http.host).toBe('0.0.0.0');
    expect(config.database.poolSize).toBe(30);
  });

  it('throws ConfigError for a bad value in .env', () => {
    writeFileSync('.env', 'DB_POOL_SIZE=lots\n');
    expect(() => loadConfig()).toThrow('DB_POOL_SIZE must be a whole number from 1 to 500, got "lots"');
  });
});
