/**
 * The problems of a quiz text, a question or a time per question (src/quiz/quiz-problems.ts) in
 * words a quiz author understands ("option 'Mount Kilimanjaro in…' is longer than 100
 * characters"), each saying how to fix it.
 */
import { RUN_OPEN_PERIOD_MAX_S } from '../../quiz/open-period.js';
import { preview } from '../../quiz/preview.js';
import type { OpenPeriodProblem, QuestionProblem, QuizProblem } from '../../quiz/quiz-problems.js';
import { POLL_LIMITS } from '../../quiz/telegram-poll-limits.js';

/**
 * A number of seconds in whole units, largest first, for messages.
 *
 * @example describeSeconds(3) // '3 seconds'
 * @example describeSeconds(3_660) // '1 hour 1 minute'
 */
export function describeSeconds(total: number): string {
  const whole = Math.max(0, Math.round(total));
  const parts: [number, string][] = [
    [Math.floor(whole / 3_600), 'hour'],
    [Math.floor((whole % 3_600) / 60), 'minute'],
    [whole % 60, 'second'],
  ];
  const shown = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`);
  return shown.length > 0 ? shown.join(' ') : '0 seconds';
}

/** The range of a question's time, in whole units: "5 seconds and 10 minutes". */
const RUN_OPEN_PERIOD_RANGE = `${describeSeconds(POLL_LIMITS.openPeriodMinS)} and ${describeSeconds(RUN_OPEN_PERIOD_MAX_S)}`;

/** One problem, prefixed `Question <n>: ` when it is about one question. */
export function quizProblemText(p: QuizProblem): string {
  return p.question === null ? questionProblemText(p.problem) : `Question ${p.question}: ${questionProblemText(p.problem)}`;
}

/** A question's problem as a clause without the "Question N:" prefix. */
function questionProblemText(problem: QuestionProblem): string {
  switch (problem.kind) {
    case 'no_questions':
      return 'No questions found. Write the question on one line, then each option on its own line starting with "- ", and end the correct one with " *".';
    case 'option_as_question':
      return 'the first line must be the question, not an option';
    case 'stray_line':
      return `the line '${problem.line}' is neither an option (start it with "- ") nor an explanation (start it with "> "); put a blank line before a new question`;
    case 'text_empty':
      return 'the question text is empty';
    case 'text_too_long':
      return `the question is longer than ${problem.max} characters (${problem.length})`;
    case 'no_options':
      return 'it has no options (write each on its own line starting with "- ")';
    case 'too_many_options':
      return `it has ${problem.count} options; Telegram allows at most ${problem.max}`;
    case 'option_empty':
      return 'an option is empty';
    case 'option_too_long':
      return `option '${preview(problem.option)}' is longer than ${problem.max} characters (${problem.length})`;
    case 'option_twice':
      return `option '${preview(problem.option)}' appears twice`;
    case 'no_correct_option':
      return 'no option is marked correct (end the correct one with " *")';
    case 'correct_option_missing':
      return 'a correct answer points to no option';
    case 'explanation_too_long':
      return `the explanation is longer than ${problem.max} characters (${problem.length})`;
    case 'explanation_too_many_lines':
      return `the explanation has ${problem.lines} lines; Telegram allows at most ${problem.max}`;
    case 'open_period_out_of_range':
      return `its time limit is ${describeSeconds(problem.seconds)}; a question stays open between ${RUN_OPEN_PERIOD_RANGE}`;
    case 'regular_poll':
      return 'this is a regular poll, not a quiz; create it again with "Quiz" mode turned on in the poll composer and pick the correct answer';
    case 'correct_answer_hidden':
      return "Telegram did not tell me this quiz's correct answer (it hides it in forwarded quizzes); create the quiz here with the poll composer instead of forwarding it";
  }
}

/** Why a time per question cannot be used. */
export function openPeriodProblemText(problem: OpenPeriodProblem): string {
  if (problem.kind === 'not_a_period')
    return `'${preview(problem.text)}' is not a time per question; write seconds (15 or 15s), minutes (2m) or both (1m30s)`;
  return `the time per question must be between ${RUN_OPEN_PERIOD_RANGE}, got '${preview(problem.text)}'`;
}
