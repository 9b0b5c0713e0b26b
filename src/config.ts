/**
 * Every setting of the bot, read from the environment and validated with zod.
 * See `.env.example` for the full list with defaults and examples.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';

/** Thrown by {@link createConfig} when one or more variables are invalid; the message has one line per problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Log levels accepted by LOG_LEVEL (pino's levels plus `silent`). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

interface BotCommon {
  /** BOT_TOKEN from @BotFather; optional for now [unset]. */ readonly token?: string;
  /** TELEGRAM_API_ROOT without a trailing slash [https://api.telegram.org]. */ readonly apiRoot: string;
}
/** How updates reach the bot: long polling [default] or a webhook. */
export type BotConfig =
  | (BotCommon & { readonly mode: 'polling' })
  | (BotCommon & {
      readonly mode: 'webhook';
      readonly webhookUrl: string;
      readonly webhookSecret: string;
      /** WEBHOOK_MAX_CONNECTIONS: updates Telegram delivers at once [40]. */
      readonly webhookMaxConnections: number;
    });

/** The validated, deeply frozen settings. Defaults are listed per field. */
export interface Config {
  /** NODE_ENV [development]. */ readonly env: string;
  /** LOG_LEVEL [info]. */ readonly logLevel: LogLevel;
  readonly bot: BotConfig;
  /** BOT_ADMIN_IDS: Telegram user ids allowed to run admin commands [none]. */ readonly adminIds: readonly number[];
  readonly database: {
    /** DATABASE_URL [unset: embedded PostgreSQL]. */ readonly url?: string;
    /** EMBEDDED_PG_DIR: data directory of the embedded server [./.data/postgres]. */ readonly embeddedDir: string;
    /** DB_POOL_SIZE: connections the pool is sized for; pool + overflow = postgres.js max [30]. */ readonly poolSize: number;
    /** DB_MAX_OVERFLOW: extra connections opened under load [50]. */ readonly maxOverflow: number;
    /** DB_CONNECT_TIMEOUT_S [10]. */ readonly connectTimeoutS: number;
    /** DB_IDLE_TIMEOUT_S: seconds an unused connection stays open, 0 = forever [30]. */ readonly idleTimeoutS: number;
    /**
     * Database operations the update handlers may run at once, derived: a fifth of
     * DB_POOL_SIZE, at least 2. A burst of commands then waits in memory, not for connections.
     */ readonly handlerConcurrency: number;
  };
  readonly answerWriter: {
    /** ANSWER_BATCH_SIZE: most answers per INSERT [500]. */ readonly batchSize: number;
    /** ANSWER_FLUSH_MS: wait before flushing a partial batch [5]. */ readonly flushMs: number;
    /** ANSWER_BUFFER_LIMIT: most answers buffered in memory, >= batchSize [20000]. */ readonly bufferLimit: number;
    /** ANSWER_WRITER_CONCURRENCY: batches committed in parallel [4]. */ readonly concurrency: number;
  };
  readonly queue: {
    /** QUEUE_WORKERS: Bot API calls sent at once [10]. */ readonly workers: number;
    /** QUEUE_MAX_SIZE: calls held before new ones are refused [10000]. */ readonly maxSize: number;
    /** QUEUE_PRIVATE_CHAT_PER_S: messages per second to one private chat [1]. */ readonly privateChatPerS: number;
    /** QUEUE_GROUP_PER_MIN: messages per minute to one group, edits included [20]. */ readonly groupPerMin: number;
    /** QUEUE_GLOBAL_PER_S: messages per second over all chats [30]. */ readonly globalPerS: number;
  };
  /** REDIS_URL [unset: no Redis]. */ readonly redisUrl?: string;
  readonly rewards: {
    /** REWARD_POINTS: points for rank 1, 2, ... of a finished run [100,50,25]. */ readonly pointsByRank: readonly number[];
    /** PARTICIPATION_POINTS: points every ranked player gets on top [10]. */ readonly participationPoints: number;
  };
  readonly http: {
    /** HTTP_HOST [127.0.0.1]. */ readonly host: string;
    /** HTTP_PORT; 0 picks a free port (tests) [8000]. */ readonly port: number;
    /** MONITORING_TOKEN: token for the monitoring endpoints [unset]. */ readonly monitoringToken?: string;
  };
}

// ---- one helper per kind of variable; messages omit the name, which is prefixed later ----

/** Raw value; an empty string counts as unset. */
const raw = z.string().optional().transform((v) => (v === '' ? undefined : v));

/** Parses a set value with `parse` (undefined = invalid, reported with `problem(value)`); unset stays undefined. */
function variable<T>(parse: (v: string) => T | undefined, problem: (v: string) => string) {
  return raw.transform((v, ctx): T | undefined => {
    if (v === undefined) return undefined;
    const out = parse(v);
    if (out !== undefined) return out;
    ctx.addIssue({ code: 'custom', message: problem(v) });
    return z.NEVER;
  });
}

const quote = (v: string) => JSON.stringify(v);

function parseWhole(v: string, min: number, max: number): number | undefined {
  const n = /^-?\d+$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

function wholeNumber(min: number, max: number, fallback: number) {
  return variable(
    (v) => parseWhole(v, min, max),
    (v) => `must be a whole number from ${min} to ${max}, got ${quote(v)}`,
  ).transform((n) => n ?? fallback);
}

function oneOf<const T extends readonly string[]>(values: T, fallback: T[number]) {
  return variable(
    (v) => values.find((x): x is T[number] => x === v),
    (v) => `must be one of ${values.join(', ')}, got ${quote(v)}`,
  ).transform((v) => v ?? fallback);
}

function text(fallback: string) {
  return raw.transform((v) => v ?? fallback);
}

/** How a URL is shown in a message: with any password replaced by `***`, or not at all if it does not parse. */
function showUrl(v: string, redact: boolean): string {
  if (!redact) return quote(v);
  if (!URL.canParse(v)) return 'a value that is not a URL';
  const u = new URL(v);
  if (!u.password && !u.searchParams.has('password')) return quote(v);
  if (u.password) u.password = '***';
  if (u.searchParams.has('password')) u.searchParams.set('password', '***');
  return quote(u.href);
}

function url(protocols: string[], kind: string, example: string, redact = false) {
  return variable(
    (v) => (URL.canParse(v) && protocols.includes(new URL(v).protocol) ? v : undefined),
    (v) => `must be ${kind} (e.g. ${example}), got ${showUrl(v, redact)}`,
  );
}

/** A secret: the message gives the rule and the length of the value, never the value. */
function secret(pattern: RegExp, rule: string) {
  return variable(
    (v) => (pattern.test(v) ? v : undefined),
    (v) => `must ${rule}, got a value of ${v.length} characters`,
  );
}

function pointList(fallback: number[]) {
  return variable(
    (v) => {
      const items = v.split(',').map((s) => s.trim());
      const nums = items.map((s) => parseWhole(s, 0, 1_000_000));
      return items.length <= 100 && nums.every((n) => n !== undefined) ? nums : undefined;
    },
    (v) => `must be comma-separated whole numbers of points for rank 1, 2, ... (e.g. 100,50,25), got ${quote(v)}`,
  ).transform((points) => points ?? fallback);
}

function idList() {
  return variable(
    (v) => {
      const ids = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const nums = ids.map((s) => parseWhole(s, 1, Number.MAX_SAFE_INTEGER));
      return nums.every((n) => n !== undefined) ? nums : undefined;
    },
    (v) => `must be comma-separated Telegram user ids, whole numbers (e.g. 123456789,987654321), got ${quote(v)}`,
  ).transform((ids) => ids ?? []);
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

const WEBHOOK_URL_EXAMPLE = 'https://bot.example.com/telegram';
const SECRET_EXAMPLE = 'the output of openssl rand -hex 32';

const fields = {
  NODE_ENV: text('development'),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  BOT_TOKEN: secret(
    /^\d+:[A-Za-z0-9_-]{35,}$/,
    'look like 123456789:AA... (digits, a colon, then at least 35 letters, digits, _ or -)',
  ),
  TELEGRAM_API_ROOT: url(['http:', 'https:'], 'an http or https URL', 'https://api.telegram.org').transform((v) =>
    (v ?? 'https://api.telegram.org').replace(/\/+$/, ''),
  ),
  BOT_MODE: oneOf(['polling', 'webhook'] as const, 'polling'),
  // Telegram calls webhooks over https only; plain http is let through for a loopback address,
  // where the offline simulator (npm run sim) delivers.
  WEBHOOK_URL: variable(
    (v) => (URL.canParse(v) && (new URL(v).protocol === 'https:' || (new URL(v).protocol === 'http:' && isLoopback(new URL(v).hostname))) ? v : undefined),
    (v) => `must be an https URL (e.g. ${WEBHOOK_URL_EXAMPLE}; plain http only on 127.0.0.1 or localhost), got ${quote(v)}`,
  ),
  WEBHOOK_MAX_CONNECTIONS: wholeNumber(1, 100, 40),
  WEBHOOK_SECRET: secret(/^[A-Za-z0-9_-]{1,256}$/, `be 1 to 256 letters, digits, _ or - (e.g. ${SECRET_EXAMPLE})`),
  BOT_ADMIN_IDS: idList(),
  DATABASE_URL: url(
    ['postgres:', 'postgresql:'],
    'a postgres:// or postgresql:// URL',
    'postgres://quiz:password@localhost:5432/quiz',
    true,
  ),
  EMBEDDED_PG_DIR: text('./.data/postgres'),
  DB_POOL_SIZE: wholeNumber(1, 500, 30),
  DB_MAX_OVERFLOW: wholeNumber(0, 500, 50),
  DB_CONNECT_TIMEOUT_S: wholeNumber(1, 120, 10),
  DB_IDLE_TIMEOUT_S: wholeNumber(0, 3600, 30),
  ANSWER_BATCH_SIZE: wholeNumber(1, 10_000, 500),
  ANSWER_FLUSH_MS: wholeNumber(0, 1000, 5),
  ANSWER_BUFFER_LIMIT: wholeNumber(1, 1_000_000, 20_000),
  ANSWER_WRITER_CONCURRENCY: wholeNumber(1, 32, 4),
  QUEUE_WORKERS: wholeNumber(1, 100, 10),
  QUEUE_MAX_SIZE: wholeNumber(1, 1_000_000, 10_000),
  QUEUE_PRIVATE_CHAT_PER_S: wholeNumber(1, 1000, 1),
  QUEUE_GROUP_PER_MIN: wholeNumber(1, 60_000, 20),
  QUEUE_GLOBAL_PER_S: wholeNumber(1, 1000, 30),
  REWARD_POINTS: pointList([100, 50, 25]),
  PARTICIPATION_POINTS: wholeNumber(0, 1_000_000, 10),
  REDIS_URL: url(['redis:', 'rediss:'], 'a redis:// or rediss:// URL', 'redis://localhost:6379', true),
  HTTP_HOST: text('127.0.0.1'),
  HTTP_PORT: wholeNumber(0, 65_535, 8000),
  // Sent as `Authorization: Bearer <token>`, which ends at the first space: a token with a space
  // (or a character a header cannot carry as typed) would pass here and never match a request.
  MONITORING_TOKEN: variable(
    (v) => (/^[\x21-\x7e]{16,}$/.test(v) ? v : undefined),
    (v) =>
      /^[\x21-\x7e]*$/.test(v)
        ? `must be at least 16 characters (e.g. ${SECRET_EXAMPLE}), got a value of ${v.length} characters`
        : `must be one word of visible ASCII characters, no spaces (it is sent as "Authorization: Bearer <token>", where a space ends it), got a value of ${v.length} characters with ${/\s/.test(v) ? 'a space' : 'a character outside visible ASCII'}`,
  ),
};
type Fields = typeof fields;

/** Every environment variable quiz-agent reads (the compose file and .env.example are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.freeze(Object.keys(fields));
type Values = { [K in keyof Fields]: z.output<Fields[K]> };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Validates `env` and returns the settings as a deeply frozen object. Pure: no I/O.
 * Empty strings count as unset; unset variables take the defaults documented on {@link Config}.
 * @throws {@link ConfigError} listing every bad variable, one line each; secrets and URL passwords are never echoed.
 */
export function createConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const parsed: Partial<Record<keyof Fields, unknown>> = {};
  for (const name of Object.keys(fields) as (keyof Fields)[]) {
    const result = fields[name].safeParse(env[name]);
    if (result.success) parsed[name] = result.data;
    else problems.push(...result.error.issues.map((issue) => `${name} ${issue.message}`));
  }
  const v = parsed as Partial<Values>;
  if (v.BOT_MODE === 'webhook') {
    if (!raw.parse(env.WEBHOOK_URL)) {
      problems.push(`WEBHOOK_URL is required when BOT_MODE=webhook (e.g. ${WEBHOOK_URL_EXAMPLE})`);
    }
    if (!raw.parse(env.WEBHOOK_SECRET)) {
      problems.push(`WEBHOOK_SECRET is required when BOT_MODE=webhook (e.g. ${SECRET_EXAMPLE})`);
    }
  }
  if (v.ANSWER_BATCH_SIZE !== undefined && v.ANSWER_BUFFER_LIMIT !== undefined && v.ANSWER_BUFFER_LIMIT < v.ANSWER_BATCH_SIZE) {
    problems.push(
      `ANSWER_BUFFER_LIMIT must be at least ANSWER_BATCH_SIZE (${v.ANSWER_BATCH_SIZE}), got ${v.ANSWER_BUFFER_LIMIT}`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const s = parsed as Values;
  const common = { token: s.BOT_TOKEN, apiRoot: s.TELEGRAM_API_ROOT };
  const bot: BotConfig =
    s.BOT_MODE === 'webhook'
      ? { ...common, mode: 'webhook', webhookUrl: s.WEBHOOK_URL ?? '', webhookSecret: s.WEBHOOK_SECRET ?? '', webhookMaxConnections: s.WEBHOOK_MAX_CONNECTIONS }
      : { ...common, mode: 'polling' };
  return deepFreeze<Config>({
    env: s.NODE_ENV,
    logLevel: s.LOG_LEVEL,
    bot,
    adminIds: s.BOT_ADMIN_IDS,
    database: {
      url: s.DATABASE_URL,
      embeddedDir: s.EMBEDDED_PG_DIR,
      poolSize: s.DB_POOL_SIZE,
      maxOverflow: s.DB_MAX_OVERFLOW,
      connectTimeoutS: s.DB_CONNECT_TIMEOUT_S,
      idleTimeoutS: s.DB_IDLE_TIMEOUT_S,
      handlerConcurrency: Math.max(2, Math.floor(s.DB_POOL_SIZE / 5)),
    },
    answerWriter: {
      batchSize: s.ANSWER_BATCH_SIZE,
      flushMs: s.ANSWER_FLUSH_MS,
      bufferLimit: s.ANSWER_BUFFER_LIMIT,
      concurrency: s.ANSWER_WRITER_CONCURRENCY,
    },
    queue: {
      workers: s.QUEUE_WORKERS,
      maxSize: s.QUEUE_MAX_SIZE,
      privateChatPerS: s.QUEUE_PRIVATE_CHAT_PER_S,
      groupPerMin: s.QUEUE_GROUP_PER_MIN,
      globalPerS: s.QUEUE_GLOBAL_PER_S,
    },
    redisUrl: s.REDIS_URL,
    rewards: { pointsByRank: s.REWARD_POINTS, participationPoints: s.PARTICIPATION_POINTS },
    http: { host: s.HTTP_HOST, port: s.HTTP_PORT, monitoringToken: s.MONITORING_TOKEN },
  });
}

/**
 * Reads `.env` from the current directory if there is one (variables already set in the
 * real environment win, even when empty), then validates `process.env` with {@link createConfig}.
 */
export function loadConfig(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return createConfig(process.env);
}

/** Every sizing setting in force, flat, for one startup log line. Contains no secrets. */
export function describeSizing(config: Config): Record<string, number | string> {
  const { database: db, answerWriter: aw } = config;
  return {
    dbPoolSize: db.poolSize,
    dbMaxOverflow: db.maxOverflow,
    dbPoolMaxTotal: db.poolSize + db.maxOverflow,
    dbHandlerConcurrency: db.handlerConcurrency,
    queueWorkers: config.queue.workers,
    queueMaxSize: config.queue.maxSize,
    queuePrivateChatPerS: config.queue.privateChatPerS,
    queueGroupPerMin: config.queue.groupPerMin,
    queueGlobalPerS: config.queue.globalPerS,
    answerBatchSize: aw.batchSize,
    answerFlushMs: aw.flushMs,
    answerBufferLimit: aw.bufferLimit,
    answerWriterConcurrency: aw.concurrency,
    httpPort: config.http.port,
    botMode: config.bot.mode,
  };
}
