/**
 * The rules of a quiz's title and size, the one owner of them: the bot's flows check with
 * these and its texts quote the same limits.
 */
import { telegramLength } from './telegram-poll-limits.js';

/** The longest title, in characters as Telegram counts them. */
export const QUIZ_TITLE_MAX = 128;
/** The most questions one quiz holds: a run of 100 polls already takes most of an hour. */
export const QUIZ_QUESTIONS_MAX = 100;

/** Why a text cannot be a title (the bot's texts say it in words). */
export type TitleProblem = { kind: 'empty' } | { kind: 'multiline' } | { kind: 'too_long'; length: number };

/** A title checked for saving: trimmed, or why it cannot be one. */
export type CheckedTitle = { ok: true; title: string } | { ok: false; problem: TitleProblem };

/** Checks a title: one line of 1 to {@link QUIZ_TITLE_MAX} characters after trimming. */
export function checkQuizTitle(raw: string): CheckedTitle {
  const title = raw.trim();
  if (title === '') return { ok: false, problem: { kind: 'empty' } };
  if (title.includes('\n')) return { ok: false, problem: { kind: 'multiline' } };
  const length = telegramLength(title);
  if (length > QUIZ_TITLE_MAX) return { ok: false, problem: { kind: 'too_long', length } };
  return { ok: true, title };
}
