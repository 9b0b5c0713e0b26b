/**
 * `/edit <id> ...` in private: the author sees their quiz with numbered questions, or changes
 * its title, its time per question or its questions (src/quiz/edit-command.ts reads the command,
 * src/quiz/quiz-edit.ts says which edits fit, src/store/queries/quiz-edits.ts makes each one
 * transaction). Stateless: every edit is one message, so any replica serves it and nothing is
 * left half done. Someone else's quiz, or a deleted one, is "not found", as for /export.
 */
import type { Message } from 'grammy/types';
import { parseEditCommand, type EditCommand } from '../../quiz/edit-command.js';
import { parseOpenPeriod } from '../../quiz/open-period.js';
import type { QuizQuestion } from '../../quiz/question-check.js';
import { countQuestionBlocks, parseQuizText } from '../../quiz/quiz-text.js';
import { checkQuizTitle } from '../../quiz/quiz-title.js';
import { editQuizQuestions, renameQuiz, setQuizOpenPeriod, type OwnQuiz } from '../../store/queries/quiz-edits.js';
import { getQuizToStart, getQuizWithQuestions } from '../../store/queries/quizzes.js';
import type { BotContext } from '../context.js';
import { quizProblemsText, titleRefusedText } from '../texts/create-quiz.js';
import {
  editCommandProblemText,
  editNothingChangedText,
  editRefusalText,
  openPeriodChangedText,
  photoEditText,
  questionDeletedText,
  questionMovedText,
  questionReplacedText,
  questionsInsertedText,
  quizOverviewTexts,
  replaceTakesOneText,
  timeRefusedText,
  titleChangedText,
} from '../texts/edit-quiz.js';
import { noSuchQuizText } from '../texts/play.js';
import { quizProblemText } from '../texts/quiz-problems.js';
import { parseNewQuizCommand } from './new-quiz-input.js';

/** A picture an `/edit` came with (a photo captioned with the command): the new question shows it. */
type Picture = NonNullable<QuizQuestion['media']>;

/**
 * Handles an `/edit` written in `text` (a message's text, or a photo's caption with `picture`).
 * `commandLength` is the length of its command entity (`/edit` or `/edit@bot`).
 */
export async function editQuiz(ctx: BotContext, text: string, commandLength: number, picture?: Picture): Promise<void> {
  const from = ctx.from;
  if (!from) return;
  const split = parseNewQuizCommand(text, commandLength);
  const parsed = parseEditCommand(split.title, split.body);
  if (!parsed.ok) {
    await ctx.reply(editCommandProblemText(ctx.t, parsed.problem, parsed.quizId));
    return;
  }
  if (picture && parsed.command.kind !== 'replace' && parsed.command.kind !== 'insert') {
    await ctx.reply(photoEditText(ctx.t));
    return;
  }
  const own: OwnQuiz = { quizId: parsed.quizId, ownerId: from.id };
  const done = await applyEdit(ctx, own, parsed.command, picture);
  // The action only: never the text of a title or a question.
  if (done) ctx.logger.info({ quizId: own.quizId, userId: from.id, action: parsed.command.kind }, 'Quiz edited');
}

/** Makes the edit and replies; true when the quiz changed. */
async function applyEdit(ctx: BotContext, own: OwnQuiz, command: EditCommand, picture: Picture | undefined): Promise<boolean> {
  const { db } = ctx.deps;
  const notFound = async (): Promise<false> => {
    await ctx.reply(noSuchQuizText(ctx.t, own.quizId));
    return false;
  };
  switch (command.kind) {
    case 'show': {
      const quiz = await getQuizWithQuestions(db, own.quizId);
      if (!quiz || quiz.ownerId !== own.ownerId) return notFound();
      for (const message of quizOverviewTexts(ctx.t, quiz, quiz.questions)) await ctx.reply(message);
      return false;
    }
    case 'title': {
      const checked = checkQuizTitle(command.title);
      if (!checked.ok) {
        await ctx.reply(titleRefusedText(ctx.t, checked.problem));
        return false;
      }
      const quiz = await renameQuiz(db, { ...own, title: checked.title });
      if (!quiz) return notFound();
      await ctx.reply(titleChangedText(ctx.t, quiz));
      return true;
    }
    case 'time': {
      const period = parseOpenPeriod(command.period);
      if (!period.ok) {
        await ctx.reply(timeRefusedText(ctx.t, period.problem));
        return false;
      }
      const quiz = await setQuizOpenPeriod(db, { ...own, openPeriodS: period.seconds });
      if (!quiz) return notFound();
      await ctx.reply(openPeriodChangedText(ctx.t, quiz));
      return true;
    }
    case 'delete': {
      const result = await editQuizQuestions(db, { ...own, edit: { kind: 'delete', number: command.number } });
      if (!result.ok) return refused(ctx, own, result);
      const [deleted] = result.removed;
      if (deleted) await ctx.reply(questionDeletedText(ctx.t, own.quizId, command.number, deleted, result.questions.length));
      return true;
    }
    case 'move': {
      const result = await editQuizQuestions(db, { ...own, edit: { kind: 'move', from: command.from, to: command.to } });
      if (!result.ok) return refused(ctx, own, result);
      const moved = result.questions[command.to - 1];
      if (moved) await ctx.reply(questionMovedText(ctx.t, own.quizId, command.from, command.to, moved, result.questions.length));
      return true;
    }
    case 'replace': {
      const blocks = countQuestionBlocks(command.body);
      const questions = await readBlocks(ctx, command.body, command.number, picture);
      if (!questions) return false;
      const [question] = questions;
      if (!question || blocks > 1) {
        await ctx.reply(quizProblemsText(ctx.t, [replaceTakesOneText(ctx.t, blocks)], editNothingChangedText(ctx.t)));
        return false;
      }
      const result = await editQuizQuestions(db, { ...own, edit: { kind: 'replace', number: command.number, question } });
      if (!result.ok) return refused(ctx, own, result);
      const written = result.questions[command.number - 1];
      if (written) await ctx.reply(questionReplacedText(ctx.t, own.quizId, command.number, written, result.questions.length));
      return true;
    }
    case 'insert': {
      let firstNumber = command.before;
      if (firstNumber === 'end') {
        // Only to number the problems of the blocks as the quiz will (the edit reads the list again).
        const quiz = await getQuizToStart(db, own.quizId);
        if (!quiz || quiz.quiz.ownerId !== own.ownerId) return notFound();
        firstNumber = quiz.questionIds.length + 1;
      }
      if (picture && countQuestionBlocks(command.body) > 1) {
        await ctx.reply(
          quizProblemsText(ctx.t, [replaceTakesOneText(ctx.t, countQuestionBlocks(command.body))], editNothingChangedText(ctx.t)),
        );
        return false;
      }
      const questions = await readBlocks(ctx, command.body, firstNumber, picture);
      if (!questions) return false;
      const result = await editQuizQuestions(db, { ...own, edit: { kind: 'insert', before: command.before, questions } });
      if (!result.ok) return refused(ctx, own, result);
      const written = result.changed.flatMap((number) => result.questions[number - 1] ?? []);
      await ctx.reply(questionsInsertedText(ctx.t, own.quizId, result.changed, written, result.questions.length));
      return true;
    }
  }
}

/** The question blocks of an edit, checked as in creation, or undefined after saying every problem. */
async function readBlocks(
  ctx: BotContext,
  body: string,
  firstNumber: number,
  picture: Picture | undefined,
): Promise<QuizQuestion[] | undefined> {
  const parsed = parseQuizText(body, firstNumber);
  if (!parsed.ok) {
    await ctx.reply(
      quizProblemsText(
        ctx.t,
        parsed.problems.map((problem) => quizProblemText(ctx.t, problem)),
        editNothingChangedText(ctx.t),
      ),
    );
    return undefined;
  }
  return picture ? parsed.questions.map((question) => ({ ...question, media: picture })) : parsed.questions;
}

async function refused(
  ctx: BotContext,
  own: OwnQuiz,
  result: Exclude<Awaited<ReturnType<typeof editQuizQuestions>>, { ok: true }>,
): Promise<false> {
  await ctx.reply(result.reason === 'not-found' ? noSuchQuizText(ctx.t, own.quizId) : editRefusalText(ctx.t, result.refusal, own.quizId));
  return false;
}

/** The length of the `/edit` command entity a text or caption starts with, or 0 when it does not start with one. */
export function editCommandLength(text: string | undefined, entities: Message['entities']): number {
  const entity = entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!entity || !text) return 0;
  return /^\/edit(@\w+)?$/iu.test(text.slice(0, entity.length)) ? entity.length : 0;
}
