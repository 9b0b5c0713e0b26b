/**
 * Every setting of the bot, read from the environment and validated with ONE zod schema.
 * Each variable is written once, in {@link configSchema}: its name, its parser with its
 * message, its default and its place in {@link Config}, whose type is derived from the schema.
 * See `.env.example` for the full list with defaults and examples.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import {
  fromEnv,
  inputFrom,
  oneOf,
  parseWhole,
  quote,
  required,
  secret,
  text,
  url,
  variable,
  wholeNumber,
  type Env,
} from './lib/env-schema.js';

/** Thrown by {@link createConfig} when one or more variables are invalid; the message has one line per problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Log levels accepted by LOG_LEVEL (pino's levels plus `silent`). */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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
      const ids = v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const nums = ids.map((s) => parseWhole(s, 1, Number.MAX_SAFE_INTEGER));
      return nums.every((n) => n !== undefined) ? nums : undefined;
    },
    (v) => `must be comma-separated Telegram user ids, whole numbers (e.g. 123456789,987654321), got ${quote(v)}`,
  ).transform((ids) => ids ?? []);
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** Telegram calls webhooks over https only; plain http is let through for a loopback address, where the offline simulator (npm run sim) delivers. */
function isWebhookUrl(v: string): boolean {
  if (!URL.canParse(v)) return false;
  const { protocol, hostname } = new URL(v);
  return protocol === 'https:' || (protocol === 'http:' && isLoopback(hostname));
}

const WEBHOOK_URL_EXAMPLE = 'https://bot.example.com/telegram';
const SECRET_EXAMPLE = 'the output of openssl rand -hex 32';

// ---- the settings of the bot: BOT_MODE decides whether webhook settings exist ----

const botCommon = {
  /** BOT_TOKEN from @BotFather [required]. */
  token: fromEnv(
    'BOT_TOKEN',
    required(
      secret(/^\d+:[A-Za-z0-9_-]{35,}$/, 'look like 123456789:AA... (digits, a colon, then at least 35 letters, digits, _ or -)'),
      'is required to run the bot: get one from @BotFather (or run `npm run sim` for an offline one)',
    ),
  ),
  /** TELEGRAM_API_ROOT without a trailing slash [https://api.telegram.org]. */
  apiRoot: fromEnv(
    'TELEGRAM_API_ROOT',
    url(['http:', 'https:'], 'an http or https URL', 'https://api.telegram.org').transform((v) =>
      (v ?? 'https://api.telegram.org').replace(/\/+$/, ''),
    ),
  ),
};
const webhookUrl = fromEnv(
  'WEBHOOK_URL',
  variable(
    (v) => (isWebhookUrl(v) ? v : undefined),
    (v) => `must be an https URL (e.g. ${WEBHOOK_URL_EXAMPLE}; plain http only on 127.0.0.1 or localhost), got ${quote(v)}`,
  ),
);
const webhookSecret = fromEnv(
  'WEBHOOK_SECRET',
  secret(/^[A-Za-z0-9_-]{1,256}$/, `be 1 to 256 letters, digits, _ or - (e.g. ${SECRET_EXAMPLE})`),
);
/** WEBHOOK_MAX_CONNECTIONS: updates Telegram delivers at once [40]. */
const webhookMaxConnections = fromEnv('WEBHOOK_MAX_CONNECTIONS', wholeNumber(1, 100, 40));
const BOT_MODES = ['polling', 'webhook'] as const;
/** BOT_MODE: the discriminator of the union below; unset means polling. */
const botMode = <S extends z.ZodType>(schema: S) => fromEnv('BOT_MODE', schema);

/** How updates reach the bot: long polling [default] or a webhook. */
const botSchema = z.discriminatedUnion(
  'mode',
  [
    // Webhook settings are checked in polling mode too (a bad value is caught before the switch), then dropped.
    z
      .object({ mode: botMode(z.literal('polling').optional()), ...botCommon, webhookUrl, webhookSecret, webhookMaxConnections })
      .transform(({ token, apiRoot }) => ({ mode: 'polling' as const, token, apiRoot })),
    z.object({
      mode: botMode(z.literal('webhook')),
      ...botCommon,
      webhookUrl: required(webhookUrl, `is required when BOT_MODE=webhook (e.g. ${WEBHOOK_URL_EXAMPLE})`),
      webhookSecret: required(webhookSecret, `is required when BOT_MODE=webhook (e.g. ${SECRET_EXAMPLE})`),
      webhookMaxConnections,
    }),
  ],
  { error: (issue) => `must be one of ${BOT_MODES.join(', ')}, got ${quote(String((issue.input as { mode?: unknown }).mode))}` },
);

/**
 * The whole configuration: each leaf is `fromEnv(VARIABLE, parser with its default)`, each
 * object a section of {@link Config}. Defaults are given in brackets.
 */
const configSchema = z.object({
  /** NODE_ENV [development]. */
  env: fromEnv('NODE_ENV', text('development')),
  /** LOG_LEVEL [info]. */
  logLevel: fromEnv('LOG_LEVEL', oneOf(LOG_LEVELS, 'info')),
  /** BOT_ADMIN_IDS: Telegram user ids allowed to run admin commands [none]. */
  adminIds: fromEnv('BOT_ADMIN_IDS', idList()),
  database: z
    .object({
      /** DATABASE_URL [unset: embedded PostgreSQL]. */
      url: fromEnv(
        'DATABASE_URL',
        url(['postgres:', 'postgresql:'], 'a postgres:// or postgresql:// URL', 'postgres://quiz:password@localhost:5432/quiz', true),
      ),
      /** EMBEDDED_PG_DIR: data directory of the embedded server [./.data/postgres]. */
      embeddedDir: fromEnv('EMBEDDED_PG_DIR', text('./.data/postgres')),
      /** DB_POOL_SIZE: connections the pool is sized for; pool + overflow = postgres.js max [30]. */
      poolSize: fromEnv('DB_POOL_SIZE', wholeNumber(1, 500, 30)),
      /** DB_MAX_OVERFLOW: extra connections opened under load [50]. */
      maxOverflow: fromEnv('DB_MAX_OVERFLOW', wholeNumber(0, 500, 50)),
      /** DB_CONNECT_TIMEOUT_S [10]. */
      connectTimeoutS: fromEnv('DB_CONNECT_TIMEOUT_S', wholeNumber(1, 120, 10)),
      /** DB_IDLE_TIMEOUT_S: seconds an unused connection stays open, 0 = forever [30]. */
      idleTimeoutS: fromEnv('DB_IDLE_TIMEOUT_S', wholeNumber(0, 3600, 30)),
    })
    // Database operations the update handlers may run at once: a fifth of DB_POOL_SIZE, at
    // least 2. A burst of commands then waits in memory, not for connections.
    .transform((db) => ({ ...db, handlerConcurrency: Math.max(2, Math.floor(db.poolSize / 5)) })),
  answerWriter: z
    .object({
      /** ANSWER_BATCH_SIZE: most answers per INSERT [500]. */
      batchSize: fromEnv('ANSWER_BATCH_SIZE', wholeNumber(1, 10_000, 500)),
      /** ANSWER_FLUSH_MS: wait before flushing a partial batch [5]. */
      flushMs: fromEnv('ANSWER_FLUSH_MS', wholeNumber(0, 1000, 5)),
      /** ANSWER_BUFFER_LIMIT: most answers buffered in memory, >= batchSize [20000]. */
      bufferLimit: fromEnv('ANSWER_BUFFER_LIMIT', wholeNumber(1, 1_000_000, 20_000)),
      /** ANSWER_WRITER_CONCURRENCY: batches committed in parallel [4]. */
      concurrency: fromEnv('ANSWER_WRITER_CONCURRENCY', wholeNumber(1, 32, 4)),
    })
    .refine((aw) => aw.bufferLimit >= aw.batchSize, {
      path: ['bufferLimit'],
      error: (issue) => {
        const aw = issue.input as { batchSize: number; bufferLimit: number };
        return `must be at least ANSWER_BATCH_SIZE (${aw.batchSize}), got ${aw.bufferLimit}`;
      },
    }),
  queue: z.object({
    /** QUEUE_WORKERS: Bot API calls sent at once [10]. */
    workers: fromEnv('QUEUE_WORKERS', wholeNumber(1, 100, 10)),
    /** QUEUE_MAX_SIZE: calls held before new ones are refused [10000]. */
    maxSize: fromEnv('QUEUE_MAX_SIZE', wholeNumber(1, 1_000_000, 10_000)),
    /** QUEUE_PRIVATE_CHAT_PER_S: messages per second to one private chat [1]. */
    privateChatPerS: fromEnv('QUEUE_PRIVATE_CHAT_PER_S', wholeNumber(1, 1000, 1)),
    /** QUEUE_GROUP_PER_MIN: messages per minute to one group, edits included [20]. */
    groupPerMin: fromEnv('QUEUE_GROUP_PER_MIN', wholeNumber(1, 60_000, 20)),
    /** QUEUE_GLOBAL_PER_S: messages per second over all chats [30]. */
    globalPerS: fromEnv('QUEUE_GLOBAL_PER_S', wholeNumber(1, 1000, 30)),
  }),
  /** REDIS_URL [unset: no Redis]. */
  redisUrl: fromEnv('REDIS_URL', url(['redis:', 'rediss:'], 'a redis:// or rediss:// URL', 'redis://localhost:6379', true)),
  rewards: z.object({
    /** REWARD_POINTS: points for rank 1, 2, ... of a finished run [100,50,25]. */
    pointsByRank: fromEnv('REWARD_POINTS', pointList([100, 50, 25])),
    /** PARTICIPATION_POINTS: points every ranked player gets on top [10]. */
    participationPoints: fromEnv('PARTICIPATION_POINTS', wholeNumber(0, 1_000_000, 10)),
  }),
  http: z.object({
    /** HTTP_HOST [127.0.0.1]. */
    host: fromEnv('HTTP_HOST', text('127.0.0.1')),
    /** HTTP_PORT; 0 picks a free port (tests) [8000]. */
    port: fromEnv('HTTP_PORT', wholeNumber(0, 65_535, 8000)),
    /**
     * MONITORING_TOKEN: token for the monitoring endpoints [unset]. Sent as `Authorization:
     * Bearer <token>`, which ends at the first space: a token with a space (or a character a
     * header cannot carry as typed) would pass a looser check and never match a request.
     */
    monitoringToken: fromEnv(
      'MONITORING_TOKEN',
      variable(
        (v) => (/^[\x21-\x7e]{16,}$/.test(v) ? v : undefined),
        (v) =>
          /^[\x21-\x7e]*$/.test(v)
            ? `must be at least 16 characters (e.g. ${SECRET_EXAMPLE}), got a value of ${v.length} characters`
            : `must be one word of visible ASCII characters, no spaces (it is sent as "Authorization: Bearer <token>", where a space ends it), got a value of ${v.length} characters with ${/\s/.test(v) ? 'a space' : 'a character outside visible ASCII'}`,
      ),
    ),
  }),
  // Last, so problems are listed as before: plain settings first, then what BOT_MODE requires.
  bot: botSchema,
});

type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
/** The validated, deeply frozen settings (defaults in brackets on {@link configSchema}). */
export type Config = DeepReadonly<z.output<typeof configSchema>>;
/** How updates reach the bot: `mode` 'polling' [default], or 'webhook' with its URL, secret and connections. */
export type BotConfig = Config['bot'];

const variablesAtPaths = new Map<string, string>();
inputFrom(configSchema, {}, [], variablesAtPaths);
/** Every environment variable quiz-agent reads (the compose file and .env.example are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.freeze([...new Set(variablesAtPaths.values())]);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Validates `env` and returns the settings as a deeply frozen object. Pure: no I/O.
 * Empty strings count as unset; unset variables take the defaults documented on {@link configSchema}.
 * @throws {@link ConfigError} listing every bad variable, one line each (`NAME must ...`); secrets and URL passwords are never echoed.
 * @example createConfig({ BOT_TOKEN: '123456789:AA...', DB_POOL_SIZE: '40' }).database.poolSize // 40
 */
export function createConfig(env: NodeJS.ProcessEnv | Env): Config {
  const variables = new Map<string, string>();
  const result = configSchema.safeParse(inputFrom(configSchema, env, [], variables));
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${variables.get(issue.path.join('.')) ?? issue.path.join('.')} ${issue.message}`),
    );
  }
  return deepFreeze<Config>(result.data);
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
