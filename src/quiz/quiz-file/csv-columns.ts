/**
 * The columns of a quiz CSV file, the one owner of their names. The header row names them, in
 * any order, case-insensitive:
 *
 * - `question` (required): the question, up to 300 characters;
 * - `option1` .. `option12` (`option1` required, no gaps): the options, up to 100 characters each;
 *   a question has as many options as its last filled option cell says;
 * - `correct` (required): the numbers of the correct options, 1-based, several separated by
 *   spaces, commas or semicolons (`2`, `1 3`);
 * - `explanation` (optional): shown after an answer, up to 200 characters and 3 lines;
 * - `open_period_s` (optional): seconds the question stays open, overriding the quiz's default;
 * - `media`, `explanation_media` (optional): a photo, video or animation shown with the question
 *   or its explanation, as media-cell.ts writes it (a file_id or an https URL, `video:` before
 *   a video's).
 *
 * Before the header, optional setting rows: `title,<the quiz's title>` and
 * `open_period_s,<the quiz's default seconds per question>`.
 */
import { CSV_OPTION_COLUMNS_MAX } from './limits.js';

export const CSV_COLUMNS = {
  question: 'question',
  correct: 'correct',
  explanation: 'explanation',
  openPeriodS: 'open_period_s',
  media: 'media',
  explanationMedia: 'explanation_media',
} as const;

/** The name of option column `n` (1-based). */
export function optionColumn(n: number): string {
  return `option${n}`;
}

/** Every column a header may name. */
export const CSV_KNOWN_COLUMNS: ReadonlySet<string> = new Set([
  ...Object.values(CSV_COLUMNS),
  ...Array.from({ length: CSV_OPTION_COLUMNS_MAX }, (_, i) => optionColumn(i + 1)),
]);

/** The columns a header must name. */
export const CSV_REQUIRED_COLUMNS = [CSV_COLUMNS.question, optionColumn(1), CSV_COLUMNS.correct] as const;

/** The setting rows that may come before the header. */
export const CSV_SETTINGS = { title: 'title', openPeriodS: 'open_period_s' } as const;

/** A header cell or setting name as compared: trimmed, lower case. */
export function columnKey(cell: string): string {
  return cell.trim().toLowerCase();
}
