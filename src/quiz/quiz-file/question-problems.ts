/**
 * The problems of one question read from a CSV row or a JSON object: Telegram's poll limits
 * (questionProblems), each placed on the question's line and, for an option's problem, on the
 * option's number, so that "line 14: option 5 is longer than 100 characters" can be said.
 */
import { questionProblems, type QuizQuestion } from '../question-check.js';
import type { QuestionProblem } from '../quiz-problems.js';
import type { QuizFileProblem } from './quiz-file-problems.js';

/** Every problem of `question`, number `number` of the file, whose row or object starts on `line`. */
export function placedQuestionProblems(question: QuizQuestion, number: number, line: number | null): QuizFileProblem[] {
  const located = locateOptions(question, questionProblems(question));
  return located.map(({ problem, option }) => ({ line, question: number, ...(option !== undefined ? { option } : {}), problem }));
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
