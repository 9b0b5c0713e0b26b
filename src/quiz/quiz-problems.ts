/**
 * What can be wrong with a quiz text, a question or a time per question, as data: the rules
 * (src/quiz) say what is wrong and with which numbers; the bot's texts (src/bot/texts/
 * quiz-problems.ts) say it in words. Options and lines are quoted as written.
 */

/** One problem of one question (or of the whole text, for `no_questions`). */
export type QuestionProblem =
  | { kind: 'no_questions' }
  | { kind: 'option_as_question' }
  | { kind: 'stray_line'; line: string }
  | { kind: 'text_empty' }
  | { kind: 'text_too_long'; length: number; max: number }
  | { kind: 'no_options' }
  | { kind: 'too_many_options'; count: number; max: number }
  | { kind: 'option_empty' }
  | { kind: 'option_too_long'; option: string; length: number; max: number }
  | { kind: 'option_twice'; option: string }
  | { kind: 'no_correct_option' }
  | { kind: 'correct_option_missing' }
  | { kind: 'explanation_too_long'; length: number; max: number }
  | { kind: 'explanation_too_many_lines'; lines: number; max: number }
  | { kind: 'open_period_out_of_range'; seconds: number }
  | { kind: 'regular_poll' }
  | { kind: 'correct_answer_hidden' };

/** A problem and the question it is about (1-based as the author counts; null: the whole text). */
export interface QuizProblem {
  question: number | null;
  problem: QuestionProblem;
}

/** Why a time per question cannot be used; `text` is what was given. */
export type OpenPeriodProblem = { kind: 'not_a_period'; text: string } | { kind: 'out_of_range'; text: string };
