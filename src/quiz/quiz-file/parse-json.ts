/**
 * Reads a quiz JSON file (fields: json-schema.ts). Every problem names the question (1-based)
 * and the line of the field or the question's object.
 */
import type { QuizQuestion } from '../question-check.js';
import { append } from './append.js';
import { readJson, type JsonLines } from './json-lines.js';
import { JSON_QUESTION_FIELDS, JSON_QUIZ_FIELDS } from './json-schema.js';
import { QUIZ_FILE_QUESTIONS_MAX } from './limits.js';
import { isMediaSource, readMediaCell } from './media-cell.js';
import { placedQuestionProblems } from './question-problems.js';
import type { ParsedQuizFile, QuizFileContent } from './quiz-file-content.js';
import type { FileProblem, JsonExpected, QuizFileProblem } from './quiz-file-problems.js';
import { checkDefaultOpenPeriod, checkFileTitle } from './settings.js';

type JsonObject = Record<string, unknown>;

/** Reads a JSON quiz from its decoded text. */
export function parseQuizJson(text: string): ParsedQuizFile {
  const read = readJson(text);
  if (!read.ok) return { ok: false, problems: [{ line: read.line, question: null, problem: { kind: 'bad_json', found: read.found } }] };
  const root = read.value;
  if (!isObject(root))
    return { ok: false, problems: [{ line: 1, question: null, problem: { kind: 'json_wrong_type', field: '', expected: 'object' } }] };
  const fields = new Fields(root, read.lines, null, 1);
  fields.onlyKnown(Object.values(JSON_QUIZ_FIELDS));

  const quiz: QuizFileContent = { questions: [] };
  const title = fields.text(JSON_QUIZ_FIELDS.title, false);
  if (title !== undefined) {
    const checked = checkFileTitle(title);
    if (checked.ok) quiz.title = checked.value;
    else fields.fail(JSON_QUIZ_FIELDS.title, checked.problem);
  }
  const period = fields.wholeNumber(JSON_QUIZ_FIELDS.openPeriodS);
  if (period !== undefined) {
    const checked = checkDefaultOpenPeriod(period);
    if (checked.ok) quiz.openPeriodS = checked.value;
    else fields.fail(JSON_QUIZ_FIELDS.openPeriodS, checked.problem);
  }

  const list = root[JSON_QUIZ_FIELDS.questions];
  if (list === undefined) fields.fail(JSON_QUIZ_FIELDS.questions, { kind: 'json_missing_field', field: JSON_QUIZ_FIELDS.questions });
  else if (!Array.isArray(list))
    fields.fail(JSON_QUIZ_FIELDS.questions, { kind: 'json_wrong_type', field: JSON_QUIZ_FIELDS.questions, expected: 'list' });
  else if (list.length > QUIZ_FILE_QUESTIONS_MAX)
    return {
      ok: false,
      problems: [{ line: null, question: null, problem: { kind: 'too_many_questions', count: list.length, max: QUIZ_FILE_QUESTIONS_MAX } }],
    };
  else if (list.length === 0) fields.fail(JSON_QUIZ_FIELDS.questions, { kind: 'no_questions' });
  else {
    const lines = read.lines.elements.get(list) ?? [];
    list.forEach((item, index) => {
      const line = lines[index] ?? null;
      const question = readQuestion(item, read.lines, index + 1, line, fields.problems);
      if (question !== null) {
        quiz.questions.push(question);
        append(fields.problems, placedQuestionProblems(question, index + 1, line));
      }
    });
  }
  return fields.problems.length > 0 ? { ok: false, problems: fields.problems } : { ok: true, quiz };
}

/** Question `number` from its JSON value, or null (its problems in `problems`) when a field has the wrong type. */
function readQuestion(
  item: unknown,
  lines: JsonLines,
  number: number,
  line: number | null,
  problems: QuizFileProblem[],
): QuizQuestion | null {
  if (!isObject(item)) {
    problems.push({ line, question: number, problem: { kind: 'json_wrong_type', field: '', expected: 'object' } });
    return null;
  }
  const fields = new Fields(item, lines, number, line);
  fields.onlyKnown(Object.values(JSON_QUESTION_FIELDS));
  const text = fields.text(JSON_QUESTION_FIELDS.question, true);
  const options = fields.texts(JSON_QUESTION_FIELDS.options);
  const correct = fields.wholeNumbers(JSON_QUESTION_FIELDS.correct);
  const explanation = fields.text(JSON_QUESTION_FIELDS.explanation, false);
  const period = fields.wholeNumber(JSON_QUESTION_FIELDS.openPeriodS);
  const media = fields.text(JSON_QUESTION_FIELDS.media, false);
  const explanationMedia = fields.text(JSON_QUESTION_FIELDS.explanationMedia, false);
  for (const [field, value] of [
    [JSON_QUESTION_FIELDS.media, media],
    [JSON_QUESTION_FIELDS.explanationMedia, explanationMedia],
  ] as const) {
    const named = readMediaCell(value ?? '');
    if (named !== undefined && !isMediaSource(named.source))
      fields.problems.push({ line, question: number, problem: { kind: 'bad_media', column: field, text: value ?? '' } });
  }
  append(problems, fields.problems);
  if (fields.problems.length > 0 || text === undefined || options === undefined || correct === undefined) return null;
  const question: QuizQuestion = { text, options, correctOptionIds: [...new Set(correct.map((n) => n - 1))].sort((a, b) => a - b) };
  if (explanation !== undefined && explanation !== '') question.explanation = explanation;
  if (period !== undefined) question.openPeriodS = period;
  const shown = readMediaCell(media ?? '');
  if (shown !== undefined) question.media = shown;
  const explained = readMediaCell(explanationMedia ?? '');
  if (explained !== undefined) question.explanationMedia = explained;
  return question;
}

/** The fields of one JSON object, read with their types checked; problems carry the field's line. */
class Fields {
  readonly problems: QuizFileProblem[] = [];
  readonly #object: JsonObject;
  readonly #lines: Map<string, number> | undefined;
  readonly #question: number | null;
  readonly #line: number | null;

  constructor(object: JsonObject, lines: JsonLines, question: number | null, line: number | null) {
    this.#object = object;
    this.#lines = lines.fields.get(object);
    this.#question = question;
    this.#line = line;
  }

  fail(field: string, problem: FileProblem): void {
    this.problems.push({ line: this.#lines?.get(field) ?? this.#line, question: this.#question, problem });
  }

  onlyKnown(known: readonly string[]): void {
    for (const key of Object.keys(this.#object)) if (!known.includes(key)) this.fail(key, { kind: 'json_unknown_field', field: key });
  }

  text(field: string, required: boolean): string | undefined {
    return this.#read(field, required, 'text', (v): v is string => typeof v === 'string');
  }

  texts(field: string): string[] | undefined {
    return this.#read(field, true, 'list of texts', (v): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string'));
  }

  wholeNumber(field: string): number | undefined {
    return this.#read(field, false, 'whole number', isWholeNumber);
  }

  wholeNumbers(field: string): number[] | undefined {
    return this.#read(field, true, 'list of numbers', (v): v is number[] => Array.isArray(v) && v.every(isWholeNumber));
  }

  #read<T>(field: string, required: boolean, expected: JsonExpected, is: (value: unknown) => value is T): T | undefined {
    const value = this.#object[field];
    if (value === undefined) {
      if (required) this.fail(field, { kind: 'json_missing_field', field });
      return undefined;
    }
    if (!is(value)) {
      this.fail(field, { kind: 'json_wrong_type', field, expected });
      return undefined;
    }
    return value;
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}
