/**
 * Writes a quiz as JSON (fields: json-schema.ts): one field per line, two-space indentation, a
 * question's options and correct numbers each on one line, fields in a fixed order, optional
 * fields only when set, a final line break. Every string survives exactly (JSON.stringify
 * escapes what JSON cannot hold raw).
 */
import type { QuizQuestion } from '../question-check.js';
import { JSON_QUESTION_FIELDS as Q, JSON_QUIZ_FIELDS as F } from './json-schema.js';
import { writeMediaCell } from './media-cell.js';
import type { QuizFileContent } from './quiz-file-content.js';

/** The JSON text of a quiz. */
export function writeQuizJson(quiz: QuizFileContent): string {
  const fields: string[] = [];
  if (quiz.title !== undefined) fields.push(field(F.title, json(quiz.title)));
  if (quiz.openPeriodS !== undefined) fields.push(field(F.openPeriodS, json(quiz.openPeriodS)));
  const questions = quiz.questions.map((question) => indent(questionObject(question)));
  fields.push(field(F.questions, questions.length === 0 ? '[]' : `[\n${questions.join(',\n')}\n]`));
  return `{\n${indent(fields.join(',\n'))}\n}\n`;
}

function questionObject(question: QuizQuestion): string {
  const fields = [
    field(Q.question, json(question.text)),
    field(Q.options, list(question.options.map(json))),
    field(Q.correct, list(question.correctOptionIds.map((id) => json(id + 1)))),
  ];
  if (question.explanation !== undefined && question.explanation !== '') fields.push(field(Q.explanation, json(question.explanation)));
  if (question.openPeriodS !== undefined) fields.push(field(Q.openPeriodS, json(question.openPeriodS)));
  if (question.media !== undefined) fields.push(field(Q.media, json(writeMediaCell(question.media))));
  if (question.explanationMedia !== undefined) fields.push(field(Q.explanationMedia, json(writeMediaCell(question.explanationMedia))));
  return `{\n${indent(fields.join(',\n'))}\n}`;
}

function json(value: string | number): string {
  return JSON.stringify(value);
}

function field(name: string, value: string): string {
  return `${json(name)}: ${value}`;
}

function list(items: string[]): string {
  return `[${items.join(', ')}]`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
