/**
 * Quiz files in private: /import (then a document replying to the prompt, or a document captioned
 * /import) saves a quiz from a CSV, JSON or text file; /template sends an example file; /export
 * sends the author's quiz back as a file /import accepts. In groups, each says where it works.
 */
import { Composer, InputFile } from 'grammy';
import { quizFileTemplate } from '../../quiz/quiz-file/template.js';
import type { BotContext } from '../context.js';
import { templateQuiz } from '../texts/quiz-template.js';
import { quizFileFormatNamed } from '../../quiz/quiz-file/limits.js';
import { exportQuiz } from '../handlers/export-quiz.js';
import { importQuizFile } from '../handlers/import-quiz.js';
import {
  exportInPrivateText,
  importHowText,
  importInPrivateText,
  importPromptText,
  templateCaption,
  templateUsageText,
} from '../texts/quiz-files.js';

export const quizFilesFeature = new Composer<BotContext>();

const privateChats = quizFilesFeature.chatType('private');

privateChats.command('import', (ctx) => ctx.reply(importPromptText(ctx.t)));

privateChats.command('template', async (ctx) => {
  const word = ctx.match.trim() || 'csv';
  const format = quizFileFormatNamed(word);
  if (!format) {
    await ctx.reply(templateUsageText(ctx.t, word));
    return;
  }
  await ctx.replyWithDocument(new InputFile(quizFileTemplate(format, templateQuiz(ctx.t)), `quiz-template.${format}`), {
    caption: templateCaption(ctx.t, format),
  });
});

privateChats.command('export', (ctx) => exportQuiz(ctx, ctx.match));

privateChats.on('message:document', async (ctx) => {
  const captioned = /^\/import(@\w+)?(\s|$)/iu.test(ctx.msg.caption ?? '');
  const replied = ctx.msg.reply_to_message;
  // The prompt as this chat's language words it now (after a language change, /import as the caption still works).
  const answersPrompt = replied?.from?.id === ctx.me.id && replied.text === importPromptText(ctx.t);
  if (!captioned && !answersPrompt) {
    await ctx.reply(importHowText(ctx.t));
    return;
  }
  await importQuizFile(ctx, ctx.msg.document);
});

const groups = quizFilesFeature.chatType(['group', 'supergroup']);
groups.command(['import', 'template'], (ctx) => ctx.reply(importInPrivateText(ctx.t)));
groups.command('export', (ctx) => ctx.reply(exportInPrivateText(ctx.t)));
