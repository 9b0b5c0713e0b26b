import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuizQuestion } from '../../src/quiz/question-check.js';
import { QUIZ_FILE_BYTES_MAX, QUIZ_FILE_FORMATS, QUIZ_FILE_QUESTIONS_MAX, type QuizFileFormat } from '../../src/quiz/quiz-file/limits.js';
import { parseQuizFile } from '../../src/quiz/quiz-file/parse-quiz-file.js';
import type { QuizFileContent } from '../../src/quiz/quiz-file/quiz-file-content.js';
import { quizFileTemplate, TEMPLATE_QUIZ } from '../../src/quiz/quiz-file/template.js';
import { quizFileMisfits, writeQuizFile } from '../../src/quiz/quiz-file/write-quiz-file.js';
import { QUIZ_QUESTIONS_MAX } from '../../src/quiz/quiz-title.js';

const codePoints = (text: string) => [...text].length;
const read = (quiz: QuizFileContent, format: QuizFileFormat) => parseQuizFile(writeQuizFile(quiz, format), `quiz.${format}`);

/** Characters that stress each format: separators, quotes, formula starts, markers, spaces, line breaks, non-Latin. */
const SPECIAL = [',', ';', '"', "'", '=', '+', '-', '@', '*', '>', ' ', '\t', '\n', '\r', ':', 'é', 'Ж', '😀', '\u00a0', '{', '}', '\\'];
const char = fc.oneof(fc.constantFrom(...SPECIAL), fc.constantFrom(...'abcXYZ019?'));

/** A string of the alphabet, cut to `max` code points, meeting `ok`. */
function text(max: number, ok: (s: string) => boolean, prefixes: string[] = []) {
  return fc
    .tuple(fc.constantFrom('', ...prefixes), fc.array(char, { minLength: 1, maxLength: Math.min(max, 40) }))
    .map(([prefix, chars]) => [...(prefix + chars.join(''))].slice(0, max).join(''))
    .filter(ok);
}

/** A quiz that meets Telegram's limits; `safe` narrows its texts to what the format can hold. */
function quizArbitrary(safe: (s: string) => boolean, optionSafe: (s: string) => boolean) {
  const period = fc.integer({ min: 5, max: 600 });
  const question = fc
    .record({
      text: text(300, (s) => s.trim() !== '' && safe(s), ['title: ', 'time: ', '> ', '=']),
      options: fc.uniqueArray(
        text(100, (s) => s.trim() !== '' && safe(s) && optionSafe(s), ['- ', '=', '+', "'=", 'time: ']),
        { minLength: 1, maxLength: 12 },
      ),
      explanation: fc.option(
        text(200, (s) => s !== '' && s.split('\n').length <= 3 && safe(s)),
        { nil: undefined },
      ),
      openPeriodS: fc.option(period, { nil: undefined }),
      seed: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    })
    .map(({ text, options, explanation, openPeriodS, seed }) => {
      const q: QuizQuestion = {
        text,
        options,
        correctOptionIds: [...new Set(seed.map((n) => n % options.length))].sort((a, b) => a - b),
      };
      if (explanation !== undefined) q.explanation = explanation;
      if (openPeriodS !== undefined) q.openPeriodS = openPeriodS;
      return q;
    });
  return fc
    .record({
      title: fc.option(
        text(128, (s) => s.trim() === s && s !== '' && !/[\r\n]/u.test(s)),
        { nil: undefined },
      ),
      openPeriodS: fc.option(period, { nil: undefined }),
      questions: fc.array(question, { minLength: 1, maxLength: 6 }),
    })
    .map(({ title, openPeriodS, questions }) => {
      const quiz: QuizFileContent = { questions };
      if (title !== undefined) quiz.title = title;
      if (openPeriodS !== undefined) quiz.openPeriodS = openPeriodS;
      return quiz;
    });
}

/** What the text format holds: one line, no spaces at either end, no line that starts like an option. */
const txtSafe = (s: string) => !/[\r\n]/u.test(s) && s.trim() === s && !/^[-–—•]\s/u.test(s);
const txtOptionSafe = (s: string) => !/\s\*$/u.test(s) && s !== '*';
const anyQuiz = quizArbitrary(
  () => true,
  () => true,
);
const txtQuiz = quizArbitrary(txtSafe, txtOptionSafe);
/** Bounded: 300 quizzes per property, a fixed seed so that a failure is found again. */
const RUNS = { numRuns: 300, seed: 16 };

function expectRoundTrip(quiz: QuizFileContent, format: QuizFileFormat): void {
  const bytes = writeQuizFile(quiz, format);
  const back = parseQuizFile(bytes, `quiz.${format}`);
  expect(back).toEqual({ ok: true, format, quiz });
  if (back.ok) expect(Buffer.from(writeQuizFile(back.quiz, format)).equals(Buffer.from(bytes))).toBe(true);
}

describe('round trips', () => {
  it('generated quizzes meet Telegram limits (the generator is honest)', () => {
    fc.assert(
      fc.property(anyQuiz, (quiz) =>
        quiz.questions.every(
          (q) => codePoints(q.text) <= 300 && q.options.every((o) => codePoints(o) <= 100) && q.correctOptionIds.length > 0,
        ),
      ),
      RUNS,
    );
  });

  for (const format of ['csv', 'json'] as const) {
    it(`${format}: every valid quiz comes back exactly, and writing it again gives the same bytes`, () => {
      fc.assert(
        fc.property(anyQuiz, (quiz) => {
          expectRoundTrip(quiz, format);
          expect(quizFileMisfits(quiz, format)).toEqual({ settings: false, questions: [] });
        }),
        RUNS,
      );
    });
  }

  it('txt: every quiz the text format can hold comes back exactly, and writing it again gives the same bytes', () => {
    fc.assert(
      fc.property(txtQuiz, (quiz) => {
        expect(quizFileMisfits(quiz, 'txt')).toEqual({ settings: false, questions: [] });
        expectRoundTrip(quiz, 'txt');
      }),
      RUNS,
    );
  });

  it('txt: what it cannot hold is named by question', () => {
    const quiz: QuizFileContent = {
      questions: [
        { text: 'Fine?', options: ['a', 'b'], correctOptionIds: [0] },
        { text: 'Two\nlines?', options: ['a', 'b'], correctOptionIds: [0] },
        { text: 'Star?', options: ['a *', 'b'], correctOptionIds: [1] },
        { text: ' Spaced?', options: ['a', 'b'], correctOptionIds: [0] },
      ],
    };
    expect(quizFileMisfits(quiz, 'txt')).toEqual({ settings: false, questions: [2, 3, 4] });
    expect(quizFileMisfits(quiz, 'csv')).toEqual({ settings: false, questions: [] });
  });

  it('an empty explanation is written as none in every format', () => {
    const quiz = { questions: [{ text: 'Q?', options: ['a'], correctOptionIds: [0], explanation: '' }] };
    for (const format of QUIZ_FILE_FORMATS) {
      expect(read(quiz, format)).toEqual({
        ok: true,
        format,
        quiz: { questions: [{ text: 'Q?', options: ['a'], correctOptionIds: [0] }] },
      });
    }
  });
});

describe('the question cap', () => {
  const many = (count: number): QuizFileContent => ({
    questions: Array.from({ length: count }, (_, i) => ({ text: `Question ${i + 1}?`, options: ['yes', 'no'], correctOptionIds: [i % 2] })),
  });

  for (const format of QUIZ_FILE_FORMATS) {
    it(`${format}: takes ${QUIZ_FILE_QUESTIONS_MAX} questions and refuses ${QUIZ_FILE_QUESTIONS_MAX + 1} as a whole`, () => {
      expect(read(many(QUIZ_FILE_QUESTIONS_MAX), format)).toMatchObject({ ok: true });
      expect(read(many(QUIZ_FILE_QUESTIONS_MAX + 1), format)).toEqual({
        ok: false,
        format,
        problems: [{ line: null, question: null, problem: { kind: 'too_many_questions', count: 1_001, max: 1_000 } }],
      });
    });
  }
});

describe('the size cap', () => {
  it('holds the largest quiz a chat can save (100 questions at every Telegram limit, in 4-byte characters) in every format', () => {
    const fill = (n: number, c: string) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? '😀' : c)).join('');
    const quiz: QuizFileContent = {
      title: fill(128, 'T'),
      openPeriodS: 600,
      questions: Array.from({ length: QUIZ_QUESTIONS_MAX }, (_, q) => ({
        text: fill(300, String(q % 10)),
        options: Array.from({ length: 12 }, (_, o) => fill(100, String.fromCharCode(97 + o))),
        correctOptionIds: [0, 11],
        explanation: `${fill(99, 'e')}\n${fill(100, 'f')}`,
        openPeriodS: 5,
      })),
    };
    for (const format of QUIZ_FILE_FORMATS) {
      expect(writeQuizFile(quiz, format).length).toBeLessThan(QUIZ_FILE_BYTES_MAX);
      expectRoundTrip(quiz, format);
    }
  });
});

describe('the template', () => {
  for (const format of QUIZ_FILE_FORMATS) {
    it(`${format}: is a valid file that holds the example quiz`, () => {
      expect(parseQuizFile(quizFileTemplate(format), `template.${format}`)).toEqual({ ok: true, format, quiz: TEMPLATE_QUIZ });
    });
  }

  it('shows each feature once: settings, several correct options, a two-line explanation, own times, quoting, a formula-looking option', () => {
    const qs = TEMPLATE_QUIZ.questions;
    expect(TEMPLATE_QUIZ.title).toBeDefined();
    expect(TEMPLATE_QUIZ.openPeriodS).toBeDefined();
    expect(qs.some((q) => q.correctOptionIds.length > 1)).toBe(true);
    expect(qs.some((q) => q.explanation?.includes('\n'))).toBe(true);
    expect(qs.some((q) => q.openPeriodS !== undefined)).toBe(true);
    expect(qs.some((q) => /[",]/u.test(q.text))).toBe(true);
    expect(qs.some((q) => q.options.some((o) => /^[=+\-@]/u.test(o)))).toBe(true);
    const csv = new TextDecoder().decode(quizFileTemplate('csv'));
    expect(csv).toContain("'-42.1");
    expect(csv).toContain('"The ""Big Apple"", New York, is the capital of the USA."');
  });
});
