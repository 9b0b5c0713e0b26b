/**
 * The texts of quiz files (/import, /template, /export and a file's problems) and of /results in
 * the languages other than English: plurals by each language's rules, numbers in its own digits
 * where they are counts and as written where they are line numbers, and the file's own words
 * (columns, fields, formats, commands) left as they are.
 */
import { describe, expect, it } from 'vitest';
import { quizFileProblemText } from '../../src/bot/texts/quiz-file-problems.js';
import { exportMisfitsText, importPromptText, importTooManyQuestionsText } from '../../src/bot/texts/quiz-files.js';
import { resultsCaption } from '../../src/bot/texts/run-results.js';
import { LOCALES, type Locale } from '../../src/i18n/locales.js';
import { createI18n, translatorFor } from '../../src/i18n/translator.js';
import type { FileProblem } from '../../src/quiz/quiz-file/quiz-file-problems.js';

const i18n = createI18n();
const tr = (locale: Locale) => translatorFor(i18n, locale);
const caption = (locale: Locale, players: number) =>
  resultsCaption(tr(locale), { title: 'Capitals', chatTitle: null, players, questions: 10 });
const fileProblem = (locale: Locale, problem: FileProblem, line = 3) =>
  quizFileProblemText(tr(locale), { line, question: null, problem }, 'csv');

describe('quiz file and /results texts in other languages', () => {
  it('count players, questions and cells by the Russian plural rules', () => {
    expect([1, 2, 5, 21].map((n) => caption('ru', n))).toEqual([
      expect.stringContaining('1 игрок, 10 вопросов'),
      expect.stringContaining('2 игрока, 10 вопросов'),
      expect.stringContaining('5 игроков, 10 вопросов'),
      expect.stringContaining('21 игрок, 10 вопросов'),
    ]);
    expect([1, 3, 11].map((n) => importTooManyQuestionsText(tr('ru'), n))).toEqual([
      expect.stringContaining('В файле 1 вопрос,'),
      expect.stringContaining('В файле 3 вопроса,'),
      expect.stringContaining('В файле 11 вопросов,'),
    ]);
    expect(fileProblem('ru', { kind: 'csv_extra_cells', count: 2, columns: 4 })).toMatch(/^строка 3: 2 ячейки вне столбцов/u);
  });

  it('write counts in the language’s digits, but a line number as it is', () => {
    const tooMany: FileProblem = { kind: 'too_many_questions', count: 1_001, max: 1_000 };
    expect(fileProblem('de', tooMany, 12_345)).toBe('Zeile 12345: die Datei hat 1.001 Fragen; eine Datei fasst höchstens 1.000');
    expect(fileProblem('ru', tooMany)).toMatch(/^строка 3: в файле 1\s001 вопрос, /u);
    expect(caption('de', 1_234)).toContain('1.234 Spieler, 10 Fragen');
    expect(fileProblem('pt', { kind: 'too_big', bytes: 2_000_000, max: 1_048_576 })).toContain('1,9 MB');
  });

  it('agree with how many questions would not come back from a .txt file', () => {
    expect(exportMisfitsText(tr('es'), 'txt', [3], false)).toContain('la pregunta 3 no volvería exactamente igual');
    expect(exportMisfitsText(tr('es'), 'txt', [3, 5], true)).toContain(
      'el título o el tiempo por pregunta y las preguntas 3, 5 no volverían',
    );
    expect(exportMisfitsText(tr('ru'), 'txt', [3], false)).toContain('вопрос 3 не сохранится в точности');
    expect(exportMisfitsText(tr('de'), 'txt', [3, 5], false)).toContain('kämen die Fragen 3, 5 nicht genau so zurück');
  });

  it('keep columns, fields, formats and commands literal in every language', () => {
    for (const locale of LOCALES) {
      const t = tr(locale);
      expect(fileProblem(locale, { kind: 'csv_no_header' })).toContain(
        'question,option1,correct (option2..option12, explanation, open_period_s, media',
      );
      expect(
        quizFileProblemText(t, { line: 2, question: 1, problem: { kind: 'json_wrong_type', field: '', expected: 'object' } }, 'json'),
      ).toContain('{ "question": ..., "options": [...], "correct": [...] }');
      expect(importPromptText(t)).toMatch(/\.csv, \.json, \.txt.*\/import.*\/template/u);
      expect(exportMisfitsText(t, 'txt', [2], true)).toContain('/export <id> csv');
    }
  });
});
