/**
 * Writes a quiz as CSV: UTF-8 with a byte order mark (so that Excel reads it as UTF-8), comma
 * separated, CRLF line ends (RFC 4180), the setting rows, a header with as many option columns
 * as the longest question needs (and the media columns when a question has media), then one row per question. Text cells that a spreadsheet would
 * evaluate are protected (csv-cells.ts); parseQuizCsv reads every text back exactly.
 */
import type { QuizQuestion } from '../question-check.js';
import { CSV_COLUMNS, CSV_SETTINGS, optionColumn } from './csv-columns.js';
import { csvText, protectCell } from './csv-cells.js';
import { writeMediaCell } from './media-cell.js';
import type { QuizFileContent } from './quiz-file-content.js';

/** The CSV text of a quiz (without encoding it). */
export function writeQuizCsv(quiz: QuizFileContent): string {
  const rows: string[][] = [];
  if (quiz.title !== undefined) rows.push([CSV_SETTINGS.title, protectCell(quiz.title)]);
  if (quiz.openPeriodS !== undefined) rows.push([CSV_SETTINGS.openPeriodS, String(quiz.openPeriodS)]);
  const optionColumns = Math.max(1, ...quiz.questions.map((q) => q.options.length));
  const options = Array.from({ length: optionColumns }, (_, i) => optionColumn(i + 1));
  // Media columns only when used: a quiz without media is written as before they existed.
  const withMedia = quiz.questions.some((q) => q.media !== undefined || q.explanationMedia !== undefined);
  const mediaColumns = withMedia ? [CSV_COLUMNS.media, CSV_COLUMNS.explanationMedia] : [];
  rows.push([CSV_COLUMNS.question, ...options, CSV_COLUMNS.correct, CSV_COLUMNS.explanation, CSV_COLUMNS.openPeriodS, ...mediaColumns]);
  for (const question of quiz.questions) rows.push(questionRow(question, optionColumns, withMedia));
  return csvText(rows);
}

function questionRow(question: QuizQuestion, optionColumns: number, withMedia: boolean): string[] {
  const options = Array.from({ length: optionColumns }, (_, i) => protectCell(question.options[i] ?? ''));
  return [
    protectCell(question.text),
    ...options,
    // Spaces, not commas: "1,3" would be a number to a spreadsheet in locales with a decimal comma.
    question.correctOptionIds.map((id) => id + 1).join(' '),
    protectCell(question.explanation ?? ''),
    question.openPeriodS === undefined ? '' : String(question.openPeriodS),
    ...(withMedia ? [protectCell(writeMediaCell(question.media)), protectCell(writeMediaCell(question.explanationMedia))] : []),
  ];
}
