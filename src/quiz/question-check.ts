/**
 * Checks one question against Telegram's quiz poll limits and says what is wrong in words a
 * quiz author understands ("option 'Mount Kilimanjaro in…' is longer than 100 characters").
 */
import { describeSeconds, RUN_OPEN_PERIOD_MAX_S, RUN_OPEN_PERIOD_RANGE } from './open-period.js';
import { preview } from './preview.js';
import { POLL_LIMITS, telegramLength } from './telegram-poll-limits.js';

/** A question as a quiz holds it: the poll Telegram will get. */
export interface QuizQuestion {
  text: string;
  options: string[];
  /** 0-based indexes into `options`, ascending; several are allowed. */
  correctOptionIds: number[];
  explanation?: string;
  /** Seconds the question stays open; absent: the quiz's default. */
  openPeriodS?: number;
}

/** Every problem of `question`, as sentences without the "Question N:" prefix. */
export function questionProblems(question: QuizQuestion): string[] {
  const problems: string[] = [];
  const text = question.text.trim();
  if (text === '') problems.push('the question text is empty');
  else if (telegramLength(text) > POLL_LIMITS.questionMax) problems.push(`the question is longer than ${POLL_LIMITS.questionMax} characters (${telegramLength(text)})`);
  if (question.options.length < POLL_LIMITS.optionsMin) problems.push('it has no options (write each on its own line starting with "- ")');
  if (question.options.length > POLL_LIMITS.optionsMax) problems.push(`it has ${question.options.length} options; Telegram allows at most ${POLL_LIMITS.optionsMax}`);
  for (const option of question.options) {
    if (option.trim() === '') problems.push('an option is empty');
    else if (telegramLength(option) > POLL_LIMITS.optionMax) problems.push(`option '${preview(option)}' is longer than ${POLL_LIMITS.optionMax} characters (${telegramLength(option)})`);
  }
  const seen = new Set<string>();
  for (const option of question.options) {
    if (seen.has(option)) problems.push(`option '${preview(option)}' appears twice`);
    seen.add(option);
  }
  if (question.options.length > 0 && question.correctOptionIds.length === 0) problems.push('no option is marked correct (end the correct one with " *")');
  if (question.correctOptionIds.some((id) => !Number.isInteger(id) || id < 0 || id >= question.options.length)) problems.push('a correct answer points to no option');
  if (question.explanation !== undefined) {
    if (telegramLength(question.explanation) > POLL_LIMITS.explanationMax) problems.push(`the explanation is longer than ${POLL_LIMITS.explanationMax} characters (${telegramLength(question.explanation)})`);
    const lineFeeds = question.explanation.split('\n').length - 1;
    if (lineFeeds > POLL_LIMITS.explanationLineFeedsMax) problems.push(`the explanation has ${lineFeeds + 1} lines; Telegram allows at most ${POLL_LIMITS.explanationLineFeedsMax + 1}`);
  }
  // Telegram would keep a poll open for a month, but a run waits for each question in turn: a
  // question gets the range /startquiz gives a run.
  if (question.openPeriodS !== undefined && (question.openPeriodS < POLL_LIMITS.openPeriodMinS || question.openPeriodS > RUN_OPEN_PERIOD_MAX_S)) {
    problems.push(`its time limit is ${describeSeconds(question.openPeriodS)}; a question stays open between ${RUN_OPEN_PERIOD_RANGE}`);
  }
  return problems;
}
