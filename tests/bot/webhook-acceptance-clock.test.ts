/**
 * The webhook's acceptance race runs on the app's Clock: on a ManualClock the 503 comes when the
 * test moves the clock past the acceptance timeout, never after a real wait. The acceptor here
 * is a barrier the test holds (an acceptance that has not committed yet, as when the database
 * is unreachable); the real acceptor against a PostgreSQL that is down: webhook.test.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from 'telegram-sim/clock';
import type { Acceptor } from '../../src/bot/intake/acceptor.js';
import { IntakeStats } from '../../src/bot/intake/intake-stats.js';
import { createWebhookHandler } from '../../src/bot/intake/webhook.js';
import { sleep, systemClock } from '../../src/lib/clock.js';

const SECRET = 'webhook-clock-secret';
const TIMEOUT_MS = 10_000;

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** An acceptor that accepts each update only when the test says so. */
function heldAcceptor(): { acceptor: Acceptor; entered: () => number; release: () => void } {
  let entered = 0;
  let release = (): void => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    acceptor: {
      accept: async (_update: Update) => {
        entered++;
        await released;
        return true;
      },
      flush: () => {},
    },
    entered: () => entered,
    release: () => release(),
  };
}

async function serve(acceptor: Acceptor, clock: ManualClock): Promise<string> {
  const handle = createWebhookHandler({
    acceptor,
    stats: new IntakeStats(),
    logger: pino({ level: 'silent' }),
    clock,
    secret: SECRET,
    timeoutMs: TIMEOUT_MS,
  });
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/telegram`;
}

function deliver(url: string, updateId: number): Promise<number> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify({ update_id: updateId }),
  }).then(async (response) => {
    await response.text();
    return response.status;
  });
}

/** Waits (real time, at most 5 s) for the request to reach the acceptor: an event, not a duration. */
async function untilReal(check: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries >= 1_000) throw new Error(`${what} did not happen within 5 s`);
    await sleep(systemClock, 5);
  }
}

describe('the webhook acceptance race on the Clock', () => {
  it('answers 503 exactly when the clock passes the acceptance timeout', async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    const held = heldAcceptor();
    const url = await serve(held.acceptor, clock);
    let status: number | undefined;
    const answered = deliver(url, 1).then((value) => (status = value));
    await untilReal(() => held.entered() === 1, 'the update to reach the acceptor');
    // Only the clock can end the race: one millisecond short of the timeout, there is no answer.
    clock.advance(TIMEOUT_MS - 1);
    expect(clock.pendingTimers).toBe(1);
    expect(status).toBeUndefined();
    clock.advance(1);
    expect(await answered).toBe(503);
    held.release();
  });

  it('answers 200 once accepted, with the clock never moved', async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1));
    const held = heldAcceptor();
    const url = await serve(held.acceptor, clock);
    const answered = deliver(url, 2);
    await untilReal(() => held.entered() === 1, 'the update to reach the acceptor');
    held.release();
    expect(await answered).toBe(200);
    // The race's timer is cancelled with the answer.
    expect(clock.pendingTimers).toBe(0);
  });
});
