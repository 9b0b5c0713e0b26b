/**
 * /myquizzes: the user's quizzes with a "🗑 Delete #<id>" button each; a press asks to
 * confirm, "Yes, delete" deletes (owner only) and shows the updated list, "Keep it" goes back.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { askToDeleteQuiz, backToMyQuizzes, deleteQuizConfirmed, showMyQuizzes } from '../handlers/my-quizzes.js';
import { MY_QUIZZES_CALLBACK } from '../keyboards/my-quizzes-keyboard.js';

export const myQuizzesFeature = new Composer<BotContext>();

myQuizzesFeature.command('myquizzes', showMyQuizzes);
myQuizzesFeature.callbackQuery(MY_QUIZZES_CALLBACK.deletePattern, (ctx) => askToDeleteQuiz(ctx, Number(ctx.match[1])));
myQuizzesFeature.callbackQuery(MY_QUIZZES_CALLBACK.confirmDeletePattern, (ctx) => deleteQuizConfirmed(ctx, Number(ctx.match[1])));
myQuizzesFeature.callbackQuery(MY_QUIZZES_CALLBACK.list, backToMyQuizzes);
