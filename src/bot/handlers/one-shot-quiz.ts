/**
 * `/newquiz <title>` with the questions in the same message: the whole quiz at once, in any
 * chat. Every problem (title, limit, each question) is reported in one answer, and nothing is
 * saved while any remains.
 */
import { countQuestionBlocks, parseQuizText } from '../../quiz/quiz-text.js';
import { checkQuizTitle, QUIZ_QUESTIONS_MAX } from '../../quiz/quiz-title.js';
import { createQuiz } from '../../store/queries/quizzes.js';
import type { BotContext } from '../context.js';
import { quizCreatedText, quizProblemsText, titleProblemLineText, tooManyBlocksProblemText } from '../texts/create-quiz.js';
import { quizProblemText } from '../texts/quiz-problems.js';
import type { NewQuizCommand } from './new-quiz-input.js';

/** Creates the quiz of a one-message `/newquiz`, or tells the author every problem in it. */
export async function createQuizFromCommand(ctx: BotContext, command: NewQuizCommand): Promise<void> {
  const from = ctx.from;
  if (!from) return;
  const title = checkQuizTitle(command.title);
  const parsed = parseQuizText(command.body, 1);
  const blocks = countQuestionBlocks(command.body);
  const problems: string[] = [];
  if (!title.ok) problems.push(titleProblemLineText(ctx.t, title.problem));
  if (blocks > QUIZ_QUESTIONS_MAX) problems.push(tooManyBlocksProblemText(ctx.t, blocks));
  if (!parsed.ok) problems.push(...parsed.problems.map((problem) => quizProblemText(ctx.t, problem)));
  if (problems.length > 0 || !title.ok || !parsed.ok) {
    await ctx.reply(quizProblemsText(ctx.t, problems));
    return;
  }
  const quiz = await createQuiz(ctx.deps.db, { ownerId: from.id, title: title.title, questions: parsed.questions });
  ctx.logger.info({ quizId: quiz.id, ownerId: from.id, questions: parsed.questions.length, guided: false }, 'Quiz created');
  await ctx.reply(
    quizCreatedText(ctx.t, { id: quiz.id, title: quiz.title, questionCount: parsed.questions.length, botUsername: ctx.me.username }),
  );
}
