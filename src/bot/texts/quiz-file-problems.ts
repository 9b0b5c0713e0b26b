/**
 * The problems of a quiz file (src/quiz/quiz-file/quiz-file-problems.ts) in words, each placed
 * on its line ("line 14: option 5 ('Mount Kilimanjaro in…') is longer than 100 characters
 * (104)"; in JSON "question 3 (line 14): ...") and saying how to fix it. A question's problems
 * reuse the text format's words (quiz-problems.ts) except where a file says it differently
 * (columns and fields instead of "- " lines and " *" marks).
 */
import { preview } from '../../quiz/preview.js';
import type { QuestionProblem } from '../../quiz/quiz-problems.js';
import { CSV_COLUMNS, CSV_REQUIRED_COLUMNS, CSV_SETTINGS, optionColumn } from '../../quiz/quiz-file/csv-columns.js';
import { JSON_QUESTION_FIELDS, JSON_QUIZ_FIELDS } from '../../quiz/quiz-file/json-schema.js';
import { CSV_OPTION_COLUMNS_MAX, QUIZ_FILE_FORMATS, type QuizFileFormat } from '../../quiz/quiz-file/limits.js';
import type { FileProblem, JsonExpected, QuizFileProblem } from '../../quiz/quiz-file/quiz-file-problems.js';
import { quizProblemsText, titleProblemText } from './create-quiz.js';
import { count } from './format.js';
import { openPeriodProblemText, quizProblemText } from './quiz-problems.js';

/** What became of a file with problems, and where to find a good example. */
export const QUIZ_FILE_REFUSED_OUTCOME = 'Nothing was imported; fix the file and send it again. /template sends an example file.';

/**
 * The reply to a file with problems: every problem up to the limit the other quiz texts show
 * (20), then "…and N more", then what became of the file.
 */
export function quizFileProblemsText(problems: readonly QuizFileProblem[], format: QuizFileFormat | null): string {
  return quizProblemsText(
    problems.map((problem) => quizFileProblemText(problem, format)),
    QUIZ_FILE_REFUSED_OUTCOME,
  );
}

/** One problem with its place: `line 14: ...`, or in JSON `question 3 (line 14): ...`. */
export function quizFileProblemText(p: QuizFileProblem, format: QuizFileFormat | null): string {
  return `${place(p, format)}${clause(p, format)}`;
}

function place(p: QuizFileProblem, format: QuizFileFormat | null): string {
  if (format === 'json' && p.question !== null)
    return p.line === null ? `question ${p.question}: ` : `question ${p.question} (line ${p.line}): `;
  if (p.line !== null) return `line ${p.line}: `;
  return p.question === null ? '' : `question ${p.question}: `;
}

function clause(p: QuizFileProblem, format: QuizFileFormat | null): string {
  const problem = p.problem;
  if (isQuestionProblem(problem)) return questionClause(problem, p.option, format);
  return fileClause(problem, p.question, format);
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

function questionClause(problem: QuestionProblem, option: number | undefined, format: QuizFileFormat | null): string {
  if (option !== undefined) {
    if (problem.kind === 'option_empty') return `option ${option} is empty`;
    if (problem.kind === 'option_too_long')
      return `option ${option} ('${preview(problem.option)}') is longer than ${problem.max} characters (${problem.length})`;
    if (problem.kind === 'option_twice') return `option ${option} ('${preview(problem.option)}') repeats an earlier option`;
  }
  if (format === 'csv') {
    if (problem.kind === 'no_options') return `it has no options (fill ${optionColumn(1)}, ${optionColumn(2)}, …)`;
    if (problem.kind === 'no_correct_option')
      return `no option is marked correct (put its number in the ${CSV_COLUMNS.correct} column, e.g. 2)`;
    if (problem.kind === 'correct_option_missing') return `a number in the ${CSV_COLUMNS.correct} column points to no option`;
  }
  if (format === 'json') {
    if (problem.kind === 'no_options') return `"${JSON_QUESTION_FIELDS.options}" is empty`;
    if (problem.kind === 'no_correct_option')
      return `no option is marked correct (list its number in "${JSON_QUESTION_FIELDS.correct}", e.g. [2])`;
    if (problem.kind === 'correct_option_missing') return `a number in "${JSON_QUESTION_FIELDS.correct}" points to no option`;
  }
  // The text format's own words, without their "Question N:" prefix.
  return quizProblemText({ question: null, problem });
}

function fileClause(problem: FileProblem, question: number | null, format: QuizFileFormat | null): string {
  switch (problem.kind) {
    case 'too_big':
      return `the file is ${megabytes(problem.bytes)}; I read files up to ${megabytes(problem.max)}. Split the quiz into several files.`;
    case 'empty':
      return 'the file is empty';
    case 'binary':
      return `this is not a text file (an image, a workbook or an archive?); send the quiz as ${FORMAT_LIST}`;
    case 'not_utf8':
      return 'the file is not in UTF-8; save it again with UTF-8 encoding (in Excel: "CSV UTF-8")';
    case 'unknown_format':
      if (problem.extension === '') return `the file name has no extension; send ${FORMAT_LIST}`;
      if (WORKBOOKS.has(problem.extension))
        return `I cannot read .${problem.extension} workbooks yet; save the sheet as "CSV UTF-8" and send that file`;
      return `I cannot read .${problem.extension} files; send ${FORMAT_LIST}`;
    case 'too_many_questions':
      return `the file has ${problem.count.toLocaleString('en-US')} questions; a file holds at most ${problem.max.toLocaleString('en-US')}`;
    case 'no_questions':
      if (format === 'csv') return 'there are no question rows under the header';
      if (format === 'json') return `"${JSON_QUIZ_FIELDS.questions}" is empty`;
      return quizProblemText({ question: null, problem: { kind: 'no_questions' } });
    case 'setting_twice':
      return `"${problem.name}" is given twice`;
    case 'title':
      return problem.problem.kind === 'empty' ? 'the title is empty' : titleProblemText(problem.problem);
    case 'default_open_period_out_of_range':
      return `the default time per question: ${quizProblemText({ question: null, problem: { kind: 'open_period_out_of_range', seconds: problem.seconds } })}`;
    case 'block_too_long':
      return `this question runs on for ${problem.lines.toLocaleString('en-US')} lines (at most ${problem.max}); put a blank line between questions`;
    case 'open_period':
      return openPeriodProblemText(problem.problem);
    case 'not_a_number':
      if (problem.column === CSV_COLUMNS.correct)
        return `the ${CSV_COLUMNS.correct} cell '${preview(problem.text)}' must hold option numbers, such as 2 or 1 3`;
      return `the ${problem.column} cell '${preview(problem.text)}' is not a whole number of seconds`;
    case 'bad_media':
      return `the ${problem.column} '${preview(problem.text)}' is neither an https URL nor a Telegram file id (a photo: the URL or id; a video or animation: video:<source>, animation:<source>)`;
    case 'csv_no_header':
      return `the first line must be the header: ${CSV_REQUIRED_COLUMNS.join(',')} (${OPTIONAL_COLUMNS} optional); /template sends an example`;
    case 'csv_missing_column':
      return `the header has no "${problem.column}" column`;
    case 'csv_unknown_column':
      return `the header has a column "${preview(problem.column)}" I do not know (known: ${KNOWN_COLUMNS})`;
    case 'csv_duplicate_column':
      return `the header names "${problem.column}" twice`;
    case 'csv_unknown_setting':
      return `'${preview(problem.name)}' is not a setting; above the header only "${CSV_SETTINGS.title}" and "${CSV_SETTINGS.openPeriodS}" rows may come`;
    case 'csv_extra_cells':
      return `${count(problem.count, 'cell')} ${problem.count === 1 ? 'is' : 'are'} outside the header's columns; put a text that holds the separator in double quotes`;
    case 'csv_unclosed_quote':
      return 'a double quote opened here is never closed';
    case 'csv_text_after_quote':
      return 'text follows a closing double quote; inside quotes, write a double quote twice ("")';
    case 'bad_json':
      return problem.found === null
        ? 'the JSON ends too early (a missing } or ]?)'
        : `this is not valid JSON: unexpected '${problem.found}'`;
    case 'json_wrong_type':
      if (problem.field === '')
        return question === null
          ? `the file must hold one JSON object: { "${JSON_QUIZ_FIELDS.questions}": [...] }`
          : `a question must be an object: { "${JSON_QUESTION_FIELDS.question}": ..., "${JSON_QUESTION_FIELDS.options}": [...], "${JSON_QUESTION_FIELDS.correct}": [...] }`;
      return `"${problem.field}" must be ${EXPECTED[problem.expected]}`;
    case 'json_missing_field':
      return `"${problem.field}" is missing`;
    case 'json_unknown_field': {
      const known = Object.values(question === null ? JSON_QUIZ_FIELDS : JSON_QUESTION_FIELDS).join(', ');
      return `"${preview(problem.field)}" is not a field I know (known: ${known})`;
    }
  }
}

const FORMAT_LIST = `a ${QUIZ_FILE_FORMATS.slice(0, -1)
  .map((f) => `.${f}`)
  .join(', ')} or .${QUIZ_FILE_FORMATS[QUIZ_FILE_FORMATS.length - 1]} file`;
const WORKBOOKS: ReadonlySet<string> = new Set(['xlsx', 'xls', 'ods', 'numbers']);
const OPTIONAL_COLUMNS = `${optionColumn(2)}..${optionColumn(CSV_OPTION_COLUMNS_MAX)}, ${CSV_COLUMNS.explanation}, ${CSV_COLUMNS.openPeriodS}, ${CSV_COLUMNS.media} and ${CSV_COLUMNS.explanationMedia}`;
const KNOWN_COLUMNS = `${CSV_COLUMNS.question}, ${optionColumn(1)}..${optionColumn(CSV_OPTION_COLUMNS_MAX)}, ${CSV_COLUMNS.correct}, ${CSV_COLUMNS.explanation}, ${CSV_COLUMNS.openPeriodS}, ${CSV_COLUMNS.media}, ${CSV_COLUMNS.explanationMedia}`;
const EXPECTED: Record<JsonExpected, string> = {
  object: 'an object',
  list: 'a list [...]',
  text: 'a text in double quotes',
  'list of texts': 'a list of texts, such as ["Berlin", "Paris"]',
  'list of numbers': 'a list of option numbers, such as [2] or [1, 3]',
  'whole number': 'a whole number of seconds, such as 30',
};

const MEBIBYTE = 1_048_576;

/** A size in MB with at most one decimal ("10.5 MB", "1 MB"). */
function megabytes(bytes: number): string {
  const mb = Math.round((bytes / MEBIBYTE) * 10) / 10;
  return `${mb.toLocaleString('en-US')} MB`;
}
