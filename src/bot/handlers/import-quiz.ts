/**
 * Importing a quiz from a file a user sent in private (/import): downloaded (bounded), read and
 * checked as a whole (src/quiz/quiz-file: encoding, format, every question against Telegram's
 * limits), then saved at once, or every problem named by its line and nothing saved.
 */
import type { Document } from 'grammy/types';
import { QUIZ_FILE_BYTES_MAX } from '../../quiz/quiz-file/limits.js';
import { parseQuizFile } from '../../quiz/quiz-file/parse-quiz-file.js';
import { checkQuizTitle, QUIZ_QUESTIONS_MAX } from '../../quiz/quiz-title.js';
import { createQuiz } from '../../store/queries/quizzes.js';
import type { BotContext } from '../context.js';
import { downloadFile } from '../download-file.js';
import { quizCreatedText, quizProblemsText, titleProblemLineText } from '../texts/create-quiz.js';
import { quizFileProblemsText, quizFileRefusedOutcome } from '../texts/quiz-file-problems.js';
import { importDownloadFailedText, importTooBigText, importTooManyQuestionsText } from '../texts/quiz-files.js';

export async function importQuizFile(ctx: BotContext, document: Document): Promise<void> {
  const from = ctx.from;
  if (!from) return;
  const fileName = document.file_name ?? 'quiz';
  if (document.file_size !== undefined && document.file_size > QUIZ_FILE_BYTES_MAX) {
    await ctx.reply(importTooBigText(ctx.t, document.file_size));
    return;
  }
  const download = await downloadFile(ctx.api, document.file_id, QUIZ_FILE_BYTES_MAX);
  if (!download.ok) {
    await ctx.reply(download.reason === 'too-big' ? importTooBigText(ctx.t, download.bytes) : importDownloadFailedText(ctx.t));
    return;
  }
  const read = parseQuizFile(download.bytes, fileName);
  if (!read.ok) {
    ctx.logger.info({ format: read.format, problems: read.problems.length }, 'Quiz file refused');
    await ctx.reply(quizFileProblemsText(ctx.t, read.problems, read.format));
    return;
  }
  const { quiz } = read;
  if (quiz.questions.length > QUIZ_QUESTIONS_MAX) {
    await ctx.reply(importTooManyQuestionsText(ctx.t, quiz.questions.length));
    return;
  }
  // The file's own title, else its name without the extension.
  const title = checkQuizTitle(quiz.title ?? fileName.replace(/\.[^.]*$/u, ''));
  if (!title.ok) {
    await ctx.reply(quizProblemsText(ctx.t, [titleProblemLineText(ctx.t, title.problem)], quizFileRefusedOutcome(ctx.t)));
    return;
  }
  const saved = await createQuiz(ctx.deps.db, {
    ownerId: from.id,
    title: title.title,
    ...(quiz.openPeriodS !== undefined ? { openPeriodS: quiz.openPeriodS } : {}),
    questions: quiz.questions,
  });
  ctx.logger.info({ quizId: saved.id, ownerId: from.id, questions: quiz.questions.length, format: read.format }, 'Quiz imported');
  await ctx.reply(
    quizCreatedText(ctx.t, { id: saved.id, title: saved.title, questionCount: quiz.questions.length, botUsername: ctx.me.username }),
  );
}
