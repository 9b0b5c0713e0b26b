/**
 * What the bot's pool and health did during the storm, seen from outside the bot:
 * - GET /monitoring/stats every 100 ms: `database_pool.checked_out_connections`, the bot's own count;
 * - pg_stat_activity every 100 ms from the driver's own connection: backends of the run's
 *   database whose application_name starts with `quiz-agent/` (the bot's pools; its monitor and
 *   migration connections are named otherwise) and whose state is not `idle`, i.e. busy or
 *   holding a transaction open: PostgreSQL's count, which the bot cannot flatter;
 * - GET /health every 250 ms: 200 or not (other statuses, errors and time-outs are counted).
 * Each probe waits for its answer (at most its time-out) before the next one is due, so a slow
 * bot is sampled less often rather than flooded.
 */
import postgres from 'postgres';
import { driverNow } from './e2e-commits.js';

/** What the monitors saw. */
export interface MonitorFigures {
  pool: {
    /** Largest checked_out_connections /monitoring/stats reported; null when it never answered. */
    peakCheckedOut: number | null;
    statsSamples: number;
    statsFailures: number;
    /** Largest number of non-idle backends of the bot in pg_stat_activity. */
    peakNonIdleBackends: number;
    /** Largest number of the bot's backends, idle or not. */
    peakBackends: number;
    activitySamples: number;
  };
  health: {
    probes: number;
    ok: number;
    /** Answers other than 200, by status ("error" for no answer, "timeout" past 2 s). */
    others: Record<string, number>;
    maxMs: number;
  };
}

/** Running monitors. See {@link startMonitors}. */
export interface Monitors {
  /** Starts counting from zero (after the bot's start-up, before the storm). */
  reset(): void;
  figures(): MonitorFigures;
  stop(): Promise<void>;
}

const STATS_EVERY_MS = 100;
const ACTIVITY_EVERY_MS = 100;
const HEALTH_EVERY_MS = 250;
const PROBE_TIMEOUT_MS = 2_000;

/** Starts the three monitors for the bot at `httpPort` on database `dbName` (reached through `url`). */
export function startMonitors(options: { httpPort: number; url: string; dbName: string }): Monitors {
  const base = `http://127.0.0.1:${options.httpPort}`;
  const sql = postgres(options.url, { max: 1, onnotice: () => {}, connection: { application_name: 'bench-groups-monitor' } });
  let f = empty();
  let stopped = false;

  const loops = [
    every(STATS_EVERY_MS, async () => {
      try {
        const response = await fetch(`${base}/monitoring/stats`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        const body = (await response.json()) as { database_pool?: { checked_out_connections?: unknown } };
        const checkedOut = body.database_pool?.checked_out_connections;
        if (!response.ok || typeof checkedOut !== 'number') throw new Error('no checked_out_connections');
        f.pool.statsSamples++;
        f.pool.peakCheckedOut = Math.max(f.pool.peakCheckedOut ?? 0, checkedOut);
      } catch {
        f.pool.statsFailures++;
      }
    }),
    every(ACTIVITY_EVERY_MS, async () => {
      const [row] = await sql<{ busy: number; total: number }[]>`
        select count(*) filter (where state is distinct from 'idle')::int as busy, count(*)::int as total
        from pg_stat_activity where datname = ${options.dbName} and application_name like 'quiz-agent/%'`;
      f.pool.activitySamples++;
      f.pool.peakNonIdleBackends = Math.max(f.pool.peakNonIdleBackends, row?.busy ?? 0);
      f.pool.peakBackends = Math.max(f.pool.peakBackends, row?.total ?? 0);
    }),
    every(HEALTH_EVERY_MS, async () => {
      const started = driverNow();
      let outcome: string;
      try {
        const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        await response.arrayBuffer();
        outcome = String(response.status);
      } catch (error) {
        outcome = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'error';
      }
      f.health.probes++;
      f.health.maxMs = Math.max(f.health.maxMs, driverNow() - started);
      if (outcome === '200') f.health.ok++;
      else f.health.others[outcome] = (f.health.others[outcome] ?? 0) + 1;
    }),
  ];

  function every(ms: number, probe: () => Promise<void>): Promise<void> {
    return (async () => {
      while (!stopped) {
        const started = driverNow();
        await probe().catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + ms - driverNow())));
      }
    })();
  }

  return {
    reset: () => {
      f = empty();
    },
    figures: () => structuredClone(f),
    async stop() {
      stopped = true;
      await Promise.all(loops);
      await sql.end({ timeout: 1 });
    },
  };
}

function empty(): MonitorFigures {
  return {
    pool: { peakCheckedOut: null, statsSamples: 0, statsFailures: 0, peakNonIdleBackends: 0, peakBackends: 0, activitySamples: 0 },
    health: { probes: 0, ok: 0, others: {}, maxMs: 0 },
  };
}
