/**
 * What the demo's author types in each DEMO_LANG is a quiz the bot takes: a valid title, the
 * questions in the text format, and a photo caption of exactly one question. (The demo itself is
 * run by ../shared/tools/fresh-clone-test in English; a broken translation of its quiz would only
 * show when someone runs DEMO_LANG=xx.)
 */
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/locales.js';
import { parseQuizText } from '../../src/quiz/quiz-text.js';
import { checkQuizTitle } from '../../src/quiz/quiz-title.js';
import { DEMO_CONTENT } from '../../tools/demo-content.js';

describe("the demo's quiz in every language", () => {
  for (const locale of LOCALES) {
    it(`${locale}: a valid title, four questions and one photo question`, () => {
      const content = DEMO_CONTENT[locale];
      expect(checkQuizTitle(content.title).ok).toBe(true);
      const questions = parseQuizText(content.questions);
      expect(questions.ok && questions.questions.length).toBe(4);
      const photo = parseQuizText(content.photoQuestion);
      expect(photo.ok && photo.questions.length).toBe(1);
    });
  }
});
