/**
 * The time per question an admin gives to `/startquiz <id> [time]`: `15`, `15s`, `2m`, `1m30s`,
 * `90 s`, `1 min 30 sec` (case-insensitive; a bare number is seconds).
 */
import type { OpenPeriodProblem } from './quiz-problems.js';
import { POLL_LIMITS } from './telegram-poll-limits.js';

/**
 * The longest time per question of a run, in seconds. Telegram allows open periods of about a
 * month, but a run waits for every question in turn, so quiz-agent caps it at 10 minutes.
 */
export const RUN_OPEN_PERIOD_MAX_S = 600;

export type ParsedOpenPeriod = { ok: true; seconds: number } | { ok: false; problem: OpenPeriodProblem };

const DURATION = /^(?:(\d+)\s*(?:m|mins?|minutes?))?\s*(?:(\d+)\s*(?:s|secs?|seconds?)?)?$/iu;

/**
 * Reads a time per question.
 *
 * @example parseOpenPeriod('1m30s') // { ok: true, seconds: 90 }
 * @example parseOpenPeriod('3s') // { ok: false, problem: { kind: 'out_of_range', text: '3s' } }
 */
export function parseOpenPeriod(text: string): ParsedOpenPeriod {
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  const minutes = match?.[1];
  const seconds = match?.[2];
  if (trimmed === '' || !match || (minutes === undefined && seconds === undefined)) {
    return { ok: false, problem: { kind: 'not_a_period', text: trimmed } };
  }
  const total = Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
  if (total < POLL_LIMITS.openPeriodMinS || total > RUN_OPEN_PERIOD_MAX_S) {
    return { ok: false, problem: { kind: 'out_of_range', text: trimmed } };
  }
  return { ok: true, seconds: total };
}
