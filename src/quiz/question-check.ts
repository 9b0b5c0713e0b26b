/**
 * Checks one question against Telegram's quiz poll limits and says what is wrong, as data
 * (quiz-problems.ts); the bot's texts put it in words a quiz author understands.
 */
import { RUN_OPEN_PERIOD_MAX_S } from './open-period.js';
import type { QuestionProblem } from './quiz-problems.js';
import { POLL_LIMITS, telegramLength } from './telegram-poll-limits.js';

/** The kinds of media a question (or its explanation) may show: what Bot API 10.0 polls take and quiz authors use. */
export const QUESTION_MEDIA_TYPES = ['photo', 'video', 'animation'] as const;
export type QuestionMediaType = (typeof QUESTION_MEDIA_TYPES)[number];

/**
 * A picture, video or animation shown with a question (sendPoll `media`) or its explanation
 * (`explanation_media`). `source` is what Telegram takes as InputMedia's `media`: the file_id of
 * a file the bot has seen, or an https URL Telegram fetches.
 */
export interface QuestionMedia {
  type: QuestionMediaType;
  source: string;
}

/** A question as a quiz holds it: the poll Telegram will get. */
export interface QuizQuestion {
  text: string;
  options: string[];
  /** 0-based indexes into `options`, ascending; several are allowed. */
  correctOptionIds: number[];
  explanation?: string;
  /** Seconds the question stays open; absent: the quiz's default. */
  openPeriodS?: number;
  /** Shown with the question (Bot API 10.0 poll media). */
  media?: QuestionMedia;
  /** Shown with the explanation. */
  explanationMedia?: QuestionMedia;
}

/** Every problem of `question`, in the order an author would fix them. */
export function questionProblems(question: QuizQuestion): QuestionProblem[] {
  const problems: QuestionProblem[] = [];
  const text = question.text.trim();
  if (text === '') problems.push({ kind: 'text_empty' });
  else if (telegramLength(text) > POLL_LIMITS.questionMax)
    problems.push({ kind: 'text_too_long', length: telegramLength(text), max: POLL_LIMITS.questionMax });
  if (question.options.length < POLL_LIMITS.optionsMin) problems.push({ kind: 'no_options' });
  if (question.options.length > POLL_LIMITS.optionsMax)
    problems.push({ kind: 'too_many_options', count: question.options.length, max: POLL_LIMITS.optionsMax });
  for (const option of question.options) {
    if (option.trim() === '') problems.push({ kind: 'option_empty' });
    else if (telegramLength(option) > POLL_LIMITS.optionMax)
      problems.push({ kind: 'option_too_long', option, length: telegramLength(option), max: POLL_LIMITS.optionMax });
  }
  const seen = new Set<string>();
  for (const option of question.options) {
    if (seen.has(option)) problems.push({ kind: 'option_twice', option });
    seen.add(option);
  }
  if (question.options.length > 0 && question.correctOptionIds.length === 0) problems.push({ kind: 'no_correct_option' });
  if (question.correctOptionIds.some((id) => !Number.isInteger(id) || id < 0 || id >= question.options.length))
    problems.push({ kind: 'correct_option_missing' });
  if (question.explanation !== undefined) {
    if (telegramLength(question.explanation) > POLL_LIMITS.explanationMax)
      problems.push({ kind: 'explanation_too_long', length: telegramLength(question.explanation), max: POLL_LIMITS.explanationMax });
    const lineFeeds = question.explanation.split('\n').length - 1;
    if (lineFeeds > POLL_LIMITS.explanationLineFeedsMax)
      problems.push({ kind: 'explanation_too_many_lines', lines: lineFeeds + 1, max: POLL_LIMITS.explanationLineFeedsMax + 1 });
  }
  // Telegram would keep a poll open for a month, but a run waits for each question in turn: a
  // question gets the range /startquiz gives a run.
  if (
    question.openPeriodS !== undefined &&
    (question.openPeriodS < POLL_LIMITS.openPeriodMinS || question.openPeriodS > RUN_OPEN_PERIOD_MAX_S)
  ) {
    problems.push({ kind: 'open_period_out_of_range', seconds: question.openPeriodS });
  }
  return problems;
}
