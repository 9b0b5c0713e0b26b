/**
 * The texts of quiz creation, its problems, /help and /myquizzes in the languages other than
 * English, where plurals, exact matches and the help's example could go wrong (English is
 * compared whole by tests/bot/texts.test.ts and the end-to-end tests).
 */
import { describe, expect, it } from 'vitest';
import {
  draftExistsText,
  draftKeptText,
  quizCreatedText,
  quizProblemsText,
  titleProblemLineText,
  tooManyQuestionsText,
} from '../../src/bot/texts/create-quiz.js';
import { helpText, QUIZ_FORMAT_EXAMPLE, quizFormatExampleText } from '../../src/bot/texts/help.js';
import { myQuizzesText } from '../../src/bot/texts/my-quizzes.js';
import { describeSeconds, openPeriodProblemText, quizProblemText } from '../../src/bot/texts/quiz-problems.js';
import { LOCALES, type Locale } from '../../src/i18n/locales.js';
import { createI18n, translatorFor, type Translate } from '../../src/i18n/translator.js';
import { parseQuizText } from '../../src/quiz/quiz-text.js';

const i18n = createI18n();
const texts = (locale: Locale): Translate => translatorFor(i18n, locale);
const [en, ru, es, de, pt] = (['en', 'ru', 'es', 'de', 'pt'] as const).map(texts) as [
  Translate,
  Translate,
  Translate,
  Translate,
  Translate,
];

const created = (t: Translate, questionCount: number) => quizCreatedText(t, { id: 1234, title: 'T', questionCount, botUsername: 'b' });

describe('the help in every language', () => {
  it('shows English the example the format tests and the demo use', () => {
    expect(quizFormatExampleText(en)).toBe(QUIZ_FORMAT_EXAMPLE);
  });

  for (const locale of LOCALES) {
    it(`${locale}: names every command with its literal arguments and shows an example that parses`, () => {
      const t = texts(locale);
      const help = helpText(t, 'quiz_agent_bot');
      for (const command of [
        '/newquiz',
        '/done',
        '/cancel',
        '/myquizzes',
        '/edit <id>',
        '/import',
        '/template',
        '/export <id> [csv|json|txt]',
        '/play <id>',
        '/startquiz <id> [15s] [shuffle] [10q]',
        '/stopquiz',
        '/results',
        '/leaderboard',
        '/myscore',
        '/language',
        '/help',
        '5s',
        '10m',
        'https://t.me/quiz_agent_bot?startgroup=help',
      ]) {
        expect(help).toContain(command);
      }
      expect(help.length).toBeLessThanOrEqual(4096);
      const example = quizFormatExampleText(t);
      expect(help).toContain(`\n\n${example}\n\n`);
      expect(example).toMatch(/^\/newquiz \S/);
      const questions = example.slice(example.indexOf('\n') + 1);
      expect(parseQuizText(questions)).toMatchObject({
        ok: true,
        questions: [{ correctOptionIds: [1], explanation: expect.any(String) }, { correctOptionIds: [0] }],
      });
    });
  }
});

describe('plurals', () => {
  it('Russian counts questions one, few and many', () => {
    expect([1, 2, 5, 11, 21, 22].map((n) => created(ru, n).split('\n')[0])).toEqual([
      '✅ Викторина «T» сохранена: 1 вопрос (id 1234).',
      '✅ Викторина «T» сохранена: 2 вопроса (id 1234).',
      '✅ Викторина «T» сохранена: 5 вопросов (id 1234).',
      '✅ Викторина «T» сохранена: 11 вопросов (id 1234).',
      '✅ Викторина «T» сохранена: 21 вопрос (id 1234).',
      '✅ Викторина «T» сохранена: 22 вопроса (id 1234).',
    ]);
    expect(draftKeptText(ru, 'T', 0)).toContain('пока нет вопросов');
    expect(draftKeptText(ru, 'T', 3)).toContain('по-прежнему 3 вопроса.');
  });

  it('Russian says "an error" for one problem and counts the rest, 21 included', () => {
    const head = (n: number) =>
      quizProblemsText(
        ru,
        Array.from({ length: n }, () => 'x'),
      ).split('\n')[0];
    expect([1, 2, 5, 21].map(head)).toEqual([
      '⚠️ В викторине есть ошибка:',
      '⚠️ В викторине 2 ошибки:',
      '⚠️ В викторине 5 ошибок:',
      '⚠️ В викторине 21 ошибка:',
    ]);
    expect(
      quizProblemsText(
        ru,
        Array.from({ length: 25 }, () => 'x'),
      ),
    ).toContain('\n…и ещё 5\n');
  });

  it('every language says a full draft is full, and how much room is left otherwise', () => {
    expect(tooManyQuestionsText(ru, 100, 3)).toContain('места уже нет');
    expect(tooManyQuestionsText(es, 99, 3)).toContain('solo cabe 1 más');
    expect(tooManyQuestionsText(es, 98, 3)).toContain('solo caben 2 más');
    expect(tooManyQuestionsText(de, 100, 3)).toContain('es ist voll');
    expect(tooManyQuestionsText(pt, 95, 7)).toContain('só cabem mais 5');
  });

  it('Portuguese, whose "one" takes 0 too, never says "0 segundo" or "0 pergunta"', () => {
    expect(describeSeconds(pt, 0)).toBe('0 segundos');
    expect(describeSeconds(pt, 1)).toBe('1 segundo');
    expect(draftExistsText(pt, 'T', 0)).toContain('(nenhuma pergunta ainda)');
    expect(draftExistsText(pt, 'T', 1)).toContain('(1 pergunta)');
  });

  it('times in words in every language', () => {
    expect(describeSeconds(ru, 3_661)).toBe('1 час 1 минута 1 секунда');
    expect(describeSeconds(ru, 7_322)).toBe('2 часа 2 минуты 2 секунды');
    expect(describeSeconds(de, 90)).toBe('1 Minute 30 Sekunden');
    expect(describeSeconds(es, 3_600)).toBe('1 hora');
    expect(openPeriodProblemText(ru, { kind: 'out_of_range', text: '2s' })).toBe(
      'время на вопрос должно быть от 5 секунд до 10 минут, а указано «2s»',
    );
  });
});

describe('problems in other languages', () => {
  it('keep the question number unformatted and quote the author’s text', () => {
    expect(quizProblemText(de, { question: 1000, problem: { kind: 'option_twice', option: 'Paris' } })).toBe(
      'Frage 1000: die Antwort „Paris“ kommt doppelt vor',
    );
    expect(quizProblemText(ru, { question: 2, problem: { kind: 'too_many_options', count: 21, max: 12 } })).toBe(
      'Вопрос 2: в нём 21 вариант ответа, а Telegram разрешает не больше 12',
    );
    expect(titleProblemLineText(es, { kind: 'too_long', length: 129 })).toBe('Título: el título tiene más de 128 caracteres (129)');
  });
});

describe('/myquizzes in other languages', () => {
  const quizzes = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: 1000 + i,
      title: `Quiz number ${i + 1} about many things`,
      questionCount: (i % 3) + 1,
      createdAt: new Date('2026-05-01T10:00:00Z'),
    }));

  it('keeps ids unformatted and counts questions', () => {
    expect(myQuizzesText(ru, quizzes(2))).toContain('🔹 Quiz number 2 about many things (id 1001) – 2 вопроса, 2026-05-01');
    expect(myQuizzesText(de, quizzes(1))).toContain('(ID 1000) – 1 Frage, 2026-05-01');
  });

  it('counts the quizzes left out of a long list', () => {
    const text = myQuizzesText(ru, quizzes(500));
    expect(text.length).toBeLessThanOrEqual(4096);
    const shown = text.split('\n').filter((line) => line.startsWith('🔹')).length;
    const rest = 500 - shown;
    const form =
      rest % 10 === 1 && rest % 100 !== 11
        ? 'викторина'
        : [2, 3, 4].includes(rest % 10) && ![12, 13, 14].includes(rest % 100)
          ? 'викторины'
          : 'викторин';
    expect(text).toContain(`…и ещё ${rest} ${form}`);
  });
});
