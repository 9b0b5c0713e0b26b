/**
 * The texts of quiz creation: the one-message /newquiz and the guided flow's prompts and
 * confirmations. Plain text (no parse_mode), like every message of the bot; each one says
 * what the author can do next. Words are in locales/<language>/create-quiz.ftl.
 */
import type { Translate } from '../../i18n/translator.js';
import { preview } from '../../quiz/preview.js';
import type { QuizQuestion } from '../../quiz/question-check.js';
import { DEEP_LINK } from '../deep-links.js';
import { QUIZ_QUESTIONS_MAX, QUIZ_TITLE_MAX, type TitleProblem } from '../../quiz/quiz-title.js';
import { botLink, fitLines } from './format.js';

/** Problems listed at most; an author fixes the first ones and sends again. */
const PROBLEMS_SHOWN_MAX = 20;
/** Characters of a question shown in a confirmation. */
const PREVIEW_LENGTH = 60;

/** The reply to /done: the quiz is saved, and here is how to play it. */
export function quizCreatedText(t: Translate, q: { id: number; title: string; questionCount: number; botUsername: string }): string {
  return t('create-quiz-created', {
    title: q.title,
    questions: q.questionCount,
    id: String(q.id),
    privateLink: botLink(q.botUsername, 'start', DEEP_LINK.quiz(q.id)),
    groupLink: botLink(q.botUsername, 'startgroup', DEEP_LINK.quiz(q.id)),
  });
}

/**
 * Why a quiz (or a question of the guided flow) was refused: every problem, up to a limit, then
 * `outcome`, what became of the message (the guided flow says what the draft still holds);
 * by default, that nothing was saved.
 */
export function quizProblemsText(t: Translate, problems: readonly string[], outcome = t('create-quiz-nothing-saved')): string {
  return fitLines({
    head: [t('create-quiz-problems-head', { count: problems.length }), ''],
    lines: problems.slice(0, PROBLEMS_SHOWN_MAX).map((problem) => `• ${problem}`),
    total: problems.length,
    more: (n) => t('create-quiz-problems-more', { count: n }),
    tail: ['', outcome],
  });
}

/** Why a text cannot be the quiz's title, as a clause ("the title must fit on one line"). */
export function titleProblemText(t: Translate, problem: TitleProblem): string {
  switch (problem.kind) {
    case 'empty':
      return t('create-quiz-title-empty');
    case 'multiline':
      return t('create-quiz-title-multiline');
    case 'too_long':
      return t('create-quiz-title-too-long', { max: QUIZ_TITLE_MAX, length: problem.length });
  }
}

/** A title's problem as one of a list of problems: "Title: the title must fit on one line". */
export function titleProblemLineText(t: Translate, problem: TitleProblem): string {
  return t('create-quiz-problem-title', { problem: titleProblemText(t, problem) });
}

/** A one-message quiz with more question blocks than a quiz holds, as one of a list of problems. */
export function tooManyBlocksProblemText(t: Translate, blocks: number): string {
  return t('create-quiz-problem-too-many-blocks', { count: blocks, max: QUIZ_QUESTIONS_MAX });
}

/** /newquiz <title> with a title that cannot be one. */
export function titleRefusedText(t: Translate, problem: TitleProblem): string {
  return t('create-quiz-title-refused', { problem: titleProblemText(t, problem) });
}

/** The guided flow asked for a title and got one that cannot be one. */
export function titleAnswerRefusedText(t: Translate, problem: TitleProblem): string {
  return t('create-quiz-title-answer-refused', { problem: titleProblemText(t, problem) });
}

/** The draft vanished between two statements (a /done on another instance): start afresh. */
export function draftGoneText(t: Translate): string {
  return t('create-quiz-draft-gone');
}

/** The guided flow's first question when /newquiz came without a title. */
export function askTitleText(t: Translate): string {
  return t('create-quiz-ask-title', { max: QUIZ_TITLE_MAX });
}

/** What the guided flow expects once the quiz has a title. */
export function askQuestionsText(t: Translate, title: string): string {
  return t('create-quiz-ask-questions', { title });
}

/** Confirms questions `firstNumber`... just added to the draft. */
export function questionsAddedText(t: Translate, questions: readonly QuizQuestion[], firstNumber: number): string {
  const [only] = questions;
  if (questions.length === 1 && only) {
    const shown = preview(only.text, PREVIEW_LENGTH);
    // "Capital of France?." reads badly: a question that ends a sentence already needs no stop.
    const question = /[.?!…]$/u.test(shown) ? shown : `${shown}.`;
    return t('create-quiz-question-added', { number: String(firstNumber), question });
  }
  const last = firstNumber + questions.length - 1;
  return [
    t('create-quiz-questions-added', { first: String(firstNumber), last: String(last) }),
    ...questions.map((q, i) => `${firstNumber + i}. ${preview(q.text, PREVIEW_LENGTH)}`),
    t('create-quiz-next-step'),
  ].join('\n');
}

/** The draft cannot take the questions of a message: the quiz would pass the limit. */
export function tooManyQuestionsText(t: Translate, has: number, adding: number): string {
  const room = Math.max(0, QUIZ_QUESTIONS_MAX - has);
  return t('create-quiz-too-many-questions', { max: QUIZ_QUESTIONS_MAX, has, adding, room });
}

/**
 * What became of a guided-flow message that had a problem: nothing of it was added, and the
 * draft keeps the questions it had (so "Nothing was saved" would be wrong).
 */
export function draftKeptText(t: Translate, title: string, questionCount: number): string {
  return t('create-quiz-draft-kept', { title, questions: questionCount });
}

/** /newquiz while a draft exists: it is not replaced. */
export function draftExistsText(t: Translate, title: string | null, questionCount: number): string {
  if (title === null) return t('create-quiz-draft-exists-untitled');
  return t('create-quiz-draft-exists', { title, questions: questionCount });
}

/** /newquiz in a group without questions: the guided flow happens in private. */
export function createInPrivateText(t: Translate, botUsername: string): string {
  return t('create-quiz-in-private', { link: botLink(botUsername, 'start', DEEP_LINK.newQuiz) });
}

/** /done or a question before the draft has its title. */
export function titleFirstText(t: Translate): string {
  return t('create-quiz-title-first');
}

/** /done on a draft without questions. */
export function noQuestionsText(t: Translate): string {
  return t('create-quiz-no-questions');
}

/** /done, or questions arriving, without a draft. */
export function noDraftText(t: Translate): string {
  return t('create-quiz-no-draft');
}

/** /cancel dropped the draft. */
export function discardedText(t: Translate): string {
  return t('create-quiz-discarded');
}

export function nothingToCancelText(t: Translate): string {
  return t('create-quiz-nothing-to-cancel');
}

/** A quiz poll sent in private with no draft to take it. */
export function pollWithoutDraftText(t: Translate): string {
  return t('create-quiz-poll-without-draft');
}

/** A photo sent in private with no draft to take it. */
export function photoWithoutDraftText(t: Translate): string {
  return t('create-quiz-photo-without-draft');
}

/** A photo whose caption holds several questions: the problem, in a list of problems. */
export function oneQuestionPerPhotoText(t: Translate): string {
  return t('create-quiz-one-question-per-photo');
}

/** Added to a confirmation when a poll's attachment is of a kind a question cannot show. */
export function pollMediaDroppedText(t: Translate): string {
  return t('create-quiz-poll-media-dropped');
}
