/**
 * Reading what an author sends to create a quiz: the `/newquiz <title>` command line with the
 * questions from the next line on, and a title on its own (the guided flow asks for it).
 * Pure functions, so the rules are tested without Telegram.
 */
import { telegramLength } from '../../quiz/telegram-poll-limits.js';

/** The longest title, in characters as Telegram counts them. */
export const QUIZ_TITLE_MAX = 128;
/** The most questions one quiz holds: a run of 100 polls already takes most of an hour. */
export const QUIZ_QUESTIONS_MAX = 100;

/** A `/newquiz` message split into the title (the command's line) and the questions (the lines after it). */
export interface NewQuizCommand {
  /** The rest of the command's line, trimmed; '' when none was given. */
  title: string;
  /** Everything after the command's line, as written; '' when the message is one line. */
  body: string;
}

/**
 * Splits a `/newquiz` message. `commandLength` is the length of the command entity
 * (`/newquiz` or `/newquiz@bot`). grammY's `ctx.match` cannot be used: it drops the character
 * after the command, so `/newquiz\nQuestion?` would read "Question?" as the title.
 *
 * @example parseNewQuizCommand('/newquiz Capitals\nCapital of France?\n- Paris *', 8)
 * // { title: 'Capitals', body: 'Capital of France?\n- Paris *' }
 */
export function parseNewQuizCommand(text: string, commandLength: number): NewQuizCommand {
  const rest = text.slice(commandLength);
  const newline = rest.indexOf('\n');
  if (newline === -1) return { title: rest.trim(), body: '' };
  return { title: rest.slice(0, newline).trim(), body: rest.slice(newline + 1) };
}

/** A title checked for saving: trimmed, or why it cannot be one. */
export type CheckedTitle = { ok: true; title: string } | { ok: false; problem: string };

/** Checks a title: one line of 1 to {@link QUIZ_TITLE_MAX} characters after trimming. */
export function checkQuizTitle(raw: string): CheckedTitle {
  const title = raw.trim();
  if (title === '') return { ok: false, problem: 'the quiz has no title; write it right after /newquiz on the same line, e.g. /newquiz World capitals' };
  if (title.includes('\n')) return { ok: false, problem: 'the title must fit on one line' };
  const length = telegramLength(title);
  if (length > QUIZ_TITLE_MAX) return { ok: false, problem: `the title is longer than ${QUIZ_TITLE_MAX} characters (${length})` };
  return { ok: true, title };
}

/**
 * How many question blocks a quiz text has (blocks are separated by a blank line, as
 * `parseQuizText` reads them). Used to name the question limit even when some blocks have
 * problems and the parser returns no questions.
 */
export function countQuestionBlocks(text: string): number {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .filter((block) => block.trim() !== '').length;
}
