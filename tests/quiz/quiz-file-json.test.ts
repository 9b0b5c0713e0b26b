import { describe, expect, it } from 'vitest';
import { parseQuizFile } from '../../src/quiz/quiz-file/parse-quiz-file.js';

const json = (text: string) => parseQuizFile(new TextEncoder().encode(text), 'quiz.json');
const problemsOf = (text: string) => {
  const read = json(text);
  return read.ok ? [] : read.problems;
};

describe('JSON quiz files', () => {
  it('reads every field', () => {
    const text = JSON.stringify({
      title: 'World capitals',
      open_period_s: 30,
      questions: [
        { question: 'Capital of France?', options: ['Berlin', 'Paris'], correct: [2], explanation: 'Since 508.', open_period_s: 20 },
        { question: 'Which are capitals?', options: ['Canberra', 'Sydney', 'Ottawa'], correct: [3, 1, 3], explanation: '' },
      ],
    });
    expect(json(text)).toEqual({
      ok: true,
      format: 'json',
      quiz: {
        title: 'World capitals',
        openPeriodS: 30,
        questions: [
          { text: 'Capital of France?', options: ['Berlin', 'Paris'], correctOptionIds: [1], explanation: 'Since 508.', openPeriodS: 20 },
          // Correct numbers sorted and once each; an empty explanation is none.
          { text: 'Which are capitals?', options: ['Canberra', 'Sydney', 'Ottawa'], correctOptionIds: [0, 2] },
        ],
      },
    });
  });

  it('names a syntax error by its line', () => {
    expect(problemsOf('{\n  "questions": [\n    { "question": "Q?", }\n  ]\n}')).toEqual([
      { line: 3, question: null, problem: { kind: 'bad_json', found: '}' } },
    ]);
    expect(problemsOf('{\n  "questions": [\n')).toEqual([{ line: 3, question: null, problem: { kind: 'bad_json', found: null } }]);
    expect(problemsOf('{"questions": []} extra')).toEqual([{ line: 1, question: null, problem: { kind: 'bad_json', found: 'e' } }]);
    expect(problemsOf('{"a": "tab\there"}')).toMatchObject([{ problem: { kind: 'bad_json' } }]);
    expect(problemsOf(`${'['.repeat(100_000)}`)).toMatchObject([{ line: 1, problem: { kind: 'bad_json', found: '[' } }]);
  });

  it('reads what JSON.parse reads: escapes, numbers, nesting', () => {
    const question = 'Say \u00e9 \ud83d\ude00 "quoted" \\ / \b\f\n\r\t';
    const text = `{"questions":[{"question":${JSON.stringify(question)},"options":["1e2","-0.5"],"correct":[1]}]}`;
    expect(json(text)).toMatchObject({ ok: true, quiz: { questions: [{ text: question }] } });
    expect(json(text.replace('"correct":[1]', '"correct":[1.0e0]'))).toMatchObject({ ok: true });
  });

  it('names wrong types, missing and unknown fields with the question and the field line', () => {
    const text = [
      '{',
      '  "title": 5,',
      '  "open_period_s": 2,',
      '  "author": "me",',
      '  "questions": [',
      '    { "question": "Q1?", "options": ["a", "b"], "correct": [1] },',
      '    {',
      '      "question": "Q2?",',
      '      "options": "a, b",',
      '      "answer": [1]',
      '    },',
      '    "Q3?",',
      '    { "question": "Q4?", "options": ["a", 2], "correct": ["1"], "open_period_s": 1.5 }',
      '  ]',
      '}',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      { line: 4, question: null, problem: { kind: 'json_unknown_field', field: 'author' } },
      { line: 2, question: null, problem: { kind: 'json_wrong_type', field: 'title', expected: 'text' } },
      { line: 3, question: null, problem: { kind: 'default_open_period_out_of_range', seconds: 2 } },
      { line: 10, question: 2, problem: { kind: 'json_unknown_field', field: 'answer' } },
      { line: 9, question: 2, problem: { kind: 'json_wrong_type', field: 'options', expected: 'list of texts' } },
      { line: 7, question: 2, problem: { kind: 'json_missing_field', field: 'correct' } },
      { line: 12, question: 3, problem: { kind: 'json_wrong_type', field: '', expected: 'object' } },
      { line: 13, question: 4, problem: { kind: 'json_wrong_type', field: 'options', expected: 'list of texts' } },
      { line: 13, question: 4, problem: { kind: 'json_wrong_type', field: 'correct', expected: 'list of numbers' } },
      { line: 13, question: 4, problem: { kind: 'json_wrong_type', field: 'open_period_s', expected: 'whole number' } },
    ]);
  });

  it('checks each question against Telegram limits, with the option number', () => {
    const questions = [
      { question: 'Q1?', options: ['a', 'b'], correct: [1] },
      { question: 'Q2?', options: ['a', 'x'.repeat(101), 'a'], correct: [4], explanation: 'e'.repeat(201), open_period_s: 601 },
    ];
    expect(problemsOf(JSON.stringify({ questions }, null, 2))).toEqual([
      { line: 13, question: 2, option: 2, problem: { kind: 'option_too_long', option: 'x'.repeat(101), length: 101, max: 100 } },
      { line: 13, question: 2, option: 3, problem: { kind: 'option_twice', option: 'a' } },
      { line: 13, question: 2, problem: { kind: 'correct_option_missing' } },
      { line: 13, question: 2, problem: { kind: 'explanation_too_long', length: 201, max: 200 } },
      { line: 13, question: 2, problem: { kind: 'open_period_out_of_range', seconds: 601 } },
    ]);
  });

  it('wants an object with questions', () => {
    expect(problemsOf('[1, 2]')).toEqual([
      { line: 1, question: null, problem: { kind: 'json_wrong_type', field: '', expected: 'object' } },
    ]);
    expect(problemsOf('{}')).toEqual([{ line: 1, question: null, problem: { kind: 'json_missing_field', field: 'questions' } }]);
    expect(problemsOf('{\n"questions": []}')).toEqual([{ line: 2, question: null, problem: { kind: 'no_questions' } }]);
    expect(problemsOf('{"questions": {}}')).toEqual([
      { line: 1, question: null, problem: { kind: 'json_wrong_type', field: 'questions', expected: 'list' } },
    ]);
  });

  it('treats __proto__ as an unknown field, not as a prototype', () => {
    expect(problemsOf('{"__proto__": {"questions": []}, "questions": [{"question": "Q?", "options": ["a"], "correct": [1]}]}')).toEqual([
      { line: 1, question: null, problem: { kind: 'json_unknown_field', field: '__proto__' } },
    ]);
  });
});
