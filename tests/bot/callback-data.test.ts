import { describe, expect, it } from 'vitest';
import { parseStartArguments } from '../../src/bot/start-run.js';
import { DEEP_LINK, isQuizDeepLink } from '../../src/bot/deep-links.js';
import { createRankKeyboard, RANK_CALLBACK } from '../../src/bot/keyboards/rank-keyboard.js';
import { createI18n, translatorFor } from '../../src/i18n/translator.js';

const t = translatorFor(createI18n(), 'en');

describe('callback data and deep links, each built and read by one owner', () => {
  it('reads back the run id of the "My rank" button it builds, within 64 bytes', () => {
    const button = createRankKeyboard(t, 123_456_789_012_345).inline_keyboard[0]?.[0];
    const data = button && 'callback_data' in button ? button.callback_data : '';
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(Number(RANK_CALLBACK.pattern.exec(data)?.[1])).toBe(123_456_789_012_345);
    expect(RANK_CALLBACK.pattern.test('rank:1x')).toBe(false);
  });

  it('reads back the quiz of the deep link it builds', () => {
    const payload = DEEP_LINK.quiz(42);
    expect(isQuizDeepLink(payload)).toBe(true);
    expect(isQuizDeepLink(DEEP_LINK.newQuiz)).toBe(false);
    expect(parseStartArguments(t, payload, 'private')).toEqual({ ok: true, quizId: 42 });
  });
});
