/**
 * The example quiz of /template in the user's language: the English one's questions, correct
 * options and times (src/quiz/quiz-file/template.ts), with the words of
 * locales/<language>/quiz-template.ftl. Question N is the message `quiz-template-question-N`,
 * with its options as the attribute `.options` (separated by " | ") and its explanation as
 * `.explanation`, where the English question has them; options the file format itself is about
 * (the numbers of question 4, one starting with "-") stay as they are.
 */
import type { Translate } from '../../i18n/translator.js';
import type { QuizFileContent } from '../../quiz/quiz-file/quiz-file-content.js';
import { TEMPLATE_QUIZ } from '../../quiz/quiz-file/template.js';

/** The questions whose options are words (the others' options are numbers). */
const WORDED_OPTIONS = new Set([0, 1, 2]);

export function templateQuiz(t: Translate): QuizFileContent {
  return {
    ...TEMPLATE_QUIZ,
    title: t('quiz-template-title'),
    questions: TEMPLATE_QUIZ.questions.map((question, i) => {
      const id = `quiz-template-question-${i + 1}`;
      return {
        ...question,
        text: t(id),
        options: WORDED_OPTIONS.has(i) ? t(`${id}.options`).split(' | ') : question.options,
        ...(question.explanation !== undefined ? { explanation: t(`${id}.explanation`) } : {}),
      };
    }),
  };
}
