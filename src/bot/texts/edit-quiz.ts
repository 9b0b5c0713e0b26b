/**
 * The texts of `/edit` (editing a quiz in private): the quiz with its numbered questions, the
 * help of the edit commands, what each edit did, and every refusal with the way to write it.
 * Plain text (no parse_mode), like every message of the bot.
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

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** One question in the list: "3. Capital of France? (4 options, 1 correct, 15 s, photo)". */
export function questionLine(number: number, q: EditedQuestionView): string {
  const notes = [plural(q.options.length, 'option'), `${q.correctOptionIds.length} correct`];
  if (q.openPeriodS !== null) notes.push(`${q.openPeriodS} s`);
  if (q.media) notes.push(q.media.type);
  return `${number}. ${preview(q.text, PREVIEW_LENGTH)} (${notes.join(', ')})`;
}

/** The edit commands of quiz `quizId`, short. */
export function editHelpText(quizId: number): string {
  return [
    'Change it:',
    `/edit ${quizId} title <new title>`,
    `/edit ${quizId} time <seconds per question>`,
    `/edit ${quizId} replace <n>, then the new question on the next lines`,
    `/edit ${quizId} insert <n>, then questions on the next lines (they go before question n)`,
    `/edit ${quizId} add, then questions on the next lines (they go at the end)`,
    `/edit ${quizId} delete <n>`,
    `/edit ${quizId} move <n> <m>`,
    'Questions are written as for /newquiz (/help shows the format). A quiz already running keeps the questions it started with.',
  ].join('\n');
}

/**
 * `/edit <id>`: the quiz, its numbered questions and the help, in as many messages as Telegram's
 * limit needs (a long quiz takes several; a line is never split).
 */
export function quizOverviewTexts(quiz: EditedQuizView, questions: readonly EditedQuestionView[]): string[] {
  const head = `✏️ Quiz ${quiz.id} "${quiz.title}": ${plural(questions.length, 'question')}, ${quiz.openPeriodS} s per question.`;
  const lines = [head, '', ...questions.map((q, i) => questionLine(i + 1, q)), '', editHelpText(quiz.id)];
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
export const EDIT_USAGE_TEXT = 'Which quiz? E.g. /edit 12 shows quiz 12 and how to change it (your quizzes: /myquizzes).';

/** `/edit` in a group. */
export const EDIT_IN_PRIVATE_TEXT = 'Quizzes are edited in a private chat with me (the questions show their answers): send /edit there.';

/** Why an `/edit` could not be read, with the way to write it. */
export function editCommandProblemText(problem: EditCommandProblem, quizId: number | null): string {
  const id = quizId ?? 12;
  switch (problem.kind) {
    case 'no_quiz':
      return problem.word === '' ? EDIT_USAGE_TEXT : `'${preview(problem.word, 32)}' is not a quiz id. ${EDIT_USAGE_TEXT}`;
    case 'unknown_action':
      return `I don't know how to '${preview(problem.word, 32)}' a quiz.\n\n${editHelpText(id)}`;
    case 'needs_number': {
      const what = problem.word === '' ? 'needs a question number' : `needs a question number, not '${preview(problem.word, 32)}'`;
      return `${problem.action} ${what}: ${actionExample(problem.action, id)}. /edit ${id} shows the numbers.`;
    }
    case 'needs_value':
      return problem.action === 'title'
        ? `Write the new title after the command: /edit ${id} title World capitals`
        : `Write the seconds per question after the command: /edit ${id} time 20 (or 1m30s)`;
    case 'needs_question':
      return `Write the question${problem.action === 'replace' ? '' : 's'} on the lines after the command, as for /newquiz: ${actionExample(problem.action, id)}`;
    case 'extra':
      return `'${preview(problem.text, 32)}' is more than ${problem.action === 'show' ? `/edit ${id}` : problem.action} takes: ${actionExample(problem.action, id)}`;
  }
}

function actionExample(action: string, id: number): string {
  switch (action) {
    case 'delete':
      return `/edit ${id} delete 3`;
    case 'move':
      return `/edit ${id} move 3 1 (question 3 becomes question 1)`;
    case 'replace':
      return `/edit ${id} replace 3, then on the next line the question, its options ("- " each, " *" after the correct one)`;
    case 'insert':
      return `/edit ${id} insert 3, then on the next lines the questions to put before question 3`;
    case 'add':
      return `/edit ${id} add, then on the next lines the questions to add at the end`;
    case 'title':
      return `/edit ${id} title World capitals`;
    case 'time':
      return `/edit ${id} time 20`;
    default:
      return `/edit ${id}`;
  }
}

/** Why an edit does not fit the quiz as it is now; nothing was changed. */
export function editRefusalText(refusal: EditRefusal, quizId: number): string {
  switch (refusal.kind) {
    case 'no_such_question':
      return `Quiz ${quizId} has no question ${refusal.number}: its questions are 1 to ${refusal.count}. /edit ${quizId} shows them. Nothing was changed.`;
    case 'no_such_place':
      return `Questions can go before question 1 to ${refusal.count + 1} (${refusal.count + 1}: at the end), not ${refusal.number}. Nothing was changed.`;
    case 'last_question':
      return `Question 1 is the only question of quiz ${quizId}, and a quiz needs at least one. Replace it (/edit ${quizId} replace 1) or delete the whole quiz in /myquizzes. Nothing was changed.`;
    case 'too_many': {
      const room = Math.max(0, refusal.max - refusal.count);
      const fits = room === 0 ? 'it is full' : `there is room for ${room} more`;
      return `A quiz holds at most ${refusal.max} questions. Quiz ${quizId} has ${refusal.count} and your message has ${refusal.adding}, but ${fits}. Nothing was changed.`;
    }
    case 'same_place':
      return `Question ${refusal.number} is already there. Nothing was changed.`;
  }
}

/** A block edit's text had problems: nothing was changed (the problems come first, quizProblemsText). */
export const EDIT_NOTHING_CHANGED_TEXT = 'Nothing was changed; fix it and send the command again.';

/** `replace` takes one question. */
export function replaceTakesOneText(blocks: number): string {
  return `replace takes one question, and your message has ${blocks}. To add questions, use insert or add.`;
}

/** What the quiz is now: its number of questions and the way back to the list. */
function nowText(quizId: number, count: number): string {
  return `Quiz ${quizId} now has ${plural(count, 'question')}. /edit ${quizId} shows them.`;
}

export function titleChangedText(quiz: EditedQuizView): string {
  return `✅ Quiz ${quiz.id} is now called "${quiz.title}".`;
}

export function openPeriodChangedText(quiz: EditedQuizView): string {
  return `✅ Questions of quiz ${quiz.id} now stay open ${quiz.openPeriodS} s (unless a question has its own time).`;
}

export function questionDeletedText(quizId: number, number: number, deleted: EditedQuestionView, count: number): string {
  return [`✅ Deleted question ${number}: ${preview(deleted.text, PREVIEW_LENGTH)}`, nowText(quizId, count)].join('\n');
}

export function questionMovedText(quizId: number, from: number, to: number, moved: EditedQuestionView, count: number): string {
  return [`✅ Question ${from} is now question ${to}:`, questionLine(to, moved), nowText(quizId, count)].join('\n');
}

export function questionReplacedText(quizId: number, number: number, question: EditedQuestionView, count: number): string {
  return [`✅ Replaced question ${number}:`, questionLine(number, question), nowText(quizId, count)].join('\n');
}

export function questionsInsertedText(
  quizId: number,
  numbers: readonly number[],
  questions: readonly EditedQuestionView[],
  count: number,
): string {
  const head =
    numbers.length === 1 ? `✅ Added question ${numbers[0]}:` : `✅ Added questions ${numbers[0]}-${numbers[numbers.length - 1]}:`;
  const shown = questions.slice(0, LISTED_MAX).map((q, i) => questionLine(numbers[i] ?? i + 1, q));
  const more = questions.length > LISTED_MAX ? [`…and ${questions.length - LISTED_MAX} more`] : [];
  return [head, ...shown, ...more, nowText(quizId, count)].join('\n');
}

/** `/edit <id> time` with a time that cannot be one. */
export function timeRefusedText(t: Translate, problem: OpenPeriodProblem): string {
  return `Cannot use that time: ${openPeriodProblemText(t, problem)}. Nothing was changed.`;
}

/** A photo captioned with an `/edit` that writes no question. */
export const PHOTO_EDIT_TEXT =
  'A photo goes with a question: caption it /edit 12 replace 3 (or insert 3, or add) and the question on the next lines. Nothing was changed.';
