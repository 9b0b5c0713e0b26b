import { describe, expect, it } from 'vitest';
import { quizFileProblemsText, quizFileProblemText } from '../../src/bot/texts/quiz-file-problems.js';
import { createI18n, translatorFor } from '../../src/i18n/translator.js';
import type { QuizFileFormat } from '../../src/quiz/quiz-file/limits.js';
import { parseQuizFile } from '../../src/quiz/quiz-file/parse-quiz-file.js';
import type { FileProblem, QuizFileProblem } from '../../src/quiz/quiz-file/quiz-file-problems.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const MESSAGE_MAX = 4096;
const t = translatorFor(createI18n(), 'en');

function wordsOf(bytes: Uint8Array, name: string): string[] {
  const read = parseQuizFile(bytes, name);
  if (read.ok) throw new Error('expected problems');
  return read.problems.map((p) => quizFileProblemText(t, p, read.format));
}

describe('quiz file problems in words', () => {
  it('name the line and the option number in CSV', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `Q${i + 1}?,a,b,c,d,e,1`);
    rows.push(`Q13?,a,b,c,d,Mount Kilimanjaro in Tanzania${'!'.repeat(80)},1`);
    expect(wordsOf(utf8(`question,option1,option2,option3,option4,option5,correct\n${rows.join('\n')}\n`), 'q.csv')).toEqual([
      "line 14: option 5 ('Mount Kilimanjaro in…') is longer than 100 characters (109)",
    ]);
  });

  it('name the question and its line in JSON, and say how to fix a field', () => {
    const text =
      '{\n  "questions": [\n    { "question": "Q?", "options": ["a"], "correct": [] },\n    { "question": "Q2?", "options": "a", "correct": [1] }\n  ]\n}';
    expect(wordsOf(utf8(text), 'q.json')).toEqual([
      'question 1 (line 3): no option is marked correct (list its number in "correct", e.g. [2])',
      'question 2 (line 4): "options" must be a list of texts, such as ["Berlin", "Paris"]',
    ]);
  });

  it('keep the text format words for text files', () => {
    expect(wordsOf(utf8('Q?\n- a\nstray'), 'q.txt')).toEqual([
      `line 3: the line 'stray' is neither an option (start it with "- ") nor an explanation (start it with "> "); put a blank line before a new question`,
      'line 1: no option is marked correct (end the correct one with " *")',
    ]);
  });

  it('say what to do with a file that is not a quiz file', () => {
    expect(wordsOf(new Uint8Array(10 * 1_048_576), 'big.csv')).toEqual([
      'the file is 10 MB; I read files up to 1 MB. Split the quiz into several files.',
    ]);
    expect(wordsOf(utf8('x'), 'quiz.xlsx')).toEqual([
      'I cannot read .xlsx workbooks yet; save the sheet as "CSV UTF-8" and send that file',
    ]);
    expect(wordsOf(utf8('x'), 'quiz.pdf')).toEqual(['I cannot read .pdf files; send a .csv, .json or .txt file']);
    expect(wordsOf(new Uint8Array([1, 0, 2]), 'q.csv')).toEqual([
      'this is not a text file (an image, a workbook or an archive?); send the quiz as a .csv, .json or .txt file',
    ]);
    expect(wordsOf(new Uint8Array(0), 'q.txt')).toEqual(['the file is empty']);
    expect(wordsOf(new Uint8Array([...utf8('question,option1,correct\nCaf'), 0xe9]), 'q.csv')).toEqual([
      'line 2: the file is not in UTF-8; save it again with UTF-8 encoding (in Excel: "CSV UTF-8")',
    ]);
    expect(wordsOf(utf8('Capital?,Paris,1'), 'q.csv')).toEqual([
      'line 1: the first line must be the header: question,option1,correct (option2..option12, explanation, open_period_s, media and explanation_media optional); /template sends an example',
    ]);
  });

  it('show at most 20 problems, then how many more, within one message', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `Question ${i + 1}?,${'long option '.repeat(9)},b,`);
    const read = parseQuizFile(utf8(`question,option1,option2,correct\n${rows.join('\n')}\n`), 'q.csv');
    if (read.ok) throw new Error('expected problems');
    expect(read.problems).toHaveLength(50);
    const text = quizFileProblemsText(t, read.problems, read.format);
    expect(text).toContain('50 problems');
    expect(text.split('\n').filter((line) => line.startsWith('• '))).toHaveLength(20);
    expect(text).toContain('…and 30 more');
    expect(text).toMatch(/Nothing was imported; fix the file and send it again\. \/template sends an example file\.$/u);
    expect(text.length).toBeLessThanOrEqual(MESSAGE_MAX);
  });

  it('have words for every kind, in every format', () => {
    const kinds: FileProblem[] = [
      { kind: 'too_big', bytes: 2_000_000, max: 1_048_576 },
      { kind: 'empty' },
      { kind: 'binary' },
      { kind: 'not_utf8' },
      { kind: 'unknown_format', extension: '' },
      { kind: 'too_many_questions', count: 1_001, max: 1_000 },
      { kind: 'no_questions' },
      { kind: 'setting_twice', name: 'title' },
      { kind: 'title', problem: { kind: 'empty' } },
      { kind: 'title', problem: { kind: 'too_long', length: 130 } },
      { kind: 'default_open_period_out_of_range', seconds: 3 },
      { kind: 'open_period', problem: { kind: 'not_a_period', text: 'soon' } },
      { kind: 'not_a_number', column: 'correct', text: 'x' },
      { kind: 'not_a_number', column: 'open_period_s', text: 'x' },
      { kind: 'csv_no_header' },
      { kind: 'csv_missing_column', column: 'correct' },
      { kind: 'csv_unknown_column', column: 'answer' },
      { kind: 'csv_duplicate_column', column: 'question' },
      { kind: 'csv_unknown_setting', name: 'author' },
      { kind: 'csv_extra_cells', count: 2, columns: 4 },
      { kind: 'csv_unclosed_quote' },
      { kind: 'csv_text_after_quote' },
      { kind: 'bad_json', found: null },
      { kind: 'bad_json', found: '}' },
      { kind: 'json_wrong_type', field: '', expected: 'object' },
      { kind: 'json_wrong_type', field: 'correct', expected: 'list of numbers' },
      { kind: 'json_missing_field', field: 'question' },
      { kind: 'json_unknown_field', field: 'answer' },
    ];
    for (const format of ['csv', 'json', 'txt', null] as (QuizFileFormat | null)[]) {
      for (const problem of kinds) {
        for (const p of [
          { line: 3, question: null, problem },
          { line: 3, question: 2, problem },
        ] as QuizFileProblem[]) {
          const words = quizFileProblemText(t, p, format);
          expect(words).not.toMatch(/undefined|null|\[object/u);
          expect(words.length).toBeGreaterThan(10);
        }
      }
    }
    expect(quizFileProblemText(t, { line: 3, question: 2, problem: { kind: 'json_unknown_field', field: 'answer' } }, 'json')).toBe(
      'question 2 (line 3): "answer" is not a field I know (known: question, options, correct, explanation, open_period_s, media, explanation_media)',
    );
    expect(
      quizFileProblemText(t, { line: 1, question: null, problem: { kind: 'default_open_period_out_of_range', seconds: 3 } }, 'csv'),
    ).toBe('line 1: the default time per question: its time limit is 3 seconds; a question stays open between 5 seconds and 10 minutes');
  });
});
