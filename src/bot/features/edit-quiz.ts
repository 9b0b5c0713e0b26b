/**
 * Editing a quiz in private (`/edit <id>`, issue 16): list, retitle, retime, and replace, insert,
 * add, delete or move questions; a photo captioned `/edit 12 replace 3` (or insert/add) with one
 * question block makes a picture question. In groups it says where it works. Registered before the
 * creation flow, which takes every other private photo.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { editCommandLength, editQuiz } from '../handlers/edit-quiz.js';
import { photoMedia } from '../handlers/guided-quiz.js';
import { editInPrivateText } from '../texts/edit-quiz.js';

export const editQuizFeature = new Composer<BotContext>();

const privateChats = editQuizFeature.chatType('private');

privateChats.command('edit', (ctx) => {
  const text = ctx.msg.text ?? '';
  return editQuiz(ctx, text, editCommandLength(text, ctx.msg.entities));
});

privateChats.on('message:photo', async (ctx, next) => {
  const caption = ctx.msg.caption ?? '';
  const length = editCommandLength(caption, ctx.msg.caption_entities);
  if (length === 0) return next();
  await editQuiz(ctx, caption, length, photoMedia(ctx.msg.photo));
});

editQuizFeature.chatType(['group', 'supergroup']).command('edit', (ctx) => ctx.reply(editInPrivateText(ctx.t)));
