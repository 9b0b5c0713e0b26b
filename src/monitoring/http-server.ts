/**
 * The operators' HTTP server: `/health` (and `/health/`) for load balancers and Docker,
 * `/monitoring/stats` (JSON) and `/metrics` (Prometheus text), the last two behind
 * MONITORING_TOKEN as a bearer token when one is set; in BOT_MODE=webhook also Telegram's
 * webhook route (src/bot/intake/webhook.ts), at the path of WEBHOOK_URL.
 *
 * It starts before anything else, so /health answers while the bot still waits for its database
 * or Telegram: 503 with what it waits for (`starting`), until `ready()` hands it the running
 * parts. Header and request timeouts are deliberate: Node's defaults would keep a slow client's
 * connection 60 s for its headers and 300 s for its body.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { hasBearerToken } from './bearer-token.js';

/** Longest time a client may take to send its headers [10 s]. */
const HEADERS_TIMEOUT_MS = 10_000;
/** Longest time a client may take to send a whole request, headers and body [30 s]. */
const REQUEST_TIMEOUT_MS = 30_000;

/** What /health reports: every part checked, and the ones that failed with why. */
export interface HealthReport {
  healthy: boolean;
  /** Part name -> what went wrong (only failing parts). */
  failing: Record<string, string>;
}

/** What the server serves once the bot runs. */
export interface MonitoringEndpoints {
  health(): Promise<HealthReport>;
  /** The /monitoring/stats document (ARCHITECTURE.md: message_queue, database_pool, answer_writer, ...). */
  stats(): Promise<object>;
  registry: Registry;
  /** BOT_MODE=webhook: Telegram's POSTs at the webhook path go here. */
  webhook?(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export interface MonitoringServerOptions extends Partial<Omit<MonitoringEndpoints, 'webhook'>> {
  host: string;
  port: number;
  /** MONITORING_TOKEN: required on /monitoring/stats and /metrics when set. */
  token?: string;
  logger: Logger;
  /**
   * BOT_MODE=webhook: Telegram's POSTs at `path` (WEBHOOK_URL's path; a trailing slash is
   * ignored) go to `handle` (or to `ready()`'s webhook; 503 until then, and Telegram retries).
   */
  webhook?: { path: string; handle?(req: IncomingMessage, res: ServerResponse): Promise<void> };
  /** Until `ready()` (or when health, stats and registry are not given): what start-up waits for, part -> why. */
  starting?(): Record<string, string>;
  /** Longest time for a client's headers [HEADERS_TIMEOUT_MS]. */
  headersTimeoutMs?: number;
  /** Longest time for a client's whole request [REQUEST_TIMEOUT_MS]. */
  requestTimeoutMs?: number;
}

export interface MonitoringServer {
  /** The port it listens on (the real one when 0 was asked). */
  readonly port: number;
  /** From now on serves the running bot's health, stats, metrics and webhook. */
  ready(endpoints: MonitoringEndpoints): void;
  close(): Promise<void>;
}

export async function startMonitoringServer(options: MonitoringServerOptions): Promise<MonitoringServer> {
  const { health, stats, registry } = options;
  let endpoints: MonitoringEndpoints | undefined =
    health && stats && registry
      ? { health, stats, registry, ...(options.webhook?.handle ? { webhook: options.webhook.handle } : {}) }
      : undefined;
  const headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const server: Server = createServer(
    {
      headersTimeout,
      requestTimeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      // Node looks for late clients only this often [30 s by default, which would double the limits].
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
    (req, res) => {
      route(req, res, options, endpoints).catch((error: unknown) => {
        options.logger.error({ err: error, path: pathOf(req) }, 'Monitoring request failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.destroy();
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  options.logger.info({ host: options.host, port, tokenRequired: Boolean(options.token) }, 'Monitoring HTTP server listening');
  return {
    port,
    ready(running) {
      endpoints = running;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  options: MonitoringServerOptions,
  endpoints: MonitoringEndpoints | undefined,
): Promise<void> {
  const path = pathOf(req);
  if (options.webhook && path === normalize(options.webhook.path)) {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { error: `method ${req.method ?? ''} not allowed; Telegram POSTs updates here` });
    }
    // Not taking updates yet (start-up): Telegram keeps the update and delivers it again.
    if (!endpoints?.webhook) return sendJson(res, 503, { error: 'starting: deliver again' });
    return endpoints.webhook(req, res);
  }
  const known = path === '/health' || path === '/monitoring/stats' || path === '/metrics';
  if (!known) return sendJson(res, 404, { error: 'not found', endpoints: ['/health', '/monitoring/stats', '/metrics'] });
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendJson(res, 405, { error: `method ${req.method ?? ''} not allowed; use GET` });
  }
  const failing = options.starting?.() ?? {};
  if (path === '/health') {
    if (!endpoints) return sendJson(res, 503, { status: 'starting', failing });
    const report = await endpoints.health();
    return sendJson(
      res,
      report.healthy ? 200 : 503,
      report.healthy ? { status: 'healthy' } : { status: 'unhealthy', failing: report.failing },
    );
  }
  if (options.token !== undefined && !hasBearerToken(req.headers.authorization, options.token)) {
    res.setHeader('www-authenticate', 'Bearer realm="quiz-agent monitoring"');
    return sendJson(res, 401, { error: 'MONITORING_TOKEN required: send Authorization: Bearer <token>' });
  }
  if (!endpoints) return sendJson(res, 503, { error: 'starting: no figures until the bot runs', failing });
  if (path === '/monitoring/stats') return sendJson(res, 200, await endpoints.stats());
  const text = await endpoints.registry.metrics();
  res.writeHead(200, { 'content-type': endpoints.registry.contentType });
  res.end(text);
}

/** The path without query, a trailing slash treated as none (`/health/` is `/health`). */
function pathOf(req: IncomingMessage): string {
  return normalize((req.url ?? '/').split('?')[0] as string);
}

function normalize(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function sendJson(res: ServerResponse, status: number, body: object): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}
