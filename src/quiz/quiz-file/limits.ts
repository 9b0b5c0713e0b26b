/**
 * The limits of a quiz file, the one owner of them: the parser refuses what passes them and the
 * bot's texts (and README) quote the same numbers.
 */
import { POLL_LIMITS } from '../telegram-poll-limits.js';

/**
 * The largest file read, in bytes (1 MiB). An ordinary question takes 100-300 bytes in any of
 * the formats, so the cap holds several thousand of them, and a quiz written at every Telegram
 * limit (100 questions of 1,700 characters) still fits; a 10 MB upload is refused before it is
 * decoded.
 */
export const QUIZ_FILE_BYTES_MAX = 1_048_576;

/**
 * The most questions one file may hold: a file with 1,001 is refused as a whole. Higher than a
 * quiz's own cap (QUIZ_QUESTIONS_MAX) on purpose: a question bank for question pools is bigger
 * than one run, and whoever saves the quiz applies the quiz's cap.
 */
export const QUIZ_FILE_QUESTIONS_MAX = 1_000;

/** Option columns of a CSV file: option1 .. option12, as many as a Telegram quiz poll has. */
export const CSV_OPTION_COLUMNS_MAX = POLL_LIMITS.optionsMax;

/**
 * The most lines one question's block of a text file may have: a valid one has at most 17 (the
 * question, 12 options, 3 explanation lines, a time). A longer block is one problem, not one per
 * line: a file of 250,000 option lines without a blank line would otherwise be 250,000 problems.
 */
export const TXT_BLOCK_LINES_MAX = 100;

/** The formats a quiz file may have, named by the file's extension. */
export const QUIZ_FILE_FORMATS = ['csv', 'json', 'txt'] as const;
export type QuizFileFormat = (typeof QUIZ_FILE_FORMATS)[number];

/** The format a word names (`csv`, `.JSON`: an extension or a command's argument), or null. */
export function quizFileFormatNamed(word: string): QuizFileFormat | null {
  const name = word.toLowerCase().replace(/^\./u, '');
  return QUIZ_FILE_FORMATS.find((format) => format === name) ?? null;
}
