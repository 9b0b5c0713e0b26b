/** The answers to /leaderboard, /myscore and the "My rank" button, and that button's label. */
import { ALERT_MAX, count, fitLines, MEDALS, ordinal, percent, place, truncate } from './format.js';

/** The label of the button under a group run's results. */
export const MY_RANK_BUTTON_TEXT = 'My rank';

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
export function chatLeaderboardText(entries: readonly LeaderboardLine[], chatTitle: string | null): string {
  const where = chatTitle === null ? '' : ` in ${chatTitle}`;
  if (entries.length === 0) {
    return `No scores yet${where}. Play a quiz (/play <id> privately, or /startquiz <id> in a group) and the best players show up here.`;
  }
  return fitLines({
    head: [`🏆 Best players${where}`, ''],
    lines: entries.map(
      (e) =>
        `${place(e.rank)} ${e.name} – ${count(e.points, 'point')} (${count(e.quizzesPlayed, 'quiz', 'quizzes')}, ${e.correctAnswers}/${e.answeredQuestions} correct)`,
    ),
    total: entries.length,
    more: (n) => `…and ${count(n, 'more player')}`,
    tail: [],
  });
}

/**
 * The answer to /myscore.
 *
 * @param s.accuracy correct answers over answered questions, from 0 to 1
 */
export function myScoreText(s: {
  name: string;
  points: number;
  quizzesPlayed: number;
  correct: number;
  answered: number;
  accuracy: number;
}): string {
  const answers =
    s.answered === 0
      ? '✅ No answers yet: play a quiz with /play <id>, or join one in a group.'
      : `✅ ${s.correct} of ${count(s.answered, 'answer')} correct (${percent(s.accuracy, s.correct < s.answered)})`;
  // Replays and one's own quizzes are played but not counted: say so, or the totals look wrong.
  return [
    `📊 ${s.name}`,
    '',
    `⭐ ${count(s.points, 'point')}`,
    `🎲 ${count(s.quizzesPlayed, 'quiz', 'quizzes')} played`,
    answers,
    '',
    'Only your first play of each quiz counts (never your own quizzes).',
  ].join('\n');
}

/**
 * A player's place in a run, for a callback query alert; `undefined` when they did not play.
 * `shared`: another player had the same result (and the same place).
 */
export function playerRankText(
  r: { rank: number | null; shared?: boolean; players: number; correct: number; questionCount: number } | undefined,
): string {
  let text: string;
  if (r === undefined) text = 'You did not answer any question of this quiz.';
  else if (r.rank === null)
    text = `No correct answer this time (0/${r.questionCount}), so no place among the ${count(r.players, 'player')}.`;
  else {
    const medal = r.rank <= MEDALS.length ? `${place(r.rank)} ` : '';
    const where = r.shared ? `You share ${ordinal(r.rank)} place` : `You placed ${ordinal(r.rank)}`;
    text = `${medal}${where} of ${count(r.players, 'player')} with ${r.correct}/${r.questionCount} correct.`;
  }
  return truncate(text, ALERT_MAX);
}
