/**
 * Starting and stopping a run: /startquiz, /play, the quiz deep links and /stopquiz
 * (locales/<language>/play.ftl).
 */
import type { Translate } from '../../i18n/translator.js';
import { preview } from '../../quiz/preview.js';
import type { OpenPeriodProblem } from '../../quiz/quiz-problems.js';
import { openPeriodProblemText } from './quiz-problems.js';

/** Where a run is started from: a group (/startquiz) or a private chat (/play). */
export type PlayMode = 'group' | 'private';

/** The command that starts a run in each kind of chat. */
const START_COMMAND: Record<PlayMode, string> = { group: '/startquiz', private: '/play' };

/** Why the first word of a start command names no quiz, and how to name one in `mode`'s chat. */
export function startUsageText(t: Translate, first: string, fromLink: boolean, mode: PlayMode): string {
  const usage = t('play-usage', { command: START_COMMAND[mode] });
  if (fromLink) return t('play-usage-broken-link', { usage });
  if (first === '') return t('play-usage-no-quiz', { usage });
  return t('play-usage-not-an-id', { word: preview(first, 32), usage });
}

/** The time per question given to a start command cannot be used (`problem` says why). */
export function startPeriodProblemText(t: Translate, quizId: number, problem: OpenPeriodProblem): string {
  return t('play-period-problem', { quizId: String(quizId), problem: openPeriodProblemText(t, problem) });
}

export function startDrawProblemText(t: Translate, quizId: number): string {
  return t('play-draw-problem', { quizId: String(quizId) });
}

export function noSuchQuizText(t: Translate, quizId: number): string {
  return t('play-no-such-quiz', { quizId: String(quizId) });
}

/** A run is already going on in the chat. */
export function runAlreadyRunningText(t: Translate, run: { currentPosition: number; questionCount: number }, mode: PlayMode): string {
  return t('play-already-running', {
    mode,
    position: String(Math.max(run.currentPosition + 1, 1)),
    count: String(run.questionCount),
  });
}

export function onlyAdminsStartText(t: Translate): string {
  return t('play-only-admins-start');
}

export function onlyAdminsStopText(t: Translate): string {
  return t('play-only-admins-stop');
}

/** The answer to /stopquiz: whether a run was stopped. */
export function stopQuizText(t: Translate, stopped: boolean, mode: PlayMode): string {
  if (mode === 'group') return stopped ? t('play-stopped-group') : t('play-nothing-to-stop-group');
  return stopped ? t('play-stopped-private') : t('play-nothing-to-stop-private');
}
