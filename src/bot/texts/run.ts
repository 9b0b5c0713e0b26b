/**
 * What a run says in its chat: the announcement, each poll's question line and the results, in
 * the language the run speaks (locales/<language>/run.ftl).
 */
import type { Translate } from '../../i18n/translator.js';
import type { Credit } from '../../quiz/ranking.js';
import { POLL_LIMITS, telegramLength } from '../../quiz/telegram-poll-limits.js';
import { duration, fitLines, place, seconds } from './format.js';

/** Sent before a run's first question. */
export function announcementText(
  t: Translate,
  a: { title: string; questionCount: number; openPeriodS: number; mode: 'group' | 'private' },
): string {
  const lines = [
    t('run-announce-title', { title: a.title }),
    '',
    t('run-announce-facts', { questions: a.questionCount, duration: duration(t, a.openPeriodS) }),
  ];
  if (a.mode === 'group') lines.push(t('run-announce-answers-visible'));
  lines.push('', t('run-announce-first-question'));
  if (a.mode === 'group') lines.push(t('run-announce-admins-stop'));
  return lines.join('\n');
}

/**
 * A poll's question with its place in the quiz, `[2/10] text`, when that still fits Telegram's
 * limit; the text alone otherwise (it was checked to fit when the quiz was saved).
 */
export function pollQuestionText(t: Translate, text: string, position: number, count: number): string {
  // Positions as strings: a place in a list takes no thousands separator.
  const numbered = t('run-poll-question', { position: String(position), count: String(count), text });
  return telegramLength(numbered) <= POLL_LIMITS.questionMax ? numbered : text;
}

/** One player's line in the results of a run. */
export interface ResultLine {
  /** Shared by equal results; null: no correct answer (no place, no medal, no points). */
  rank: number | null;
  name: string;
  correct: number;
  /** Sum of the time taken by the player's correct answers. */
  totalCorrectMs: number;
  /** Points credited to the player's all-time total for this run. */
  points: number;
  /** Whether the run counted toward the player's all-time points, or why not. */
  credit: Credit;
}

/**
 * The results of a finished (or stopped) run: the top players, a medal for each of the first
 * three places (equal results share one), then players with no correct answer, unplaced.
 */
export function resultsText(
  t: Translate,
  r: {
    title: string;
    questionCount: number;
    players: number;
    top: readonly ResultLine[];
    stopped: boolean;
  },
): string {
  const head = r.stopped ? t('run-end-stopped', { title: r.title }) : t('run-end-finished', { title: r.title });
  if (r.players === 0) return `${head}\n\n${t('run-end-no-one-answered')}`;
  const anyRanked = r.top.some((p) => p.rank !== null);
  // A score is a fraction, `9/10`, written as digits in every language.
  const questions = String(r.questionCount);
  return fitLines({
    head: [head, t('run-end-counts', { questions: r.questionCount, players: r.players }), ''],
    lines: r.top.map((p) =>
      p.rank === null
        ? t('run-end-unplaced-line', { name: p.name, correct: String(p.correct), questions })
        : t('run-end-placed-line', {
            place: place(p.rank),
            name: p.name,
            correct: String(p.correct),
            questions,
            time: seconds(t, p.totalCorrectMs),
            points: creditedPointsText(t, p),
          }),
    ),
    total: Math.max(r.players, r.top.length),
    more: (n) => t('run-end-more-players', { n }),
    tail: ['', anyRanked ? t('run-end-congratulations') : t('run-end-nobody-correct')],
  });
}

function creditedPointsText(t: Translate, p: { points: number; credit: Credit }): string {
  switch (p.credit) {
    case 'counted':
      return t('run-credit-points', { points: p.points });
    case 'replay':
      return t('run-credit-replay');
    case 'own-quiz':
      return t('run-credit-own-quiz');
  }
}
