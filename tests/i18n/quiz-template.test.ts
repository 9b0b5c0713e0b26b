/**
 * /template's example quiz in every language: the English one's shape (questions, correct
 * options, times), its own words, and a file that /import takes back exactly in each format.
 */
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/locales.js';
import { createI18n, translatorFor } from '../../src/i18n/translator.js';
import { templateQuiz } from '../../src/bot/texts/quiz-template.js';
import { QUIZ_FILE_FORMATS } from '../../src/quiz/quiz-file/limits.js';
import { parseQuizFile } from '../../src/quiz/quiz-file/parse-quiz-file.js';
import { TEMPLATE_QUIZ, quizFileTemplate } from '../../src/quiz/quiz-file/template.js';

const i18n = createI18n();

describe("/template's example quiz", () => {
  it('is the English example in English', () => {
    expect(templateQuiz(translatorFor(i18n, 'en'))).toEqual(TEMPLATE_QUIZ);
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`in ${locale}: same shape, own words, and each format imports back exactly`, () => {
      const quiz = templateQuiz(translatorFor(i18n, locale));
      expect(quiz.title).not.toBe(TEMPLATE_QUIZ.title);
      quiz.questions.forEach((question, i) => {
        const english = TEMPLATE_QUIZ.questions[i];
        expect(question.text).not.toBe(english?.text);
        expect(question.options).toHaveLength(english?.options.length ?? -1);
        expect(question.correctOptionIds).toEqual(english?.correctOptionIds);
        expect(question.openPeriodS).toEqual(english?.openPeriodS);
        expect(question.explanation === undefined).toBe(english?.explanation === undefined);
      });
      for (const format of QUIZ_FILE_FORMATS) {
        expect(parseQuizFile(quizFileTemplate(format, quiz), `template.${format}`)).toEqual({ ok: true, format, quiz });
      }
    });
  }
});
