/**
 * Webhook intake: grammY's webhookCallback behind the monitoring server's webhook route. The
 * secret header is checked before the body is read (401 otherwise), a malformed body gets 400
 * and a log line, and Telegram gets its 200 only once the update is handled (an answer
 * committed), so an update whose handling a crash interrupted is delivered again. A redelivery
 * of an update still being handled waits for that handling instead of running twice.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { webhookCallback, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { BotContext } from '../context.js';
import { ALLOWED_UPDATES } from '../create-bot.js';
import type { IntakeStats } from './intake-stats.js';

/** Largest body accepted: Telegram's updates are far smaller. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Telegram gives up on a webhook answer after about a minute: fail a little earlier, on our terms. */
const HANDLING_TIMEOUT_MS = 55_000;

export interface WebhookOptions {
  bot: Bot<BotContext>;
  stats: IntakeStats;
  logger: Logger;
  /** WEBHOOK_SECRET, expected in X-Telegram-Bot-Api-Secret-Token. */
  secret: string;
  /** Longest handling before the request fails with 500 and Telegram delivers the update again [55,000 ms]. */
  timeoutMs?: number;
}

export type WebhookHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createWebhookHandler(options: WebhookOptions): WebhookHandler {
  const { bot, stats, logger, secret } = options;
  stats.mode = 'webhook';
  const expected = Buffer.from(secret);
  const inFlight = new Map<number, Promise<void>>();
  // The route below checks the secret and parses the update; grammY gets it through this
  // adapter (so no secretToken for webhookCallback: it would compare the header a second time).
  const adapter = (_req: IncomingMessage, res: ServerResponse, update: Update) => ({
    update,
    end: () => res.end(),
    respond: (json: string) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(json);
    },
    unauthorized: () => plain(res, 401, 'secret token is wrong'),
  });
  const callback = webhookCallback(bot, adapter, { timeoutMilliseconds: options.timeoutMs ?? HANDLING_TIMEOUT_MS, onTimeout: 'throw' });

  return async (req, res) => {
    const header = Buffer.from(headerOf(req) ?? '');
    if (header.length !== expected.length || !timingSafeEqual(header, expected)) {
      logger.warn({ remote: req.socket.remoteAddress }, 'Webhook request with a wrong or missing secret token: refused');
      return plain(res, 401, 'secret token is wrong');
    }
    let body: string;
    try {
      body = await readBody(req);
    } catch (error) {
      logger.warn({ err: error }, 'Webhook body could not be read');
      return plain(res, 413, 'body too large');
    }
    const update = parseUpdate(body);
    if (!update) {
      logger.warn({ bytes: body.length }, 'Malformed webhook body (not a JSON update with an update_id): refused with 400');
      return plain(res, 400, 'expected a JSON Update with a numeric update_id');
    }
    const running = inFlight.get(update.update_id);
    if (running) {
      stats.addDuplicates(1);
      await running.catch(() => undefined);
      return plain(res, 200, 'ok');
    }
    const task = stats.track(update, async () => {
      await callback(req, res, update);
    });
    inFlight.set(update.update_id, task);
    try {
      await task;
    } catch (error) {
      logger.error({ err: error, updateId: update.update_id }, 'Webhook update not handled: Telegram will deliver it again');
      if (!res.headersSent) plain(res, 500, 'not handled');
    } finally {
      inFlight.delete(update.update_id);
    }
  };
}

/** Registers the webhook with Telegram: secret token, connections, the update types handled. */
export async function setWebhook(bot: Bot<BotContext>, options: { url: string; secret: string; maxConnections: number; logger: Logger }): Promise<void> {
  await bot.api.setWebhook(options.url, {
    secret_token: options.secret,
    max_connections: options.maxConnections,
    allowed_updates: ALLOWED_UPDATES,
  });
  options.logger.info({ path: new URL(options.url).pathname, maxConnections: options.maxConnections, allowedUpdates: ALLOWED_UPDATES }, 'Webhook set');
}

function headerOf(req: IncomingMessage): string | undefined {
  const value = req.headers['x-telegram-bot-api-secret-token'];
  return Array.isArray(value) ? value[0] : value;
}

function parseUpdate(body: string): Update | undefined {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === 'object' && value !== null && Number.isSafeInteger((value as { update_id?: unknown }).update_id)) return value as Update;
  } catch {
    // not JSON: reported by the caller
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`webhook body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(`${text}\n`);
}
