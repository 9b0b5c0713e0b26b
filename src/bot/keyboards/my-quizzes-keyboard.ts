/**
 * The buttons of /myquizzes: one "🗑 Delete #<id>" per quiz, and the confirmation that
 * follows. Callback data stays far below Telegram's 64 bytes: `quiz:del:<id>`,
 * `quiz:del-yes:<id>`, `quiz:list`.
 */
import { InlineKeyboard } from 'grammy';
import type { Translate } from '../../i18n/translator.js';
import { myQuizzesButtons } from '../texts/my-quizzes.js';

/** Delete buttons shown at most; the newest quizzes come first. */
export const DELETE_BUTTONS_MAX = 20;

/** Callback data of the buttons, with the patterns that read them back. */
export const MY_QUIZZES_CALLBACK = {
  delete: (quizId: number) => `quiz:del:${quizId}`,
  confirmDelete: (quizId: number) => `quiz:del-yes:${quizId}`,
  list: 'quiz:list',
  deletePattern: /^quiz:del:(\d{1,15})$/,
  confirmDeletePattern: /^quiz:del-yes:(\d{1,15})$/,
} as const;

/**
 * One delete button per quiz (at most {@link DELETE_BUTTONS_MAX}); `undefined` for an empty
 * list, so the message carries no keyboard.
 */
export function createMyQuizzesKeyboard(t: Translate, quizzes: readonly { id: number }[]): InlineKeyboard | undefined {
  if (quizzes.length === 0) return undefined;
  const buttons = myQuizzesButtons(t);
  return InlineKeyboard.from(
    quizzes.slice(0, DELETE_BUTTONS_MAX).map((quiz) => [InlineKeyboard.text(buttons.delete(quiz.id), MY_QUIZZES_CALLBACK.delete(quiz.id))]),
  );
}

/** "Yes, delete" / "Keep it" under the question whether to delete quiz `quizId`. */
export function createDeleteQuizKeyboard(t: Translate, quizId: number): InlineKeyboard {
  const buttons = myQuizzesButtons(t);
  return new InlineKeyboard()
    .text(buttons.confirmDelete, MY_QUIZZES_CALLBACK.confirmDelete(quizId))
    .text(buttons.keep, MY_QUIZZES_CALLBACK.list);
}
