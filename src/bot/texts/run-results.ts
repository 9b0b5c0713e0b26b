/**
 * What the bot says about /results: a group's admin gets the chat's last finished quiz as a CSV
 * file in private (it shows every player's answers, so never in the group).
 */
import type { Translate } from '../../i18n/translator.js';
import { DEEP_LINK } from '../deep-links.js';
import { botLink } from './format.js';

/** A member who is not an admin sent /results (worded as the /startquiz and /stopquiz refusals). */
export function onlyAdminsResultsText(t: Translate): string {
  return t('run-results-only-admins');
}

/** An admin posting as the group: the bot cannot know whom to send the file to. */
export function resultsAnonymousText(t: Translate): string {
  return t('run-results-anonymous');
}

/** /results in private: it names a group's quiz. */
export function resultsInPrivateText(t: Translate): string {
  return t('run-results-in-private');
}

/** No run of the chat has finished yet. */
export function noFinishedQuizText(t: Translate): string {
  return t('run-results-no-finished-quiz');
}

/** The title of a quiz that is gone (it never is: quizzes are only marked deleted). */
export function untitledQuizText(t: Translate, quizId: number): string {
  return t('run-results-untitled-quiz', { quizId: String(quizId) });
}

/** The last finished run had no players. */
export function resultsNobodyPlayedText(t: Translate, title: string): string {
  return t('run-results-nobody-played', { title });
}

/** In the group, once the file was sent to the admin. */
export function resultsSentText(t: Translate, adminName: string): string {
  return t('run-results-sent', { admin: adminName });
}

/** In the group: the admin never opened a private chat with the bot (or blocked it). */
export function resultsStartPrivateText(t: Translate, botUsername: string): string {
  return t('run-results-start-private', { link: botLink(botUsername, 'start', DEEP_LINK.help) });
}

/** The file's caption. */
export function resultsCaption(t: Translate, r: { title: string; chatTitle: string | null; players: number; questions: number }): string {
  const counts = { title: r.title, players: r.players, questions: r.questions };
  return r.chatTitle === null ? t('run-results-caption', counts) : t('run-results-caption-in-chat', { ...counts, chat: r.chatTitle });
}

/**
 * The file's name: the run's number makes files of several runs distinct. The same in every
 * language, as the file's columns are (the file is data, src/quiz/results-csv.ts).
 */
export function resultsFileName(runId: number): string {
  return `quiz-results-run-${runId}.csv`;
}
