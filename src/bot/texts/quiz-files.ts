/** What the bot says about quiz files: /import, /template and /export (their problems: quiz-file-problems.ts). */
import { QUIZ_QUESTIONS_MAX } from '../../quiz/quiz-title.js';
import { QUIZ_FILE_BYTES_MAX, QUIZ_FILE_FORMATS, QUIZ_FILE_QUESTIONS_MAX, type QuizFileFormat } from '../../quiz/quiz-file/limits.js';
import { count } from './format.js';

const FORMATS = QUIZ_FILE_FORMATS.map((format) => `.${format}`).join(', ');
const MAX_KB = Math.floor(QUIZ_FILE_BYTES_MAX / 1024);

/** The reply to /import: it asks for the file (a document replying to it is imported). */
export const IMPORT_PROMPT_TEXT =
  `📥 Send me the quiz file (${FORMATS}, up to ${MAX_KB} KB) as a reply to this message, or with /import as its caption. ` +
  'Columns and formats: /template sends an example file.';

/** A document sent in private that is neither a reply to the prompt nor captioned /import. */
export const IMPORT_HOW_TEXT = 'To import a quiz from this file, send it again with /import as its caption (or send /import first).';

export const IMPORT_IN_PRIVATE_TEXT = 'Quiz files are imported in a private chat with me: send /import there.';

export function importTooBigText(bytes: number): string {
  return `⚠️ The file is ${Math.ceil(bytes / 1024)} KB; a quiz file may have at most ${MAX_KB} KB. Nothing was imported.`;
}

export function importTooManyQuestionsText(questions: number): string {
  return (
    `⚠️ The file holds ${count(questions, 'question')}; a quiz holds at most ${QUIZ_QUESTIONS_MAX} ` +
    `(a file at most ${QUIZ_FILE_QUESTIONS_MAX.toLocaleString('en-US')}). Split it into several files. Nothing was imported.`
  );
}

export const IMPORT_DOWNLOAD_FAILED_TEXT = 'Sorry, I could not download the file from Telegram. Please send it again.';

/** /template's caption: what the file shows, and how to send it back. */
export function templateCaption(format: QuizFileFormat): string {
  const others = QUIZ_FILE_FORMATS.filter((f) => f !== format)
    .map((f) => `/template ${f}`)
    .join(' or ');
  return `An example quiz file. Edit it, then send it back with /import as its caption. Other formats: ${others}.`;
}

export function templateUsageText(word: string): string {
  return `There is no template "${word}": try ${QUIZ_FILE_FORMATS.map((f) => `/template ${f}`).join(', ')}.`;
}

export const EXPORT_USAGE_TEXT = `Which quiz? E.g. /export 12 or /export 12 json (${FORMATS}; your quizzes: /myquizzes).`;

export const EXPORT_IN_PRIVATE_TEXT = 'Quizzes are exported in a private chat with me (the file shows the answers): send /export there.';

export function exportNotYoursText(quizId: number): string {
  return `Quiz ${quizId} is not yours: only its author can export it. Your quizzes: /myquizzes`;
}

export function exportCaption(title: string, questions: number): string {
  return `"${title}": ${count(questions, 'question')}. Send this file back with /import to make a copy.`;
}

/** Some of the quiz would not come back exactly from this format: which, and the way out. */
export function exportMisfitsText(format: QuizFileFormat, questions: readonly number[], settings: boolean): string {
  const parts = [
    ...(settings ? ['the title or the time per question'] : []),
    ...(questions.length > 0 ? [`${questions.length === 1 ? 'question' : 'questions'} ${questions.slice(0, 10).join(', ')}`] : []),
  ];
  return `⚠️ In a .${format} file ${parts.join(' and ')} would not come back exactly (a .txt file holds no pictures, no line breaks inside a question and no option ending in " *"). Use /export <id> csv or /export <id> json instead.`;
}
