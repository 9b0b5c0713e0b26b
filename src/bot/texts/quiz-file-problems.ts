/**
 * The problems of a quiz file (src/quiz/quiz-file/quiz-file-problems.ts) in words, each placed
 * on its line ("line 14: option 5 ('Mount Kilimanjaro in…') is longer than 100 characters
 * (104)"; in JSON "question 3 (line 14): ...") and saying how to fix it. A question's problems
 * reuse the text format's words (quiz-problems.ts) except where a file says it differently
 * (columns and fields instead of "- " lines and " *" marks).
 */
import { preview } from '../../quiz/preview.js';
import type { QuestionProblem } from '../../quiz/quiz-problems.js';
import type { Translate } from '../../i18n/translator.js';
import { CSV_COLUMNS, CSV_REQUIRED_COLUMNS, CSV_SETTINGS, optionColumn } from '../../quiz/quiz-file/csv-columns.js';
import { JSON_QUESTION_FIELDS, JSON_QUIZ_FIELDS } from '../../quiz/quiz-file/json-schema.js';
import { CSV_OPTION_COLUMNS_MAX, QUIZ_FILE_FORMATS, type QuizFileFormat } from '../../quiz/quiz-file/limits.js';
import type { FileProblem, JsonExpected, QuizFileProblem } from '../../quiz/quiz-file/quiz-file-problems.js';
import { quizProblemsText, titleProblemText } from './create-quiz.js';
import { openPeriodProblemText, quizProblemText } from './quiz-problems.js';

/** What became of a file with problems, and where to find a good example. */
export function quizFileRefusedOutcome(t: Translate): string {
  return t('quiz-file-problems-refused-outcome');
}

/**
 * The reply to a file with problems: every problem up to the limit the other quiz texts show
 * (20), then "…and N more", then what became of the file.
 */
export function quizFileProblemsText(t: Translate, problems: readonly QuizFileProblem[], format: QuizFileFormat | null): string {
  return quizProblemsText(
    t,
    problems.map((problem) => quizFileProblemText(t, problem, format)),
    quizFileRefusedOutcome(t),
  );
}

/** One problem with its place: `line 14: ...`, or in JSON `question 3 (line 14): ...`. */
export function quizFileProblemText(t: Translate, p: QuizFileProblem, format: QuizFileFormat | null): string {
  const problem = clause(t, p, format);
  // Line and question numbers as strings: a number would get a thousands separator.
  const line = p.line === null ? null : String(p.line);
  const question = p.question === null ? null : String(p.question);
  if (format === 'json' && question !== null)
    return line === null
      ? t('quiz-file-problems-at-question', { question, problem })
      : t('quiz-file-problems-at-question-line', { question, line, problem });
  if (line !== null) return t('quiz-file-problems-at-line', { line, problem });
  return question === null ? problem : t('quiz-file-problems-at-question', { question, problem });
}

function clause(t: Translate, p: QuizFileProblem, format: QuizFileFormat | null): string {
  const problem = p.problem;
  if (isQuestionProblem(problem)) return questionClause(t, problem, p.option, format);
  return fileClause(t, problem, p.question, format);
}

const QUESTION_KINDS: ReadonlySet<string> = new Set<QuestionProblem['kind']>([
  'no_questions',
  'option_as_question',
  'stray_line',
  'text_empty',
  'text_too_long',
  'no_options',
  'too_many_options',
  'option_empty',
  'option_too_long',
  'option_twice',
  'no_correct_option',
  'correct_option_missing',
  'explanation_too_long',
  'explanation_too_many_lines',
  'open_period_out_of_range',
  'regular_poll',
  'correct_answer_hidden',
]);

function isQuestionProblem(problem: QuestionProblem | FileProblem): problem is QuestionProblem {
  return QUESTION_KINDS.has(problem.kind);
}

function questionClause(t: Translate, problem: QuestionProblem, option: number | undefined, format: QuizFileFormat | null): string {
  if (option !== undefined) {
    if (problem.kind === 'option_empty') return t('quiz-file-problems-option-empty', { option: String(option) });
    if (problem.kind === 'option_too_long')
      return t('quiz-file-problems-option-too-long', {
        option: String(option),
        preview: preview(problem.option),
        max: problem.max,
        length: problem.length,
      });
    if (problem.kind === 'option_twice')
      return t('quiz-file-problems-option-twice', { option: String(option), preview: preview(problem.option) });
  }
  if (format === 'csv') {
    if (problem.kind === 'no_options') return t('quiz-file-problems-csv-no-options', { first: optionColumn(1), second: optionColumn(2) });
    if (problem.kind === 'no_correct_option') return t('quiz-file-problems-csv-no-correct-option', { column: CSV_COLUMNS.correct });
    if (problem.kind === 'correct_option_missing')
      return t('quiz-file-problems-csv-correct-option-missing', { column: CSV_COLUMNS.correct });
  }
  if (format === 'json') {
    if (problem.kind === 'no_options') return t('quiz-file-problems-json-no-options', { field: JSON_QUESTION_FIELDS.options });
    if (problem.kind === 'no_correct_option')
      return t('quiz-file-problems-json-no-correct-option', { field: JSON_QUESTION_FIELDS.correct });
    if (problem.kind === 'correct_option_missing')
      return t('quiz-file-problems-json-correct-option-missing', { field: JSON_QUESTION_FIELDS.correct });
  }
  // The text format's own words, without their "Question N:" prefix.
  return quizProblemText(t, { question: null, problem });
}

function fileClause(t: Translate, problem: FileProblem, question: number | null, format: QuizFileFormat | null): string {
  switch (problem.kind) {
    case 'too_big':
      return t('quiz-file-problems-too-big', { size: megabytes(problem.bytes), max: megabytes(problem.max) });
    case 'empty':
      return t('quiz-file-problems-empty');
    case 'binary':
      return t('quiz-file-problems-binary', FORMAT_LIST);
    case 'not_utf8':
      return t('quiz-file-problems-not-utf8');
    case 'unknown_format':
      if (problem.extension === '') return t('quiz-file-problems-no-extension', FORMAT_LIST);
      if (WORKBOOKS.has(problem.extension)) return t('quiz-file-problems-workbook', { extension: problem.extension });
      return t('quiz-file-problems-unknown-format', { extension: problem.extension, ...FORMAT_LIST });
    case 'too_many_questions':
      return t('quiz-file-problems-too-many-questions', { count: problem.count, max: problem.max });
    case 'no_questions':
      if (format === 'csv') return t('quiz-file-problems-csv-no-questions');
      if (format === 'json') return t('quiz-file-problems-json-no-questions', { field: JSON_QUIZ_FIELDS.questions });
      return quizProblemText(t, { question: null, problem: { kind: 'no_questions' } });
    case 'setting_twice':
      return t('quiz-file-problems-setting-twice', { name: problem.name });
    case 'title':
      return problem.problem.kind === 'empty' ? t('quiz-file-problems-title-empty') : titleProblemText(t, problem.problem);
    case 'default_open_period_out_of_range':
      return t('quiz-file-problems-default-open-period', {
        problem: quizProblemText(t, { question: null, problem: { kind: 'open_period_out_of_range', seconds: problem.seconds } }),
      });
    case 'block_too_long':
      return t('quiz-file-problems-block-too-long', { lines: problem.lines, max: problem.max });
    case 'open_period':
      return openPeriodProblemText(t, problem.problem);
    case 'not_a_number':
      if (problem.column === CSV_COLUMNS.correct)
        return t('quiz-file-problems-correct-not-a-number', { column: problem.column, preview: preview(problem.text) });
      return t('quiz-file-problems-seconds-not-a-number', { column: problem.column, preview: preview(problem.text) });
    case 'bad_media':
      return t('quiz-file-problems-bad-media', { column: problem.column, preview: preview(problem.text) });
    case 'csv_no_header':
      return t('quiz-file-problems-csv-no-header', {
        required: CSV_REQUIRED_COLUMNS.join(','),
        optional: OPTIONAL_COLUMNS.slice(0, -1).join(', '),
        last: OPTIONAL_COLUMNS[OPTIONAL_COLUMNS.length - 1] ?? '',
      });
    case 'csv_missing_column':
      return t('quiz-file-problems-csv-missing-column', { column: problem.column });
    case 'csv_unknown_column':
      return t('quiz-file-problems-csv-unknown-column', { preview: preview(problem.column), known: KNOWN_COLUMNS });
    case 'csv_duplicate_column':
      return t('quiz-file-problems-csv-duplicate-column', { column: problem.column });
    case 'csv_unknown_setting':
      return t('quiz-file-problems-csv-unknown-setting', {
        preview: preview(problem.name),
        title: CSV_SETTINGS.title,
        period: CSV_SETTINGS.openPeriodS,
      });
    case 'csv_extra_cells':
      return t('quiz-file-problems-csv-extra-cells', { count: problem.count });
    case 'csv_unclosed_quote':
      return t('quiz-file-problems-csv-unclosed-quote');
    case 'csv_text_after_quote':
      return t('quiz-file-problems-csv-text-after-quote');
    case 'bad_json':
      return problem.found === null
        ? t('quiz-file-problems-json-ends-early')
        : t('quiz-file-problems-json-unexpected', { found: problem.found });
    case 'json_wrong_type':
      if (problem.field === '')
        return question === null
          ? t('quiz-file-problems-json-not-object', { questions: JSON_QUIZ_FIELDS.questions })
          : t('quiz-file-problems-json-question-not-object', {
              question: JSON_QUESTION_FIELDS.question,
              options: JSON_QUESTION_FIELDS.options,
              correct: JSON_QUESTION_FIELDS.correct,
            });
      return t('quiz-file-problems-json-wrong-type', { field: problem.field, expected: EXPECTED[problem.expected] });
    case 'json_missing_field':
      return t('quiz-file-problems-json-missing-field', { field: problem.field });
    case 'json_unknown_field': {
      const known = Object.values(question === null ? JSON_QUIZ_FIELDS : JSON_QUESTION_FIELDS).join(', ');
      return t('quiz-file-problems-json-unknown-field', { preview: preview(problem.field), known });
    }
  }
}

/** The formats a quiz file may have, as the messages list them: ".csv, .json" or ".txt". */
const FORMAT_LIST = {
  formats: QUIZ_FILE_FORMATS.slice(0, -1)
    .map((f) => `.${f}`)
    .join(', '),
  last: `.${QUIZ_FILE_FORMATS[QUIZ_FILE_FORMATS.length - 1]}`,
};
const WORKBOOKS: ReadonlySet<string> = new Set(['xlsx', 'xls', 'ods', 'numbers']);
const OPTIONAL_COLUMNS = [
  `${optionColumn(2)}..${optionColumn(CSV_OPTION_COLUMNS_MAX)}`,
  CSV_COLUMNS.explanation,
  CSV_COLUMNS.openPeriodS,
  CSV_COLUMNS.media,
  CSV_COLUMNS.explanationMedia,
];
const KNOWN_COLUMNS = `${CSV_COLUMNS.question}, ${optionColumn(1)}..${optionColumn(CSV_OPTION_COLUMNS_MAX)}, ${CSV_COLUMNS.correct}, ${CSV_COLUMNS.explanation}, ${CSV_COLUMNS.openPeriodS}, ${CSV_COLUMNS.media}, ${CSV_COLUMNS.explanationMedia}`;
/** The variant of quiz-file-problems-json-wrong-type for each expectation (Fluent keys have no spaces). */
const EXPECTED: Record<JsonExpected, string> = {
  object: 'object',
  list: 'list',
  text: 'text',
  'list of texts': 'list-of-texts',
  'list of numbers': 'list-of-numbers',
  'whole number': 'whole-number',
};

const MEBIBYTE = 1_048_576;

/** A size in MB with at most one decimal (10.5, 1), which Fluent writes in the language's way. */
function megabytes(bytes: number): number {
  return Math.round((bytes / MEBIBYTE) * 10) / 10;
}
