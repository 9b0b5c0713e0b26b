import { describe, expect, it } from 'vitest';
import { describeSeconds, openPeriodProblemText } from '../../src/bot/texts/quiz-problems.js';
import { createI18n, translatorFor } from '../../src/i18n/translator.js';
import { parseOpenPeriod as parseRule, RUN_OPEN_PERIOD_MAX_S } from '../../src/quiz/open-period.js';

/** English texts, as the bot's tests read them. */
const t = translatorFor(createI18n(), 'en');

/** The rule's answer with its problem in words, as the bot shows it. */
const parseOpenPeriod = (text: string) => {
  const parsed = parseRule(text);
  return parsed.ok ? parsed : { ok: false as const, problem: openPeriodProblemText(t, parsed.problem) };
};

describe('parseOpenPeriod', () => {
  it.each([
    ['15', 15],
    ['15s', 15],
    ['2m', 120],
    ['1m30s', 90],
    ['90 s', 90],
    ['1M30S', 90],
    ['  1m 30s ', 90],
    ['1 min 30 sec', 90],
    ['2 minutes', 120],
    ['45 seconds', 45],
    ['1m30', 90],
  ])('reads %j as %i seconds', (text, seconds) => {
    expect(parseOpenPeriod(text)).toEqual({ ok: true, seconds });
  });

  it('accepts the limits themselves: 5 seconds and 10 minutes', () => {
    expect(RUN_OPEN_PERIOD_MAX_S).toBe(600);
    expect(parseOpenPeriod('5s')).toEqual({ ok: true, seconds: 5 });
    expect(parseOpenPeriod('10m')).toEqual({ ok: true, seconds: 600 });
    expect(parseOpenPeriod('600')).toEqual({ ok: true, seconds: 600 });
  });

  it('refuses times outside 5 seconds..10 minutes and says why', () => {
    expect(parseOpenPeriod('3s')).toEqual({
      ok: false,
      problem: "the time per question must be between 5 seconds and 10 minutes, got '3s'",
    });
    expect(parseOpenPeriod('0')).toMatchObject({ ok: false, problem: expect.stringContaining("got '0'") });
    expect(parseOpenPeriod('10m1s')).toMatchObject({ ok: false, problem: expect.stringContaining('10 minutes') });
    expect(parseOpenPeriod('601')).toMatchObject({ ok: false });
    expect(parseOpenPeriod('99999999999999999999999')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('between 5 seconds and 10 minutes'),
    });
  });

  it.each(['', '   ', 'abc', 'm', 's', '1h', '-5', '1.5m', '15 s s', '30s2m', '1m30s!'])('refuses %j with a hint on the format', (text) => {
    expect(parseOpenPeriod(text)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('write seconds (15 or 15s), minutes (2m) or both (1m30s)'),
    });
  });

  it('quotes only the start of a long input', () => {
    const result = parseOpenPeriod('x'.repeat(500));
    expect(result).toMatchObject({ ok: false, problem: expect.stringContaining(`'${'x'.repeat(20)}…'`) });
  });
});

describe('describeSeconds', () => {
  it('names a duration in whole units, largest first', () => {
    expect([1, 3, 60, 90, 600, 3_600, 3_661, 2_628_000].map((seconds) => describeSeconds(t, seconds))).toEqual([
      '1 second',
      '3 seconds',
      '1 minute',
      '1 minute 30 seconds',
      '10 minutes',
      '1 hour',
      '1 hour 1 minute 1 second',
      '730 hours',
    ]);
  });
});
