/**
 * Webhook intake with durable acceptance, on the monitoring server's webhook route. The secret
 * header is checked before the body is read (401 otherwise, compared as digests so the time
 * taken reveals nothing), a body over 1 MB gets 413 (both answered in full, then the connection
 * is closed without reading the rest: see refuse-request.ts), a malformed body gets 400 and a
 * log line, and Telegram gets its 200 as soon as the update is *accepted* (committed: see
 * acceptor.ts), in milliseconds, whatever its handler will do (handlers run later, from the
 * inbox, so a failing handler never turns into a 500 or a redelivery loop). When acceptance
 * cannot commit in time (the database is unreachable), the answer is 503 and Telegram delivers
 * the update again; a redelivery of an update already accepted changes nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import { sleep, type Clock, type Timer } from '../../lib/clock.js';
import { refuseAndClose } from '../../lib/refuse-request.js';
import { createSecretCheck } from '../../lib/same-secret.js';
import type { BotContext } from '../context.js';
import { ALLOWED_UPDATES } from '../create-bot.js';
import type { Acceptor } from './acceptor.js';
import type { IntakeStats } from './intake-stats.js';

/** Largest body accepted: Telegram's updates are far smaller. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Longest acceptance before the answer is 503 (Telegram then delivers the update again). */
const ACCEPTANCE_TIMEOUT_MS = 10_000;

export interface WebhookOptions {
  acceptor: Acceptor;
  stats: IntakeStats;
  logger: Logger;
  /** The time of the acceptance race (Telegram's simulator keeps its own webhook timeout on the same clock). */
  clock: Clock;
  /** WEBHOOK_SECRET, expected in X-Telegram-Bot-Api-Secret-Token. */
  secret: string;
  /** Longest acceptance before a 503 [10,000 ms] (tests shorten it). */
  timeoutMs?: number;
  /** Largest body accepted [1 MB]. */
  maxBodyBytes?: number;
}

export type WebhookHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createWebhookHandler(options: WebhookOptions): WebhookHandler {
  const { acceptor, stats, logger, secret, clock } = options;
  const timeoutMs = options.timeoutMs ?? ACCEPTANCE_TIMEOUT_MS;
  stats.mode = 'webhook';
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const inFlight = new Map<number, Promise<void>>();
  // The secret's digest once, not on every request (bench:intake-profile measured it per request).
  const isWebhookSecret = createSecretCheck(secret);

  return async (req, res) => {
    if (!isWebhookSecret(headerOf(req))) {
      logger.warn({ remote: req.socket.remoteAddress }, 'Webhook request with a wrong or missing secret token: refused');
      return refuseAndClose(req, res, 401, 'secret token is wrong');
    }
    const announced = Number(req.headers['content-length']);
    if (announced > maxBodyBytes) return tooLarge(req, res, logger, maxBodyBytes, announced);
    let body: string | undefined;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (error) {
      // The client went away mid-body: nobody is left to answer.
      logger.warn({ err: error }, 'Webhook body could not be read (the client closed the connection)');
      return;
    }
    if (body === undefined) return tooLarge(req, res, logger, maxBodyBytes);
    const update = parseUpdate(body);
    if (!update) {
      logger.warn({ bytes: body.length }, 'Malformed webhook body (not a JSON update with an update_id): refused with 400');
      return plain(res, 400, 'expected a JSON Update with a numeric update_id');
    }
    // A redelivery of an update still being accepted waits for that acceptance instead of a second one.
    let acceptance = inFlight.get(update.update_id);
    if (acceptance) stats.addDuplicates(1);
    else {
      acceptance = stats.track(update, async () => {
        await acceptor.accept(update);
      });
      inFlight.set(update.update_id, acceptance);
      const settled = acceptance;
      settled.then(
        () => inFlight.delete(update.update_id),
        () => inFlight.delete(update.update_id),
      );
    }
    let timer: Timer | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = clock.setTimeout(() => resolve('timeout'), timeoutMs)));
    try {
      const outcome = await Promise.race([acceptance.then(() => 'accepted' as const), timedOut]);
      if (outcome === 'accepted') return plain(res, 200, 'ok');
      logger.warn(
        { updateId: update.update_id, timeoutMs },
        'Webhook update not accepted in time (database slow or unreachable): 503, Telegram will deliver it again',
      );
      return plain(res, 503, 'not accepted yet: deliver again');
    } catch (error) {
      logger.warn({ err: error, updateId: update.update_id }, 'Webhook update not accepted: 503, Telegram will deliver it again');
      return plain(res, 503, 'not accepted: deliver again');
    } finally {
      timer?.cancel();
    }
  };
}

/** Registers the webhook with Telegram: secret token, connections, the update types handled. */
export async function setWebhook(
  bot: Bot<BotContext>,
  options: { url: string; secret: string; maxConnections: number; logger: Logger },
): Promise<void> {
  await bot.api.setWebhook(options.url, {
    secret_token: options.secret,
    max_connections: options.maxConnections,
    allowed_updates: ALLOWED_UPDATES,
  });
  options.logger.info(
    { path: new URL(options.url).pathname, maxConnections: options.maxConnections, allowedUpdates: ALLOWED_UPDATES },
    'Webhook set',
  );
}

function headerOf(req: IncomingMessage): string | undefined {
  const value = req.headers['x-telegram-bot-api-secret-token'];
  return Array.isArray(value) ? value[0] : value;
}

function parseUpdate(body: string): Update | undefined {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === 'object' && value !== null && Number.isSafeInteger((value as { update_id?: unknown }).update_id))
      return value as Update;
  } catch {
    // not JSON: reported by the caller
  }
  return undefined;
}

/** The body as text, or undefined as soon as it grows past `maxBytes` (the rest is not read). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (body: string | undefined): void => {
      settled = true;
      resolve(body);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.pause();
        finish(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => finish(Buffer.concat(chunks).toString('utf8')));
    req.on('error', (error) => {
      settled = true;
      reject(error);
    });
    // Every request closes, most of them after 'end': only a close before the body was settled
    // means the client left halfway. The Error is built only then: built on every request (its
    // stack captured, to be thrown away), it cost more than any other part of the handler's own
    // work (bench:intake-profile).
    req.on('close', () => {
      if (!settled) reject(new Error('connection closed before the body was complete'));
    });
  });
}

function tooLarge(req: IncomingMessage, res: ServerResponse, logger: Logger, maxBytes: number, announced?: number): void {
  logger.warn(
    { maxBytes, ...(announced === undefined ? {} : { announcedBytes: announced }) },
    'Webhook body too large: refused with 413, connection closed',
  );
  refuseAndClose(req, res, 413, `body too large (at most ${maxBytes} bytes)`);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(`${text}\n`);
}

/** How often the backlog is asked for while it is being delivered. */
const BACKLOG_POLL_MS = 200;

/**
 * After setWebhook: waits (up to `maxWaitMs` of `clock` time) until Telegram has delivered the
 * updates that piled up while the bot was down, so the run engine starts after their answers
 * are accepted. On a ManualClock the wait moves as the test advances the clock (Telegram's
 * simulator delivers on that same clock).
 */
export async function waitForWebhookBacklog(
  bot: Bot<BotContext>,
  options: { logger: Logger; clock: Clock; maxWaitMs: number },
): Promise<void> {
  const { clock } = options;
  const started = clock.now();
  for (;;) {
    const info = await bot.api.getWebhookInfo().catch(() => undefined);
    const pending = info?.pending_update_count ?? 0;
    if (pending === 0) return;
    const waitedMs = clock.now() - started;
    if (waitedMs >= options.maxWaitMs) {
      options.logger.warn({ pending, waitedMs }, 'Webhook backlog not delivered yet: starting the run engine anyway');
      return;
    }
    await sleep(clock, BACKLOG_POLL_MS);
  }
}
