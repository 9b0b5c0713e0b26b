import pino, { type Logger, type LoggerOptions } from 'pino';

/** Options of {@link createLogger}. */
export interface LoggerSettings {
  /** pino level; default `info`. */
  level?: string;
  /** Human-readable output through pino-pretty; default: when stdout is a terminal. */
  pretty?: boolean;
}

/**
 * The process logger: JSON lines (for log shippers) unless stdout is a terminal, where
 * pino-pretty renders them for people. Secrets are redacted by path wherever they appear.
 */
export function createLogger(settings: LoggerSettings = {}): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: { service: 'quiz-agent' },
    redact: {
      paths: ['token', 'password', 'url', '*.token', '*.password', '*.databaseUrl', '*.webhookSecret', 'config.bot.token'],
      censor: '[redacted]',
    },
  };
  const pretty = settings.pretty ?? process.stdout.isTTY === true;
  if (!pretty) return pino(options);
  return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } } });
}

export type { Logger };
