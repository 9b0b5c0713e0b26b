/** sendPoll and stopPoll: native polls, quiz mode, timers that really close them. */
import { badRequest } from '../errors.js';
import { admitMessage, requireCanPost, resolveChat, resolveMessage, type MethodHandler } from '../method-context.js';
import { parseReplyMarkup, parseSendPoll } from '../validation.js';
import { wirePoll } from '../wire.js';
import type { SimMessage } from '../world-types.js';

export const sendPoll: MethodHandler = (params, ctx) => {
  const chat = resolveChat(params, ctx);
  const draft = parseSendPoll(params, ctx.world.nowS());
  const replyMarkup = parseReplyMarkup(params);
  requireCanPost(chat, ctx);
  admitMessage(chat, params, ctx);
  const poll = ctx.world.createPoll(chat, draft);
  const message = chat.messages.get(poll.messageId) as SimMessage; // createPoll stored it
  if (replyMarkup && 'inline_keyboard' in replyMarkup) message.replyMarkup = replyMarkup;
  return ctx.world.wire(message, chat);
};

export const stopPoll: MethodHandler = (params, ctx) => {
  const chat = resolveChat(params, ctx);
  const message = resolveMessage(chat, params, 'message with poll to stop not found');
  const poll = message.pollId === undefined ? undefined : ctx.world.poll(message.pollId);
  if (!poll) throw badRequest('message with poll to stop not found');
  if (!poll.sentByBot) throw badRequest("poll can't be stopped");
  if (poll.isClosed) throw badRequest('poll has already been closed');
  requireCanPost(chat, ctx);
  admitMessage(chat, params, ctx); // stopping edits the poll message
  ctx.world.closePoll(poll);
  return wirePoll(poll, true);
};
