import { describe, expect, it } from 'vitest';
import { parseStartArguments } from '../../src/bot/start-run.js';
import { createI18n, translatorFor } from '../../src/i18n/translator.js';

const t = translatorFor(createI18n(), 'en');

/** The problem `parseStartArguments` names for `text`, or fails the test when there is none. */
function problemOf(text: string, mode: 'group' | 'private'): string {
  const parsed = parseStartArguments(t, text, mode);
  if (parsed.ok) throw new Error(`'${text}' was read as quiz ${parsed.quizId}`);
  return parsed.problem;
}

describe('parseStartArguments', () => {
  it('reads the quiz id, a deep-link payload, the time per question and shuffle', () => {
    expect(parseStartArguments(t, '12', 'group')).toEqual({ ok: true, quizId: 12 });
    expect(parseStartArguments(t, 'quiz_12', 'private')).toEqual({ ok: true, quizId: 12 });
    expect(parseStartArguments(t, ' 12  15s ', 'group')).toEqual({ ok: true, quizId: 12, openPeriodS: 15 });
    expect(parseStartArguments(t, '12 1m shuffle', 'private')).toEqual({ ok: true, quizId: 12, openPeriodS: 60, shuffle: true });
    expect(parseStartArguments(t, '12 Shuffle', 'group')).toEqual({ ok: true, quizId: 12, shuffle: true });
  });

  it('reads a draw of N questions (a pool), in any place after the id', () => {
    expect(parseStartArguments(t, '12 10q', 'group')).toEqual({ ok: true, quizId: 12, draw: 10 });
    expect(parseStartArguments(t, '12 15s 3Q shuffle', 'private')).toEqual({
      ok: true,
      quizId: 12,
      openPeriodS: 15,
      draw: 3,
      shuffle: true,
    });
    expect(problemOf('12 0q', 'group')).toBe(
      'Cannot start quiz 12: a draw needs at least one question (e.g. 10q plays 10 questions drawn at random).',
    );
  });

  it('explains a missing id with the usage of the command of the chat: /startquiz in groups, /play in private', () => {
    expect(problemOf('', 'group')).toBe(
      'Which quiz? Give its number, e.g. /startquiz 12 or /startquiz 12 15s shuffle (your quizzes: /myquizzes).',
    );
    expect(problemOf('', 'private')).toBe('Which quiz? Give its number, e.g. /play 12 or /play 12 15s shuffle (your quizzes: /myquizzes).');
  });

  it('says that a word or a number too long is not a quiz id', () => {
    expect(problemOf('abc', 'private')).toBe(
      "'abc' is not a quiz id: give the quiz's number, e.g. /play 12 or /play 12 15s shuffle (your quizzes: /myquizzes).",
    );
    expect(problemOf('99999999999999999999999', 'group')).toBe(
      "'99999999999999999999999' is not a quiz id: give the quiz's number, e.g. /startquiz 12 or /startquiz 12 15s shuffle (your quizzes: /myquizzes).",
    );
    expect(problemOf('-5', 'group')).toContain("'-5' is not a quiz id");
  });

  it('says that a broken link leads to no quiz, with the usage of the chat', () => {
    for (const payload of ['quiz_abc', 'quiz_-5', `quiz_${'9'.repeat(53)}`, 'quiz_']) {
      expect(problemOf(payload, 'private'), payload).toBe(
        "That link leads to no quiz. Ask for a new link, or give the quiz's number, e.g. /play 12 or /play 12 15s shuffle (your quizzes: /myquizzes).",
      );
    }
    expect(problemOf('quiz_abc', 'group')).toContain('e.g. /startquiz 12');
  });

  it('explains a bad time', () => {
    expect(problemOf('12 3s', 'group')).toContain('Cannot start quiz 12: the time per question must be between 5 seconds and 10 minutes');
  });
});
