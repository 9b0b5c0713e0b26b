/**
 * Reading `/edit <id> [action ...]` (a stateless command, so any replica can serve it): the
 * command's line names the quiz, the action and its numbers; the lines after it carry the
 * question blocks of `replace`, `insert` and `add` (src/quiz/quiz-text.ts reads them). Pure; the
 * bot's texts say each problem in words.
 *
 *     /edit 12                  the quiz and its questions
 *     /edit 12 title <title>    /edit 12 time <seconds>
 *     /edit 12 delete <n>       /edit 12 move <n> <m>
 *     /edit 12 replace <n>      /edit 12 insert <n>      /edit 12 add
 *     <question blocks>         (on the next lines)
 */

/** The actions of `/edit`, as the author types them. */
export const EDIT_ACTIONS = ['title', 'time', 'delete', 'move', 'replace', 'insert', 'add'] as const;
export type EditActionName = (typeof EDIT_ACTIONS)[number];

/** What an `/edit` asks for. Numbers are as the author wrote them; whether they exist is quiz-edit.ts's. */
export type EditCommand =
  | { kind: 'show' }
  /** The rest of the line, and the next lines if any (a title must be one line: the title check says so). */
  | { kind: 'title'; title: string }
  | { kind: 'time'; period: string }
  | { kind: 'delete'; number: number }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'replace'; number: number; body: string }
  /** `insert <n>`, or `add` (before: 'end'). */
  | { kind: 'insert'; before: number | 'end'; body: string };

/** Why an `/edit` cannot be read. */
export type EditCommandProblem =
  /** The first word is missing or not a quiz number. */
  | { kind: 'no_quiz'; word: string }
  | { kind: 'unknown_action'; word: string }
  /** A question number is missing ('') or not a number. */
  | { kind: 'needs_number'; action: 'delete' | 'move' | 'replace' | 'insert'; word: string }
  | { kind: 'needs_value'; action: 'title' | 'time' }
  /** No question block on the lines after the command. */
  | { kind: 'needs_question'; action: 'replace' | 'insert' | 'add' }
  /** Words after what the action takes, or lines after an action that takes none. */
  | { kind: 'extra'; action: EditActionName | 'show'; text: string };

export type ParsedEditCommand =
  { ok: true; quizId: number; command: EditCommand } | { ok: false; quizId: number | null; problem: EditCommandProblem };

/**
 * Reads an `/edit`: `line` is the rest of the command's line, `body` the lines after it (see
 * src/bot/handlers/new-quiz-input.ts, which splits a command message).
 *
 * @example parseEditCommand('12 move 3 1', '') // { ok: true, quizId: 12, command: { kind: 'move', from: 3, to: 1 } }
 */
export function parseEditCommand(line: string, body: string): ParsedEditCommand {
  const [idWord = '', actionWord, ...rest] = line.trim().split(/\s+/u);
  if (!/^\d{1,15}$/u.test(idWord)) return { ok: false, quizId: null, problem: { kind: 'no_quiz', word: idWord } };
  const quizId = Number(idWord);
  const fail = (problem: EditCommandProblem): ParsedEditCommand => ({ ok: false, quizId, problem });
  const done = (command: EditCommand): ParsedEditCommand => ({ ok: true, quizId, command });
  const hasBody = body.trim() !== '';
  if (actionWord === undefined) return hasBody ? fail({ kind: 'extra', action: 'show', text: body.trim() }) : done({ kind: 'show' });
  const action = EDIT_ACTIONS.find((name) => name === actionWord.toLowerCase());
  if (!action) return fail({ kind: 'unknown_action', word: actionWord });
  // The words after the action, as written (a title keeps its own spacing).
  const value = line.trim().slice(idWord.length).trim().slice(actionWord.length).trim();
  switch (action) {
    case 'title':
      if (value === '' && !hasBody) return fail({ kind: 'needs_value', action });
      return done({ kind: 'title', title: hasBody ? `${value}\n${body}` : value });
    case 'time':
      if (value === '') return fail({ kind: 'needs_value', action });
      if (hasBody) return fail({ kind: 'extra', action, text: body.trim() });
      return done({ kind: 'time', period: value });
    case 'delete':
    case 'replace':
    case 'insert': {
      const [word = '', ...more] = rest;
      const number = questionNumber(word);
      if (number === null) return fail({ kind: 'needs_number', action, word });
      if (more.length > 0) return fail({ kind: 'extra', action, text: more.join(' ') });
      if (action === 'delete') return hasBody ? fail({ kind: 'extra', action, text: body.trim() }) : done({ kind: 'delete', number });
      if (!hasBody) return fail({ kind: 'needs_question', action });
      return done(action === 'replace' ? { kind: 'replace', number, body } : { kind: 'insert', before: number, body });
    }
    case 'move': {
      const [fromWord = '', toWord = '', ...more] = rest;
      const from = questionNumber(fromWord);
      if (from === null) return fail({ kind: 'needs_number', action, word: fromWord });
      const to = questionNumber(toWord);
      if (to === null) return fail({ kind: 'needs_number', action, word: toWord });
      if (more.length > 0 || hasBody) return fail({ kind: 'extra', action, text: [...more, body.trim()].join(' ').trim() });
      return done({ kind: 'move', from, to });
    }
    case 'add':
      if (rest.length > 0) return fail({ kind: 'extra', action, text: rest.join(' ') });
      if (!hasBody) return fail({ kind: 'needs_question', action });
      return done({ kind: 'insert', before: 'end', body });
  }
}

/** A question number as typed (`3`, or `#3`); null when it is none. Up to 4 digits: more than a quiz holds. */
function questionNumber(word: string): number | null {
  const match = /^#?(\d{1,4})$/u.exec(word);
  return match ? Number(match[1]) : null;
}
