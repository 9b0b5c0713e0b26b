/**
 * The Telegram Bot API simulator: one bot, a virtual world of users and groups, Telegram's flood
 * limits, switchable faults, long polling and webhooks, documents (getFile, the file route,
 * sendDocument), over real HTTP on 127.0.0.1. Tests, the demo and the benchmarks point the real
 * bot at `apiRoot` instead of api.telegram.org.
 *
 * @example
 * const sim = await startSimulator();
 * const alice = sim.world.createStartedUser({ firstName: 'Alice' });
 * // run the bot with TELEGRAM_API_ROOT=sim.apiRoot and BOT_TOKEN=sim.token
 * await sim.close();
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBotApiHandler, type BotApiCounters } from './bot-api-server.js';
import { systemClock, type Clock } from './clock.js';
import { createControlApiHandler } from './control-api.js';
import { notFound } from './errors.js';
import { createFaultPlan, type FaultPlan } from './fault-plan.js';
import { createFileDownloadHandler } from './file-download.js';
import type { FileStoreStats } from './file-store.js';
import { createFloodLimits, type FloodLimits, type FloodLimitSettingsInput } from './flood-limits.js';
import { createUpdateHub, type UpdateHub } from './update-hub.js';
import type { SimBot } from './wire.js';
import { World } from './world.js';

/** Options of {@link startSimulator}; every one has a default. */
export interface SimulatorOptions {
  /** Bot token the simulator accepts; others get 401 [`7000000001:SIMULATOR-...`]. */
  token?: string;
  /** The bot's username (what `t.me/<username>` deep links use) [`quiz_agent_sim_bot`]. */
  botUsername?: string;
  /** Privacy mode off: the bot sees every group message [false]. */
  canReadAllGroupMessages?: boolean;
  /** Time source; tests pass a ManualClock [systemClock]. */
  clock?: Clock;
  /** Flood limits; Telegram's documented ones by default (see flood-limits.ts). */
  limits?: FloodLimitSettingsInput;
  /** Seed of the fault plan's random draws [1]. */
  seed?: number;
  /** First update_id handed out [100000001]. */
  firstUpdateId?: number;
  /** Address to listen on [127.0.0.1]; port 0 picks a free one [0]. */
  host?: string;
  port?: number;
}

/** A running simulator; everything a test, demo or benchmark drives is here. */
export interface Simulator {
  readonly token: string;
  readonly bot: SimBot;
  /** `http://127.0.0.1:<port>`: use as TELEGRAM_API_ROOT (grammY's `client.apiRoot`). */
  readonly apiRoot: string;
  readonly port: number;
  readonly clock: Clock;
  readonly world: World;
  readonly limits: FloodLimits;
  readonly faults: FaultPlan;
  readonly updates: UpdateHub;
  /** Counters of everything: calls per method, errors, 429s, flood violations, updates. */
  stats(): SimulatorStats;
  /** Stops listening, ends long polls and webhook deliveries, cancels poll timers. */
  close(): Promise<void>;
}

export interface SimulatorStats {
  botApi: BotApiCounters;
  floodLimits: ReturnType<FloodLimits['stats']>;
  faults: ReturnType<FaultPlan['stats']>;
  updates: ReturnType<UpdateHub['stats']>;
  /** Documents stored and downloads served. */
  files: FileStoreStats;
}

/** The default token: a valid-looking token that is obviously not a real one. */
export const SIMULATOR_TOKEN = '7000000001:SIMULATOR-token-for-offline-testing-only';

/** Starts a simulator listening on 127.0.0.1 (a free port unless `port` is given). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const token = options.token ?? SIMULATOR_TOKEN;
  const botId = Number(token.split(':')[0]);
  if (!Number.isSafeInteger(botId) || botId <= 0)
    throw new TypeError(`Simulator token must start with the bot's numeric id and a colon, got "${token.slice(0, 12)}..."`);
  const clock = options.clock ?? systemClock;
  const bot: SimBot = {
    id: botId,
    firstName: 'Quiz Agent (simulated)',
    username: options.botUsername ?? 'quiz_agent_sim_bot',
    canReadAllGroupMessages: options.canReadAllGroupMessages ?? false,
  };
  const updates = createUpdateHub({ clock, ...(options.firstUpdateId !== undefined ? { firstUpdateId: options.firstUpdateId } : {}) });
  const world = new World({ clock, bot, updates });
  const limits = createFloodLimits({ clock, ...(options.limits ? { settings: options.limits } : {}) });
  const faults = createFaultPlan({ seed: options.seed ?? 1 });
  const botApi = createBotApiHandler({ token, clock, faults, context: (signal) => ({ world, limits, updates, clock, signal }) });

  const downloads = createFileDownloadHandler({ token, files: world.files });

  const stats = (): SimulatorStats => ({
    botApi: botApi.counters,
    floodLimits: limits.stats(),
    faults: faults.stats(),
    updates: updates.stats(),
    files: world.files.stats(),
  });
  const control = createControlApiHandler({ world, limits, faults, updates, stats });

  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const work = botApi.matches(path)
      ? botApi.handle(req, res, path)
      : downloads.matches(path)
        ? downloads.handle(req, res, path)
        : control.matches(path)
          ? control.handle(req, res, path)
          : notFoundPage(res);
    work.catch((error: unknown) => {
      console.error('simulator: request failed:', error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  // Long polls may wait up to 50 s; keep idle keep-alive sockets longer than clients do.
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 80_000;
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';

  let closing: Promise<void> | undefined;
  return {
    token,
    bot,
    apiRoot: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    clock,
    world,
    limits,
    faults,
    updates,
    stats,
    close() {
      closing ??= (async () => {
        updates.close();
        world.dispose();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

/** Any other path: Telegram's 404 answer. */
async function notFoundPage(res: ServerResponse): Promise<void> {
  const body = JSON.stringify(notFound().toJSON());
  res.writeHead(404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
