/**
 * The time per question an admin gives to `/startquiz <id> [time]`: `15`, `15s`, `2m`, `1m30s`,
 * `90 s`, `1 min 30 sec` (case-insensitive; a bare number is seconds).
 */
import { preview } from './preview.js';
import { POLL_LIMITS } from './telegram-poll-limits.js';

/**
 * The longest time per question of a run, in seconds. Telegram allows open periods of about a
 * month, but a run waits for every question in turn, so quiz-agent caps it at 10 minutes.
 */
export const RUN_OPEN_PERIOD_MAX_S = 600;

/** The range of a question's time, in whole units, for messages: "5 seconds and 10 minutes". */
export const RUN_OPEN_PERIOD_RANGE = `${describeSeconds(POLL_LIMITS.openPeriodMinS)} and ${describeSeconds(RUN_OPEN_PERIOD_MAX_S)}`;

/**
 * A number of seconds in whole units, largest first, for messages.
 *
 * @example describeSeconds(3) // '3 seconds'
 * @example describeSeconds(3_660) // '1 hour 1 minute'
 */
export function describeSeconds(total: number): string {
  const whole = Math.max(0, Math.round(total));
  const parts: [number, string][] = [
    [Math.floor(whole / 3_600), 'hour'],
    [Math.floor((whole % 3_600) / 60), 'minute'],
    [whole % 60, 'second'],
  ];
  const shown = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`);
  return shown.length > 0 ? shown.join(' ') : '0 seconds';
}

export type ParsedOpenPeriod = { ok: true; seconds: number } | { ok: false; problem: string };

const DURATION = /^(?:(\d+)\s*(?:m|mins?|minutes?))?\s*(?:(\d+)\s*(?:s|secs?|seconds?)?)?$/iu;

/**
 * Reads a time per question.
 *
 * @example parseOpenPeriod('1m30s') // { ok: true, seconds: 90 }
 * @example parseOpenPeriod('3s') // { ok: false, problem: "the time per question must be between 5 seconds and 10 minutes, got '3s'" }
 */
export function parseOpenPeriod(text: string): ParsedOpenPeriod {
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  const minutes = match?.[1];
  const seconds = match?.[2];
  if (trimmed === '' || !match || (minutes === undefined && seconds === undefined)) {
    return { ok: false, problem: `'${preview(trimmed)}' is not a time per question; write seconds (15 or 15s), minutes (2m) or both (1m30s)` };
  }
  const total = Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
  if (total < POLL_LIMITS.openPeriodMinS || total > RUN_OPEN_PERIOD_MAX_S) {
    return {
      ok: false,
      problem: `the time per question must be between ${RUN_OPEN_PERIOD_RANGE}, got '${preview(trimmed)}'`,
    };
  }
  return { ok: true, seconds: total };
}
