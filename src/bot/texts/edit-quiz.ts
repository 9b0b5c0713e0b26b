/**
 * The texts of `/edit` (editing a quiz in private): the quiz with its numbered questions, the
 * help of the edit commands, what each edit did, and every refusal with the way to write it
 * (locales/<language>/edit-quiz.ftl). Plain text (no parse_mode), like every message of the bot.
 * Quiz ids and question numbers go to Fluent as strings (never "1,000"); counts as numbers.
 */
import type { Translate } from '../../i18n/translator.js';
import type { EditCommandProblem } from '../../quiz/edit-command.js';
import { preview } from '../../quiz/preview.js';
import type { EditRefusal } from '../../quiz/quiz-edit.js';
import type { OpenPeriodProblem } from '../../quiz/quiz-problems.js';
import { MESSAGE_MAX } from './format.js';
import { openPeriodProblemText } from './quiz-problems.js';

/** Characters of a question shown in a list or a confirmation (as in the creation flow). */
const PREVIEW_LENGTH = 60;
/** Questions listed in a confirmation (a line is at most about 100 characters: well within a message). */
const LISTED_MAX = 20;
/** The quiz id the examples show when the command named none. */
const EXAMPLE_QUIZ_ID = 12;

/** What the edit texts show of a question. */
export interface EditedQuestionView {
  text: string;
  options: readonly string[];
  correctOptionIds: readonly number[];
  /** Its own seconds, when it has them. */
  openPeriodS: number | null;
  media: { type: string } | null;
}

/** What the edit texts show of a quiz. */
export interface EditedQuizView {
  id: number;
  title: string;
  openPeriodS: number;
}

/** One question in the list: "3. Capital of France? (4 options, 1 correct, 15 s, photo)". */
export function questionLine(t: Translate, number: number, q: EditedQuestionView): string {
  const notes = [
    t('edit-quiz-note-options', { count: q.options.length }),
    t('edit-quiz-note-correct', { count: q.correctOptionIds.length }),
  ];
  if (q.openPeriodS !== null) notes.push(t('edit-quiz-note-seconds', { seconds: q.openPeriodS }));
  if (q.media) notes.push(t('edit-quiz-note-media', { type: q.media.type }));
  return t('edit-quiz-question-line', { number: String(number), question: preview(q.text, PREVIEW_LENGTH), notes: notes.join(', ') });
}

/** The edit commands of quiz `quizId`, short. */
function editHelpText(t: Translate, quizId: number): string {
  return t('edit-quiz-help', { id: String(quizId) });
}

/**
 * `/edit <id>`: the quiz, its numbered questions and the help, in as many messages as Telegram's
 * limit needs (a long quiz takes several; a line is never split).
 */
export function quizOverviewTexts(t: Translate, quiz: EditedQuizView, questions: readonly EditedQuestionView[]): string[] {
  const head = t('edit-quiz-overview-head', {
    id: String(quiz.id),
    title: quiz.title,
    questions: questions.length,
    seconds: quiz.openPeriodS,
  });
  const lines = [head, '', ...questions.map((q, i) => questionLine(t, i + 1, q)), '', editHelpText(t, quiz.id)];
  const messages: string[] = [];
  let current = '';
  for (const line of lines) {
    const joined = current === '' ? line : `${current}\n${line}`;
    if (joined.length <= MESSAGE_MAX) {
      current = joined;
      continue;
    }
    messages.push(current);
    current = line;
  }
  if (current.trim() !== '') messages.push(current);
  return messages;
}

/** The usage, when `/edit` names no quiz. */
function editUsageText(t: Translate): string {
  return t('edit-quiz-usage');
}

/** `/edit` in a group. */
export function editInPrivateText(t: Translate): string {
  return t('edit-quiz-in-private');
}

/** Why an `/edit` could not be read, with the way to write it. */
export function editCommandProblemText(t: Translate, problem: EditCommandProblem, quizId: number | null): string {
  const id = String(quizId ?? EXAMPLE_QUIZ_ID);
  const example = (action: string): string => t('edit-quiz-example', { action, id });
  switch (problem.kind) {
    case 'no_quiz':
      return problem.word === '' ? editUsageText(t) : t('edit-quiz-not-an-id', { word: preview(problem.word, 32) });
    case 'unknown_action':
      return `${t('edit-quiz-unknown-action', { word: preview(problem.word, 32) })}\n\n${editHelpText(t, quizId ?? EXAMPLE_QUIZ_ID)}`;
    case 'needs_number':
      return problem.word === ''
        ? t('edit-quiz-needs-number', { action: problem.action, example: example(problem.action), id })
        : t('edit-quiz-needs-number-not', {
            action: problem.action,
            word: preview(problem.word, 32),
            example: example(problem.action),
            id,
          });
    case 'needs_value':
      return problem.action === 'title'
        ? t('edit-quiz-needs-title', { example: example('title') })
        : t('edit-quiz-needs-time', { example: example('time') });
    case 'needs_question':
      return t('edit-quiz-needs-question', { action: problem.action, example: example(problem.action) });
    case 'extra':
      return t('edit-quiz-extra', { text: preview(problem.text, 32), action: problem.action, id, example: example(problem.action) });
  }
}

/** Why an edit does not fit the quiz as it is now; nothing was changed. */
export function editRefusalText(t: Translate, refusal: EditRefusal, quizId: number): string {
  const id = String(quizId);
  switch (refusal.kind) {
    case 'no_such_question':
      return t('edit-quiz-no-such-question', { id, number: String(refusal.number), count: String(refusal.count) });
    case 'no_such_place':
      return t('edit-quiz-no-such-place', { end: String(refusal.count + 1), number: String(refusal.number) });
    case 'last_question':
      return t('edit-quiz-last-question', { id });
    case 'too_many':
      return t('edit-quiz-too-many', {
        id,
        max: refusal.max,
        count: refusal.count,
        adding: refusal.adding,
        room: Math.max(0, refusal.max - refusal.count),
      });
    case 'same_place':
      return t('edit-quiz-same-place', { number: String(refusal.number) });
  }
}

/** A block edit's text had problems: nothing was changed (the problems come first, quizProblemsText). */
export function editNothingChangedText(t: Translate): string {
  return t('edit-quiz-nothing-changed');
}

/** `replace` takes one question. */
export function replaceTakesOneText(t: Translate, blocks: number): string {
  return t('edit-quiz-replace-takes-one', { count: blocks });
}

/** What the quiz is now: its number of questions and the way back to the list. */
function nowText(t: Translate, quizId: number, count: number): string {
  return t('edit-quiz-now', { id: String(quizId), count });
}

export function titleChangedText(t: Translate, quiz: EditedQuizView): string {
  return t('edit-quiz-title-changed', { id: String(quiz.id), title: quiz.title });
}

export function openPeriodChangedText(t: Translate, quiz: EditedQuizView): string {
  return t('edit-quiz-time-changed', { id: String(quiz.id), seconds: quiz.openPeriodS });
}

export function questionDeletedText(t: Translate, quizId: number, number: number, deleted: EditedQuestionView, count: number): string {
  return [
    t('edit-quiz-deleted', { number: String(number), question: preview(deleted.text, PREVIEW_LENGTH) }),
    nowText(t, quizId, count),
  ].join('\n');
}

export function questionMovedText(
  t: Translate,
  quizId: number,
  from: number,
  to: number,
  moved: EditedQuestionView,
  count: number,
): string {
  return [t('edit-quiz-moved', { from: String(from), to: String(to) }), questionLine(t, to, moved), nowText(t, quizId, count)].join('\n');
}

export function questionReplacedText(t: Translate, quizId: number, number: number, question: EditedQuestionView, count: number): string {
  return [t('edit-quiz-replaced', { number: String(number) }), questionLine(t, number, question), nowText(t, quizId, count)].join('\n');
}

export function questionsInsertedText(
  t: Translate,
  quizId: number,
  numbers: readonly number[],
  questions: readonly EditedQuestionView[],
  count: number,
): string {
  const head =
    numbers.length === 1
      ? t('edit-quiz-added-one', { number: String(numbers[0]) })
      : t('edit-quiz-added-many', { first: String(numbers[0]), last: String(numbers[numbers.length - 1]) });
  const shown = questions.slice(0, LISTED_MAX).map((q, i) => questionLine(t, numbers[i] ?? i + 1, q));
  const more = questions.length > LISTED_MAX ? [t('edit-quiz-added-more', { count: questions.length - LISTED_MAX })] : [];
  return [head, ...shown, ...more, nowText(t, quizId, count)].join('\n');
}

/** `/edit <id> time` with a time that cannot be one. */
export function timeRefusedText(t: Translate, problem: OpenPeriodProblem): string {
  return t('edit-quiz-time-refused', { problem: openPeriodProblemText(t, problem) });
}

/** A photo captioned with an `/edit` that writes no question. */
export function photoEditText(t: Translate): string {
  return t('edit-quiz-photo-without-question');
}
