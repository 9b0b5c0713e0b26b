/**
 * What every run of bench:scale starts with and ends with: a scratch database (migrated, with
 * the commit triggers of e2e-commits.ts and a listener on them), an empty Redis database for the
 * shared limits (scale-redis.ts), the simulator in this process, the fleet (replica-fleet.ts: the
 * proxy and N replicas in webhook mode, LOG_LEVEL=warn, the bot's defaults otherwise), the CPU
 * sampler of the fleet and the connection monitor. `finish()` undoes it all, newest first, and
 * drops the database once its connections are gone.
 */
import type { Logger } from 'pino';
import postgres from 'postgres';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import { runMigrations } from '../../src/store/migrate.js';
import { createScratchDatabase } from '../../tools/scratch-database.js';
import { driverNow, installCommitTriggers, listenForCommits, type CommitProbe } from './e2e-commits.js';
import { startReplicaFleet, type ReplicaFleet } from './replica-fleet.js';
import { startConnectionMonitor, type ConnectionMonitor } from './scale-connections.js';
import { startFleetCpuSampler, type FleetCpuSampler } from './scale-cpu.js';
import { takeEmptyRedisDatabase } from './scale-redis.js';
import { watchWebhookErrors, type WebhookErrorWatch } from './scale-webhook-errors.js';

/** A run's environment. See {@link startScaleSetup}. */
export interface ScaleSetup {
  url: string;
  dbName: string;
  probe: CommitProbe;
  sim: Simulator;
  fleet: ReplicaFleet;
  cpu: FleetCpuSampler;
  connections: ConnectionMonitor;
  /** Why webhook deliveries failed (getWebhookInfo's last error, sampled). */
  webhookErrors: WebhookErrorWatch;
  /** Undo steps; `finish()` runs them first to last (add with unshift: newest first). */
  cleanups: (() => Promise<unknown>)[];
  finish(): Promise<void>;
}

/** Options of {@link startScaleSetup}. */
export interface ScaleSetupOptions {
  adminUrl: string;
  /** REDIS_URL of the server (a database of it is taken for the run). */
  redisUrl: string;
  replicas: number;
  dbPrefix: string;
  logger: Logger;
  /** Bot settings beyond the defaults (`--bot-env`). */
  botEnv: Record<string, string>;
  /** Lines added to the proxy's reverse_proxy block (`--proxy-option`; replica-fleet.ts). */
  proxyOptions: readonly string[];
}

/** The finish() of every setup not finished yet, for {@link finishEverySetup}. */
const unfinished = new Set<() => Promise<void>>();

/** Finishes every setup still running (an interrupted benchmark: Ctrl+C). */
export async function finishEverySetup(): Promise<void> {
  await Promise.all([...unfinished].map((finish) => finish()));
}

/** Starts everything a run needs; on failure, undoes what it had started and throws. */
export async function startScaleSetup(options: ScaleSetupOptions): Promise<ScaleSetup> {
  const scratch = await createScratchDatabase(options.adminUrl, options.dbPrefix);
  const { url, name: dbName } = scratch;
  const cleanups: (() => Promise<unknown>)[] = [];
  let finishing: Promise<void> | undefined;
  const finish = (): Promise<void> =>
    (finishing ??= (async () => {
      for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error('bench:scale cleanup failed:', error));
      await dropWhenIdle(options.adminUrl, dbName, scratch.drop);
      unfinished.delete(finish);
    })());
  unfinished.add(finish);
  try {
    await runMigrations({ url, logger: options.logger });
    await installCommitTriggers(url);
    const probe = await listenForCommits(url);
    cleanups.unshift(() => probe.close());
    const redis = await takeEmptyRedisDatabase(options.redisUrl);
    cleanups.unshift(() => redis.release());
    const sim = await startSimulator();
    cleanups.unshift(() => sim.close());
    const webhookErrors = watchWebhookErrors(sim);
    cleanups.unshift(async () => webhookErrors.stop());
    const fleet = await startReplicaFleet({
      replicas: options.replicas,
      proxyOptions: options.proxyOptions,
      env: {
        BOT_TOKEN: sim.token,
        TELEGRAM_API_ROOT: sim.apiRoot,
        DATABASE_URL: url,
        REDIS_URL: redis.url,
        LOG_LEVEL: 'warn',
        ...options.botEnv,
      },
    });
    cleanups.unshift(() => fleet.stop());
    const cpu = startFleetCpuSampler(
      fleet.replicas.map((r) => r.pid),
      fleet.proxy.pid,
      driverNow,
    );
    cleanups.unshift(async () => cpu.stop());
    const connections = await startConnectionMonitor(options.adminUrl, dbName);
    cleanups.unshift(() => connections.stop());
    await webhookSet(sim, fleet.webhookUrl);
    return { url, dbName, probe, sim, fleet, cpu, connections, webhookErrors, cleanups, finish };
  } catch (error) {
    await finish();
    throw error;
  }
}

/** Whether every replica's outbound queue has nothing waiting or in flight (GET /monitoring/stats). */
export async function fleetIdle(fleet: ReplicaFleet): Promise<boolean> {
  const idle = await Promise.all(
    fleet.replicas
      .filter((r) => r.alive)
      .map(async (r) => {
        try {
          const response = await fetch(`http://127.0.0.1:${r.httpPort}/monitoring/stats`, { signal: AbortSignal.timeout(2_000) });
          const body = (await response.json()) as { message_queue?: { queue_size?: number; in_flight?: number } };
          const q = body.message_queue;
          return response.ok && (q?.queue_size ?? 0) === 0 && (q?.in_flight ?? 0) === 0;
        } catch {
          return false;
        }
      }),
  );
  return idle.every(Boolean);
}

/** Waits (at most 30 s) until the simulator has the fleet's webhook: updates then go to the proxy. */
async function webhookSet(sim: Simulator, webhookUrl: string): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (sim.updates.getWebhookInfo().url === webhookUrl) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no replica set the webhook ${webhookUrl} within 30 s`);
}

/** Drops the database once its connections are gone (at most 5 s; the drop forces the rest off). */
async function dropWhenIdle(adminUrl: string, dbName: string, drop: () => Promise<void>): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    for (let waited = 0; waited < 5_000; waited += 50) {
      const [row] = await admin<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = ${dbName}`;
      if (!row || row.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await admin.end();
  }
  await drop();
}
