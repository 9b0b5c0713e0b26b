/** A pino logger at `info` whose lines a test reads back, parsed. */
import pino, { type Logger } from 'pino';

export interface LoggedLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export function capturedLogger(): { logger: Logger; lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as LoggedLine) });
  return { logger, lines };
}
