/**
 * What the bot says about /results: a group's admin gets the chat's last finished quiz as a CSV
 * file in private (it shows every player's answers, so never in the group).
 */
import { DEEP_LINK } from '../deep-links.js';
import { botLink, count } from './format.js';

/** A member who is not an admin sent /results (worded as the /startquiz and /stopquiz refusals). */
export const ONLY_ADMINS_RESULTS_TEXT = "Only the group's admins can get the quiz results file.";

/** An admin posting as the group: the bot cannot know whom to send the file to. */
export const RESULTS_ANONYMOUS_TEXT =
  'I send the results file in private, so I need to know who you are: send /results as yourself, not as the group.';

/** /results in private: it names a group's quiz. */
export const RESULTS_IN_PRIVATE_TEXT =
  "/results works in a group: an admin sends it there and I send the group's last quiz results here, as a CSV file.";

/** No run of the chat has finished yet. */
export const NO_FINISHED_QUIZ_TEXT = 'No quiz has finished in this chat yet. An admin starts one with /startquiz <id>.';

/** The last finished run had no players. */
export function resultsNobodyPlayedText(title: string): string {
  return `Nobody answered the last quiz here ("${title}"): there are no results to send.`;
}

/** In the group, once the file was sent to the admin. */
export function resultsSentText(adminName: string): string {
  return `${adminName}, I sent you the results in private.`;
}

/** In the group: the admin never opened a private chat with the bot (or blocked it). */
export function resultsStartPrivateText(botUsername: string): string {
  return `I cannot write to you in private yet: start me there first (${botLink(botUsername, 'start', DEEP_LINK.help)}), then send /results here again.`;
}

/** The file's caption. */
export function resultsCaption(r: { title: string; chatTitle: string | null; players: number; questions: number }): string {
  const where = r.chatTitle === null ? '' : ` in ${r.chatTitle}`;
  return (
    `📊 Results of "${r.title}"${where}: ${count(r.players, 'player')}, ${count(r.questions, 'question')}. ` +
    "The file shows each player's answers: keep it among the admins."
  );
}

/** The file's name: the run's number makes files of several runs distinct. */
export function resultsFileName(runId: number): string {
  return `quiz-results-run-${runId}.csv`;
}
