/**
 * The answers to /leaderboard, /myscore and the "My rank" button, and that button's label
 * (locales/<language>/leaderboard.ftl).
 */
import type { Translate } from '../../i18n/translator.js';
import { ALERT_MAX, fitLines, MEDALS, percent, place, truncate } from './format.js';

/** The label of the button under a group run's results. */
export function myRankButtonText(t: Translate): string {
  return t('leaderboard-my-rank-button');
}

/** One player's line in a chat's leaderboard. */
export interface LeaderboardLine {
  rank: number;
  name: string;
  points: number;
  quizzesPlayed: number;
  correctAnswers: number;
  answeredQuestions: number;
}

/** The answer to /leaderboard; `chatTitle` null in a private chat. */
export function chatLeaderboardText(t: Translate, entries: readonly LeaderboardLine[], chatTitle: string | null): string {
  if (entries.length === 0) {
    return chatTitle === null ? t('leaderboard-empty') : t('leaderboard-empty-in-chat', { chat: chatTitle });
  }
  return fitLines({
    head: [chatTitle === null ? t('leaderboard-head') : t('leaderboard-head-in-chat', { chat: chatTitle }), ''],
    lines: entries.map((e) =>
      t('leaderboard-line', {
        place: place(e.rank),
        name: e.name,
        points: e.points,
        quizzes: e.quizzesPlayed,
        // A fraction, `40/50`: digits in every language.
        correct: String(e.correctAnswers),
        answered: String(e.answeredQuestions),
      }),
    ),
    total: entries.length,
    more: (n) => t('leaderboard-more-players', { n }),
    tail: [],
  });
}

/**
 * The answer to /myscore.
 *
 * @param s.accuracy correct answers over answered questions, from 0 to 1
 */
export function myScoreText(
  t: Translate,
  s: {
    name: string;
    points: number;
    quizzesPlayed: number;
    correct: number;
    answered: number;
    accuracy: number;
  },
): string {
  const answers =
    s.answered === 0
      ? t('leaderboard-my-no-answers')
      : t('leaderboard-my-answers', { correct: s.correct, answered: s.answered, accuracy: percent(s.accuracy, s.correct < s.answered) });
  // Replays and one's own quizzes are played but not counted: the message says so, or the totals look wrong.
  return t('leaderboard-my-score', { name: s.name, points: s.points, quizzes: s.quizzesPlayed, answers });
}

/**
 * A player's place in a run, for a callback query alert; `undefined` when they did not play.
 * `shared`: another player had the same result (and the same place).
 */
export function playerRankText(
  t: Translate,
  r: { rank: number | null; shared?: boolean; players: number; correct: number; questionCount: number } | undefined,
): string {
  let text: string;
  if (r === undefined) text = t('leaderboard-rank-not-played');
  else if (r.rank === null) text = t('leaderboard-rank-unplaced', { players: r.players, questions: String(r.questionCount) });
  else {
    const medal = r.rank <= MEDALS.length ? `${place(r.rank)} ` : '';
    const score = { rank: r.rank, players: r.players, correct: String(r.correct), questions: String(r.questionCount) };
    text = medal + (r.shared ? t('leaderboard-rank-shared', score) : t('leaderboard-rank-placed', score));
  }
  return truncate(text, ALERT_MAX);
}
