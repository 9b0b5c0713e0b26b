/**
 * /export <id> [csv|json|txt]: the author gets their quiz back as a file /import accepts (the
 * file shows the correct answers, so only in private and only to the author). A format that
 * would not give the quiz back exactly (the text format cannot hold some line breaks and marks)
 * is refused with the way out.
 */
import { InputFile } from 'grammy';
import { quizFileFormatNamed } from '../../quiz/quiz-file/limits.js';
import type { QuizFileContent } from '../../quiz/quiz-file/quiz-file-content.js';
import { quizFileMisfits, quizFileName, writeQuizFile } from '../../quiz/quiz-file/write-quiz-file.js';
import { getQuizWithQuestions, type QuizWithQuestions } from '../../store/queries/quizzes.js';
import type { BotContext } from '../context.js';
import { noSuchQuizText } from '../texts/play.js';
import { exportCaption, exportMisfitsText, exportNotYoursText, exportUsageText } from '../texts/quiz-files.js';

export async function exportQuiz(ctx: BotContext, args: string): Promise<void> {
  const from = ctx.from;
  if (!from) return;
  const [idWord = '', formatWord = 'csv'] = args.trim().split(/\s+/);
  const format = quizFileFormatNamed(formatWord);
  if (!/^\d{1,15}$/.test(idWord) || !format) {
    await ctx.reply(exportUsageText(ctx.t));
    return;
  }
  const quizId = Number(idWord);
  // Undefined for a deleted quiz too (getQuizWithQuestions reads only quizzes not deleted).
  const quiz = await getQuizWithQuestions(ctx.deps.db, quizId);
  if (!quiz) {
    await ctx.reply(noSuchQuizText(ctx.t, quizId));
    return;
  }
  if (quiz.ownerId !== from.id) {
    await ctx.reply(exportNotYoursText(ctx.t, quizId));
    return;
  }
  const content = fileContentOf(quiz);
  const misfits = quizFileMisfits(content, format);
  if (misfits.settings || misfits.questions.length > 0) {
    await ctx.reply(exportMisfitsText(ctx.t, format, misfits.questions, misfits.settings));
    return;
  }
  await ctx.replyWithDocument(new InputFile(writeQuizFile(content, format), quizFileName(quizId, format)), {
    caption: exportCaption(ctx.t, quiz.title, quiz.questions.length),
  });
  ctx.logger.info({ quizId, format, questions: quiz.questions.length }, 'Quiz exported');
}

/** The quiz as a file holds it. */
export function fileContentOf(quiz: QuizWithQuestions): QuizFileContent {
  return {
    title: quiz.title,
    openPeriodS: quiz.openPeriodS,
    questions: quiz.questions.map((q) => ({
      text: q.text,
      options: q.options,
      correctOptionIds: q.correctOptionIds,
      ...(q.explanation ? { explanation: q.explanation } : {}),
      ...(q.openPeriodS !== null ? { openPeriodS: q.openPeriodS } : {}),
      ...(q.media ? { media: q.media } : {}),
      ...(q.explanationMedia ? { explanationMedia: q.explanationMedia } : {}),
    })),
  };
}
