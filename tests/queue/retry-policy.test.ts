import { describe, expect, it } from 'vitest';
import { createBackoff } from '../../src/lib/backoff.js';
import type { Call } from '../../src/queue/call.js';
import { deliveryOf } from '../../src/queue/delivery.js';
import { AmbiguousDeliveryError } from '../../src/queue/errors.js';
import { decideAfter, mayHaveApplied } from '../../src/queue/retry-policy.js';

const policy = { maxRetries: 2, backoff: createBackoff({ initialMs: 100, maxMs: 1_000, random: () => 1 }) };
const call = (method: string, attempts: number): Call =>
  ({ method, attempts, maybeApplied: false, chat: { key: '1', kind: 'private' } }) as Call;
const refused = (error_code: number, description: string) => ({ ok: false as const, error_code, description });
const notSent = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
const broken = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('decideAfter (the queue retry policy)', () => {
  it('settles answers, pauses on 429, backs off 5xx and unsent requests until the retries run out', () => {
    expect(decideAfter(call('sendMessage', 1), { kind: 'answer', response: { ok: true, result: 1 } }, policy)).toEqual({
      kind: 'settle',
      response: { ok: true, result: 1 },
    });
    expect(
      decideAfter(call('sendMessage', 1), { kind: 'rate_limited', response: refused(429, 'Too Many Requests'), retryAfterS: 3 }, policy),
    ).toEqual({ kind: 'rate_limited', retryAfterS: 3 });
    expect(decideAfter(call('sendMessage', 2), { kind: 'server_error', response: refused(502, 'Bad Gateway') }, policy)).toEqual({
      kind: 'again',
      delayMs: 200,
    });
    expect(decideAfter(call('sendMessage', 3), { kind: 'server_error', response: refused(502, 'Bad Gateway') }, policy)).toEqual({
      kind: 'settle',
      response: refused(502, 'Bad Gateway'),
    });
    expect(decideAfter(call('sendMessage', 1), { kind: 'not_sent', error: notSent }, policy)).toEqual({ kind: 'again', delayMs: 100 });
    expect(decideAfter(call('sendMessage', 3), { kind: 'not_sent', error: notSent }, policy)).toEqual({ kind: 'fail', error: notSent });
  });

  it('never repeats a send whose connection broke; repeats an edit and then calls "not modified" a success', () => {
    const send = decideAfter(call('sendPoll', 1), { kind: 'unclear', error: broken }, policy);
    expect(send.kind === 'fail' && send.error).toBeInstanceOf(AmbiguousDeliveryError);
    const edit = call('editMessageText', 1);
    expect(decideAfter(edit, { kind: 'unclear', error: broken }, policy)).toEqual({ kind: 'again', delayMs: 100 });
    expect(edit.maybeApplied).toBe(true);
    const notModified = refused(
      400,
      'Bad Request: message is not modified: specified new message content and reply markup are exactly the same',
    );
    expect(decideAfter(edit, { kind: 'answer', response: notModified }, policy)).toEqual({
      kind: 'settle',
      response: { ok: true, result: true },
    });
    expect(deliveryOf(mayHaveApplied(edit, notSent))).toBe('unknown');
  });
});
