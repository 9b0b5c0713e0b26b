/**
 * The texts of /edit in the languages other than English, where plurals, exact matches and
 * unformatted ids could go wrong (English is compared whole by tests/bot/edit-quiz.test.ts and
 * tests/bot/edit-running-quiz.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  editCommandProblemText,
  editRefusalText,
  questionDeletedText,
  questionLine,
  quizOverviewTexts,
  type EditedQuestionView,
} from '../../src/bot/texts/edit-quiz.js';
import { LOCALES, type Locale } from '../../src/i18n/locales.js';
import { createI18n, translatorFor, type Translate } from '../../src/i18n/translator.js';

const i18n = createI18n();
const texts = (locale: Locale): Translate => translatorFor(i18n, locale);
const ru = texts('ru');

const question = (options: number, correct: number, extra: Partial<EditedQuestionView> = {}): EditedQuestionView => ({
  text: 'Capital of France?',
  options: Array.from({ length: options }, (_, i) => `o${i}`),
  correctOptionIds: Array.from({ length: correct }, (_, i) => i),
  openPeriodS: null,
  media: null,
  ...extra,
});

describe('/edit in Russian', () => {
  it('counts options and correct answers in a list line: 1, 2, 5 and 21', () => {
    expect(questionLine(ru, 3, question(2, 1, { openPeriodS: 15, media: { type: 'photo' } }))).toBe(
      '3. Capital of France? (2 варианта, 1 правильный, 15 с, фото)',
    );
    expect(questionLine(ru, 1, question(5, 2))).toBe('1. Capital of France? (5 вариантов, 2 правильных)');
    expect(questionLine(ru, 1, question(21, 5, { media: { type: 'video' } }))).toBe(
      '1. Capital of France? (21 вариант, 5 правильных, видео)',
    );
    expect(questionLine(ru, 1, question(1, 21, { media: { type: 'animation' } }))).toBe(
      '1. Capital of France? (1 вариант, 21 правильный, анимация)',
    );
  });

  it('counts the quiz’s questions in the list and after a change', () => {
    const head = (n: number) =>
      quizOverviewTexts(ru, { id: 1234, title: 'Столицы', openPeriodS: 20 }, Array(n).fill(question(2, 1)))[0]!.split('\n')[0];
    expect([1, 2, 5, 21].map(head)).toEqual([
      '✏️ Викторина 1234 «Столицы»: 1 вопрос, 20 с на вопрос.',
      '✏️ Викторина 1234 «Столицы»: 2 вопроса, 20 с на вопрос.',
      '✏️ Викторина 1234 «Столицы»: 5 вопросов, 20 с на вопрос.',
      '✏️ Викторина 1234 «Столицы»: 21 вопрос, 20 с на вопрос.',
    ]);
    const now = (n: number) => questionDeletedText(ru, 1234, 2, question(2, 1), n).split('\n')[1];
    expect([1, 2, 5].map(now)).toEqual([
      'В викторине 1234 теперь 1 вопрос. Их покажет /edit 1234.',
      'В викторине 1234 теперь 2 вопроса. Их покажет /edit 1234.',
      'В викторине 1234 теперь 5 вопросов. Их покажет /edit 1234.',
    ]);
  });

  it('refuses a full quiz, and says how much room is left otherwise', () => {
    const tooMany = (count: number, adding: number) => editRefusalText(ru, { kind: 'too_many', count, adding, max: 100 }, 1234);
    expect(tooMany(100, 1)).toBe(
      'В викторине может быть не больше 100 вопросов. В викторине 1234 их 100, в вашем сообщении 1, а места уже нет. Ничего не изменено.',
    );
    expect(tooMany(99, 2)).toContain('а места осталось только на 1.');
    expect(tooMany(95, 7)).toContain('а места осталось только на 5.');
  });

  it('keeps quiz ids and question numbers unformatted and quotes what the user wrote', () => {
    expect(editRefusalText(ru, { kind: 'no_such_question', number: 7000, count: 3 }, 12345)).toBe(
      'В викторине 12345 нет вопроса 7000: в ней вопросы с 1 по 3. Их покажет /edit 12345. Ничего не изменено.',
    );
    expect(editCommandProblemText(ru, { kind: 'needs_number', action: 'move', word: 'два' }, 12345)).toBe(
      'После move нужен номер вопроса, а не «два»: /edit 12345 move 3 1 (вопрос 3 станет вопросом 1). Номера покажет /edit 12345.',
    );
  });
});

describe('/edit in every language', () => {
  for (const locale of LOCALES) {
    it(`${locale}: the list keeps the commands literal and the examples name the quiz`, () => {
      const t = texts(locale);
      const [list] = quizOverviewTexts(t, { id: 12345, title: 'T', openPeriodS: 30 }, [question(4, 1, { openPeriodS: 15 })]);
      for (const command of ['title', 'time', 'replace <n>', 'insert <n>', 'add', 'delete <n>', 'move <n> <m>']) {
        expect(list).toContain(`/edit 12345 ${command}`);
      }
      expect(list).toContain('/newquiz');
      expect(list).not.toMatch(/12[,.\u00a0\u202f ]345/u);
      expect(list).toMatch(/^1\. Capital of France\? \(4 \S+, 1 \S+, 15 \S+\)$/mu);
      const extra = editCommandProblemText(t, { kind: 'extra', action: 'show', text: 'x' }, 77);
      expect(extra).toContain('/edit 77');
      expect(editCommandProblemText(t, { kind: 'needs_question', action: 'replace' }, 77)).toContain('/edit 77 replace 3');
    });
  }
});
