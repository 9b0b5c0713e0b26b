/**
 * How the webhook reads a request's body, on a real HTTP server with real sockets: a client that
 * stops halfway is noticed (one log line, nothing accepted, no answer), and the body reader's
 * listeners never misfire on a complete request (many updates on one keep-alive connection are
 * each accepted once and answered 200, with nothing logged). The acceptor records what reaches
 * it and accepts at once: what it would store is webhook.test.ts's business.
 */
import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import type { Acceptor } from '../../src/bot/intake/acceptor.js';
import { IntakeStats } from '../../src/bot/intake/intake-stats.js';
import { createWebhookHandler } from '../../src/bot/intake/webhook.js';
import { sleep, systemClock } from '../../src/lib/clock.js';
import { capturedLogger, type LoggedLine } from '../helpers/captured-logger.js';
import { openRaw } from '../helpers/raw-http.js';

const SECRET = 'webhook-body-secret';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** The handler on a server of its own; `requests` counts requests whose handler has started. */
async function serve(): Promise<{ port: number; accepted: number[]; lines: LoggedLine[]; requests: () => number }> {
  const accepted: number[] = [];
  const acceptor: Acceptor = {
    accept: async (update: Update) => {
      accepted.push(update.update_id);
      return true;
    },
    flush: () => {},
  };
  const { logger, lines } = capturedLogger();
  const handle = createWebhookHandler({ acceptor, stats: new IntakeStats(), logger, clock: systemClock, secret: SECRET });
  let requests = 0;
  server = createServer((req, res) => {
    requests++;
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server!.address() as AddressInfo).port, accepted, lines, requests: () => requests };
}

/** Waits (real time, at most 5 s) for `check`: an event, not a duration. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries >= 1_000) throw new Error(`${what} did not happen within 5 s`);
    await sleep(systemClock, 5);
  }
}

const BODY_NOT_READ = 'Webhook body could not be read (the client closed the connection)';

describe('the webhook reads bodies', () => {
  it('notices a client that stops halfway through its body: one log line, nothing accepted, no answer', async () => {
    const { port, accepted, lines, requests } = await serve();
    const raw = await openRaw(port);
    raw.write(
      `POST /telegram HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nx-telegram-bot-api-secret-token: ${SECRET}\r\n` +
        'content-length: 100\r\n\r\n{"update_id": 7, "poll_ans',
    );
    await until(() => requests() === 1, 'the request to reach the handler');
    raw.destroy();
    await until(() => lines.some((line) => line.msg === BODY_NOT_READ), 'the log line about the unread body');
    expect(lines.filter((line) => line.msg === BODY_NOT_READ)).toHaveLength(1);
    expect(accepted).toEqual([]);
  });

  it('takes many updates on one keep-alive connection: each accepted once and answered 200, nothing logged', async () => {
    const { port, accepted, lines } = await serve();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const answers: { status: number | undefined; reused: boolean }[] = [];
      for (let id = 1; id <= 50; id++) {
        answers.push(
          await new Promise((resolve, reject) => {
            const body = JSON.stringify({ update_id: id });
            const req = request(
              {
                port,
                host: '127.0.0.1',
                method: 'POST',
                path: '/telegram',
                agent,
                headers: {
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(body),
                  'x-telegram-bot-api-secret-token': SECRET,
                },
              },
              (res) => {
                res.resume();
                res.on('end', () => resolve({ status: res.statusCode, reused: req.reusedSocket }));
              },
            );
            req.on('error', reject);
            req.end(body);
          }),
        );
      }
      expect(answers.every((a) => a.status === 200)).toBe(true);
      // One connection for all: every request after the first went over the same socket.
      expect(answers.filter((a) => a.reused)).toHaveLength(49);
      expect(accepted).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(lines.filter((line) => line.level >= 40)).toEqual([]);
    } finally {
      agent.destroy();
    }
  });
});
