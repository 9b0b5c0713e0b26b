/**
 * A question from a native Telegram quiz poll. In the guided quiz creation the author may send
 * the bot quiz polls made with Telegram's own poll composer instead of typing the text format:
 * a quiz poll sent to the bot in a private chat carries its correct options.
 */
import { questionProblems, type QuizQuestion } from './question-check.js';
import type { QuestionProblem, QuizProblem } from './quiz-problems.js';

/** The parts of a received poll that make a question (grammY's `Poll`, in camelCase). */
export interface ReceivedPoll {
  question: string;
  options: readonly string[];
  /** `quiz` or `regular`. */
  type: string;
  correctOptionIds?: readonly number[];
  explanation?: string;
  openPeriod?: number;
  /**
   * Ignored: quiz-agent sends its own, non-anonymous copy of every question, so the author's
   * choice here does not matter.
   */
  isAnonymous?: boolean;
}

export type PollQuestion = { ok: true; question: QuizQuestion } | { ok: false; problems: QuizProblem[] };

/**
 * Turns a received quiz poll into question `number` of the quiz being created, or says what is
 * wrong with it, each problem naming question `number` as `parseQuizText` does.
 *
 * @example questionFromPoll({ question: 'Capital of Japan?', options: ['Tokyo', 'Kyoto'], type: 'quiz', correctOptionIds: [0] }, 2)
 * // { ok: true, question: { text: 'Capital of Japan?', options: ['Tokyo', 'Kyoto'], correctOptionIds: [0] } }
 */
export function questionFromPoll(poll: ReceivedPoll, number: number): PollQuestion {
  const numbered = (problem: QuestionProblem): QuizProblem => ({ question: number, problem });
  if (poll.type !== 'quiz') return { ok: false, problems: [numbered({ kind: 'regular_poll' })] };
  const question: QuizQuestion = {
    text: poll.question,
    options: [...poll.options],
    correctOptionIds: [...new Set(poll.correctOptionIds ?? [])].sort((a, b) => a - b),
  };
  if (poll.explanation !== undefined && poll.explanation !== '') question.explanation = poll.explanation;
  if (poll.openPeriod !== undefined) question.openPeriodS = poll.openPeriod;

  const problems: QuestionProblem[] = [];
  const answerUnknown = question.correctOptionIds.length === 0 && question.options.length > 0;
  // Telegram hides the answer of a forwarded quiz; the text format's hint ("end the correct
  // one with *") would not help here, so this case gets its own problem and the check runs
  // as if an answer were known.
  if (answerUnknown) {
    problems.push({ kind: 'correct_answer_hidden' });
  }
  problems.push(...questionProblems(answerUnknown ? { ...question, correctOptionIds: [0] } : question));
  return problems.length > 0 ? { ok: false, problems: problems.map(numbered) } : { ok: true, question };
}
