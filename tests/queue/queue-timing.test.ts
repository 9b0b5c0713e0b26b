/**
 * Every wait of the queue runs on its Clock: the global slot held until a window after the
 * answer, chat spacing, 429 pauses, retry backoff, the drain deadline. A ManualClock drives
 * them; each check is the clock time a request went out.
 */
import type { ApiResponse } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { AmbiguousDeliveryError, QueueClosedError } from '../../src/queue/errors.js';
import { clockedQueue, errorAnswer, type ClockedQueue } from './clocked-queue.js';

let h: ClockedQueue;

afterEach(async () => {
  await h?.close();
});

const ok: ApiResponse<unknown> = { ok: true, result: true };

/** An answer the test hands over when it likes (a slow Telegram). */
function later(): { reply: () => Promise<ApiResponse<unknown>>; answer: () => void } {
  let answer: () => void = () => {};
  const answered = new Promise<ApiResponse<unknown>>((resolve) => (answer = () => resolve(ok)));
  return { reply: () => answered, answer: () => answer() };
}

describe('the global limit, counted on arrival', () => {
  it('holds each slot until a window after its own answer, however long the answer took', async () => {
    // Two slots, handed out at least 500 ms apart (1000 ms / 2).
    h = clockedQueue({ globalPerS: 2 });
    const slow = later();
    const calls = [h.send(1, 'A, answered at 1200 ms', {}, slow.reply), h.send(2, 'B, answered at once'), h.send(3, 'C'), h.send(4, 'D')];
    await h.advance(500);
    expect(h.sent.map((s) => [s.text, s.at])).toEqual([
      ['A, answered at 1200 ms', 0],
      ['B, answered at once', 500],
    ]);
    await h.advance(700);
    slow.answer(); // at 1200: A's slot comes back at 2200
    await h.advance(299); // 1499: B's slot comes back at 1500
    expect(h.sent).toHaveLength(2);
    await h.advance(1);
    expect(h.sent.at(-1)).toEqual({ chatId: 3, text: 'C', at: 1_500 });
    await h.advance(699);
    expect(h.sent).toHaveLength(3);
    await h.advance(1);
    expect(h.sent.at(-1)).toEqual({ chatId: 4, text: 'D', at: 2_200 });
    await Promise.all(calls);
  });

  it('hands slots out evenly, so a question waits for the next one, not for the next window', async () => {
    h = clockedQueue({ globalPerS: 4 }); // 250 ms apart
    const bulk = Array.from({ length: 8 }, (_, i) => h.send(100 + i, `bulk ${i + 1}`, { priority: 'bulk' }));
    await h.advance(100);
    const question = h.send(1, 'question', { priority: 'question' });
    await h.advance(899);
    await question;
    expect(h.sent.map((s) => [s.text, s.at])).toEqual([
      ['bulk 1', 0],
      ['question', 250],
      ['bulk 2', 500],
      ['bulk 3', 750],
    ]);
    await h.advance(1_200);
    await Promise.all(bulk);
    expect(h.sent.map((s) => s.at)).toEqual([0, 250, 500, 750, 1_000, 1_250, 1_500, 1_750, 2_000]);
  });

  it('keeps the window of a failed request too (it may have arrived)', async () => {
    h = clockedQueue({ globalPerS: 1, maxRetries: 0 });
    const failed = h
      .send(1, 'lost', {}, () => Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })))
      .catch((error: unknown) => error);
    const next = h.send(2, 'next');
    await h.advance(0);
    expect(await failed).toBeInstanceOf(AmbiguousDeliveryError);
    await h.advance(999);
    expect(h.texts()).toEqual(['lost']);
    await h.advance(1);
    expect(h.sent.at(-1)).toMatchObject({ text: 'next', at: 1_000 });
    await next;
  });
});

describe('per-chat limits and pauses on the clock', () => {
  it('spaces one private chat 1 s apart and one group 3 s apart, from each real send', async () => {
    h = clockedQueue({ privateChatPerS: 1, groupPerMin: 20 });
    const calls = [1, 2, 3].flatMap((n) => [h.send(7, `private ${n}`), h.send(-7, `group ${n}`)]);
    await h.advance(6_100);
    await Promise.all(calls);
    const at = (chatId: number) => h.sent.filter((s) => s.chatId === chatId).map((s) => s.at);
    expect(at(7)).toEqual([0, 1_000, 2_000]);
    // The group's first message took the next global slot, 33 ms later (slots are handed out
    // 1000 / 30 ms apart); its spacing counts from there.
    expect(at(-7)).toEqual([33, 3_033, 6_033]);
  });

  it('pauses a chat for retry_after after a 429 and repeats the call first in its line', async () => {
    h = clockedQueue();
    let refused = false;
    const once429 = () => (refused ? ok : ((refused = true), errorAnswer(429, 'Too Many Requests: retry after 2', 2)));
    const calls = [h.send(1, 'refused once', {}, once429), h.send(1, 'after it'), h.send(2, 'other chat')];
    await h.advance(0);
    await h.advance(1_999);
    expect(h.texts()).toEqual(['refused once', 'other chat']);
    await h.advance(1);
    await h.advance(1_000);
    await Promise.all(calls);
    expect(h.sent.filter((s) => s.chatId === 1).map((s) => [s.text, s.at])).toEqual([
      ['refused once', 0],
      ['refused once', 2_000],
      ['after it', 3_000],
    ]);
    expect(h.queue.stats()).toMatchObject({ rate_limit_hits: 1, total_processed: 3 });
  });

  it('retries a 5xx after a backoff of half to all of retryBaseMs', async () => {
    // Chat spacing of 1 ms, so that only the backoff holds the retry back.
    h = clockedQueue({ retryBaseMs: 100, privateChatPerS: 1_000 });
    let failures = 1;
    const call = h.send(1, 'flaky', {}, () => (failures-- > 0 ? errorAnswer(502, 'Bad Gateway') : ok));
    await h.advance(0);
    for (let ms = 1; ms <= 100 && h.sent.length < 2; ms++) await h.advance(1);
    await call;
    const retryAt = h.sent[1]?.at as number;
    expect(retryAt).toBeGreaterThanOrEqual(50);
    expect(retryAt).toBeLessThanOrEqual(100);
    expect(h.queue.stats().retries).toBe(1);
  });
});

describe('drain on the clock', () => {
  it('sends what the deadline allows and rejects the rest with QueueClosedError', async () => {
    h = clockedQueue({ privateChatPerS: 1 });
    const calls = [0, 1, 2, 3].map((n) =>
      h.send(1, `m${n}`).then(
        () => 'sent',
        (error: unknown) => error,
      ),
    );
    const report = h.queue.drain(2_500);
    await h.advance(0);
    for (let i = 0; i < 5; i++) await h.advance(500);
    expect(await report).toEqual({ complete: false, unsent: [{ method: 'sendMessage', chatId: '1' }], stillRunning: 0 });
    const outcomes = await Promise.all(calls);
    expect(outcomes.slice(0, 3)).toEqual(['sent', 'sent', 'sent']);
    expect(outcomes[3]).toBeInstanceOf(QueueClosedError);
    expect(h.sent.map((s) => s.at)).toEqual([0, 1_000, 2_000]);
  });
});
