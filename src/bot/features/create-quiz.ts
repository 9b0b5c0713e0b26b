/**
 * Creating quizzes in chat: `/newquiz <title>` with the questions in the same message creates
 * the quiz at once, in any chat; `/newquiz` alone (or with a title only) starts the guided flow
 * in private (`/start newquiz`, the link a group gets, too), where quiz polls, text blocks and
 * photos captioned with a block (a picture question) are added until /done or /cancel. Text from users who are not creating a quiz passes on.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { DEEP_LINK } from '../deep-links.js';
import { createInPrivateText } from '../texts/create-quiz.js';
import { addDraftPhoto, addDraftPoll, addDraftText, cancelDraft, finishDraft, startGuidedQuiz } from '../handlers/guided-quiz.js';
import { parseNewQuizCommand } from '../handlers/new-quiz-input.js';
import { createQuizFromCommand } from '../handlers/one-shot-quiz.js';

export const createQuizFeature = new Composer<BotContext>();

createQuizFeature.command('newquiz', async (ctx) => {
  const entity = ctx.msg.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  const command = parseNewQuizCommand(ctx.msg.text ?? '', entity?.length ?? 0);
  if (command.body.trim() !== '') return createQuizFromCommand(ctx, command);
  if (ctx.chat.type !== 'private') {
    await ctx.reply(createInPrivateText(ctx.t, ctx.me.username));
    return;
  }
  await startGuidedQuiz(ctx, command.title);
});

const privateChats = createQuizFeature.chatType('private');
privateChats.command('start', (ctx, next) => (ctx.match === DEEP_LINK.newQuiz ? startGuidedQuiz(ctx, '') : next()));
privateChats.command('done', finishDraft);
privateChats.command('cancel', cancelDraft);
privateChats.on('message:poll', addDraftPoll);
privateChats.on('message:photo', addDraftPhoto);
privateChats.on('message:text', addDraftText);
