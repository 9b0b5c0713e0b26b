import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Config } from './config.js';
import { logSerializers } from './lib/log-serializers.js';
import { createSecretRedactor } from './lib/redact-secrets.js';

/** Options of {@link createLogger}. */
export interface LoggerSettings {
  /** pino level; default `info`. */
  level?: string;
  /** Human-readable output through pino-pretty; default: when stdout is a terminal. */
  pretty?: boolean;
  /** Where JSON lines go [stdout]; tests pass a stream that keeps them. Implies `pretty: false`. */
  destination?: DestinationStream;
  /**
   * Values that must never appear in a line, wherever they are in what was logged
   * ({@link secretsOf} a config) [none: only what looks like a bot token or a URL's password].
   */
  secrets?: readonly (string | undefined)[];
}

/**
 * The process logger: JSON lines (for log shippers) unless stdout is a terminal, where
 * pino-pretty renders them for people. Errors under `err` or `error` are logged by their class,
 * code and message, never the data they carry (src/lib/log-serializers.ts); every line then
 * loses any bot token, URL password and known secret before it is written.
 *
 * @example const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
 */
export function createLogger(settings: LoggerSettings = {}): Logger {
  const redact = createSecretRedactor(settings.secrets);
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: { service: 'quiz-agent' },
    serializers: logSerializers,
    // Config objects logged whole: their secret fields by name (the line redactor catches the rest).
    redact: {
      paths: ['token', 'password', 'url', '*.token', '*.password', '*.databaseUrl', '*.webhookSecret', 'config.bot.token'],
      censor: '[redacted]',
    },
    hooks: { streamWrite: redact },
  };
  if (settings.destination) return pino(options, settings.destination);
  const pretty = settings.pretty ?? process.stdout.isTTY === true;
  if (!pretty) return pino(options);
  return pino({
    ...options,
    transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } },
  });
}

/** The secrets of a config, for {@link LoggerSettings.secrets}: the bot token, WEBHOOK_SECRET, MONITORING_TOKEN, and the passwords in DATABASE_URL and REDIS_URL. */
export function secretsOf(config: Config): string[] {
  const secrets = [config.bot.token, config.bot.mode === 'webhook' ? config.bot.webhookSecret : undefined, config.http.monitoringToken];
  for (const url of [config.database.url, config.redisUrl]) secrets.push(...passwordOf(url));
  return secrets.filter((secret): secret is string => secret !== undefined && secret !== '');
}

/** A URL's password as written and decoded (a log line may hold either). */
function passwordOf(url: string | undefined): string[] {
  if (!url || !URL.canParse(url)) return [];
  const parsed = new URL(url);
  const passwords = [parsed.password, parsed.searchParams.get('password') ?? ''];
  return passwords.filter((p) => p !== '').flatMap((p) => [p, safeDecode(p)]);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export type { Logger };
