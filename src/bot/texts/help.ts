/** The answer to /help and /start. */
import { RUN_OPEN_PERIOD_MAX_S } from '../../quiz/open-period.js';
import { POLL_LIMITS } from '../../quiz/telegram-poll-limits.js';
import { DEEP_LINK } from '../deep-links.js';
import { botLink } from './format.js';

/**
 * The questions of the quiz text format's example (ARCHITECTURE.md): the one owner of the sample
 * quiz. The help shows it, the format's tests parse it and the demo sends it (with more questions).
 */
export const QUIZ_FORMAT_EXAMPLE_QUESTIONS = `Capital of France?
- Berlin
- Paris *
- Rome
> Paris has been the capital since 508.

Capital of Japan?
- Tokyo *
- Kyoto`;

/** The example as an admin sends it: the command with the quiz's title, then its questions. */
export const QUIZ_FORMAT_EXAMPLE = `/newquiz World capitals\n${QUIZ_FORMAT_EXAMPLE_QUESTIONS}`;

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
    '/import – create a quiz from a file (CSV, JSON or text; /template sends an example), in private',
    '/export <id> [csv|json|txt] – your quiz as a file /import reads back, in private',
    '',
    'Play',
    '/play <id> – play a quiz here, privately',
    `/startquiz <id> [15s] [shuffle] [10q] – run a quiz in a group (group admins); optionally the time per question, ${POLL_LIMITS.openPeriodMinS}s to ${RUN_OPEN_PERIOD_MAX_S / 60}m, shuffled options, and a random draw of 10 of its questions (none repeats in the chat until all were asked)`,
    '/stopquiz – stop the quiz running in the group (group admins)',
    "/results – the group's last quiz as a CSV file (every player's answers), sent to you in private (group admins)",
    '/leaderboard – the best players of this chat',
    '/myscore – your points and accuracy',
    '/help – this message',
    '',
    'Quiz format: a blank line between questions; the first line is the question, each option starts with "- ", the correct one ends with " *" (several allowed), and an optional "> " line explains the answer:',
    '',
    QUIZ_FORMAT_EXAMPLE,
    '',
    `To play in a group, add me there: ${botLink(botUsername, 'startgroup', DEEP_LINK.help)}`,
  ].join('\n');
}
