import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { params, privateTextUpdate } from './helpers/hub-inputs.js';
import { BotApiError } from '../src/errors.js';
import { createUpdateHub, type HandedOutBatch, type UpdateHub, type UpdateHubOptions } from '../src/update-hub.js';

const FIRST = 100_000_001;

/** One webhook request as the bot's endpoint received it; the test decides the answer. */
interface Received {
  update: Update;
  headers: http.IncomingHttpHeaders;
  respond(status: number, headers?: Record<string, string>): void;
}

/** A real HTTP endpoint on 127.0.0.1:0 that hands each request to the test (or answers it itself). */
interface Endpoint {
  url: string;
  received: Received[];
  /** The next request not yet taken, as soon as it arrives. */
  next(): Promise<Received>;
  /** Requests received and not yet answered, and the most there ever were at once. */
  readonly open: number;
  readonly peakOpen: number;
  close(): Promise<void>;
}

async function startEndpoint(autoRespond?: number): Promise<Endpoint> {
  const received: Received[] = [];
  const untaken: Received[] = [];
  const takers: ((r: Received) => void)[] = [];
  let open = 0;
  let peakOpen = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      open++;
      peakOpen = Math.max(peakOpen, open);
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        open--;
      };
      res.on('close', finish);
      const request: Received = {
        update: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Update,
        headers: req.headers,
        respond(status, headers = {}) {
          if (done) return;
          finish();
          res.writeHead(status, headers).end();
        },
      };
      received.push(request);
      if (autoRespond !== undefined) request.respond(autoRespond);
      const taker = takers.shift();
      if (taker) taker(request);
      else untaken.push(request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    next: () => {
      const ready = untaken.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => takers.push(resolve));
    },
    get open() {
      return open;
    },
    get peakOpen() {
      return peakOpen;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits for a condition that real I/O will make true, turn by turn of the event loop (no fixed sleep). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 200_000; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`Gave up waiting until ${what}`);
}

function refusal(action: () => unknown): BotApiError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(BotApiError);
    return error as BotApiError;
  }
  throw new Error('expected a BotApiError, but the call succeeded');
}

let clock: ManualClock;
let hub: UpdateHub;
let endpoint: Endpoint | undefined;

function newHub(options: Partial<UpdateHubOptions> = {}): UpdateHub {
  clock = new ManualClock();
  hub = createUpdateHub({ clock, ...options });
  return hub;
}

afterEach(async () => {
  hub?.close();
  await endpoint?.close();
  endpoint = undefined;
});

/** Sets the webhook and gets one delivery through, so that Telegram's single-connection start is over. */
async function warmUp(url: string, extra: Record<string, unknown> = {}): Promise<void> {
  hub.setWebhook(params({ url, ...extra }));
  hub.add('message', 'warm-up', privateTextUpdate('warm-up', 999));
  const first = await endpoint!.next();
  first.respond(200);
  await until(() => hub.stats().webhook.delivered === 1, 'the warm-up update is delivered');
}

describe('setWebhook', () => {
  it('refuses URLs and secrets as Telegram words it, leaving no webhook', () => {
    newHub();
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'http://example.com/hook' }, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook'],
      [{ url: 'https://example.com:8080/hook' }, 'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443'],
      [{ url: 'ftp://example.com/hook' }, 'Bad Request: invalid webhook URL specified'],
      [{ url: 'not a url' }, 'Bad Request: invalid webhook URL specified'],
      [{ url: '/relative/path' }, 'Bad Request: invalid webhook URL specified'],
      [{ url: 'https://example.com/hook', secret_token: 'abc+def/ghi=' }, 'Bad Request: secret token contains unallowed characters'],
      [{ url: 'https://example.com/hook', secret_token: 'a'.repeat(257) }, 'Bad Request: secret token is too long'],
    ];
    for (const [values, description] of cases) {
      clock.advance(1_000); // setWebhook with a URL is limited to one call per second
      const error = refusal(() => hub.setWebhook(params(values)));
      expect([error.errorCode, error.description]).toEqual([400, description]);
      expect(hub.getWebhookInfo().url).toBe('');
    }
  });

  it('accepts https on Telegram ports, and loopback over http on any port (the simulator difference)', () => {
    newHub();
    for (const url of [
      'https://example.com/hook',
      'https://example.com:8443/x',
      'http://127.0.0.1:3000/hook',
      'http://localhost:8080/x',
      'http://[::1]:9/x',
    ]) {
      clock.advance(1_000);
      expect(hub.setWebhook(params({ url }))).toBe(true);
      expect(hub.getWebhookInfo().url).toBe(url);
    }
  });

  it('allows one setWebhook with a URL per second (429 retry after 1), but deleteWebhook at any time', () => {
    newHub();
    hub.setWebhook(params({ url: 'http://127.0.0.1:9/a' }));
    const error = refusal(() => hub.setWebhook(params({ url: 'http://127.0.0.1:9/b' })));
    expect(error.toJSON()).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    expect(hub.deleteWebhook(params())).toBe(true);
    clock.advance(1_000);
    expect(hub.setWebhook(params({ url: 'http://127.0.0.1:9/b' }))).toBe(true);
  });

  it('reports every field that applies in getWebhookInfo', async () => {
    newHub();
    endpoint = await startEndpoint();
    hub.setWebhook(params({ url: endpoint.url, max_connections: 7, allowed_updates: ['message', 'poll_answer'] }));
    expect(hub.getWebhookInfo()).toEqual({
      url: endpoint.url,
      has_custom_certificate: false,
      pending_update_count: 0,
      max_connections: 7,
      ip_address: '127.0.0.1',
      allowed_updates: ['message', 'poll_answer'],
    });
    hub.add('message', '1', privateTextUpdate('x', 1));
    (await endpoint.next()).respond(500);
    await until(() => hub.stats().webhook.failed === 1, 'the failure is recorded');
    expect(hub.getWebhookInfo()).toEqual({
      url: endpoint.url,
      has_custom_certificate: false,
      pending_update_count: 1,
      last_error_date: Math.floor(clock.now() / 1_000),
      last_error_message: 'Wrong response from the webhook: 500 Internal Server Error',
      max_connections: 7,
      ip_address: '127.0.0.1',
      allowed_updates: ['message', 'poll_answer'],
    });
  });

  it('clamps max_connections to 1-100 and defaults it to 40', () => {
    newHub();
    hub.setWebhook(params({ url: 'http://127.0.0.1:9/a' }));
    expect(hub.getWebhookInfo().max_connections).toBe(40);
    clock.advance(1_000);
    hub.setWebhook(params({ url: 'http://127.0.0.1:9/a', max_connections: 1_000 }));
    expect(hub.getWebhookInfo().max_connections).toBe(100);
    clock.advance(1_000);
    hub.setWebhook(params({ url: 'http://127.0.0.1:9/a', max_connections: 0 }));
    expect(hub.getWebhookInfo().max_connections).toBe(1);
  });
});

describe('webhook delivery', () => {
  it('POSTs the update JSON with the secret header; a 2xx confirms it', async () => {
    newHub();
    endpoint = await startEndpoint();
    hub.setWebhook(params({ url: endpoint.url, secret_token: 'abc_DEF-123' }));
    hub.add('message', '1', privateTextUpdate('hello', 1));
    const request = await endpoint.next();
    expect(request.headers['x-telegram-bot-api-secret-token']).toBe('abc_DEF-123');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.update).toEqual({ update_id: FIRST, ...privateTextUpdate('hello', 1) });
    expect(hub.pendingCount).toBe(1);
    request.respond(204);
    await until(() => hub.pendingCount === 0, 'the update is confirmed');
    expect(hub.stats()).toMatchObject({ confirmed: 1, handedOut: 1, webhook: { delivered: 1, failed: 0, inFlight: 0 } });
  });

  it('sends no secret header when no secret is set', async () => {
    newHub();
    endpoint = await startEndpoint(200);
    hub.setWebhook(params({ url: endpoint.url }));
    hub.add('message', '1', privateTextUpdate('x', 1));
    expect((await endpoint.next()).headers['x-telegram-bot-api-secret-token']).toBeUndefined();
  });

  it('sends the same update again after a 500, with a doubling backoff on the clock, until a 2xx', async () => {
    newHub();
    endpoint = await startEndpoint();
    const batches: HandedOutBatch[] = [];
    hub.onHandedOut((b) => batches.push(b));
    hub.setWebhook(params({ url: endpoint.url }));
    hub.add('message', '1', privateTextUpdate('x', 1));
    (await endpoint.next()).respond(500);
    await until(() => hub.stats().webhook.failed === 1, 'the first failure is recorded');
    expect(hub.getWebhookInfo().last_error_message).toBe('Wrong response from the webhook: 500 Internal Server Error');

    clock.advance(999);
    expect(hub.stats().webhook.inFlight).toBe(0);
    clock.advance(1);
    const second = await endpoint.next();
    expect(second.update.update_id).toBe(FIRST);
    second.respond(502);
    await until(() => hub.stats().webhook.failed === 2, 'the second failure is recorded');

    clock.advance(1_999); // the delay doubled
    expect(hub.stats().webhook.inFlight).toBe(0);
    clock.advance(1);
    const third = await endpoint.next();
    expect(third.update.update_id).toBe(FIRST);
    third.respond(200);
    await until(() => hub.pendingCount === 0, 'the update is confirmed');
    expect(hub.stats().webhook).toEqual({ delivered: 1, failed: 2, redelivered: 2, inFlight: 0 });
    expect(batches.map((b) => [b.updateIds, b.redelivery])).toEqual([
      [[FIRST], false],
      [[FIRST], true],
      [[FIRST], true],
    ]);
  });

  it("honours a failing answer's Retry-After", async () => {
    newHub();
    endpoint = await startEndpoint();
    hub.setWebhook(params({ url: endpoint.url }));
    hub.add('message', '1', privateTextUpdate('x', 1));
    (await endpoint.next()).respond(429, { 'Retry-After': '7' });
    await until(() => hub.stats().webhook.failed === 1, 'the failure is recorded');
    expect(hub.getWebhookInfo().last_error_message).toBe('Wrong response from the webhook: 429 Too Many Requests');
    clock.advance(6_999);
    expect(hub.stats().webhook.inFlight).toBe(0);
    clock.advance(1);
    expect((await endpoint.next()).update.update_id).toBe(FIRST);
  });

  it('abort_after_send: the bot handles the update, its answer is lost, the same update_id comes again', async () => {
    newHub();
    endpoint = await startEndpoint();
    hub.setWebhook(params({ url: endpoint.url }));
    hub.failNextWebhookDeliveries(1, 'abort_after_send');
    hub.add('message', '1', privateTextUpdate('x', 1));
    const first = await endpoint.next();
    first.respond(200); // the bot did its work and answered
    await until(() => hub.stats().webhook.failed === 1, 'the lost answer counts as a failure');
    expect(hub.getWebhookInfo().last_error_message).toBe('Webhook connection closed');
    expect(hub.pendingCount).toBe(1);
    clock.advance(1_000);
    const second = await endpoint.next();
    expect(second.update.update_id).toBe(first.update.update_id);
    second.respond(200);
    await until(() => hub.pendingCount === 0, 'the redelivery is confirmed');
  });

  it('refuse: fails without sending ("Connection refused"), then delivers', async () => {
    newHub();
    endpoint = await startEndpoint(200);
    hub.setWebhook(params({ url: endpoint.url }));
    hub.failNextWebhookDeliveries(2, 'refuse');
    hub.add('message', '1', privateTextUpdate('x', 1));
    await until(() => hub.stats().webhook.failed === 1, 'the first refusal');
    expect(hub.getWebhookInfo().last_error_message).toBe('Connection refused');
    clock.advance(1_000);
    await until(() => hub.stats().webhook.failed === 2, 'the second refusal');
    clock.advance(2_000);
    await endpoint.next();
    await until(() => hub.pendingCount === 0, 'the update is delivered');
    expect(endpoint.received).toHaveLength(1);
    expect(hub.stats()).toMatchObject({ handedOut: 1, redelivered: 0 });
  });

  it('records "Connection refused" when nothing listens', async () => {
    newHub();
    const closed = await startEndpoint();
    const url = closed.url;
    await closed.close();
    hub.setWebhook(params({ url }));
    hub.add('message', '1', privateTextUpdate('x', 1));
    await until(() => hub.stats().webhook.failed === 1, 'the connection fails');
    expect(hub.getWebhookInfo().last_error_message).toBe('Connection refused');
  });

  it('gives up on an answer after timeoutMs on the clock ("Read timeout expired") and sends again', async () => {
    newHub({ webhook: { timeoutMs: 5_000 } });
    endpoint = await startEndpoint();
    hub.setWebhook(params({ url: endpoint.url }));
    hub.add('message', '1', privateTextUpdate('x', 1));
    await endpoint.next(); // never answered
    clock.advance(4_999);
    expect(hub.stats().webhook.failed).toBe(0);
    clock.advance(1);
    expect(hub.stats().webhook.failed).toBe(1);
    expect(hub.getWebhookInfo().last_error_message).toBe('Read timeout expired');
    clock.advance(1_000);
    const again = await endpoint.next();
    expect(again.update.update_id).toBe(FIRST);
    again.respond(200);
    await until(() => hub.pendingCount === 0, 'the update is confirmed');
  });

  it('keeps one update in flight per key, in order, while other keys progress', async () => {
    newHub();
    endpoint = await startEndpoint();
    await warmUp(endpoint.url);
    const a1 = hub.add('message', 'A', privateTextUpdate('a1', 1));
    const a2 = hub.add('message', 'A', privateTextUpdate('a2', 1));
    const b1 = hub.add('message', 'B', privateTextUpdate('b1', 2));
    const first = await endpoint.next();
    const second = await endpoint.next();
    expect([first.update.update_id, second.update.update_id]).toEqual([a1, b1]);
    expect(hub.stats().webhook.inFlight).toBe(2); // a2 waits for a1
    second.respond(200);
    await until(() => hub.stats().webhook.delivered === 2, 'b1 is delivered');
    expect(hub.stats().webhook.inFlight).toBe(1);
    first.respond(200);
    const third = await endpoint.next();
    expect(third.update.update_id).toBe(a2);
    third.respond(200);
    await until(() => hub.pendingCount === 0, 'everything is delivered');
  });

  it('starts with one request at a time, as Telegram does until a delivery succeeds', async () => {
    newHub();
    endpoint = await startEndpoint();
    hub.setWebhook(params({ url: endpoint.url }));
    hub.add('message', 'A', privateTextUpdate('a', 1));
    hub.add('message', 'B', privateTextUpdate('b', 2));
    const first = await endpoint.next();
    expect(hub.stats().webhook.inFlight).toBe(1);
    first.respond(200);
    (await endpoint.next()).respond(200);
    await until(() => hub.pendingCount === 0, 'both are delivered');
  });

  it('never has more than max_connections requests in flight', async () => {
    newHub();
    endpoint = await startEndpoint();
    await warmUp(endpoint.url, { max_connections: 3 });
    for (let i = 0; i < 10; i++) hub.add('message', `chat-${i}`, privateTextUpdate(`m${i}`, i));
    const open: Received[] = [];
    for (let answered = 0; answered < 10; answered++) {
      const expected = Math.min(3, 10 - answered);
      while (open.length < expected) open.push(await endpoint.next());
      expect(endpoint.open).toBe(expected);
      expect(hub.stats().webhook.inFlight).toBeLessThanOrEqual(3);
      open.shift()!.respond(200);
    }
    for (const request of open) request.respond(200);
    await until(() => hub.pendingCount === 0, 'all ten are delivered');
    expect(endpoint.peakOpen).toBe(3);
    expect(new Set(endpoint.received.map((r) => r.update.update_id)).size).toBe(11);
  });

  it("considers only the oldest 2 x max_connections pending updates, as Telegram's sender does", async () => {
    newHub();
    endpoint = await startEndpoint();
    await warmUp(endpoint.url, { max_connections: 2 });
    const a = [1, 2, 3, 4].map((i) => hub.add('message', 'A', privateTextUpdate(`a${i}`, 1))!);
    const b1 = hub.add('message', 'B', privateTextUpdate('b1', 2))!;
    const first = await endpoint.next();
    expect(first.update.update_id).toBe(a[0]);
    expect(hub.stats().webhook.inFlight).toBe(1); // b1 lies beyond the window of four
    first.respond(200);
    const [x, y] = [await endpoint.next(), await endpoint.next()];
    expect([x.update.update_id, y.update.update_id].sort()).toEqual([a[1], b1].sort());
    x.respond(200);
    y.respond(200);
    for (let i = 0; i < 2; i++) (await endpoint.next()).respond(200);
    await until(() => hub.pendingCount === 0, 'everything is delivered');
  });

  it('a new setWebhook aborts deliveries to the old URL; their updates go to the new one', async () => {
    newHub();
    endpoint = await startEndpoint();
    const second = await startEndpoint();
    try {
      hub.setWebhook(params({ url: endpoint.url }));
      hub.add('message', '1', privateTextUpdate('x', 1));
      const held = await endpoint.next();
      clock.advance(1_000);
      hub.setWebhook(params({ url: second.url, secret_token: 'new' }));
      const moved = await second.next();
      expect(moved.update.update_id).toBe(held.update.update_id);
      expect(moved.headers['x-telegram-bot-api-secret-token']).toBe('new');
      moved.respond(200);
      await until(() => hub.pendingCount === 0, 'the update is delivered to the new URL');
      expect(hub.stats().webhook).toMatchObject({ delivered: 1, failed: 0, inFlight: 0 });
    } finally {
      await second.close();
    }
  });

  it('delivers many updates over many keys exactly once and in order per key', async () => {
    newHub();
    endpoint = await startEndpoint(200);
    hub.setWebhook(params({ url: endpoint.url, max_connections: 20 }));
    const expected = new Map<string, number[]>();
    for (let i = 0; i < 2_000; i++) {
      const key = `chat-${i % 50}`;
      const id = hub.add('message', key, privateTextUpdate(key, i % 50))!;
      expected.set(key, [...(expected.get(key) ?? []), id]);
    }
    await until(() => hub.pendingCount === 0, 'all 2000 are delivered');
    const seen = new Map<string, number[]>();
    for (const { update } of endpoint.received) {
      const key = update.message!.text!;
      seen.set(key, [...(seen.get(key) ?? []), update.update_id]);
    }
    expect(seen).toEqual(expected);
    expect(hub.stats().webhook).toMatchObject({ delivered: 2_000, failed: 0 });
    expect(endpoint.peakOpen).toBeLessThanOrEqual(20);
  });
});

describe('switching between webhook and getUpdates', () => {
  it('deleteWebhook keeps pending updates for getUpdates', async () => {
    newHub();
    endpoint = await startEndpoint();
    hub.setWebhook(params({ url: endpoint.url }));
    hub.add('message', '1', privateTextUpdate('a', 1));
    hub.add('message', '1', privateTextUpdate('b', 1));
    (await endpoint.next()).respond(500);
    await until(() => hub.stats().webhook.failed === 1, 'the failure is recorded');
    expect(hub.deleteWebhook(params())).toBe(true);
    expect(hub.getWebhookInfo()).toEqual({ url: '', has_custom_certificate: false, pending_update_count: 2 });
    const answer = JSON.parse((await hub.getUpdates(params())).json) as Update[];
    expect(answer.map((u) => u.update_id)).toEqual([FIRST, FIRST + 1]);
    expect(hub.stats().redelivered).toBe(1); // the first had gone to the webhook
    clock.advance(10_000);
    expect(hub.stats().webhook.inFlight).toBe(0); // a retry would count here at once, before any HTTP
    expect(endpoint.received).toHaveLength(1); // no delivery after deleteWebhook
  });

  it('setWebhook with drop_pending_updates starts from an empty queue', async () => {
    newHub();
    endpoint = await startEndpoint(200);
    hub.add('message', '1', privateTextUpdate('old', 1));
    hub.setWebhook(params({ url: endpoint.url, drop_pending_updates: true }));
    expect(hub.pendingCount).toBe(0);
    hub.add('message', '1', privateTextUpdate('new', 1));
    const request = await endpoint.next();
    expect(request.update.message?.text).toBe('new');
  });
});
