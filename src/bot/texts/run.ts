/** What a run says in its chat: the announcement, each poll's question line and the results. */
import type { Credit } from '../../quiz/ranking.js';
import { POLL_LIMITS, telegramLength } from '../../quiz/telegram-poll-limits.js';
import { count, duration, fitLines, place, seconds } from './format.js';

/** Sent before a run's first question. */
export function announcementText(a: { title: string; questionCount: number; openPeriodS: number; mode: 'group' | 'private' }): string {
  const lines = [
    `🎲 Get ready for the quiz "${a.title}"`,
    '',
    `🖊 ${count(a.questionCount, 'question')}`,
    `⏱ ${duration(a.openPeriodS)} per question`,
  ];
  if (a.mode === 'group') lines.push('📰 Answers are visible to the group');
  lines.push('', 'The first question comes in a moment.');
  if (a.mode === 'group') lines.push('Admins can stop the quiz with /stopquiz.');
  return lines.join('\n');
}

/**
 * A poll's question with its place in the quiz, `[2/10] text`, when that still fits Telegram's
 * limit; the text alone otherwise (it was checked to fit when the quiz was saved).
 */
export function pollQuestionText(text: string, position: number, count: number): string {
  const numbered = `[${position}/${count}] ${text}`;
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
export function resultsText(r: {
  title: string;
  questionCount: number;
  players: number;
  top: readonly ResultLine[];
  stopped: boolean;
}): string {
  const head = r.stopped ? `🛑 The quiz "${r.title}" was stopped early.` : `🏁 The quiz "${r.title}" has finished!`;
  if (r.players === 0) return `${head}\n\nNo one answered.`;
  const anyRanked = r.top.some((p) => p.rank !== null);
  return fitLines({
    head: [head, `${count(r.questionCount, 'question')} · ${count(r.players, 'player')}`, ''],
    lines: r.top.map((p) =>
      p.rank === null
        ? `• ${p.name} – ${p.correct}/${r.questionCount} correct · no points`
        : `${place(p.rank)} ${p.name} – ${p.correct}/${r.questionCount} correct · ${seconds(p.totalCorrectMs)} · ${creditedPointsText(p)}`,
    ),
    total: Math.max(r.players, r.top.length),
    more: (n) => `…and ${count(n, 'more player')}`,
    tail: ['', anyRanked ? '🏆 Congratulations to the winners!' : 'Nobody answered correctly.'],
  });
}

function creditedPointsText(p: { points: number; credit: Credit }): string {
  switch (p.credit) {
    case 'counted':
      return count(p.points, 'point');
    case 'replay':
      return 'no points: played before';
    case 'own-quiz':
      return 'no points: your own quiz';
  }
}
