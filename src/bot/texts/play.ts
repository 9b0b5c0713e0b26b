/** Starting and stopping a run: /startquiz, /play, the quiz deep links and /stopquiz. */
import { preview } from '../../quiz/preview.js';
import type { OpenPeriodProblem } from '../../quiz/quiz-problems.js';
import { openPeriodProblemText } from './quiz-problems.js';

/** Where a run is started from: a group (/startquiz) or a private chat (/play). */
export type PlayMode = 'group' | 'private';

/** The command that starts a run in each kind of chat. */
const START_COMMAND: Record<PlayMode, string> = { group: '/startquiz', private: '/play' };

/** Why the first word of a start command names no quiz, and how to name one in `mode`'s chat. */
export function startUsageText(first: string, fromLink: boolean, mode: PlayMode): string {
  const command = START_COMMAND[mode];
  const usage = `e.g. ${command} 12 or ${command} 12 15s shuffle (your quizzes: /myquizzes)`;
  if (fromLink) return `That link leads to no quiz. Ask for a new link, or give the quiz's number, ${usage}.`;
  if (first === '') return `Which quiz? Give its number, ${usage}.`;
  return `'${preview(first, 32)}' is not a quiz id: give the quiz's number, ${usage}.`;
}

/** The time per question given to a start command cannot be used (`problem` says why). */
export function startPeriodProblemText(quizId: number, problem: OpenPeriodProblem): string {
  return `Cannot start quiz ${quizId}: ${openPeriodProblemText(problem)}.`;
}

export function startDrawProblemText(quizId: number): string {
  return `Cannot start quiz ${quizId}: a draw needs at least one question (e.g. 10q plays 10 questions drawn at random).`;
}

export function noSuchQuizText(quizId: number): string {
  return `There is no quiz ${quizId}. Your quizzes: /myquizzes`;
}

/** A run is already going on in the chat. */
export function runAlreadyRunningText(run: { currentPosition: number; questionCount: number }, mode: PlayMode): string {
  const stop = mode === 'group' ? 'An admin can stop it with /stopquiz.' : 'Stop it with /stopquiz.';
  return `A quiz is already running here (question ${Math.max(run.currentPosition + 1, 1)} of ${run.questionCount}). ${stop}`;
}

export const ONLY_ADMINS_START_TEXT = "Only the group's admins can start a quiz.";
export const ONLY_ADMINS_STOP_TEXT = "Only the group's admins can stop the quiz.";

/** The answer to /stopquiz: whether a run was stopped. */
export function stopQuizText(stopped: boolean, mode: PlayMode): string {
  if (mode === 'group') return stopped ? 'Quiz stopped. Results are coming.' : 'No quiz is running here.';
  return stopped ? 'Game stopped. Your results are coming.' : 'You are not playing a quiz right now. Start one with /play <id>.';
}
