/**
 * The problems of one question read from a CSV row or a JSON object: Telegram's poll limits
 * (questionProblems), each placed on the question's line and, for an option's problem, on the
 * option's number, so that "line 14: option 5 is longer than 100 characters" can be said.
 */
import { questionProblems, type QuizQuestion } from '../question-check.js';
import type { QuestionProblem } from '../quiz-problems.js';
import { POLL_LIMITS } from '../telegram-poll-limits.js';
import type { QuizFileProblem } from './quiz-file-problems.js';

/** Every problem of `question`, number `number` of the file, whose row or object starts on `line`. */
export function placedQuestionProblems(question: QuizQuestion, number: number, line: number | null): QuizFileProblem[] {
  const checked = withOptionsThatFit(question);
  const problems = questionProblems(checked);
  if (checked !== question) problems.unshift({ kind: 'too_many_options', count: question.options.length, max: POLL_LIMITS.optionsMax });
  const located = locateOptions(checked, problems);
  return located.map(({ problem, option }) => ({ line, question: number, ...(option !== undefined ? { option } : {}), problem }));
}

/**
 * The question with only the options Telegram allows, when it has more: a JSON list of a
 * million options would otherwise be a million problems (the caller reports the count). Correct
 * numbers that point to no option still do; those of options cut off are dropped.
 */
function withOptionsThatFit(question: QuizQuestion): QuizQuestion {
  const max = POLL_LIMITS.optionsMax;
  if (question.options.length <= max) return question;
  const valid = (id: number) => Number.isInteger(id) && id >= 0 && id < question.options.length;
  const kept = question.correctOptionIds.filter((id) => !valid(id) || id < max);
  // A question whose correct options were all cut off still has one: no "no correct option" on top.
  const correctOptionIds = kept.length === 0 && question.correctOptionIds.length > 0 ? [0] : kept;
  return { ...question, options: question.options.slice(0, max), correctOptionIds };
}

/**
 * Pairs each option problem with the option it is about (1-based). questionProblems lists the
 * problems of the options in option order, so each kind's next match is the right one.
 */
function locateOptions(question: QuizQuestion, problems: QuestionProblem[]): { problem: QuestionProblem; option?: number }[] {
  const next = { option_empty: 0, option_too_long: 0, option_twice: 0 };
  const options = question.options;
  const find = (kind: keyof typeof next, matches: (option: string, index: number) => boolean): number | undefined => {
    for (let i = next[kind]; i < options.length; i++) {
      if (matches(options[i] as string, i)) {
        next[kind] = i + 1;
        return i + 1;
      }
    }
    return undefined;
  };
  return problems.map((problem) => {
    let option: number | undefined;
    if (problem.kind === 'option_empty') option = find('option_empty', (o) => o.trim() === '');
    else if (problem.kind === 'option_too_long') option = find('option_too_long', (o) => o === problem.option && o.trim() !== '');
    else if (problem.kind === 'option_twice') option = find('option_twice', (o, i) => o === problem.option && options.indexOf(o) < i);
    return option === undefined ? { problem } : { problem, option };
  });
}
