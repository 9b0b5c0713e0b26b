import { describe, expect, it } from 'vitest';
import { parseStartArguments } from '../../src/bot/start-run.js';

describe('parseStartArguments', () => {
  it('reads the quiz id, a deep-link payload, the time per question and shuffle', () => {
    expect(parseStartArguments('12')).toEqual({ ok: true, quizId: 12 });
    expect(parseStartArguments('quiz_12')).toEqual({ ok: true, quizId: 12 });
    expect(parseStartArguments(' 12  15s ')).toEqual({ ok: true, quizId: 12, openPeriodS: 15 });
    expect(parseStartArguments('12 1m shuffle')).toEqual({ ok: true, quizId: 12, openPeriodS: 60, shuffle: true });
    expect(parseStartArguments('12 Shuffle')).toEqual({ ok: true, quizId: 12, shuffle: true });
  });

  it('explains a missing id and a bad time', () => {
    const missing = parseStartArguments('');
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.problem).toContain('Which quiz?');
    const bad = parseStartArguments('12 3s');
    expect(!bad.ok && bad.problem).toContain('Cannot start quiz 12: the time per question must be between 5 seconds and 10 minutes');
  });
});
