import { describe, expect, it } from 'vitest';
import { countQuestionBlocks, parseQuizText, splitQuizBlocks } from '../../src/quiz/quiz-text.js';
import { checkQuizTitle, QUIZ_TITLE_MAX } from '../../src/quiz/quiz-title.js';

describe('quiz title rules (src/quiz/quiz-title.ts owns them)', () => {
  it('trims a title and refuses an empty, multi-line or too long one, saying why as data', () => {
    expect(checkQuizTitle('  Capitals ')).toEqual({ ok: true, title: 'Capitals' });
    expect(checkQuizTitle('   ')).toEqual({ ok: false, problem: { kind: 'empty' } });
    expect(checkQuizTitle('a\nb')).toEqual({ ok: false, problem: { kind: 'multiline' } });
    expect(checkQuizTitle('x'.repeat(QUIZ_TITLE_MAX))).toEqual({ ok: true, title: 'x'.repeat(QUIZ_TITLE_MAX) });
    expect(checkQuizTitle('x'.repeat(QUIZ_TITLE_MAX + 1))).toEqual({
      ok: false,
      problem: { kind: 'too_long', length: QUIZ_TITLE_MAX + 1 },
    });
  });

  it('counts blocks exactly as the parser reads them (one splitter)', () => {
    const text = 'Q1?\r\n- a *\r\n- b\r\n \t\r\nQ2?\n- c *\n- d\n\n\n';
    expect(countQuestionBlocks(text)).toBe(2);
    expect(splitQuizBlocks(text)).toEqual([
      ['Q1?', '- a *', '- b'],
      ['Q2?', '- c *', '- d'],
    ]);
    const parsed = parseQuizText(text);
    expect(parsed.ok && parsed.questions.length).toBe(countQuestionBlocks(text));
  });
});
