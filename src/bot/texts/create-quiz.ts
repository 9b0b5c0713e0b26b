/**
 * The texts of quiz creation: the one-message /newquiz and the guided flow's prompts and
 * confirmations. Plain text (no parse_mode), like every message of the bot; each one says
 * what the author can do next.
 */
import { preview } from '../../quiz/preview.js';
import type { QuizQuestion } from '../../quiz/question-check.js';
import { DEEP_LINK } from '../deep-links.js';
import { QUIZ_QUESTIONS_MAX, QUIZ_TITLE_MAX, type TitleProblem } from '../../quiz/quiz-title.js';
import { botLink, count, fitLines } from './format.js';

/** Problems listed at most; an author fixes the first ones and sends again. */
const PROBLEMS_SHOWN_MAX = 20;
const NEXT_STEP = 'Send the next one, /done to save or /cancel.';
/** Characters of a question shown in a confirmation. */
const PREVIEW_LENGTH = 60;

/** The reply to /done: the quiz is saved, and here is how to play it. */
export function quizCreatedText(q: { id: number; title: string; questionCount: number; botUsername: string }): string {
  return [
    `✅ Quiz "${q.title}" saved with ${count(q.questionCount, 'question')} (id ${q.id}).`,
    '',
    `Play it privately: ${botLink(q.botUsername, 'start', DEEP_LINK.quiz(q.id))}`,
    `Play it in a group: ${botLink(q.botUsername, 'startgroup', DEEP_LINK.quiz(q.id))}`,
    `In a group where I already am, an admin sends /startquiz ${q.id}`,
  ].join('\n');
}

/**
 * Why a quiz (or a question of the guided flow) was refused: every problem, up to a limit, then
 * `outcome`, what became of the message (the guided flow says what the draft still holds).
 */
export function quizProblemsText(problems: readonly string[], outcome = 'Nothing was saved; fix and send again.'): string {
  const head = problems.length === 1 ? '⚠️ Your quiz has a problem:' : `⚠️ Your quiz has ${problems.length} problems:`;
  return fitLines({
    head: [head, ''],
    lines: problems.slice(0, PROBLEMS_SHOWN_MAX).map((problem) => `• ${problem}`),
    total: problems.length,
    more: (n) => `…and ${n} more`,
    tail: ['', outcome],
  });
}

/** Why a text cannot be the quiz's title, as a clause ("the title must fit on one line"). */
export function titleProblemText(problem: TitleProblem): string {
  switch (problem.kind) {
    case 'empty':
      return 'the quiz has no title; write it right after /newquiz on the same line, e.g. /newquiz World capitals';
    case 'multiline':
      return 'the title must fit on one line';
    case 'too_long':
      return `the title is longer than ${QUIZ_TITLE_MAX} characters (${problem.length})`;
  }
}

/** /newquiz <title> with a title that cannot be one. */
export function titleRefusedText(problem: TitleProblem): string {
  return `Cannot use that title: ${titleProblemText(problem)}.`;
}

/** The guided flow asked for a title and got one that cannot be one. */
export function titleAnswerRefusedText(problem: TitleProblem): string {
  return `That cannot be the title: ${titleProblemText(problem)}. Send the quiz's title as one line, or /cancel.`;
}

/** The draft vanished between two statements (a /done on another instance): start afresh. */
export const DRAFT_GONE_TEXT = 'Please send /newquiz again.';

/** The guided flow's first question when /newquiz came without a title. */
export const ASK_TITLE_TEXT = `Let's create a quiz. What is its title? Send it as one line (up to ${QUIZ_TITLE_MAX} characters), or /cancel.`;

/** What the guided flow expects once the quiz has a title. */
export function askQuestionsText(title: string): string {
  return [
    `Creating "${title}". Now send the questions, one or several per message:`,
    '',
    '• a quiz poll: attach ➝ Poll, turn on "Quiz" mode and pick the correct answer(s);',
    '• or text: the question on the first line, each option on its own line starting with "- ", the correct one ending with " *", an optional "> " line to explain; a blank line between questions:',
    '',
    'Capital of France?',
    '- Berlin',
    '- Paris *',
    '> Paris has been the capital since 508.',
    '',
    '• or a photo with one such question as its caption: the picture is shown with the question.',
    '',
    '/done saves the quiz, /cancel drops it.',
  ].join('\n');
}

/** Confirms questions `firstNumber`... just added to the draft. */
export function questionsAddedText(questions: readonly QuizQuestion[], firstNumber: number): string {
  const [only] = questions;
  if (questions.length === 1 && only) {
    const shown = preview(only.text, PREVIEW_LENGTH);
    // "Capital of France?." reads badly: a question that ends a sentence already needs no stop.
    return `Question ${firstNumber} added: ${shown}${/[.?!…]$/u.test(shown) ? '' : '.'} ${NEXT_STEP}`;
  }
  const last = firstNumber + questions.length - 1;
  return [
    `Questions ${firstNumber}-${last} added:`,
    ...questions.map((q, i) => `${firstNumber + i}. ${preview(q.text, PREVIEW_LENGTH)}`),
    NEXT_STEP,
  ].join('\n');
}

/** The draft cannot take the questions of a message: the quiz would pass the limit. */
export function tooManyQuestionsText(has: number, adding: number): string {
  const room = Math.max(0, QUIZ_QUESTIONS_MAX - has);
  const fits = room === 0 ? 'it is full' : `there is room for ${room} more`;
  return `A quiz holds at most ${QUIZ_QUESTIONS_MAX} questions. Yours has ${has} and your message has ${adding}, but ${fits}. Nothing from that message was added. Send /done to save the quiz.`;
}

/**
 * What became of a guided-flow message that had a problem: nothing of it was added, and the
 * draft keeps the questions it had (so "Nothing was saved" would be wrong).
 */
export function draftKeptText(title: string, questionCount: number): string {
  if (questionCount === 0) return `Nothing from that message was added; "${title}" has no questions yet. Fix it and send it again.`;
  const has = questionCount === 1 ? '1 question' : `${questionCount} questions`;
  return `Nothing from that message was added; "${title}" still has ${has}. Fix it and send it again, or /done to save what you have.`;
}

/** /newquiz while a draft exists: it is not replaced. */
export function draftExistsText(title: string | null, questionCount: number): string {
  if (title === null) return 'You are already creating a quiz: send its title, or /cancel to drop it.';
  const has = questionCount === 1 ? '1 question' : `${questionCount} questions`;
  return `You are already creating "${title}" (${has}). Send more questions, /done to save it, or /cancel to drop it and start over.`;
}

/** /newquiz in a group without questions: the guided flow happens in private. */
export function createInPrivateText(botUsername: string): string {
  return [
    `Let's create your quiz in our private chat, where you can send the questions one by one: ${botLink(botUsername, 'start', DEEP_LINK.newQuiz)}`,
    '',
    'Or send it all here in one message: /newquiz <title>, then the questions from the next line (/help shows the format).',
  ].join('\n');
}

export const TITLE_FIRST_TEXT = "First send the quiz's title as a text message (one line), then the questions.";
export const NO_QUESTIONS_TEXT =
  'Your quiz has no questions yet. Send at least one (a quiz poll or a question in the text format), then /done.';
export const NO_DRAFT_TEXT = 'You are not creating a quiz right now. Start one with /newquiz <title>.';
export const DISCARDED_TEXT = 'Discarded. Nothing was saved.';
export const NOTHING_TO_CANCEL_TEXT = 'You are not creating a quiz, so there is nothing to cancel.';
export const POLL_WITHOUT_DRAFT_TEXT = 'To build a quiz from quiz polls, send /newquiz first, then send me the polls.';
export const PHOTO_WITHOUT_DRAFT_TEXT = 'To add a picture question, send /newquiz first, then the photo with the question as its caption.';
export const ONE_QUESTION_PER_PHOTO_TEXT =
  'A photo takes one question: its caption is the question on the first line and its options below. Send the others as text or as more photos.';
export const POLL_MEDIA_DROPPED_TEXT =
  "The poll's attachment was left out: a question can show a photo, a video or an animation, not other files or places.";
