/** What the bot says about quiz files: /import, /template and /export (their problems: quiz-file-problems.ts). */
import type { Translate } from '../../i18n/translator.js';
import { QUIZ_QUESTIONS_MAX } from '../../quiz/quiz-title.js';
import { QUIZ_FILE_BYTES_MAX, QUIZ_FILE_FORMATS, QUIZ_FILE_QUESTIONS_MAX, type QuizFileFormat } from '../../quiz/quiz-file/limits.js';

const FORMATS = QUIZ_FILE_FORMATS.map((format) => `.${format}`).join(', ');
// Sizes in KB as strings: plain digits ("1024 KB"), as the limit is usually written.
const MAX_KB = String(Math.floor(QUIZ_FILE_BYTES_MAX / 1024));

/** The reply to /import: it asks for the file (a document replying to it is imported). */
export function importPromptText(t: Translate): string {
  return t('quiz-files-import-prompt', { formats: FORMATS, maxKb: MAX_KB });
}

/** A document sent in private that is neither a reply to the prompt nor captioned /import. */
export function importHowText(t: Translate): string {
  return t('quiz-files-import-how');
}

export function importInPrivateText(t: Translate): string {
  return t('quiz-files-import-in-private');
}

export function importTooBigText(t: Translate, bytes: number): string {
  return t('quiz-files-import-too-big', { kb: String(Math.ceil(bytes / 1024)), maxKb: MAX_KB });
}

export function importTooManyQuestionsText(t: Translate, questions: number): string {
  return t('quiz-files-import-too-many-questions', { questions, max: QUIZ_QUESTIONS_MAX, fileMax: QUIZ_FILE_QUESTIONS_MAX });
}

export function importDownloadFailedText(t: Translate): string {
  return t('quiz-files-download-failed');
}

/** /template's caption: what the file shows, and how to send it back. */
export function templateCaption(t: Translate, format: QuizFileFormat): string {
  const others = QUIZ_FILE_FORMATS.filter((f) => f !== format).map((f) => `/template ${f}`);
  return t('quiz-files-template-caption', { others: others.slice(0, -1).join(', '), last: others[others.length - 1] ?? '' });
}

export function templateUsageText(t: Translate, word: string): string {
  return t('quiz-files-template-usage', { word, commands: QUIZ_FILE_FORMATS.map((f) => `/template ${f}`).join(', ') });
}

export function exportUsageText(t: Translate): string {
  return t('quiz-files-export-usage', { formats: FORMATS });
}

export function exportInPrivateText(t: Translate): string {
  return t('quiz-files-export-in-private');
}

export function exportNotYoursText(t: Translate, quizId: number): string {
  return t('quiz-files-export-not-yours', { quizId: String(quizId) });
}

export function exportCaption(t: Translate, title: string, questions: number): string {
  return t('quiz-files-export-caption', { title, questions });
}

/** Some of the quiz would not come back exactly from this format: which, and the way out. */
export function exportMisfitsText(t: Translate, format: QuizFileFormat, questions: readonly number[], settings: boolean): string {
  const what = questions.length === 0 ? 'settings' : settings ? 'both' : 'questions';
  return t('quiz-files-export-misfits', {
    format,
    what,
    count: questions.length,
    numbers: questions.slice(0, 10).join(', '),
  });
}
