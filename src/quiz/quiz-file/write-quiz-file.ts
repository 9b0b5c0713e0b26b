/**
 * Writes a quiz as a file that parseQuizFile reads back: `parseQuizFile(writeQuizFile(q, f))`
 * gives `q` again, and writing what was read gives the same bytes, for every quiz that
 * quizFileMisfits finds nothing wrong with (for CSV and JSON: every quiz that meets Telegram's
 * limits; an empty explanation is written as none).
 */
import type { QuestionMedia, QuizQuestion } from '../question-check.js';
import type { QuizFileFormat } from './limits.js';
import { parseQuizFile } from './parse-quiz-file.js';
import type { QuizFileContent } from './quiz-file-content.js';
import { writeQuizCsv } from './write-csv.js';
import { writeQuizJson } from './write-json.js';
import { writeQuizTxt } from './write-txt.js';

const WRITERS: Record<QuizFileFormat, (quiz: QuizFileContent) => string> = {
  csv: writeQuizCsv,
  json: writeQuizJson,
  txt: writeQuizTxt,
};

/** The bytes (UTF-8) of `quiz` as a `format` file. */
export function writeQuizFile(quiz: QuizFileContent, format: QuizFileFormat): Uint8Array {
  return new TextEncoder().encode(WRITERS[format](quiz));
}

/** A file name for a quiz's export: its id and the format's extension (`quiz-12.csv`). */
export function quizFileName(id: number, format: QuizFileFormat): string {
  return `quiz-${id}.${format}`;
}

/** What of a quiz a format would not give back exactly: the title, the default time, question numbers (1-based). */
export interface QuizFileMisfits {
  settings: boolean;
  questions: number[];
}

/**
 * What of `quiz` would change on the way through a `format` file, found by writing and reading
 * each question on its own (and the settings with a stand-in question): nothing for a valid quiz
 * in CSV or JSON; in the text format, questions with line breaks, spaces at either end,
 * options ending in " *", or media (a text file has no place for them). A question that breaks Telegram's limits is named too. The bot offers
 * another format when something would change.
 */
export function quizFileMisfits(quiz: QuizFileContent, format: QuizFileFormat): QuizFileMisfits {
  const through = (part: QuizFileContent) => parseQuizFile(writeQuizFile(part, format), `quiz.${format}`);
  const settings = through({ ...quiz, questions: [STAND_IN] });
  return {
    settings: !settings.ok || settings.quiz.title !== quiz.title || settings.quiz.openPeriodS !== quiz.openPeriodS,
    questions: quiz.questions.flatMap((question, i) => {
      const back = through({ questions: [question] });
      return back.ok && sameQuestion(question, back.quiz.questions[0]) ? [] : [i + 1];
    }),
  };
}

/** A question every format holds, to check a quiz's settings on their own. */
const STAND_IN: QuizQuestion = { text: 'Q', options: ['A'], correctOptionIds: [0] };

function sameQuestion(a: QuizQuestion, b: QuizQuestion | undefined): boolean {
  return (
    b !== undefined &&
    a.text === b.text &&
    a.options.length === b.options.length &&
    a.options.every((option, i) => option === b.options[i]) &&
    a.correctOptionIds.join(',') === b.correctOptionIds.join(',') &&
    (a.explanation === '' ? undefined : a.explanation) === b.explanation &&
    a.openPeriodS === b.openPeriodS &&
    sameMedia(a.media, b.media) &&
    sameMedia(a.explanationMedia, b.explanationMedia)
  );
}

function sameMedia(a: QuestionMedia | undefined, b: QuestionMedia | undefined): boolean {
  return a?.type === b?.type && a?.source === b?.source;
}
