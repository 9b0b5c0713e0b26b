/**
 * A run's texts, /play's and the leaderboards' in the languages where a number changes the words:
 * plurals (Russian one/few/many, and Portuguese, where 0 is "one" too) and places (English 1st,
 * 2nd, 3rd, 11th, 21st by NUMBER($rank, type: "ordinal"), src/i18n/fluent-functions.ts; "1-е",
 * "1.", "1.ª", "1º" elsewhere). English, word for word, is in tests/bot/texts.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { seconds } from '../../src/bot/texts/format.js';
import { chatLeaderboardText, myRankButtonText, myScoreText, playerRankText } from '../../src/bot/texts/leaderboard.js';
import * as play from '../../src/bot/texts/play.js';
import { announcementText, pollQuestionText, resultsText, type ResultLine } from '../../src/bot/texts/run.js';
import { playInGroupText, startQuizInPrivateText } from '../../src/bot/texts/wrong-chat.js';
import { LOCALES, type Locale } from '../../src/i18n/locales.js';
import { createI18n, translatorFor } from '../../src/i18n/translator.js';

const i18n = createI18n();
const t = (locale: Locale) => translatorFor(i18n, locale);

const player = (rank: number | null, points = 100): ResultLine => ({
  rank,
  name: 'Ann',
  correct: rank === null ? 0 : 1,
  totalCorrectMs: 4_000,
  points,
  credit: 'counted',
});

describe('places', () => {
  it('are English ordinals, by the ordinal plural rules', () => {
    const place = (rank: number) =>
      /^(?:\S+ )?You placed (\S+) of/.exec(playerRankText(t('en'), { rank, players: 500, correct: 1, questionCount: 2 }))?.[1];
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112, 113].map(place)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
      '112th',
      '113th',
    ]);
  });

  it('are written each language’s way', () => {
    const rank = { rank: 3, players: 25, correct: 7, questionCount: 10 };
    expect(playerRankText(t('ru'), rank)).toBe('🥉 Вы заняли 3-е место из 25 игроков: 7/10 верно.');
    expect(playerRankText(t('de'), rank)).toBe('🥉 Du hast den 3. Platz unter 25 Spielern belegt – mit 7/10 richtigen Antworten.');
    expect(playerRankText(t('es'), rank)).toBe('🥉 Quedaste en 3.ª posición entre 25 jugadores, con 7/10 correctas.');
    expect(playerRankText(t('pt'), rank)).toBe('🥉 Você ficou em 3º lugar entre 25 jogadores, com 7/10 certas.');
    expect(playerRankText(t('ru'), { rank: 1, shared: true, players: 21, correct: 2, questionCount: 2 })).toBe(
      '🥇 Вы делите 1-е место из 21 игрока: 2/2 верно.',
    );
  });

  it('leave NUMBER’s formatting options working (a time to a tenth of a second)', () => {
    expect(seconds(t('ru'), 4_000)).toBe('4,0 с');
    expect(seconds(t('en'), 41_250)).toBe('41.3 s');
  });
});

describe('Russian plurals', () => {
  const ru = t('ru');
  it('count players, questions and points as one, few and many', () => {
    const counts = (questions: number, players: number) =>
      resultsText(ru, { title: 'T', questionCount: questions, players, top: [player(1)], stopped: false }).split('\n')[1];
    expect(counts(1, 1)).toBe('1 вопрос · 1 игрок');
    expect(counts(2, 2)).toBe('2 вопроса · 2 игрока');
    expect(counts(5, 5)).toBe('5 вопросов · 5 игроков');
    expect(counts(11, 11)).toBe('11 вопросов · 11 игроков');
    expect(counts(21, 21)).toBe('21 вопрос · 21 игрок');
    // Thousands grouped the Russian way (a no-break space).
    expect(counts(1000, 1500)).toMatch(/^1\s000 вопросов · 1\s500 игроков$/);
    const points = (n: number) =>
      resultsText(ru, { title: 'T', questionCount: 1, players: 1, top: [player(1, n)], stopped: false }).split('\n')[3];
    expect([1, 3, 11, 21].map((n) => points(n)?.split(' · ').at(-1))).toEqual(['1 очко', '3 очка', '11 очков', '21 очко']);
  });

  it('put "of N players" in the genitive', () => {
    const of = (players: number) => playerRankText(ru, { rank: 5, players, correct: 1, questionCount: 2 });
    expect(of(21)).toContain('из 21 игрока');
    expect(of(22)).toContain('из 22 игроков');
    expect(of(25)).toContain('из 25 игроков');
    expect(playerRankText(ru, { rank: null, players: 1, correct: 0, questionCount: 2 })).toContain('среди 1 игрока');
  });

  it('count the players left out of the results', () => {
    const top = Array.from({ length: 10 }, (_, i) => player(i + 1));
    const more = (players: number) => resultsText(ru, { title: 'T', questionCount: 1, players, top, stopped: false }).split('\n').at(-3);
    expect([11, 12, 15, 31].map(more)).toEqual(['…и ещё 1 игрок', '…и ещё 2 игрока', '…и ещё 5 игроков', '…и ещё 21 игрок']);
  });
});

describe('Portuguese zeros', () => {
  it('are plural, though Portuguese counts 0 as "one"', () => {
    const pt = t('pt');
    const score = (points: number, quizzesPlayed: number) =>
      myScoreText(pt, { name: 'Ana', points, quizzesPlayed, correct: 0, answered: 0, accuracy: 0 }).split('\n').slice(2, 4);
    expect(score(0, 0)).toEqual(['⭐ 0 pontos', '🎲 0 quizzes jogados']);
    expect(score(1, 1)).toEqual(['⭐ 1 ponto', '🎲 1 quiz jogado']);
    expect(score(2, 2)).toEqual(['⭐ 2 pontos', '🎲 2 quizzes jogados']);
  });
});

describe('every language', () => {
  for (const locale of LOCALES) {
    it(`${locale}: renders every text of a run, /play, the leaderboards and the wrong-chat answers`, () => {
      const tr = t(locale);
      const texts = [
        announcementText(tr, { title: 'T', questionCount: 3, openPeriodS: 90, mode: 'group' }),
        announcementText(tr, { title: 'T', questionCount: 3, openPeriodS: 90, mode: 'private' }),
        pollQuestionText(tr, 'Q?', 2, 10),
        resultsText(tr, { title: 'T', questionCount: 2, players: 3, stopped: true, top: [player(1), player(2, 0), player(null)] }),
        resultsText(tr, { title: 'T', questionCount: 2, players: 1, stopped: false, top: [player(null)] }),
        resultsText(tr, { title: 'T', questionCount: 2, players: 0, stopped: false, top: [] }),
        play.startUsageText(tr, '', false, 'group'),
        play.startUsageText(tr, 'abc', false, 'private'),
        play.startUsageText(tr, 'quiz_x', true, 'private'),
        play.startPeriodProblemText(tr, 12, { kind: 'not_a_period', text: 'soon' }),
        play.startDrawProblemText(tr, 12),
        play.noSuchQuizText(tr, 12),
        play.runAlreadyRunningText(tr, { currentPosition: 1, questionCount: 5 }, 'group'),
        play.runAlreadyRunningText(tr, { currentPosition: 1, questionCount: 5 }, 'private'),
        play.onlyAdminsStartText(tr),
        play.onlyAdminsStopText(tr),
        ...[true, false].flatMap((stopped) => [play.stopQuizText(tr, stopped, 'group'), play.stopQuizText(tr, stopped, 'private')]),
        myRankButtonText(tr),
        chatLeaderboardText(tr, [{ rank: 1, name: 'Ann', points: 5, quizzesPlayed: 2, correctAnswers: 3, answeredQuestions: 4 }], 'Chat'),
        chatLeaderboardText(tr, [], 'Chat'),
        chatLeaderboardText(tr, [], null),
        myScoreText(tr, { name: 'Ann', points: 5, quizzesPlayed: 2, correct: 3, answered: 4, accuracy: 0.75 }),
        playerRankText(tr, { rank: 2, shared: true, players: 4, correct: 1, questionCount: 2 }),
        playerRankText(tr, { rank: null, players: 4, correct: 0, questionCount: 2 }),
        playerRankText(tr, undefined),
        playInGroupText(tr, 'bot', undefined),
        playInGroupText(tr, 'bot', 12),
        startQuizInPrivateText(tr, 'bot', undefined),
        startQuizInPrivateText(tr, 'bot', 12),
      ];
      for (const text of texts) {
        expect(text.trim(), text).not.toBe('');
        // A message or variable Fluent could not resolve shows as {…}.
        expect(text, text).not.toMatch(/\{[^}]*\}/);
      }
      // The group's announcement has the two group-only lines; the commands stay literal.
      expect(texts[0]!.split('\n').length - texts[1]!.split('\n').length).toBe(2);
      expect(texts[0]).toContain('/stopquiz');
      expect(texts[2]).toBe('[2/10] Q?');
      expect(texts[12]).not.toBe(texts[13]);
      expect(play.startUsageText(tr, '', false, 'group')).toContain('/startquiz 12 15s shuffle');
    });
  }
});
