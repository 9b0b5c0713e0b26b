/**
 * The downloadable example (`/template`): a small valid quiz that shows each feature of a quiz
 * file once, so an author can fill it in rather than read the documentation first: a title and
 * a default time, several correct options, an explanation on two lines, a question with its own
 * time, a text with a comma and quotes (CSV quoting), and an option that starts with "-" (a
 * spreadsheet would take it for a formula).
 */
import type { QuizFileFormat } from './limits.js';
import type { QuizFileContent } from './quiz-file-content.js';
import { writeQuizFile } from './write-quiz-file.js';

/**
 * The example quiz, in English. The bot sends it in the user's language
 * (src/bot/texts/quiz-template.ts: the same questions, correct options and times, its words
 * from locales/<language>/quiz-template.ftl).
 */
export const TEMPLATE_QUIZ: QuizFileContent = {
  title: 'World capitals',
  openPeriodS: 30,
  questions: [
    {
      text: 'Capital of France?',
      options: ['Berlin', 'Paris', 'Rome'],
      correctOptionIds: [1],
      explanation: 'Paris has been the capital since 508.',
    },
    {
      text: 'Which of these are capitals?',
      options: ['Canberra', 'Sydney', 'Ottawa', 'Toronto'],
      correctOptionIds: [0, 2],
      explanation: 'Canberra: Australia.\nOttawa: Canada.',
    },
    {
      text: 'The "Big Apple", New York, is the capital of the USA.',
      options: ['True', 'False'],
      correctOptionIds: [1],
      explanation: 'The capital is Washington, D.C.',
      openPeriodS: 15,
    },
    {
      text: 'Lowest temperature recorded in Moscow, °C?',
      options: ['-42.1', '-25.0', '+3.5'],
      correctOptionIds: [0],
      openPeriodS: 20,
    },
  ],
};

/** The template file of `format`, holding `quiz` [the English {@link TEMPLATE_QUIZ}]. */
export function quizFileTemplate(format: QuizFileFormat, quiz: QuizFileContent = TEMPLATE_QUIZ): Uint8Array {
  return writeQuizFile(quiz, format);
}
