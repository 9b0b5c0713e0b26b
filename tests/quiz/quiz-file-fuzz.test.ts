import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUIZ_FILE_FORMATS } from '../../src/quiz/quiz-file/limits.js';
import { parseQuizFile } from '../../src/quiz/quiz-file/parse-quiz-file.js';
import { quizFileTemplate } from '../../src/quiz/quiz-file/template.js';
import { writeQuizFile } from '../../src/quiz/quiz-file/write-quiz-file.js';

/** Pieces of real files, so that random input gets past the header and the settings. */
const PIECES = [
  'question',
  'option1',
  'option2',
  'correct',
  'title',
  'open_period_s',
  'explanation',
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
  ';',
  ':',
  '\n',
  '\r\n',
  ' ',
  '- ',
  ' *',
  '> ',
  'time: ',
  '1',
  'a',
  '"questions"',
  '"options"',
  '"question"',
  '"correct"',
  "'=",
  '\\',
  '\\u00',
];
const fileText = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 60 })
  .map((parts) => parts.join(''));
/** The template of a format with a few random edits: near-valid files, some still valid. */
function editedTemplate(format: (typeof QUIZ_FILE_FORMATS)[number]) {
  const template = new TextDecoder().decode(quizFileTemplate(format));
  const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 4 }), insert: fc.oneof(fc.constant(''), fc.constantFrom(...PIECES)) });
  return fc.array(edit, { maxLength: 3 }).map((edits) =>
    edits.reduce((text, { at, cut, insert }) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i + cut);
    }, template),
  );
}
const RUNS = { numRuns: 1_000, seed: 16 };

describe('any input', () => {
  for (const format of QUIZ_FILE_FORMATS) {
    it(`${format}: gives a quiz or problems, never throws, and a quiz it gives is written and read back the same`, () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.oneof(fileText, editedTemplate(format)).map((text) => new TextEncoder().encode(text)),
            fc.uint8Array({ maxLength: 200 }),
          ),
          (bytes) => {
            const read = parseQuizFile(bytes, `quiz.${format}`);
            if (!read.ok) {
              expect(read.problems.length).toBeGreaterThan(0);
              for (const p of read.problems) expect(p.line === null || (Number.isInteger(p.line) && p.line >= 1)).toBe(true);
              return;
            }
            // What was read is canonical: it survives a round trip in its own format, byte for byte.
            const written = writeQuizFile(read.quiz, format);
            expect(parseQuizFile(written, `quiz.${format}`)).toEqual(read);
          },
        ),
        RUNS,
      );
    });
  }
});

describe('inputs built to overflow', () => {
  const read = (text: string, format: string) => parseQuizFile(new TextEncoder().encode(text), `quiz.${format}`);

  it('a JSON question with 100,000 options is one count, not 100,000 problems', () => {
    const options = Array.from({ length: 100_000 }, (_, i) => `"o${i}"`).join(',');
    expect(read(`{"questions":[{"question":"Q","options":[${options}],"correct":[90000]}]}`, 'json')).toEqual({
      ok: false,
      format: 'json',
      problems: [{ line: 1, question: 1, problem: { kind: 'too_many_options', count: 100_000, max: 12 } }],
    });
  });

  it('a JSON object with 60,000 unknown fields is reported without overflowing the stack', () => {
    const fields = Array.from({ length: 60_000 }, (_, i) => `"k${i}":1`).join(',');
    const result = read(`{"questions":[{${fields}}]}`, 'json');
    expect(result.ok ? 0 : result.problems.length).toBe(60_003);
  });

  it('a text block of 250,000 lines is one problem', () => {
    expect(read(`Q?\n${'- a\n'.repeat(250_000)}`, 'txt')).toEqual({
      ok: false,
      format: 'txt',
      problems: [{ line: 1, question: 1, problem: { kind: 'block_too_long', lines: 250_001, max: 100 } }],
    });
  });

  it('a JSON nesting 1,000,000 deep is a syntax problem', () => {
    expect(read('['.repeat(1_000_000), 'json')).toMatchObject({
      ok: false,
      problems: [{ line: 1, problem: { kind: 'bad_json', found: '[' } }],
    });
  });
});
