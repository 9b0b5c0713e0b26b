/**
 * What the bot says to a command sent in the kind of chat where it does not work: /play in a
 * group and /startquiz in private. Each says where the command works and what to send here
 * instead, with the quiz's id when the command named one.
 */
import { DEEP_LINK } from '../deep-links.js';
import { botLink } from './format.js';

/** /play in a group: playing alone happens in private; the group's admins run quizzes here. */
export function playInGroupText(botUsername: string, quizId: number | undefined): string {
  if (quizId === undefined) {
    return `/play is for playing alone in our private chat: ${botLink(botUsername, 'start', DEEP_LINK.help)}. To run a quiz for the whole group, an admin sends /startquiz <id> here.`;
  }
  return `/play is for playing alone in our private chat: ${botLink(botUsername, 'start', DEEP_LINK.quiz(quizId))}. To run quiz ${quizId} for the whole group, an admin sends /startquiz ${quizId} here.`;
}

/** /startquiz in private: it runs a quiz in a group; here, /play is the command. */
export function startQuizInPrivateText(botUsername: string, quizId: number | undefined): string {
  if (quizId === undefined) {
    return `/startquiz runs a quiz in a group: add me to one (${botLink(botUsername, 'startgroup', DEEP_LINK.help)}) and an admin sends /startquiz <id> there. To play a quiz here, alone: /play <id>.`;
  }
  return `/startquiz runs a quiz in a group: add me to one (${botLink(botUsername, 'startgroup', DEEP_LINK.quiz(quizId))} starts quiz ${quizId} there), or an admin sends /startquiz ${quizId} in a group where I am. To play it here, alone: /play ${quizId}.`;
}
