import { describe, expect, it } from 'vitest';
import { QUIZ_FORMAT_EXAMPLE_QUESTIONS } from '../../src/bot/texts/help.js';
import { quizProblemText } from '../../src/bot/texts/quiz-problems.js';
import { createI18n, translatorFor } from '../../src/i18n/translator.js';
import { parseQuizText as parseRule } from '../../src/quiz/quiz-text.js';

/** English texts, as the bot's tests read them. */
const t = translatorFor(createI18n(), 'en');

/** The rule's answer with its problems in words, as the bot shows them. */
const parseQuizText = (text: string, firstNumber?: number) => {
  const parsed = parseRule(text, firstNumber);
  return parsed.ok ? parsed : { ok: false as const, problems: parsed.problems.map((problem) => quizProblemText(t, problem)) };
};

describe('the quiz text format', () => {
  it('reads the example of ARCHITECTURE.md', () => {
    expect(parseQuizText(QUIZ_FORMAT_EXAMPLE_QUESTIONS)).toEqual({
      ok: true,
      questions: [
        {
          text: 'Capital of France?',
          options: ['Berlin', 'Paris', 'Rome'],
          correctOptionIds: [1],
          explanation: 'Paris has been the capital since 508.',
        },
        { text: 'Capital of Japan?', options: ['Tokyo', 'Kyoto'], correctOptionIds: [0] },
      ],
    });
  });

  it('takes several correct options, Windows line ends, stray spaces and a multi-line explanation', () => {
    const text = 'Which are prime?  \r\n- 2 *\r\n-  4\r\n- 5 *\r\n> 4 = 2 x 2\r\n> 2 and 5 have no divisors\r\n  \r\n\r\n';
    expect(parseQuizText(text)).toEqual({
      ok: true,
      questions: [
        {
          text: 'Which are prime?',
          options: ['2', '4', '5'],
          correctOptionIds: [0, 2],
          explanation: '4 = 2 x 2\n2 and 5 have no divisors',
        },
      ],
    });
  });

  it('keeps a star that is part of an option', () => {
    const parsed = parseQuizText('Result of 2*3?\n- 2*3 *\n- 5');
    expect(parsed).toMatchObject({ ok: true, questions: [{ options: ['2*3', '5'], correctOptionIds: [0] }] });
  });
});

describe('problems, each naming its question, and nothing half parsed', () => {
  it('reports every problem of every question at once', () => {
    const long = "Mount Kilimanjaro in Tanzania is the highest mountain of the African continent by far, isn't it";
    const text = [
      `Highest mountain in Africa?\n- ${long}${'!'.repeat(10)} *\n- Mount Kenya`,
      'Unmarked?\n- yes\n- no',
      'Stray line?\n- a *\nthis is not an option',
    ].join('\n\n');
    const parsed = parseQuizText(text);
    expect(parsed).toEqual({
      ok: false,
      problems: [
        "Question 1: option 'Mount Kilimanjaro in…' is longer than 100 characters (105)",
        'Question 2: no option is marked correct (end the correct one with " *")',
        `Question 3: the line 'this is not an option' is neither an option (start it with "- ") nor an explanation (start it with "> "); put a blank line before a new question`,
      ],
    });
  });

  it("checks Telegram's limits at their boundaries", () => {
    const options = (n: number) => Array.from({ length: n }, (_, i) => `- option ${i}${i === 0 ? ' *' : ''}`).join('\n');
    expect(parseQuizText(`${'q'.repeat(300)}\n${options(12)}`).ok).toBe(true);
    expect(parseQuizText(`${'q'.repeat(301)}\n${options(2)}`)).toEqual({
      ok: false,
      problems: ['Question 1: the question is longer than 300 characters (301)'],
    });
    expect(parseQuizText(`Q?\n${options(13)}`)).toEqual({
      ok: false,
      problems: ['Question 1: it has 13 options; Telegram allows at most 12'],
    });
    expect(parseQuizText(`Q?\n- ${'o'.repeat(100)} *`).ok).toBe(true);
    expect(parseQuizText(`Q?\n- a *\n> ${'e'.repeat(200)}`).ok).toBe(true);
    expect(parseQuizText(`Q?\n- a *\n> ${'e'.repeat(201)}`)).toEqual({
      ok: false,
      problems: ['Question 1: the explanation is longer than 200 characters (201)'],
    });
    expect(parseQuizText('Q?\n- a *\n> one\n> two\n> three\n> four')).toEqual({
      ok: false,
      problems: ['Question 1: the explanation has 4 lines; Telegram allows at most 3'],
    });
  });

  it('counts characters as Telegram does (an emoji is one)', () => {
    expect(parseQuizText(`Q?\n- ${'🎉'.repeat(100)} *`).ok).toBe(true);
  });

  it('refuses a block without a question, duplicates, and an empty text', () => {
    expect(parseQuizText('- a *\n- b')).toMatchObject({
      ok: false,
      problems: ['Question 1: the first line must be the question, not an option', 'Question 1: the question text is empty'],
    });
    expect(parseQuizText('Q?\n- same *\n- same')).toEqual({ ok: false, problems: ["Question 1: option 'same' appears twice"] });
    expect(parseQuizText('Q?')).toEqual({
      ok: false,
      problems: ['Question 1: it has no options (write each on its own line starting with "- ")'],
    });
    expect(parseQuizText(' \n\n ')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^No questions found/)] });
  });

  it('numbers questions from where a guided flow is', () => {
    expect(parseQuizText('Q?\n- a\n- b', 4)).toEqual({
      ok: false,
      problems: ['Question 4: no option is marked correct (end the correct one with " *")'],
    });
  });
});
