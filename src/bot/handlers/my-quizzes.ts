/**
 * /myquizzes and its buttons: the list with a delete button per quiz, the confirmation
 * ("Yes, delete" / "Keep it") shown by editing the same message, and the deletion, allowed to
 * the quiz's owner only (anyone else pressing, in a group, gets an alert). Every button press
 * is answered, whatever happens, so the client's spinner stops.
 */
import { GrammyError, type InlineKeyboard } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { deleteQuiz, getQuizById, listQuizzesByOwner } from '../../store/queries/quizzes.js';
import { isMessageNotModified } from '../../queue/outcome.js';
import type { BotContext } from '../context.js';
import { createDeleteQuizKeyboard, createMyQuizzesKeyboard, MY_QUIZZES_CALLBACK } from '../keyboards/my-quizzes-keyboard.js';
import {
  confirmDeleteText,
  myQuizzesText,
  noSuchQuizText,
  ownerOnlyAnswerText,
  ownerOnlyDeleteText,
  quizAlreadyDeletedText,
  quizDeletedText,
} from '../texts/my-quizzes.js';

/** What a button press is answered with: nothing, a toast, or an alert the user must dismiss. */
interface CallbackAnswer {
  text?: string;
  alert?: boolean;
}

/** The alert for a presser who does not own the quiz. */
function ownerOnly(ctx: BotContext): CallbackAnswer {
  return { text: ownerOnlyDeleteText(ctx.t), alert: true };
}

function noSuchQuiz(ctx: BotContext): CallbackAnswer {
  return { text: noSuchQuizText(ctx.t), alert: true };
}

/** /myquizzes: the user's quizzes, newest first, with their delete buttons. */
export async function showMyQuizzes(ctx: BotContext): Promise<void> {
  if (!ctx.from) return;
  const quizzes = await listQuizzesByOwner(ctx.deps.db, ctx.from.id);
  const keyboard = createMyQuizzesKeyboard(ctx.t, quizzes);
  await ctx.reply(myQuizzesText(ctx.t, quizzes), keyboard ? { reply_markup: keyboard } : {});
}

/** `quiz:del:<id>`: asks the owner to confirm, in place of the list. */
export function askToDeleteQuiz(ctx: BotContext, quizId: number): Promise<void> {
  return answering(ctx, async (userId) => {
    const quiz = await getQuizById(ctx.deps.db, quizId);
    if (!quiz) return noSuchQuiz(ctx);
    if (quiz.ownerId !== userId) return ownerOnly(ctx);
    if (quiz.deletedAt !== null) {
      await editToList(ctx, userId);
      return { text: quizAlreadyDeletedText(ctx.t) };
    }
    await editMessage(ctx, confirmDeleteText(ctx.t, quiz), createDeleteQuizKeyboard(ctx.t, quiz.id));
    return {};
  });
}

/** `quiz:del-yes:<id>`: deletes the quiz if the presser owns it, then shows the updated list. */
export function deleteQuizConfirmed(ctx: BotContext, quizId: number): Promise<void> {
  return answering(ctx, async (userId) => {
    const { db } = ctx.deps;
    if (await deleteQuiz(db, { quizId, ownerId: userId })) {
      ctx.logger.info({ quizId, ownerId: userId }, 'Quiz deleted');
      await editToList(ctx, userId);
      return { text: quizDeletedText(ctx.t, quizId) };
    }
    const quiz = await getQuizById(db, quizId);
    if (!quiz) return noSuchQuiz(ctx);
    if (quiz.ownerId !== userId) return ownerOnly(ctx);
    await editToList(ctx, userId);
    return { text: quizAlreadyDeletedText(ctx.t) };
  });
}

/** `quiz:list` ("Keep it"): back to the list, for the owner of the quiz being confirmed. */
export function backToMyQuizzes(ctx: BotContext): Promise<void> {
  return answering(ctx, async (userId) => {
    // The callback data names no quiz (it stays short); the message's own "Yes" button does.
    const quizId = confirmingQuizId(ctx.callbackQuery?.message?.reply_markup);
    if (quizId === undefined) {
      if (ctx.chat?.type !== 'private') return {};
    } else {
      const quiz = await getQuizById(ctx.deps.db, quizId);
      if (quiz && quiz.ownerId !== userId) return { text: ownerOnlyAnswerText(ctx.t), alert: true };
    }
    await editToList(ctx, userId);
    return {};
  });
}

/** Runs `work` for the presser and answers the callback query with its result, even when it fails. */
async function answering(ctx: BotContext, work: (userId: number) => Promise<CallbackAnswer>): Promise<void> {
  let answer: CallbackAnswer;
  try {
    answer = await work(ctx.from?.id ?? 0);
  } catch (error) {
    await ctx.answerCallbackQuery().catch(() => undefined);
    throw error;
  }
  await ctx.answerCallbackQuery(answer.text === undefined ? {} : { text: answer.text, show_alert: answer.alert ?? false });
}

async function editToList(ctx: BotContext, ownerId: number): Promise<void> {
  const quizzes = await listQuizzesByOwner(ctx.deps.db, ownerId);
  await editMessage(ctx, myQuizzesText(ctx.t, quizzes), createMyQuizzesKeyboard(ctx.t, quizzes));
}

/** Edits the pressed message; an edit to what it already shows (a double press) is not an error. */
async function editMessage(ctx: BotContext, text: string, keyboard: InlineKeyboard | undefined): Promise<void> {
  try {
    await ctx.editMessageText(text, keyboard ? { reply_markup: keyboard } : {});
  } catch (error) {
    if (error instanceof GrammyError && isMessageNotModified(error)) return;
    throw error;
  }
}

function confirmingQuizId(markup: InlineKeyboardMarkup | undefined): number | undefined {
  for (const button of markup?.inline_keyboard.flat() ?? []) {
    const match = 'callback_data' in button ? MY_QUIZZES_CALLBACK.confirmDeletePattern.exec(button.callback_data) : null;
    if (match) return Number(match[1]);
  }
  return undefined;
}
