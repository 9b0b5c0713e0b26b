/**
 * /results in a group, from an admin (the feature checked): the chat's last finished run as a
 * CSV file, sent to the admin in private (the file shows how each player answered, which the
 * group does not see), and a short line in the group saying where it went. An admin who never
 * opened a private chat with the bot is told to start it first.
 */
import { GrammyError, InputFile } from 'grammy';
import { writeResultsCsv } from '../../quiz/results-csv.js';
import { deliveryOf } from '../../queue/delivery.js';
import { getQuizById } from '../../store/queries/quizzes.js';
import { latestFinishedRun, runAnswerSheet } from '../../store/queries/run-answer-sheet.js';
import type { BotContext } from '../context.js';
import { displayName } from '../texts/format.js';
import {
  noFinishedQuizText,
  resultsCaption,
  resultsFileName,
  resultsNobodyPlayedText,
  resultsSentText,
  resultsStartPrivateText,
  untitledQuizText,
} from '../texts/run-results.js';

export async function sendRunResults(ctx: BotContext): Promise<void> {
  const chat = ctx.chat;
  const from = ctx.from;
  if (!chat || !from) return;
  const run = await latestFinishedRun(ctx.deps.db, chat.id);
  if (!run) {
    await ctx.reply(noFinishedQuizText(ctx.t));
    return;
  }
  const [quiz, sheet] = await Promise.all([getQuizById(ctx.deps.db, run.quizId), runAnswerSheet(ctx.deps.db, run.id)]);
  const title = quiz?.title ?? untitledQuizText(ctx.t, run.quizId);
  if (sheet.players.length === 0) {
    await ctx.reply(resultsNobodyPlayedText(ctx.t, title));
    return;
  }
  const file = new InputFile(Buffer.from(writeResultsCsv(sheet), 'utf8'), resultsFileName(run.id));
  const caption = resultsCaption(ctx.t, {
    title,
    chatTitle: chat.title ?? null,
    players: sheet.players.length,
    questions: sheet.questions.length,
  });
  try {
    await ctx.api.sendDocument(from.id, file, { caption });
  } catch (error) {
    if (!isPrivateChatClosed(error)) throw error;
    await ctx.reply(resultsStartPrivateText(ctx.t, ctx.me.username));
    return;
  }
  ctx.logger.info({ runId: run.id, chatId: chat.id, adminId: from.id, players: sheet.players.length }, 'Run results sent');
  await ctx.reply(resultsSentText(ctx.t, displayName(ctx.t, { firstName: from.first_name, username: from.username ?? null })));
}

/**
 * The bot may not write to the user in private: a 403 (never started, or blocked; the queue
 * refuses at once after one), or Telegram's 400 "chat not found" for a user it has never met.
 */
function isPrivateChatClosed(error: unknown): boolean {
  if (deliveryOf(error) === 'unreachable') return true;
  return error instanceof GrammyError && error.error_code === 400 && /chat not found/iu.test(error.description);
}
