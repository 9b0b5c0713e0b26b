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
    /** Non-idle backends, p50 / p95 / p99 over the samples (the peak may be one burst). */
    nonIdleQuantiles: { p50: number; p95: number; p99: number };
    /** When the non-idle peak was seen (s from the reset), and what those backends ran (the first 80 characters). */
    peakAtS: number | null;
    peakQueries: string[];
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
  let resetAt = driverNow();
  let nonIdleSamples: number[] = [];

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
      const rows = await sql<{ state: string | null; query: string }[]>`
        select state, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 80) as query
        from pg_stat_activity where datname = ${options.dbName} and application_name like 'quiz-agent/%'`;
      const busy = rows.filter((row) => row.state !== 'idle');
      f.pool.activitySamples++;
      nonIdleSamples.push(busy.length);
      if (busy.length > f.pool.peakNonIdleBackends) {
        f.pool.peakNonIdleBackends = busy.length;
        f.pool.peakAtS = Math.round((driverNow() - resetAt) / 100) / 10;
        f.pool.peakQueries = busy.map((row) => `${row.state ?? '?'}: ${row.query}`).sort();
      }
      f.pool.peakBackends = Math.max(f.pool.peakBackends, rows.length);
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
      resetAt = driverNow();
      nonIdleSamples = [];
    },
    figures: () => {
      const sorted = [...nonIdleSamples].sort((a, b) => a - b);
      const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      return structuredClone({ ...f, pool: { ...f.pool, nonIdleQuantiles: { p50: at(0.5), p95: at(0.95), p99: at(0.99) } } });
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
      await sql.end({ timeout: 1 });
    },
  };
}

function empty(): MonitorFigures {
  return {
    pool: {
      peakCheckedOut: null,
      statsSamples: 0,
      statsFailures: 0,
      peakNonIdleBackends: 0,
      peakBackends: 0,
      activitySamples: 0,
      nonIdleQuantiles: { p50: 0, p95: 0, p99: 0 },
      peakAtS: null,
      peakQueries: [],
    },
    health: { probes: 0, ok: 0, others: {}, maxMs: 0 },
  };
}
