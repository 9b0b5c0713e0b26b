/**
 * The quiz text format (ARCHITECTURE.md): blocks separated by a blank line; a block's first
 * line is the question; each `- ` line is an option, a trailing ` *` marks a correct one
 * (several allowed); an optional `> ` line is the explanation (several `> ` lines make a
 * multi-line one).
 *
 *     Capital of France?
 *     - Berlin
 *     - Paris *
 *     > Paris has been the capital since 508.
 *
 * Parsing never stops at the first problem: every problem of every question is reported (as
 * data, quiz-problems.ts), each naming its question, so the author fixes them all at once. A text with any problem yields
 * no questions: nothing is ever half saved.
 */
import { questionProblems, type QuizQuestion } from './question-check.js';
import type { QuestionProblem, QuizProblem } from './quiz-problems.js';

export type ParsedQuizText = { ok: true; questions: QuizQuestion[] } | { ok: false; problems: QuizProblem[] };

const OPTION = /^[-–—•]\s+(.*)$/u;
const EXPLANATION = /^>\s?(.*)$/u;
const CORRECT_MARK = /\s+\*$/u;

/**
 * Parses a quiz text. `firstNumber` is the number of the first block in messages (a guided
 * flow that takes one block per message passes how many questions it already has, plus one).
 */
export function parseQuizText(text: string, firstNumber = 1): ParsedQuizText {
  const blocks = splitQuizBlocks(text);
  if (blocks.length === 0) {
    return { ok: false, problems: [{ question: null, problem: { kind: 'no_questions' } }] };
  }
  const questions: QuizQuestion[] = [];
  const problems: QuizProblem[] = [];
  blocks.forEach((lines, index) => {
    const parsed = parseBlock(lines);
    const all = [...parsed.problems, ...questionProblems(parsed.question)];
    problems.push(...all.map((problem) => ({ question: firstNumber + index, problem })));
    questions.push(parsed.question);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, questions };
}

/**
 * The question blocks of a quiz text, each as its trimmed non-empty lines: blocks are separated
 * by a blank line (a line of spaces or tabs counts as blank), CRLF and CR read as LF.
 */
export function splitQuizBlocks(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    )
    .filter((lines) => lines.length > 0);
}

/**
 * How many question blocks a quiz text has, read as {@link parseQuizText} reads them: names
 * the question limit even when some blocks have problems and the parser returns no questions.
 */
export function countQuestionBlocks(text: string): number {
  return splitQuizBlocks(text).length;
}

function parseBlock(lines: string[]): { question: QuizQuestion; problems: QuestionProblem[] } {
  const first = lines[0] as string;
  const problems: QuestionProblem[] = [];
  const options: string[] = [];
  const correctOptionIds: number[] = [];
  const explanation: string[] = [];
  const missingQuestion = OPTION.test(first);
  if (missingQuestion) problems.push({ kind: 'option_as_question' });
  // Without a question line every line is read as the body, so its options are still checked.
  for (const line of missingQuestion ? lines : lines.slice(1)) {
    const option = OPTION.exec(line);
    const note = EXPLANATION.exec(line);
    if (option) {
      const raw = option[1] as string;
      if (CORRECT_MARK.test(raw) || raw === '*') correctOptionIds.push(options.length);
      options.push(raw === '*' ? '' : raw.replace(CORRECT_MARK, ''));
    } else if (note) {
      explanation.push((note[1] as string).trim());
    } else {
      problems.push({ kind: 'stray_line', line });
    }
  }
  const question: QuizQuestion = { text: missingQuestion ? '' : first, options, correctOptionIds };
  if (explanation.length > 0) question.explanation = explanation.join('\n');
  return { question, problems };
}
