/**
 * Every text the bot shows, as plain text: messages go out without `parse_mode`, so names and
 * titles appear exactly as people wrote them and nothing needs escaping. Texts that list a
 * variable number of things stay within Telegram's message length and say how many were left
 * out.
 */
import { RUN_OPEN_PERIOD_MAX_S } from './open-period.js';
import type { Credit } from './ranking.js';
import { POLL_LIMITS, telegramLength } from './telegram-poll-limits.js';

/** Telegram's longest message text; counted in UTF-16 units, which is never less than Telegram's count. */
const MESSAGE_MAX = 4096;
/** The longest text of a callback query answer (an alert). */
const ALERT_MAX = 200;
/** Problems listed at most; an author fixes the first ones and sends again. */
const PROBLEMS_SHOWN_MAX = 20;
const MEDALS = ['🥇', '🥈', '🥉'] as const;

const QUIZ_FORMAT_EXAMPLE = `/newquiz World capitals
Capital of France?
- Berlin
- Paris *
- Rome
> Paris has been the capital since 508.

Capital of Japan?
- Tokyo *
- Kyoto`;

/** The answer to /help and /start: what the bot does, its commands and the quiz text format. */
export function helpText(botUsername: string): string {
  return [
    'I run quizzes as Telegram quiz polls, in groups or right here in private.',
    '',
    'Create',
    '/newquiz <title> – create a quiz: send its questions in the same message, or one by one afterwards (as text or as quiz polls)',
    '/done – save the quiz you are creating',
    '/cancel – drop the quiz you are creating',
    '/myquizzes – your quizzes and their ids',
    '',
    'Play',
    '/play <id> – play a quiz here, privately',
    `/startquiz <id> [15s] [shuffle] – run a quiz in a group (group admins); optionally the time per question, ${POLL_LIMITS.openPeriodMinS}s to ${RUN_OPEN_PERIOD_MAX_S / 60}m, and shuffled options`,
    '/stopquiz – stop the quiz running in the group (group admins)',
    '/leaderboard – the best players of this chat',
    '/myscore – your points and accuracy',
    '/help – this message',
    '',
    'Quiz format: a blank line between questions; the first line is the question, each option starts with "- ", the correct one ends with " *" (several allowed), and an optional "> " line explains the answer:',
    '',
    QUIZ_FORMAT_EXAMPLE,
    '',
    `To play in a group, add me there: ${botLink(botUsername, 'startgroup', 'help')}`,
  ].join('\n');
}

/** The reply to /done: the quiz is saved, and here is how to play it. */
export function quizCreatedText(q: { id: number; title: string; questionCount: number; botUsername: string }): string {
  return [
    `✅ Quiz "${q.title}" saved with ${count(q.questionCount, 'question')} (id ${q.id}).`,
    '',
    `Play it privately: ${botLink(q.botUsername, 'start', `quiz_${q.id}`)}`,
    `Play it in a group: ${botLink(q.botUsername, 'startgroup', `quiz_${q.id}`)}`,
    `In a group where I already am, an admin sends /startquiz ${q.id}`,
  ].join('\n');
}

/**
 * Why a quiz (or a question of the guided flow) was refused: every problem, up to a limit, then
 * `outcome`, what became of the message (the guided flow says what the draft still holds).
 */
export function quizProblemsText(problems: readonly string[], outcome = 'Nothing was saved; fix and send again.'): string {
  const head = problems.length === 1 ? '⚠️ Your quiz has a problem:' : `⚠️ Your quiz has ${problems.length} problems:`;
  return fitLines({
    head: [head, ''],
    lines: problems.slice(0, PROBLEMS_SHOWN_MAX).map((problem) => `• ${problem}`),
    total: problems.length,
    more: (n) => `…and ${n} more`,
    tail: ['', outcome],
  });
}

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
export function resultsText(r: { title: string; questionCount: number; players: number; top: readonly ResultLine[]; stopped: boolean }): string {
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
      (e) => `${place(e.rank)} ${e.name} – ${count(e.points, 'point')} (${count(e.quizzesPlayed, 'quiz', 'quizzes')}, ${e.correctAnswers}/${e.answeredQuestions} correct)`,
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
export function myScoreText(s: { name: string; points: number; quizzesPlayed: number; correct: number; answered: number; accuracy: number }): string {
  const answers =
    s.answered === 0
      ? '✅ No answers yet: play a quiz with /play <id>, or join one in a group.'
      : `✅ ${s.correct} of ${count(s.answered, 'answer')} correct (${percent(s.accuracy, s.correct < s.answered)})`;
  // Replays and one's own quizzes are played but not counted: say so, or the totals look wrong.
  return [`📊 ${s.name}`, '', `⭐ ${count(s.points, 'point')}`, `🎲 ${count(s.quizzesPlayed, 'quiz', 'quizzes')} played`, answers, '', 'Only your first play of each quiz counts (never your own quizzes).'].join('\n');
}

/** The answer to /myquizzes. */
export function myQuizzesText(quizzes: readonly { id: number; title: string; questionCount: number; createdAt: Date }[]): string {
  if (quizzes.length === 0) {
    return 'You have no quizzes yet. Send /newquiz <title> to create one; /help shows the format.';
  }
  return fitLines({
    head: [`📚 Your quizzes (${quizzes.length}):`, ''],
    lines: quizzes.map((q) => `🔹 ${q.title} (id ${q.id}) – ${count(q.questionCount, 'question')}, ${q.createdAt.toISOString().slice(0, 10)}`),
    total: quizzes.length,
    more: (n) => `…and ${count(n, 'more quiz', 'more quizzes')}`,
    tail: ['', 'Play one here with /play <id>, or run it in a group with /startquiz <id>.'],
  });
}

/**
 * A player's place in a run, for a callback query alert; `undefined` when they did not play.
 * `shared`: another player had the same result (and the same place).
 */
export function playerRankText(r: { rank: number | null; shared?: boolean; players: number; correct: number; questionCount: number } | undefined): string {
  let text: string;
  if (r === undefined) text = 'You did not answer any question of this quiz.';
  else if (r.rank === null) text = `No correct answer this time (0/${r.questionCount}), so no place among the ${count(r.players, 'player')}.`;
  else {
    const medal = r.rank <= MEDALS.length ? `${place(r.rank)} ` : '';
    const where = r.shared ? `You share ${ordinal(r.rank)} place` : `You placed ${ordinal(r.rank)}`;
    text = `${medal}${where} of ${count(r.players, 'player')} with ${r.correct}/${r.questionCount} correct.`;
  }
  return truncate(text, ALERT_MAX);
}

/** How a player is named in results and leaderboards: the first name, or @username without one. */
export function displayName(user: { firstName: string; username: string | null }): string {
  if (user.firstName.trim() !== '') return user.firstName;
  if (user.username !== null && user.username !== '') return `@${user.username}`;
  return 'Player';
}

/** A t.me link that opens the bot, in private (`start`) or to add it to a group (`startgroup`), with a payload. */
export function botLink(botUsername: string, parameter: 'start' | 'startgroup', payload: string): string {
  return `https://t.me/${botUsername.replace(/^@/, '')}?${parameter}=${payload}`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function place(rank: number): string {
  return MEDALS[rank - 1] ?? `${rank}.`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function duration(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60);
  const rest = totalSeconds % 60;
  if (minutes === 0) return count(rest, 'second');
  if (rest === 0) return count(minutes, 'minute');
  return `${minutes} min ${rest} s`;
}

/** A fraction as a whole percentage that shows 100% only when nothing was wrong. */
function percent(fraction: number, imperfect: boolean): string {
  const value = Math.round(fraction * 100);
  return `${imperfect ? Math.min(value, 99) : value}%`;
}

/** Cuts `text` to at most `max` UTF-16 units, never inside a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = '';
  for (const char of text) {
    if (cut.length + char.length > max - 1) break;
    cut += char;
  }
  return `${cut}…`;
}

/**
 * Joins head, as many of `lines` as fit in one message, a "…and N more" line for the rest of
 * `total`, and tail. A single line longer than a message is cut.
 */
function fitLines(parts: { head: readonly string[]; lines: readonly string[]; total: number; more: (n: number) => string; tail: readonly string[] }): string {
  const fixed = [...parts.head, ...parts.tail].join('\n').length + 1;
  // Room for the longest "more" line it could take, so adding it never overflows.
  const budget = MESSAGE_MAX - fixed - parts.more(parts.total).length - 2;
  const shown: string[] = [];
  let used = 0;
  for (const line of parts.lines) {
    if (used + line.length + 1 > budget) {
      if (shown.length === 0) shown.push(truncate(line, budget));
      break;
    }
    shown.push(line);
    used += line.length + 1;
  }
  const rest = parts.total - shown.length;
  return [...parts.head, ...shown, ...(rest > 0 ? [parts.more(rest)] : []), ...parts.tail].join('\n');
}
