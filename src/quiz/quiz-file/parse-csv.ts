/**
 * Reads a quiz CSV file (columns: csv-columns.ts; records: csv-records.ts). Every problem of
 * every row is reported with the physical line where the row starts.
 */
import type { QuizQuestion } from '../question-check.js';
import { append } from './append.js';
import { CSV_COLUMNS, CSV_KNOWN_COLUMNS, CSV_REQUIRED_COLUMNS, CSV_SETTINGS, columnKey, optionColumn } from './csv-columns.js';
import { readTextCell } from './csv-cells.js';
import { detectSeparator, readCsvRecords, type CsvRecord, type CsvSeparator } from './csv-records.js';
import { CSV_OPTION_COLUMNS_MAX, QUIZ_FILE_QUESTIONS_MAX } from './limits.js';
import { isMediaSource, readMediaCell } from './media-cell.js';
import { placedQuestionProblems } from './question-problems.js';
import type { ParsedQuizFile, QuizFileContent } from './quiz-file-content.js';
import type { QuizFileProblem } from './quiz-file-problems.js';
import { checkDefaultOpenPeriod, checkFileTitle, wholeNumber } from './settings.js';

/** Excel's hint line `sep=;`, which some files start with: it names the separator. */
const SEPARATOR_HINT = /^sep=([,;])[ \t]*(?:\r\n|\r|\n|$)/iu;

/** Reads a CSV quiz from its decoded text. */
export function parseQuizCsv(text: string): ParsedQuizFile {
  const hint = SEPARATOR_HINT.exec(text);
  const separator = hint === null ? detectSeparator(text) : (hint[1] as CsvSeparator);
  const read = readCsvRecords(text, separator);
  if (!read.ok) return { ok: false, problems: [{ line: read.line, question: null, problem: read.problem }] };
  const records = read.records.filter((record) => (hint === null || record.line > 1) && record.cells.some((cell) => cell !== ''));
  const headerIndex = records.findIndex(
    (record) =>
      columnKey(record.cells[0] ?? '') !== CSV_SETTINGS.title && record.cells.some((cell) => columnKey(cell) === CSV_COLUMNS.question),
  );
  const header = records[headerIndex];
  if (header === undefined)
    return { ok: false, problems: [{ line: records[0]?.line ?? 1, question: null, problem: { kind: 'csv_no_header' } }] };

  const quiz: QuizFileContent = { questions: [] };
  const problems: QuizFileProblem[] = readSettings(records.slice(0, headerIndex), quiz);
  const columns = readHeader(header);
  if (!columns.ok) return { ok: false, problems: [...problems, ...columns.problems] };

  const rows = records.slice(headerIndex + 1);
  if (rows.length > QUIZ_FILE_QUESTIONS_MAX)
    return {
      ok: false,
      problems: [{ line: null, question: null, problem: { kind: 'too_many_questions', count: rows.length, max: QUIZ_FILE_QUESTIONS_MAX } }],
    };
  if (rows.length === 0) problems.push({ line: header.line, question: null, problem: { kind: 'no_questions' } });
  rows.forEach((row, index) => {
    const read = readRow(row, columns.at, header.cells.length);
    quiz.questions.push(read.question);
    append(
      problems,
      read.problems.map((problem) => ({ line: row.line, question: index + 1, problem })),
    );
    // A correct cell that holds no number has said what is wrong with it; "no option is marked correct" would repeat it.
    const unreadCorrect = read.problems.some((p) => p.kind === 'not_a_number' && p.column === CSV_COLUMNS.correct);
    append(
      problems,
      placedQuestionProblems(read.question, index + 1, row.line).filter((p) => !(unreadCorrect && p.problem.kind === 'no_correct_option')),
    );
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, quiz };
}

/** The setting rows before the header, into `quiz`; their problems. */
function readSettings(rows: CsvRecord[], quiz: QuizFileContent): QuizFileProblem[] {
  const problems: QuizFileProblem[] = [];
  const seen = new Set<string>();
  const fail = (line: number, problem: QuizFileProblem['problem']) => problems.push({ line, question: null, problem });
  for (const row of rows) {
    const name = columnKey(row.cells[0] ?? '');
    const value = readTextCell(row.cells[1] ?? '');
    const extra = row.cells.slice(2).filter((cell) => cell !== '').length;
    if (name !== CSV_SETTINGS.title && name !== CSV_SETTINGS.openPeriodS) {
      fail(row.line, { kind: 'csv_unknown_setting', name: row.cells[0] ?? '' });
      continue;
    }
    if (seen.has(name)) fail(row.line, { kind: 'setting_twice', name });
    seen.add(name);
    if (extra > 0) fail(row.line, { kind: 'csv_extra_cells', count: extra, columns: 2 });
    if (name === CSV_SETTINGS.title) {
      const title = checkFileTitle(value);
      if (title.ok) quiz.title = title.value;
      else fail(row.line, title.problem);
    } else {
      const seconds = wholeNumber(value);
      const period = seconds === null ? null : checkDefaultOpenPeriod(seconds);
      if (period === null) fail(row.line, { kind: 'not_a_number', column: CSV_SETTINGS.openPeriodS, text: value });
      else if (period.ok) quiz.openPeriodS = period.value;
      else fail(row.line, period.problem);
    }
  }
  return problems;
}

/** Where each known column is; a column named twice, unknown, missing or an option gap is a problem. */
function readHeader(header: CsvRecord): { ok: true; at: Map<string, number> } | { ok: false; problems: QuizFileProblem[] } {
  const at = new Map<string, number>();
  const problems: QuizFileProblem[] = [];
  const fail = (problem: QuizFileProblem['problem']) => problems.push({ line: header.line, question: null, problem });
  header.cells.forEach((cell, index) => {
    const key = columnKey(cell);
    if (key === '') return;
    if (!CSV_KNOWN_COLUMNS.has(key)) fail({ kind: 'csv_unknown_column', column: cell.trim() });
    else if (at.has(key)) fail({ kind: 'csv_duplicate_column', column: key });
    else at.set(key, index);
  });
  for (const column of CSV_REQUIRED_COLUMNS) if (!at.has(column)) fail({ kind: 'csv_missing_column', column });
  // Options are numbered by their column; a gap would renumber the ones after it.
  for (let n = CSV_OPTION_COLUMNS_MAX; n > 1; n--) {
    if (at.has(optionColumn(n)) && !at.has(optionColumn(n - 1)) && n - 1 !== 1)
      fail({ kind: 'csv_missing_column', column: optionColumn(n - 1) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, at };
}

/** One row as a question, with the problems only the row shows (cells that are no numbers, extra cells). */
function readRow(
  row: CsvRecord,
  at: Map<string, number>,
  headerLength: number,
): { question: QuizQuestion; problems: QuizFileProblem['problem'][] } {
  const problems: QuizFileProblem['problem'][] = [];
  const cell = (column: string): string => {
    const index = at.get(column);
    return index === undefined ? '' : (row.cells[index] ?? '');
  };
  const named = new Set(at.values());
  const extra = row.cells.filter((value, index) => value !== '' && (index >= headerLength || !named.has(index))).length;
  if (extra > 0) problems.push({ kind: 'csv_extra_cells', count: extra, columns: at.size });

  const options: string[] = [];
  for (let n = 1; n <= CSV_OPTION_COLUMNS_MAX && at.has(optionColumn(n)); n++) options.push(readTextCell(cell(optionColumn(n))));
  while (options.length > 0 && options[options.length - 1] === '') options.pop();

  const correct = cell(CSV_COLUMNS.correct);
  const tokens = correct.split(/[\s,;]+/u).filter((token) => token !== '');
  const numbers = tokens.map(wholeNumber);
  if (numbers.some((n) => n === null)) problems.push({ kind: 'not_a_number', column: CSV_COLUMNS.correct, text: correct });
  const correctOptionIds = [...new Set(numbers.filter((n): n is number => n !== null).map((n) => n - 1))].sort((a, b) => a - b);

  const question: QuizQuestion = { text: readTextCell(cell(CSV_COLUMNS.question)), options, correctOptionIds };
  const explanation = readTextCell(cell(CSV_COLUMNS.explanation));
  if (explanation !== '') question.explanation = explanation;
  const period = cell(CSV_COLUMNS.openPeriodS);
  if (period !== '') {
    const seconds = wholeNumber(period);
    if (seconds === null) problems.push({ kind: 'not_a_number', column: CSV_COLUMNS.openPeriodS, text: period });
    else question.openPeriodS = seconds;
  }
  for (const [column, key] of [
    [CSV_COLUMNS.media, 'media'],
    [CSV_COLUMNS.explanationMedia, 'explanationMedia'],
  ] as const) {
    const media = readMediaCell(readTextCell(cell(column)));
    if (media === undefined) continue;
    if (isMediaSource(media.source)) question[key] = media;
    else problems.push({ kind: 'bad_media', column, text: cell(column) });
  }
  return { question, problems };
}
