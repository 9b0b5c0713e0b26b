/**
 * Database connections a fleet holds, seen by PostgreSQL: pg_stat_activity every 200 ms from the
 * driver's own connection, counting the backends of the run's database whose application_name
 * starts with `quiz-agent` (every replica's pools and its monitor connection; the benchmark's
 * own connections are named otherwise), all of them and those not idle (running a statement or
 * holding a transaction), and every backend of the server, against its max_connections.
 */
import postgres from 'postgres';

/** What the monitor saw since its last reset. */
export interface ConnectionFigures {
  /** Largest number of the fleet's backends, idle or not. */
  peak: number;
  /** Largest number of the fleet's backends not idle. */
  peakBusy: number;
  /** Largest number of backends of the whole server (other databases and programs included). */
  peakServer: number;
  maxConnections: number;
  samples: number;
}

/** A running monitor. See {@link startConnectionMonitor}. */
export interface ConnectionMonitor {
  reset(): void;
  figures(): ConnectionFigures;
  stop(): Promise<void>;
}

const EVERY_MS = 200;

/** Watches database `dbName` on the server `adminUrl` reaches. */
export async function startConnectionMonitor(adminUrl: string, dbName: string): Promise<ConnectionMonitor> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {}, connection: { application_name: 'bench-scale-connections' } });
  const [setting] = await sql<{ max: number }[]>`select current_setting('max_connections')::int as max`;
  const maxConnections = setting?.max ?? Number.NaN;
  let figures: ConnectionFigures = { peak: 0, peakBusy: 0, peakServer: 0, maxConnections, samples: 0 };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = Date.now();
      try {
        const [row] = await sql<{ fleet: number; busy: number; server: number }[]>`
          select count(*) filter (where datname = ${dbName} and application_name like 'quiz-agent%')::int as fleet,
                 count(*) filter (where datname = ${dbName} and application_name like 'quiz-agent%' and state <> 'idle')::int as busy,
                 count(*) filter (where backend_type = 'client backend')::int as server
          from pg_stat_activity`;
        if (row) {
          figures.samples++;
          figures.peak = Math.max(figures.peak, row.fleet);
          figures.peakBusy = Math.max(figures.peakBusy, row.busy);
          figures.peakServer = Math.max(figures.peakServer, row.server);
        }
      } catch {
        // a sample lost (the server busy): the next one counts
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + EVERY_MS - Date.now())));
    }
  })();
  return {
    reset: () => (figures = { peak: 0, peakBusy: 0, peakServer: 0, maxConnections, samples: 0 }),
    figures: () => ({ ...figures }),
    async stop() {
      stopped = true;
      await loop;
      await sql.end({ timeout: 1 });
    },
  };
}
