/** deliveryOf: the one answer to "may this failed call have reached Telegram?". */
import { GrammyError, HttpError } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryOf } from '../../src/queue/delivery.js';
import {
  AmbiguousDeliveryError,
  ChatUnreachableError,
  QueueClosedError,
  QueueFullError,
  SendCancelledError,
} from '../../src/queue/errors.js';
import { clockedQueue, type ClockedQueue } from './clocked-queue.js';

const telegram = (error_code: number, description: string) =>
  new GrammyError(`Call to 'sendPoll' failed! (${error_code}: ${description})`, { ok: false, error_code, description }, 'sendPoll', {});
const network = (code: string) => new HttpError("Network request for 'sendPoll' failed!", Object.assign(new Error(code), { code }));

describe('deliveryOf', () => {
  it.each([
    ['queue full', new QueueFullError('sendPoll', 10)],
    ['queue closed', new QueueClosedError('sendPoll')],
    ['guard declined', new SendCancelledError('sendPoll', '-1', 'declined')],
    ['guard threw', new SendCancelledError('sendPoll', '-1', 'guard_failed', { cause: new Error('db down') })],
    ['aborted', new SendCancelledError('sendPoll', '-1', 'aborted', { cause: new Error('stopped') })],
    ['connection refused before sending', network('ECONNREFUSED')],
    ['no DNS', network('ENOTFOUND')],
    ['5xx after the last retry', telegram(502, 'Bad Gateway')],
    ['429', telegram(429, 'Too Many Requests: retry after 3')],
  ])('not_sent: %s', (_case, error) => {
    expect(deliveryOf(error)).toBe('not_sent');
  });

  it.each([
    ['400', telegram(400, 'Bad Request: chat not found')],
    ['401', telegram(401, 'Unauthorized')],
    ['409', telegram(409, 'Conflict')],
  ])('refused: Telegram answered %s', (_case, error) => {
    expect(deliveryOf(error)).toBe('refused');
  });

  it('unreachable: 403, or a chat the queue already knows it cannot write to', () => {
    expect(deliveryOf(telegram(403, 'Forbidden: bot was blocked by the user'))).toBe('unreachable');
    expect(deliveryOf(new ChatUnreachableError('sendPoll', '42', 'bot was blocked by the user'))).toBe('unreachable');
  });

  it('unknown: the connection broke after the request went out, or an error it does not know', () => {
    expect(deliveryOf(new AmbiguousDeliveryError('sendPoll', '-1', new Error('socket hang up')))).toBe('unknown');
    expect(deliveryOf(network('ECONNRESET'))).toBe('unknown');
    expect(deliveryOf(new Error('something else'))).toBe('unknown');
    expect(deliveryOf('a string')).toBe('unknown');
  });

  it('every queue error carries a stable code', () => {
    expect(new QueueFullError('m', 1).code).toBe('QUEUE_FULL');
    expect(new QueueClosedError('m').code).toBe('QUEUE_CLOSED');
    expect(new AmbiguousDeliveryError('m', undefined, null).code).toBe('AMBIGUOUS_DELIVERY');
    expect(new ChatUnreachableError('m', '1', 'r').code).toBe('CHAT_UNREACHABLE');
    expect(new SendCancelledError('m', undefined, 'declined').code).toBe('SEND_CANCELLED');
  });
});

describe('what the queue rejects with', () => {
  let h: ClockedQueue | undefined;
  afterEach(async () => {
    await h?.close();
  });

  it('says unknown for an edit whose first attempt may have applied, even if the last never left', async () => {
    h = clockedQueue({ maxRetries: 1, retryBaseMs: 100 });
    const attempts = [network('ECONNRESET'), network('ECONNREFUSED')];
    const edit = h.queue
      .submit('editMessageText', { chat_id: 1, message_id: 5, text: 'final' }, () => Promise.reject(attempts.shift()))
      .catch((error: unknown) => error);
    await h.advance(0);
    await h.advance(1_100);
    const error = await edit;
    expect(attempts).toEqual([]); // both attempts made
    expect(error).toBeInstanceOf(AmbiguousDeliveryError);
    expect(deliveryOf(error)).toBe('unknown');
  });
});
