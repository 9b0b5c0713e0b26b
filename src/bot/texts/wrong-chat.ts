/**
 * What the bot says to a command sent in the kind of chat where it does not work: /play in a
 * group and /startquiz in private. Each says where the command works and what to send here
 * instead, with the quiz's id when the command named one (locales/<language>/wrong-chat.ftl).
 */
import type { Translate } from '../../i18n/translator.js';
import { DEEP_LINK } from '../deep-links.js';
import { botLink } from './format.js';

/** /play in a group: playing alone happens in private; the group's admins run quizzes here. */
export function playInGroupText(t: Translate, botUsername: string, quizId: number | undefined): string {
  if (quizId === undefined) return t('wrong-chat-play-in-group', { link: botLink(botUsername, 'start', DEEP_LINK.help) });
  return t('wrong-chat-play-quiz-in-group', { link: botLink(botUsername, 'start', DEEP_LINK.quiz(quizId)), quizId: String(quizId) });
}

/** /startquiz in private: it runs a quiz in a group; here, /play is the command. */
export function startQuizInPrivateText(t: Translate, botUsername: string, quizId: number | undefined): string {
  if (quizId === undefined) return t('wrong-chat-startquiz-in-private', { link: botLink(botUsername, 'startgroup', DEEP_LINK.help) });
  return t('wrong-chat-startquiz-quiz-in-private', {
    link: botLink(botUsername, 'startgroup', DEEP_LINK.quiz(quizId)),
    quizId: String(quizId),
  });
}
