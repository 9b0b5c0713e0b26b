/**
 * The operators' HTTP server: `/health` (and `/health/`) for load balancers and Docker,
 * `/monitoring/stats` (JSON) and `/metrics` (Prometheus text), the last two behind
 * MONITORING_TOKEN as a bearer token when one is set; in BOT_MODE=webhook also Telegram's
 * webhook route (src/bot/intake/webhook.ts), at the path of WEBHOOK_URL.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { hasBearerToken } from './bearer-token.js';

/** What /health reports: every part checked, and the ones that failed with why. */
export interface HealthReport {
  healthy: boolean;
  /** Part name -> what went wrong (only failing parts). */
  failing: Record<string, string>;
}

export interface MonitoringServerOptions {
  host: string;
  port: number;
  /** MONITORING_TOKEN: required on /monitoring/stats and /metrics when set. */
  token?: string;
  logger: Logger;
  health(): Promise<HealthReport>;
  /** The /monitoring/stats document (ARCHITECTURE.md: message_queue, database_pool, answer_writer, ...). */
  stats(): Promise<object>;
  registry: Registry;
  /** BOT_MODE=webhook: Telegram's POSTs at `path` (WEBHOOK_URL's path; a trailing slash is ignored) go to `handle`. */
  webhook?: { path: string; handle(req: IncomingMessage, res: ServerResponse): Promise<void> };
}

export interface MonitoringServer {
  /** The port it listens on (the real one when 0 was asked). */
  readonly port: number;
  close(): Promise<void>;
}

export async function startMonitoringServer(options: MonitoringServerOptions): Promise<MonitoringServer> {
  const server: Server = createServer((req, res) => {
    route(req, res, options).catch((error: unknown) => {
      options.logger.error({ err: error, path: pathOf(req) }, 'Monitoring request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  options.logger.info({ host: options.host, port, tokenRequired: Boolean(options.token) }, 'Monitoring HTTP server listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function route(req: IncomingMessage, res: ServerResponse, options: MonitoringServerOptions): Promise<void> {
  const path = pathOf(req);
  if (options.webhook && path === normalize(options.webhook.path)) {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { error: `method ${req.method ?? ''} not allowed; Telegram POSTs updates here` });
    }
    return options.webhook.handle(req, res);
  }
  const known = path === '/health' || path === '/monitoring/stats' || path === '/metrics';
  if (!known) return sendJson(res, 404, { error: 'not found', endpoints: ['/health', '/monitoring/stats', '/metrics'] });
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendJson(res, 405, { error: `method ${req.method ?? ''} not allowed; use GET` });
  }
  if (path === '/health') {
    const report = await options.health();
    return sendJson(res, report.healthy ? 200 : 503, report.healthy ? { status: 'healthy' } : { status: 'unhealthy', failing: report.failing });
  }
  if (options.token !== undefined && !hasBearerToken(req.headers.authorization, options.token)) {
    res.setHeader('www-authenticate', 'Bearer realm="quiz-agent monitoring"');
    return sendJson(res, 401, { error: 'MONITORING_TOKEN required: send Authorization: Bearer <token>' });
  }
  if (path === '/monitoring/stats') return sendJson(res, 200, await options.stats());
  const text = await options.registry.metrics();
  res.writeHead(200, { 'content-type': options.registry.contentType });
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
