/**
 * The guided quiz creation, in a private chat: /newquiz [title], the title if it was not
 * given, then questions as quiz polls or text blocks (several per message allowed), then /done
 * or /cancel. The draft lives in the database (quiz_drafts), so a restart or another instance
 * picks up the next message; each step is one atomic statement there.
 */
import type { Message, PhotoSize, PollMedia } from 'grammy/types';
import { questionFromPoll } from '../../quiz/poll-question.js';
import type { QuestionMedia, QuizQuestion } from '../../quiz/question-check.js';
import type { QuizProblem } from '../../quiz/quiz-problems.js';
import { parseQuizText } from '../../quiz/quiz-text.js';
import { checkQuizTitle, QUIZ_QUESTIONS_MAX } from '../../quiz/quiz-title.js';
import {
  appendQuizDraftQuestions,
  createQuizDraft,
  deleteQuizDraft,
  getQuizDraft,
  saveQuizDraft,
  setQuizDraftTitle,
} from '../../store/queries/quiz-drafts.js';
import type { QuizDraft } from '../../store/schema/quiz-drafts.js';
import type { BotContext } from '../context.js';
import {
  askQuestionsText,
  askTitleText,
  discardedText,
  draftExistsText,
  draftGoneText,
  draftKeptText,
  noDraftText,
  noQuestionsText,
  nothingToCancelText,
  oneQuestionPerPhotoText,
  photoWithoutDraftText,
  pollMediaDroppedText,
  pollWithoutDraftText,
  questionsAddedText,
  quizCreatedText,
  quizProblemsText,
  titleAnswerRefusedText,
  titleFirstText,
  titleRefusedText,
  tooManyQuestionsText,
} from '../texts/create-quiz.js';
import { quizProblemText } from '../texts/quiz-problems.js';

/**
 * Starts a draft, with `rawTitle` as its title unless empty (then the bot asks for it). A draft
 * the user already has is kept, and the user is told how to go on with it.
 */
export async function startGuidedQuiz(ctx: BotContext, rawTitle: string): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  let title: string | null = null;
  if (rawTitle.trim() !== '') {
    const checked = checkQuizTitle(rawTitle);
    if (!checked.ok) {
      await ctx.reply(titleRefusedText(ctx.t, checked.problem));
      return;
    }
    title = checked.title;
  }
  const { db } = ctx.deps;
  if (!(await createQuizDraft(db, { userId, title }))) {
    const draft = await getQuizDraft(db, userId);
    // Gone between the two statements (a /done on another instance): start afresh next time.
    await ctx.reply(draft ? draftExistsText(ctx.t, draft.title, draft.questions.length) : draftGoneText(ctx.t));
    return;
  }
  await ctx.reply(title === null ? askTitleText(ctx.t) : askQuestionsText(ctx.t, title));
}

/**
 * A text message in the private chat: the title or questions of the user's draft. Commands
 * and messages of users who are not creating a quiz go on to the next handlers.
 */
export async function addDraftText(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  const message = ctx.message;
  const userId = ctx.from?.id;
  if (!message?.text || userId === undefined || startsWithCommand(message)) return next();
  const { db } = ctx.deps;
  const draft = await getQuizDraft(db, userId);
  if (!draft) return next();

  if (draft.title === null) {
    const checked = checkQuizTitle(message.text);
    if (!checked.ok) {
      await ctx.reply(titleAnswerRefusedText(ctx.t, checked.problem));
      return;
    }
    await setQuizDraftTitle(db, { userId, title: checked.title });
    await ctx.reply(askQuestionsText(ctx.t, checked.title));
    return;
  }
  const parsed = parseQuizText(message.text, draft.questions.length + 1);
  if (!parsed.ok) {
    await ctx.reply(problemsKeptText(ctx, parsed.problems, draft.title, draft.questions.length));
    return;
  }
  await appendQuestions(ctx, userId, parsed.questions);
}

/** A poll sent in the private chat: a question of the user's draft when it is a valid quiz. */
export async function addDraftPoll(ctx: BotContext): Promise<void> {
  const poll = ctx.message?.poll;
  const userId = ctx.from?.id;
  if (!poll || userId === undefined) return;
  const draft = await draftWithTitle(ctx, userId, pollWithoutDraftText(ctx.t));
  if (!draft) return;
  const result = questionFromPoll(
    {
      question: poll.question,
      options: poll.options.map((option) => option.text),
      type: poll.type,
      correctOptionIds: poll.correct_option_ids,
      explanation: poll.explanation,
      openPeriod: poll.open_period,
      isAnonymous: poll.is_anonymous,
    },
    draft.questions.length + 1,
  );
  if (!result.ok) {
    await ctx.reply(problemsKeptText(ctx, result.problems, draft.title, draft.questions.length));
    return;
  }
  // Bot API 10.0: the poll's picture, video or animation (and its explanation's) come along.
  const media = questionMediaOf(poll.media);
  const explanationMedia = questionMediaOf(poll.explanation_media);
  const question = {
    ...result.question,
    ...(media ? { media } : {}),
    ...(explanationMedia ? { explanationMedia } : {}),
  };
  const dropped = (poll.media !== undefined && !media) || (poll.explanation_media !== undefined && !explanationMedia);
  await appendQuestions(ctx, userId, [question], dropped ? pollMediaDroppedText(ctx.t) : undefined);
}

/**
 * A photo sent in the private chat: its caption is one question block (the text format) and the
 * photo is shown with that question (Bot API 10.0 poll media, by the largest size's file_id).
 * A caption that is missing or not a valid block gets the same problem texts as a text message.
 */
export async function addDraftPhoto(ctx: BotContext): Promise<void> {
  const message = ctx.message;
  const userId = ctx.from?.id;
  if (!message?.photo || userId === undefined) return;
  const draft = await draftWithTitle(ctx, userId, photoWithoutDraftText(ctx.t));
  if (!draft) return;
  const parsed = parseQuizText(message.caption ?? '', draft.questions.length + 1);
  if (!parsed.ok) {
    await ctx.reply(problemsKeptText(ctx, parsed.problems, draft.title, draft.questions.length));
    return;
  }
  const [question, ...more] = parsed.questions;
  if (!question || more.length > 0) {
    await ctx.reply(quizProblemsText(ctx.t, [oneQuestionPerPhotoText(ctx.t)], draftKeptText(ctx.t, draft.title, draft.questions.length)));
    return;
  }
  await appendQuestions(ctx, userId, [{ ...question, media: photoMedia(message.photo) }]);
}

/** /done: the draft becomes a quiz, atomically, or the user is told what is missing. */
export async function finishDraft(ctx: BotContext): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  const saved = await saveQuizDraft(ctx.deps.db, userId);
  if (!saved.ok) {
    const reasons = { 'no-draft': noDraftText, 'no-title': titleFirstText, 'no-questions': noQuestionsText } as const;
    await ctx.reply(reasons[saved.reason](ctx.t));
    return;
  }
  ctx.logger.info({ quizId: saved.quiz.id, ownerId: userId, questions: saved.questionCount, guided: true }, 'Quiz created');
  await ctx.reply(
    quizCreatedText(ctx.t, {
      id: saved.quiz.id,
      title: saved.quiz.title,
      questionCount: saved.questionCount,
      botUsername: ctx.me.username,
    }),
  );
}

/** /cancel: drops the draft. */
export async function cancelDraft(ctx: BotContext): Promise<void> {
  const userId = ctx.from?.id;
  if (userId === undefined) return;
  await ctx.reply((await deleteQuizDraft(ctx.deps.db, userId)) ? discardedText(ctx.t) : nothingToCancelText(ctx.t));
}

/**
 * The user's draft, when it can take questions (it has a title); otherwise the user is told why
 * (`withoutDraftText` when there is none) and undefined is returned.
 */
async function draftWithTitle(
  ctx: BotContext,
  userId: number,
  withoutDraftText: string,
): Promise<(QuizDraft & { title: string }) | undefined> {
  const draft = await getQuizDraft(ctx.deps.db, userId);
  if (!draft) {
    await ctx.reply(withoutDraftText);
    return undefined;
  }
  if (draft.title === null) {
    await ctx.reply(titleFirstText(ctx.t));
    return undefined;
  }
  return { ...draft, title: draft.title };
}

/** Adds questions to the draft and says so; `note` (something of the message that was not kept) goes on the confirmation. */
async function appendQuestions(ctx: BotContext, userId: number, questions: QuizQuestion[], note?: string): Promise<void> {
  const result = await appendQuizDraftQuestions(ctx.deps.db, { userId, questions, maxQuestions: QUIZ_QUESTIONS_MAX });
  if (result.ok) {
    const added = questionsAddedText(ctx.t, questions, result.questionCount - questions.length + 1);
    await ctx.reply(note === undefined ? added : `${added}\n${note}`);
  } else if (result.reason === 'too-many') {
    await ctx.reply(tooManyQuestionsText(ctx.t, result.questionCount, questions.length));
  } else {
    await ctx.reply(result.reason === 'no-title' ? titleFirstText(ctx.t) : noDraftText(ctx.t));
  }
}

/** A guided-flow message's problems, and that the draft keeps what it had. */
function problemsKeptText(ctx: BotContext, problems: readonly QuizProblem[], title: string, questionCount: number): string {
  return quizProblemsText(
    ctx.t,
    problems.map((problem) => quizProblemText(ctx.t, problem)),
    draftKeptText(ctx.t, title, questionCount),
  );
}

/** What of a poll's media a question can show again, by file_id: a photo (its largest size), a video or an animation. */
function questionMediaOf(media: PollMedia | undefined): QuestionMedia | undefined {
  if (media?.photo !== undefined && media.photo.length > 0) return photoMedia(media.photo);
  if (media?.video !== undefined) return { type: 'video', source: media.video.file_id };
  if (media?.animation !== undefined) return { type: 'animation', source: media.animation.file_id };
  return undefined;
}

/**
 * A photo as a question shows it: its biggest size's file_id (Telegram lists the sizes smallest
 * first; the area decides, not the order). Also what a photo captioned `/edit ... replace` shows.
 */
export function photoMedia(sizes: readonly PhotoSize[]): QuestionMedia {
  const largest = sizes.reduce((best, size) => (size.width * size.height > best.width * best.height ? size : best));
  return { type: 'photo', source: largest.file_id };
}

function startsWithCommand(message: Message): boolean {
  return message.entities?.some((entity) => entity.type === 'bot_command' && entity.offset === 0) ?? false;
}
