/**
 * The quiz-wide settings a file may carry (a title, a default time per question), checked the
 * same way for every format.
 */
import { RUN_OPEN_PERIOD_MAX_S } from '../open-period.js';
import { checkQuizTitle } from '../quiz-title.js';
import { POLL_LIMITS } from '../telegram-poll-limits.js';
import type { FileProblem } from './quiz-file-problems.js';

export type CheckedSetting<T> = { ok: true; value: T } | { ok: false; problem: FileProblem };

/** A title as the quiz will keep it (trimmed), or why it cannot be one. */
export function checkFileTitle(raw: string): CheckedSetting<string> {
  const checked = checkQuizTitle(raw);
  return checked.ok ? { ok: true, value: checked.title } : { ok: false, problem: { kind: 'title', problem: checked.problem } };
}

/** A default time per question in whole seconds, within the range a run allows. */
export function checkDefaultOpenPeriod(seconds: number): CheckedSetting<number> {
  if (seconds < POLL_LIMITS.openPeriodMinS || seconds > RUN_OPEN_PERIOD_MAX_S)
    return { ok: false, problem: { kind: 'default_open_period_out_of_range', seconds } };
  return { ok: true, value: seconds };
}

/** Whole seconds written as digits (`30`), or null. */
export function wholeNumber(text: string): number | null {
  return /^\d{1,9}$/u.test(text.trim()) ? Number(text.trim()) : null;
}
