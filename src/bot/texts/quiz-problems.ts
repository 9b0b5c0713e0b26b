/**
 * The problems of a quiz text, a question or a time per question (src/quiz/quiz-problems.ts) in
 * words a quiz author understands ("option 'Mount Kilimanjaro in…' is longer than 100
 * characters"), each saying how to fix it. Words are in locales/<language>/quiz-problems.ftl.
 */
import type { Translate } from '../../i18n/translator.js';
import { RUN_OPEN_PERIOD_MAX_S } from '../../quiz/open-period.js';
import { preview } from '../../quiz/preview.js';
import type { OpenPeriodProblem, QuestionProblem, QuizProblem } from '../../quiz/quiz-problems.js';
import { POLL_LIMITS } from '../../quiz/telegram-poll-limits.js';

/**
 * A number of seconds in whole units, largest first, for messages.
 *
 * @example describeSeconds(t, 3) // '3 seconds'
 * @example describeSeconds(t, 3_660) // '1 hour 1 minute'
 */
export function describeSeconds(t: Translate, total: number): string {
  const whole = Math.max(0, Math.round(total));
  const hours = Math.floor(whole / 3_600);
  const minutes = Math.floor((whole % 3_600) / 60);
  const seconds = whole % 60;
  const shown = [
    ...(hours > 0 ? [t('quiz-problems-hours', { count: hours })] : []),
    ...(minutes > 0 ? [t('quiz-problems-minutes', { count: minutes })] : []),
    ...(seconds > 0 ? [t('quiz-problems-seconds', { count: seconds })] : []),
  ];
  return shown.length > 0 ? shown.join(' ') : t('quiz-problems-seconds', { count: 0 });
}

/** The range of a question's time, in words: 5 seconds to 10 minutes. */
function openPeriodRange(t: Translate): { min: string; max: string } {
  return { min: describeSeconds(t, POLL_LIMITS.openPeriodMinS), max: describeSeconds(t, RUN_OPEN_PERIOD_MAX_S) };
}

/** One problem, prefixed `Question <n>: ` when it is about one question. */
export function quizProblemText(t: Translate, p: QuizProblem): string {
  const problem = questionProblemText(t, p.problem);
  return p.question === null ? problem : t('quiz-problems-question', { number: String(p.question), problem });
}

/** A question's problem as a clause without the "Question N:" prefix. */
function questionProblemText(t: Translate, problem: QuestionProblem): string {
  switch (problem.kind) {
    case 'no_questions':
      return t('quiz-problems-no-questions');
    case 'option_as_question':
      return t('quiz-problems-option-as-question');
    case 'stray_line':
      return t('quiz-problems-stray-line', { line: problem.line });
    case 'text_empty':
      return t('quiz-problems-text-empty');
    case 'text_too_long':
      return t('quiz-problems-text-too-long', { max: problem.max, length: problem.length });
    case 'no_options':
      return t('quiz-problems-no-options');
    case 'too_many_options':
      return t('quiz-problems-too-many-options', { count: problem.count, max: problem.max });
    case 'option_empty':
      return t('quiz-problems-option-empty');
    case 'option_too_long':
      return t('quiz-problems-option-too-long', { option: preview(problem.option), max: problem.max, length: problem.length });
    case 'option_twice':
      return t('quiz-problems-option-twice', { option: preview(problem.option) });
    case 'no_correct_option':
      return t('quiz-problems-no-correct-option');
    case 'correct_option_missing':
      return t('quiz-problems-correct-option-missing');
    case 'explanation_too_long':
      return t('quiz-problems-explanation-too-long', { max: problem.max, length: problem.length });
    case 'explanation_too_many_lines':
      return t('quiz-problems-explanation-too-many-lines', { lines: problem.lines, max: problem.max });
    case 'open_period_out_of_range':
      return t('quiz-problems-open-period-out-of-range', { time: describeSeconds(t, problem.seconds), ...openPeriodRange(t) });
    case 'regular_poll':
      return t('quiz-problems-regular-poll');
    case 'correct_answer_hidden':
      return t('quiz-problems-correct-answer-hidden');
  }
}

/** Why a time per question cannot be used. */
export function openPeriodProblemText(t: Translate, problem: OpenPeriodProblem): string {
  if (problem.kind === 'not_a_period') return t('quiz-problems-not-a-period', { text: preview(problem.text) });
  return t('quiz-problems-period-out-of-range', { text: preview(problem.text), ...openPeriodRange(t) });
}
