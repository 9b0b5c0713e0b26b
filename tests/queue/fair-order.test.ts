/**
 * Who goes first when the global limit binds: priority (question, interactive, announce,
 * results, bulk), then the call due first, then submit order; and a call that is retried keeps
 * its place. Driven by a ManualClock: the global limit here is 2 sends per second, slots handed
 * out at least 500 ms apart, each coming back a second after its (instant) answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clockedQueue, errorAnswer, START, type ClockedQueue } from './clocked-queue.js';

let h: ClockedQueue;

afterEach(async () => {
  await h?.close();
});

/** Takes both global slots (at 0 and 500 ms), so everything submitted next waits for the limit. */
async function bindTheLimit(): Promise<void> {
  void h.send(901, 'filler 1', { priority: 'bulk' });
  void h.send(902, 'filler 2', { priority: 'bulk' });
  await h.advance(500);
  expect(h.texts()).toEqual(['filler 1', 'filler 2']);
}

describe('at a binding global limit', () => {
  it('serves by priority, then the call due first, then submit order', async () => {
    h = clockedQueue({ globalPerS: 2 });
    await bindTheLimit();
    const calls = [
      h.send(1, 'bulk', { priority: 'bulk' }),
      h.send(2, 'results', { priority: 'results' }),
      h.send(3, 'announce', { priority: 'announce' }),
      h.send(4, 'reply', {}), // interactive by default
      h.send(5, 'question due now', { priority: 'question' }),
      h.send(6, 'question due 3 s ago', { priority: 'question', dueAt: START - 3_000 }),
      h.send(7, 'question due 1 s ago', { priority: 'question', dueAt: START - 1_000 }),
      h.send(8, 'another question due 3 s ago', { priority: 'question', dueAt: START - 3_000 }),
    ];
    await h.advance(499);
    expect(h.sent).toHaveLength(2); // nothing passes the held slots
    await h.advance(3_501);
    await Promise.all(calls);
    expect(h.texts().slice(2)).toEqual([
      'question due 3 s ago',
      'another question due 3 s ago',
      'question due 1 s ago',
      'question due now',
      'reply',
      'announce',
      'results',
      'bulk',
    ]);
    // Two a second: each left when the slot taken a second before came back.
    expect(h.sent.slice(2).map((s) => s.at)).toEqual([1_000, 1_500, 2_000, 2_500, 3_000, 3_500, 4_000, 4_500]);
    // Submitted at 500 ms: the questions waited 0.5, 1, 1.5 and 2 s.
    expect(h.queue.stats().wait_ms.question).toMatchObject({ count: 4, p50: 1_000, p99: 2_000 });
  });

  it('lets no chat starve: each question waits only for those due before it, whoever keeps asking', async () => {
    h = clockedQueue({ globalPerS: 1 });
    void h.send(900, 'filler', { priority: 'bulk' });
    await h.advance(0);
    const calls = [h.send(-100, 'group 100', { priority: 'question' })];
    // A new group asks every 100 ms for 2 s: far more than 1 a second can serve.
    for (let group = 1; group <= 20; group++) {
      await h.advance(100);
      calls.push(h.send(-group, `group ${group}`, { priority: 'question' }));
      // At 1.5 s a question comes in that was due before all of them (its run was held up).
      if (group === 15) calls.push(h.send(-200, 'group 200, due 0.5 s before group 100', { priority: 'question', dueAt: START - 500 }));
    }
    for (let second = 0; second < 25; second++) await h.advance(1_000);
    await Promise.all(calls);
    const served = h.texts().slice(1);
    // Group 100 took the slot that came free at 1 s; the next one (2 s) went to the question
    // that came in at 1.5 s but was due first; then every group in the order it asked.
    expect(served).toEqual([
      'group 100',
      'group 200, due 0.5 s before group 100',
      ...Array.from({ length: 20 }, (_, i) => `group ${i + 1}`),
    ]);
    expect(h.sent.slice(1).map((s) => s.at)).toEqual(Array.from({ length: 22 }, (_, i) => (i + 1) * 1_000));
  });

  it('keeps a retried call in its place: after a 5xx it still goes before younger calls', async () => {
    h = clockedQueue({ globalPerS: 2, retryBaseMs: 100 });
    let failures = 1;
    const flaky = () => (failures-- > 0 ? errorAnswer(502, 'Bad Gateway') : { ok: true as const, result: true });
    const old = h.send(1, 'old question', { priority: 'question' }, flaky);
    await h.advance(0);
    expect(h.texts()).toEqual(['old question']); // answered 502; its retry waits out a backoff
    const younger = [h.send(2, 'young question 1', { priority: 'question' }), h.send(3, 'young question 2', { priority: 'question' })];
    await h.advance(500);
    expect(h.texts()).toEqual(['old question', 'young question 1']); // the second slot; the third waits
    await h.advance(1_000);
    await Promise.all([old, ...younger]);
    // At 1000 ms the first slot came back: the retry, older, took it before young question 2.
    expect(h.sent.map((s) => [s.text, s.at])).toEqual([
      ['old question', 0],
      ['young question 1', 500],
      ['old question', 1_000],
      ['young question 2', 1_500],
    ]);
  });
});
