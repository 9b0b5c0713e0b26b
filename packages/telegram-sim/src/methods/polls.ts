/** sendPoll and stopPoll: native polls, quiz mode, media (poll-media.ts), timers that really close them. */
import { badRequest } from '../errors.js';
import { admitMessage, requireCanPost, resolveChat, resolveMessage, type MethodHandler } from '../method-context.js';
import { checkPollMedia, storePollMedia } from '../poll-media.js';
import { parseReplyMarkup, parseSendPoll } from '../validation.js';
import { wirePoll } from '../wire.js';
import type { SimMessage } from '../world-types.js';

export const sendPoll: MethodHandler = (params, ctx) => {
  const chat = resolveChat(params, ctx);
  const draft = parseSendPoll(params, ctx.world.nowS());
  const media = checkPollMedia(params, 'media', ctx.world.files);
  // A regular poll has no explanation, so its explanation's media is dropped with it.
  const explanationMedia = draft.type === 'quiz' ? checkPollMedia(params, 'explanation_media', ctx.world.files) : undefined;
  const replyMarkup = parseReplyMarkup(params);
  requireCanPost(chat, ctx);
  admitMessage(chat, params, ctx);
  // Media are stored only now, so a refused call keeps no bytes.
  const poll = ctx.world.createPoll(chat, {
    ...draft,
    ...(media ? { media: storePollMedia(media, ctx.world.files) } : {}),
    ...(explanationMedia ? { explanationMedia: storePollMedia(explanationMedia, ctx.world.files) } : {}),
  });
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
