import { describe, expect, it } from 'vitest';
import { quizCreatedText, quizProblemsText } from '../../src/bot/texts/create-quiz.js';
import { displayName } from '../../src/bot/texts/format.js';
import { helpText } from '../../src/bot/texts/help.js';
import { chatLeaderboardText, myScoreText, playerRankText } from '../../src/bot/texts/leaderboard.js';
import { myQuizzesText } from '../../src/bot/texts/my-quizzes.js';
import { announcementText, pollQuestionText, resultsText } from '../../src/bot/texts/run.js';
import { parseQuizText } from '../../src/quiz/quiz-text.js';
import { createI18n, translatorFor } from '../../src/i18n/translator.js';

/** English texts, as the bot's tests read them. */
const t = translatorFor(createI18n(), 'en');

const MESSAGE_MAX = 4096;

describe('helpText', () => {
  const text = helpText(t, 'quiz_agent_bot');

  // Every command in every language: tests/i18n/quiz-creation-texts.test.ts.
  it('says which commands are for group admins', () => {
    expect(text).toMatch(/\/startquiz.*group admins/);
    expect(text).toMatch(/\/stopquiz.*group admins/);
  });

  it('shows a format example that parses', () => {
    const example = text.slice(text.indexOf('/newquiz World capitals'));
    const body = example.slice(example.indexOf('\n') + 1, example.indexOf('\n\nTo play'));
    expect(parseQuizText(body)).toMatchObject({ ok: true, questions: [{ correctOptionIds: [1] }, { correctOptionIds: [0] }] });
  });

  it('links to adding the bot to a group, with or without an @ in the name', () => {
    expect(text).toContain('https://t.me/quiz_agent_bot?startgroup=');
    expect(helpText(t, '@quiz_agent_bot')).toContain('https://t.me/quiz_agent_bot?startgroup=');
  });
});

describe('quizCreatedText', () => {
  it('gives both links and the group command', () => {
    const text = quizCreatedText(t, { id: 42, title: 'World capitals', questionCount: 2, botUsername: 'quiz_agent_bot' });
    expect(text).toContain('World capitals');
    expect(text).toContain('2 questions');
    expect(text).toContain('https://t.me/quiz_agent_bot?start=quiz_42');
    expect(text).toContain('https://t.me/quiz_agent_bot?startgroup=quiz_42');
    expect(text).toContain('/startquiz 42');
  });

  it('says "1 question" for one', () => {
    expect(quizCreatedText(t, { id: 1, title: 'T', questionCount: 1, botUsername: 'b' })).toContain('1 question ');
  });
});

describe('quizProblemsText', () => {
  it('lists every problem and says nothing was saved', () => {
    const text = quizProblemsText(t, ['Question 1: a', 'Question 2: b']);
    expect(text).toContain('2 problems');
    expect(text).toContain('• Question 1: a\n• Question 2: b');
    expect(text).toMatch(/Nothing was saved; fix and send again\.$/);
  });

  it('shows at most 20 problems and counts the rest', () => {
    const problems = Array.from({ length: 25 }, (_, i) => `Question ${i + 1}: no option is marked correct`);
    const text = quizProblemsText(t, problems);
    expect(text).toContain('25 problems');
    expect(text).toContain('Question 20:');
    expect(text).not.toContain('Question 21:');
    expect(text).toContain('…and 5 more');
  });

  it('stays within one message when problems are long', () => {
    const problems = Array.from(
      { length: 20 },
      (_, i) => `Question ${i + 1}: the line '${'x'.repeat(1000)}' is neither an option nor an explanation`,
    );
    const text = quizProblemsText(t, problems);
    expect(text.length).toBeLessThanOrEqual(MESSAGE_MAX);
    expect(text).toMatch(/…and \d+ more/);
    expect(text).toMatch(/Nothing was saved; fix and send again\.$/);
    const huge = quizProblemsText(t, [`Question 1: the line '${'y'.repeat(10_000)}' is wrong`]);
    expect(huge.length).toBeLessThanOrEqual(MESSAGE_MAX);
    expect(huge).toContain('Question 1:');
  });
});

describe('announcementText', () => {
  it('gives the title, the question count and the time per question', () => {
    const text = announcementText(t, { title: 'World capitals', questionCount: 10, openPeriodS: 15, mode: 'group' });
    expect(text).toContain('World capitals');
    expect(text).toContain('10 questions');
    expect(text).toContain('15 seconds per question');
    expect(text).toContain('/stopquiz');
  });

  it('writes minutes as minutes and leaves group-only lines out of a private run', () => {
    expect(announcementText(t, { title: 'T', questionCount: 1, openPeriodS: 90, mode: 'private' })).toContain('1 min 30 s per question');
    const text = announcementText(t, { title: 'T', questionCount: 1, openPeriodS: 600, mode: 'private' });
    expect(text).toContain('1 question\n');
    expect(text).toContain('10 minutes per question');
    expect(text).not.toContain('/stopquiz');
    expect(text).not.toContain('group');
  });
});

describe('pollQuestionText', () => {
  it('numbers the question when it fits', () => {
    expect(pollQuestionText(t, 'Capital of France?', 2, 10)).toBe('[2/10] Capital of France?');
    const fits = 'q'.repeat(300 - '[2/10] '.length);
    expect(pollQuestionText(t, fits, 2, 10)).toBe(`[2/10] ${fits}`);
  });

  it('leaves a long question alone, counting an emoji as one character', () => {
    const tooLong = 'q'.repeat(300 - '[2/10] '.length + 1);
    expect(pollQuestionText(t, tooLong, 2, 10)).toBe(tooLong);
    const emoji = '🎉'.repeat(290);
    expect(pollQuestionText(t, emoji, 2, 10)).toBe(`[2/10] ${emoji}`);
  });
});

describe('resultsText', () => {
  const top = [
    { rank: 1, name: 'Alice', correct: 9, totalCorrectMs: 41_250, points: 950, credit: 'counted' },
    { rank: 2, name: 'Bob', correct: 8, totalCorrectMs: 30_000, points: 800, credit: 'counted' },
    { rank: 3, name: 'Carol', correct: 8, totalCorrectMs: 35_460, points: 780, credit: 'counted' },
    { rank: 4, name: 'Dave <b>', correct: 1, totalCorrectMs: 1_000, points: 1, credit: 'counted' },
  ] as const;

  it('gives medals, correct/total, seconds with one decimal and points', () => {
    const text = resultsText(t, { title: 'World capitals', questionCount: 10, players: 4, top, stopped: false });
    expect(text).toContain('World capitals');
    expect(text).toContain('finished');
    expect(text).toMatch(/🥇 Alice .*9\/10.*41\.3 s.*950 points/);
    expect(text).toMatch(/🥈 Bob .*8\/10.*30\.0 s.*800 points/);
    expect(text).toMatch(/🥉 Carol .*8\/10.*35\.5 s.*780 points/);
    expect(text).toMatch(/4\. Dave <b> .*1\/10.*1\.0 s.*1 point$/m);
    expect(text).not.toContain('stopped');
    expect(text).not.toContain('more player');
  });

  it('shares a medal between equal results, says why a replay earns nothing and lists players with no correct answer unplaced', () => {
    const text = resultsText(t, {
      title: 'T',
      questionCount: 2,
      players: 4,
      stopped: false,
      top: [
        { rank: 1, name: 'Ann', correct: 2, totalCorrectMs: 2_000, points: 110, credit: 'counted' },
        { rank: 1, name: 'Ben', correct: 2, totalCorrectMs: 2_000, points: 0, credit: 'replay' },
        { rank: 3, name: 'Olga', correct: 1, totalCorrectMs: 900, points: 0, credit: 'own-quiz' },
        { rank: null, name: 'Dee', correct: 0, totalCorrectMs: 0, points: 0, credit: 'counted' },
      ],
    });
    expect(text).toContain('🥇 Ann – 2/2 correct · 2.0 s · 110 points\n🥇 Ben – 2/2 correct · 2.0 s · no points: played before\n');
    expect(text).toContain('🥉 Olga – 1/2 correct · 0.9 s · no points: your own quiz\n• Dee – 0/2 correct · no points\n');
    expect(text).toContain('Congratulations');
  });

  it('congratulates nobody when no one answered correctly', () => {
    const text = resultsText(t, {
      title: 'T',
      questionCount: 2,
      players: 2,
      stopped: false,
      top: [
        { rank: null, name: 'Bob', correct: 0, totalCorrectMs: 0, points: 0, credit: 'counted' },
        { rank: null, name: 'Carol', correct: 0, totalCorrectMs: 0, points: 0, credit: 'replay' },
      ],
    });
    expect(text).toContain('• Bob – 0/2 correct · no points\n• Carol – 0/2 correct · no points\n\nNobody answered correctly.');
    expect(text).not.toMatch(/🥇|Congratulations/);
  });

  it('says when no one answered', () => {
    expect(resultsText(t, { title: 'T', questionCount: 3, players: 0, top: [], stopped: false })).toContain('No one answered.');
  });

  it('mentions a stop and the players left out of the top', () => {
    const text = resultsText(t, { title: 'T', questionCount: 10, players: 25, top, stopped: true });
    expect(text).toContain('stopped early');
    expect(text).toContain('25 players');
    expect(text).toContain('…and 21 more players');
  });
});

describe('chatLeaderboardText', () => {
  it('ranks players with medals, points and answers', () => {
    const text = chatLeaderboardText(
      t,
      [
        { rank: 1, name: 'Alice', points: 1200, quizzesPlayed: 5, correctAnswers: 40, answeredQuestions: 50 },
        { rank: 2, name: 'Bob', points: 300, quizzesPlayed: 1, correctAnswers: 3, answeredQuestions: 10 },
        { rank: 4, name: 'Dave', points: 10, quizzesPlayed: 1, correctAnswers: 1, answeredQuestions: 1 },
      ],
      'Trivia night',
    );
    expect(text).toContain('Trivia night');
    expect(text).toMatch(/🥇 Alice .*1,200 points.*5 quizzes.*40\/50/);
    expect(text).toMatch(/🥈 Bob .*300 points.*1 quiz\b.*3\/10/);
    expect(text).toMatch(/^4\. Dave /m);
  });

  it('says there are no scores yet, with or without a chat title', () => {
    expect(chatLeaderboardText(t, [], 'Trivia night')).toMatch(/No scores yet in Trivia night/);
    const text = chatLeaderboardText(t, [], null);
    expect(text).toMatch(/^No scores yet\./);
    expect(text).toContain('/play');
  });
});

describe('myScoreText', () => {
  it('gives points, quizzes and accuracy as a percentage', () => {
    const text = myScoreText(t, { name: 'Alice', points: 1200, quizzesPlayed: 5, correct: 40, answered: 50, accuracy: 0.8 });
    expect(text).toContain('Alice');
    expect(text).toContain('1,200 points');
    expect(text).toContain('5 quizzes played');
    expect(text).toContain('40 of 50 answers correct (80%)');
    expect(text).toContain('Only your first play of each quiz counts');
  });

  it('never rounds an imperfect record up to 100%', () => {
    expect(myScoreText(t, { name: 'A', points: 1, quizzesPlayed: 1, correct: 999, answered: 1000, accuracy: 0.999 })).toContain('(99%)');
    expect(myScoreText(t, { name: 'A', points: 1, quizzesPlayed: 1, correct: 3, answered: 3, accuracy: 1 })).toContain('(100%)');
  });

  it('invites a player without answers to play instead of showing 0%', () => {
    const text = myScoreText(t, { name: 'A', points: 0, quizzesPlayed: 0, correct: 0, answered: 0, accuracy: 0 });
    expect(text).not.toContain('%');
    expect(text).toContain('/play');
  });
});

describe('myQuizzesText', () => {
  it('lists quizzes with their ids, sizes and dates', () => {
    const text = myQuizzesText(t, [
      { id: 7, title: 'World capitals', questionCount: 2, createdAt: new Date('2024-05-01T10:00:00Z') },
      { id: 9, title: 'Primes', questionCount: 1, createdAt: new Date('2024-06-02T23:00:00Z') },
    ]);
    expect(text).toMatch(/World capitals \(id 7\).*2 questions.*2024-05-01/);
    expect(text).toMatch(/Primes \(id 9\).*1 question,.*2024-06-02/);
    expect(text).toContain('/play <id>');
    expect(text).toContain('/startquiz <id>');
  });

  it('tells how to create a quiz when there is none', () => {
    expect(myQuizzesText(t, [])).toContain('/newquiz');
  });

  it('stays within one message with many quizzes', () => {
    const quizzes = Array.from({ length: 500 }, (_, i) => ({
      id: i + 1,
      title: `Quiz number ${i + 1} about many things`,
      questionCount: 10,
      createdAt: new Date(0),
    }));
    const text = myQuizzesText(t, quizzes);
    expect(text.length).toBeLessThanOrEqual(MESSAGE_MAX);
    expect(text).toContain('(id 1)');
    expect(text).toMatch(/…and \d+ more quizzes/);
    const shown = text.split('\n').filter((line) => line.startsWith('🔹')).length;
    expect(text).toContain(`…and ${500 - shown} more quizzes`);
  });
});

describe('playerRankText', () => {
  it('gives place, players and correct answers within an alert', () => {
    const text = playerRankText(t, { rank: 3, players: 25, correct: 7, questionCount: 10 });
    expect(text).toContain('🥉');
    expect(text).toContain('3rd of 25 players');
    expect(text).toContain('7/10');
    expect(text.length).toBeLessThanOrEqual(200);
  });

  it('writes ordinals correctly', () => {
    expect(playerRankText(t, { rank: 1, players: 1, correct: 1, questionCount: 1 })).toContain('1st of 1 player ');
    expect(playerRankText(t, { rank: 12, players: 30, correct: 1, questionCount: 2 })).toContain('12th');
    expect(playerRankText(t, { rank: 22, players: 30, correct: 1, questionCount: 2 })).toContain('22nd');
    expect(playerRankText(t, { rank: 113, players: 300, correct: 1, questionCount: 2 })).toContain('113th');
  });

  it('says when the place is shared, and that no correct answer means no place', () => {
    expect(playerRankText(t, { rank: 1, shared: true, players: 3, correct: 2, questionCount: 2 })).toBe(
      '🥇 You share 1st place of 3 players with 2/2 correct.',
    );
    expect(playerRankText(t, { rank: null, players: 3, correct: 0, questionCount: 2 })).toBe(
      'No correct answer this time (0/2), so no place among the 3 players.',
    );
  });

  it('says so when the player did not answer', () => {
    const text = playerRankText(t, undefined);
    expect(text).toMatch(/did not answer/);
    expect(text.length).toBeLessThanOrEqual(200);
  });
});

describe('displayName', () => {
  it('prefers the first name, as given', () => {
    expect(displayName(t, { firstName: 'Ana <3', username: 'ana' })).toBe('Ana <3');
  });

  it('falls back to @username, then to a neutral name', () => {
    expect(displayName(t, { firstName: '', username: 'ana' })).toBe('@ana');
    expect(displayName(t, { firstName: ' ', username: 'ana' })).toBe('@ana');
    expect(displayName(t, { firstName: '', username: null })).toBe('Player');
  });
});
