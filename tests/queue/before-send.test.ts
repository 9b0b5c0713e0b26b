/**
 * The guard right before sending (`beforeSend`), for the run engine's at-most-once sends, and
 * the other way a call is cancelled: its AbortSignal. A cancelled call reached nothing, is
 * never retried, and gives its global slot back at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryOf } from '../../src/queue/delivery.js';
import { SendCancelledError } from '../../src/queue/errors.js';
import { clockedQueue, errorAnswer, START, type ClockedQueue } from './clocked-queue.js';

let h: ClockedQueue;

afterEach(async () => {
  await h?.close();
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('beforeSend', () => {
  it('is asked right before the request: after the chat spacing and the global slot', async () => {
    h = clockedQueue({ globalPerS: 1, privateChatPerS: 1 });
    const asked: { at: number; sentBefore: number }[] = [];
    const guard = async () => {
      asked.push({ at: h.clock.now() - START, sentBefore: h.sent.length });
      return true;
    };
    const calls = [h.send(1, 'first'), h.send(1, 'guarded', { beforeSend: guard })];
    await h.advance(0);
    await h.advance(999);
    expect(asked).toEqual([]); // the chat's spacing and the global slot both hold it until 1000
    await h.advance(1);
    await Promise.all(calls);
    expect(asked).toEqual([{ at: 1_000, sentBefore: 1 }]);
    expect(h.sent.at(-1)).toMatchObject({ text: 'guarded', at: 1_000 });
  });

  it('false: not sent, rejects with SendCancelledError (declined), is not retried, and frees its slot at once', async () => {
    h = clockedQueue({ globalPerS: 2 }); // slots handed out 500 ms apart
    let asked = 0;
    let decide: (send: boolean) => void = () => {};
    const guard = () => (asked++, new Promise<boolean>((resolve) => (decide = resolve)));
    const declined = failure(h.send(1, 'stale question', { priority: 'question', beforeSend: guard }));
    const others = [h.send(2, 'B'), h.send(3, 'C')];
    await h.advance(400);
    decide(false); // at 400 ms, holding the first slot
    await h.advance(0);
    const error = await declined;
    expect(error).toBeInstanceOf(SendCancelledError);
    expect(error).toMatchObject({ code: 'SEND_CANCELLED', reason: 'declined', method: 'sendMessage', chatId: '1' });
    expect(deliveryOf(error)).toBe('not_sent');
    await h.advance(600);
    await Promise.all(others);
    // B took the second slot at 500; C took the first at 1000, which would be held until 1400
    // had the declined call been sent.
    expect(h.sent).toEqual([
      { chatId: 2, text: 'B', at: 500 },
      { chatId: 3, text: 'C', at: 1_000 },
    ]);
    await h.advance(5_000);
    expect(asked).toBe(1);
    expect(h.queue.stats()).toMatchObject({ total_cancelled: 1, total_failed: 0, retries: 0, queue_size: 0 });
  });

  it('throws: not sent, rejects with SendCancelledError whose cause is the error', async () => {
    h = clockedQueue();
    const databaseDown = new Error('connection terminated');
    const cancelled = failure(h.send(1, 'question', { beforeSend: () => Promise.reject(databaseDown) }));
    await h.advance(0);
    const error = await cancelled;
    expect(error).toBeInstanceOf(SendCancelledError);
    expect(error).toMatchObject({ reason: 'guard_failed', cause: databaseDown });
    expect((error as Error).message).toMatch(/beforeSend guard threw \(connection terminated\)/);
    expect(h.sent).toEqual([]);
  });

  it('is asked once: the repeat after a 5xx (Telegram did not act) goes without asking again', async () => {
    h = clockedQueue({ retryBaseMs: 100, privateChatPerS: 1_000 });
    let asked = 0;
    let failures = 1;
    const call = h.send(1, 'question', { beforeSend: async () => (asked++, true) }, () =>
      failures-- > 0 ? errorAnswer(500, 'Internal Server Error') : { ok: true, result: true },
    );
    await h.advance(0);
    await h.advance(100);
    await call;
    expect(asked).toBe(1); // a guard that records "sending" would refuse its own repeat
    expect(h.sent).toHaveLength(2);
  });
});

describe('an aborted call', () => {
  it('is not sent and rejects with SendCancelledError (aborted) carrying the signal reason', async () => {
    h = clockedQueue({ privateChatPerS: 1 });
    const abort = new AbortController();
    const first = h.send(1, 'first');
    const waiting = failure(
      h.queue.submit('sendMessage', { chat_id: 1, text: 'second' }, () => Promise.reject(new Error('must not be sent')), abort.signal),
    );
    await h.advance(0);
    abort.abort(new Error('run stopped'));
    await h.advance(1_000);
    const error = await waiting;
    expect(error).toMatchObject({ name: 'SendCancelledError', reason: 'aborted', cause: new Error('run stopped') });
    expect(deliveryOf(error)).toBe('not_sent');
    await first;
    expect(h.texts()).toEqual(['first']);
  });
});
