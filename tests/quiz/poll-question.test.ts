import { describe, expect, it } from 'vitest';
import { quizProblemText } from '../../src/bot/texts/quiz-problems.js';
import { createI18n, translatorFor } from '../../src/i18n/translator.js';
import { questionFromPoll as fromPoll, type ReceivedPoll } from '../../src/quiz/poll-question.js';

/** English texts, as the bot's tests read them. */
const t = translatorFor(createI18n(), 'en');

/** The rule's answer with its problems in words, as the bot shows them. */
const questionFromPoll = (poll: ReceivedPoll, number: number) => {
  const result = fromPoll(poll, number);
  return result.ok ? result : { ok: false as const, problems: result.problems.map((problem) => quizProblemText(t, problem)) };
};

const quizPoll = {
  question: 'Capital of France?',
  options: ['Berlin', 'Paris', 'Rome'],
  type: 'quiz',
  correctOptionIds: [1],
  explanation: 'Paris has been the capital since 508.',
  isAnonymous: true,
};

describe('questionFromPoll', () => {
  it('takes a quiz poll as a question', () => {
    expect(questionFromPoll(quizPoll, 1)).toEqual({
      ok: true,
      question: {
        text: 'Capital of France?',
        options: ['Berlin', 'Paris', 'Rome'],
        correctOptionIds: [1],
        explanation: 'Paris has been the capital since 508.',
      },
    });
  });

  it('sorts several correct options, drops an empty explanation and carries the open period over', () => {
    const result = questionFromPoll(
      { question: 'Which are prime?', options: ['2', '4', '5'], type: 'quiz', correctOptionIds: [2, 0], explanation: '', openPeriod: 30 },
      3,
    );
    expect(result).toEqual({
      ok: true,
      question: { text: 'Which are prime?', options: ['2', '4', '5'], correctOptionIds: [0, 2], openPeriodS: 30 },
    });
  });

  it('does not keep the options array it was given', () => {
    const options = ['a', 'b'];
    const result = questionFromPoll({ question: 'Q?', options, type: 'quiz', correctOptionIds: [0] }, 1);
    options.push('c');
    expect(result).toMatchObject({ ok: true, question: { options: ['a', 'b'] } });
  });

  it('refuses a regular poll and tells the author to use Quiz mode', () => {
    const result = questionFromPoll({ ...quizPoll, type: 'regular', correctOptionIds: undefined }, 4);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^Question 4: this is a regular poll/);
    expect(result.problems[0]).toContain('"Quiz" mode');
  });

  it('explains a quiz whose correct answer Telegram did not send (a forwarded quiz)', () => {
    const result = questionFromPoll({ ...quizPoll, correctOptionIds: undefined }, 2);
    expect(result).toEqual({
      ok: false,
      problems: [
        "Question 2: Telegram did not tell me this quiz's correct answer (it hides it in forwarded quizzes); create the quiz here with the poll composer instead of forwarding it",
      ],
    });
    expect(questionFromPoll({ ...quizPoll, correctOptionIds: [] }, 2)).toMatchObject({
      ok: false,
      problems: [expect.stringContaining('did not tell me')],
    });
  });

  it("runs Telegram's limits, each problem prefixed with the question number", () => {
    const result = questionFromPoll({ ...quizPoll, explanation: 'e'.repeat(201), options: ['same', 'same'], correctOptionIds: [0, 5] }, 7);
    expect(result).toEqual({
      ok: false,
      problems: [
        "Question 7: option 'same' appears twice",
        'Question 7: a correct answer points to no option',
        'Question 7: the explanation is longer than 200 characters (201)',
      ],
    });
  });

  it('refuses an open period outside the range of a run, named in whole units', () => {
    const range = 'a question stays open between 5 seconds and 10 minutes';
    expect(questionFromPoll({ ...quizPoll, openPeriod: 3 }, 1)).toEqual({
      ok: false,
      problems: [`Question 1: its time limit is 3 seconds; ${range}`],
    });
    expect(questionFromPoll({ ...quizPoll, openPeriod: 601 }, 2)).toEqual({
      ok: false,
      problems: [`Question 2: its time limit is 10 minutes 1 second; ${range}`],
    });
    expect(questionFromPoll({ ...quizPoll, openPeriod: 2_628_000 }, 3)).toEqual({
      ok: false,
      problems: [`Question 3: its time limit is 730 hours; ${range}`],
    });
    expect(questionFromPoll({ ...quizPoll, openPeriod: 600 }, 1).ok).toBe(true);
  });
});
