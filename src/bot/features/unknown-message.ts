/**
 * The catch-all, registered last: a private message no feature handled (an unknown command,
 * text outside the guided creation, a sticker or a photo) gets one line pointing to /help, so a
 * user is never left without an answer. In groups the bot stays silent: there it sees commands
 * and replies to it, and answering every one it has no use for would only add noise.
 * Service messages (a pinned message, a shared contact request) get no answer either.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { unknownMessageText } from '../texts/errors.js';

export const unknownMessageFeature = new Composer<BotContext>();

unknownMessageFeature
  .chatType('private')
  .on(['message:text', 'message:caption', 'message:file', 'message:dice', 'message:contact', 'message:location'], async (ctx) => {
    await ctx.reply(unknownMessageText(ctx.t));
  });
