import os from 'node:os';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres, { type Sql } from 'postgres';
import type { Logger } from 'pino';
import { createBackoff } from '../lib/backoff.js';
import { createSemaphore } from '../lib/semaphore.js';
import { countConnectionUses, type ConnectionUses } from './connection-uses.js';
import * as schema from './schema/index.js';
import { aroundEachUse } from './statement-boundary.js';

/** The drizzle handle every query module takes as its first argument. */
export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction handle: query modules accept it wherever they accept a {@link Database}. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either of the two; what query modules take. */
export type Executor = Database | Transaction;

/** Options of {@link createDatabase}. */
export interface DatabaseOptions {
  url: string;
  /** Connections an operator expects to stay in use (DB_POOL_SIZE, default 30). */
  poolSize: number;
  /** Extra connections allowed under load (DB_MAX_OVERFLOW, default 50). */
  maxOverflow: number;
  /** Seconds to wait for a connection to open (DB_CONNECT_TIMEOUT_S, default 10). */
  connectTimeoutS: number;
  /** Seconds an unused connection stays open (DB_IDLE_TIMEOUT_S, default 30; 0 keeps them). */
  idleTimeoutS: number;
  logger: Logger;
}

/** Pool figures for /monitoring/stats: counted, not configured. */
export interface PoolStats {
  pool_size: number;
  max_overflow: number;
  /** Connections open right now, as PostgreSQL sees them (pg_stat_activity). */
  total_connections: number;
  /** Connections carrying a query, a transaction or a reservation. */
  checked_out_connections: number;
  idle_connections: number;
  /** Open connections above pool_size. */
  overflow_connections: number;
  /** Operations that have no connection yet (all pool_size + max_overflow are busy or opening). */
  waiting: number;
}

/** The application's pool and what it needs around it. */
export interface DatabaseHandle {
  db: Database;
  /** The raw postgres.js client under `db`; its `begin` and `reserve` are counted as uses too. */
  sql: Sql;
  /** The application_name of this pool's connections, unique per process and pool. */
  applicationName: string;
  /**
   * The same pool for one part of the bot, which may run at most `limit` operations on it at
   * once (queries, transactions; the rest wait their turn in memory): a burst in that part (a
   * thousand commands handled at once) cannot take every connection of the pool.
   */
  limited(limit: number): Database;
  poolStats(): Promise<PoolStats>;
  /** Uses of a connection counted at the executor boundary (no database round trip). */
  uses(): ConnectionUses;
  /** Resolves when a trivial query answers within `timeoutMs`; rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  /** Waits for running queries, closes every connection (after `timeoutS`, forcibly). */
  close(timeoutS?: number): Promise<void>;
}

let poolCounter = 0;

/**
 * Seconds before the n-th reconnection attempt in a row: 0.1, 0.2, 0.4 ... at most 2 (the
 * ceiling of the one backoff schedule, without jitter, as postgres.js has always been given).
 */
const reconnectBackoff = createBackoff({ initialMs: 100, maxMs: 2_000 });
function reconnectDelayS(attempt: number): number {
  return reconnectBackoff.ceilingMs(attempt) / 1000;
}

/**
 * Creates the sized PostgreSQL pool. postgres.js has a single limit, `max`, and no notion of
 * overflow: it opens connections lazily up to `max` and closes any that stay idle for
 * `idle_timeout`. "Pool 30 + overflow 50" therefore maps to `max = 80` with a 30 s idle
 * timeout; connections above 30 are reported as overflow. Statistics are counted: the
 * connections PostgreSQL sees with this pool's application_name, and the uses of a connection
 * this process has started and not finished (statements, transactions, reservations), counted
 * at the executor boundary (statement-boundary.ts), not on postgres.js's query objects.
 *
 * @example
 * const database = createDatabase({ url, poolSize: 30, maxOverflow: 50, connectTimeoutS: 10, idleTimeoutS: 30, logger });
 * await database.db.select().from(users);
 */
export function createDatabase(options: DatabaseOptions): DatabaseHandle {
  const { logger } = options;
  const applicationName = `quiz-agent/${os.hostname().slice(0, 24)}/${process.pid}/${++poolCounter}`;
  const max = options.poolSize + options.maxOverflow;
  const client = postgres(options.url, {
    max,
    connect_timeout: options.connectTimeoutS,
    idle_timeout: options.idleTimeoutS || undefined,
    connection: { application_name: applicationName },
    // postgres.js waits 3^n/100 s (up to 20 s) before reconnecting after n failed connections in
    // a row; a bot should be back within seconds of a database restart.
    backoff: reconnectDelayS,
    onnotice: (notice) => logger.debug({ notice: notice.message }, 'PostgreSQL notice'),
  });
  const counter = countConnectionUses();
  const sql = countRawUses(client, counter);
  const db = aroundEachUse(drizzle(client, { schema }), counter.around);
  // A separate single connection for the pool's own statistics, so that asking does not
  // change the answer (or wait behind an exhausted pool).
  let monitor: Sql | undefined;

  logger.info(
    { poolSize: options.poolSize, maxOverflow: options.maxOverflow, maxConnections: max },
    'Database engine created successfully',
  );

  return {
    db,
    sql,
    applicationName,
    limited(limit) {
      const semaphore = createSemaphore(limit);
      // The permit first, then the count: a use waiting for its permit has asked for no connection yet.
      return aroundEachUse(drizzle(client, { schema }), async (use) => {
        const release = await semaphore.acquire();
        try {
          return await counter.around(use);
        } finally {
          release();
        }
      });
    },
    async poolStats() {
      monitor ??= postgres(options.url, { max: 1, idle_timeout: 60, connection: { application_name: 'quiz-agent-monitor' } });
      const [row] = await monitor<{ total: number; active: number }[]>`
        select count(*)::int as total, count(*) filter (where state <> 'idle')::int as active
        from pg_stat_activity where application_name = ${applicationName}`;
      const total = row?.total ?? 0;
      const { inUse } = counter.uses();
      const checkedOut = Math.min(total, Math.max(inUse, row?.active ?? 0));
      return {
        pool_size: options.poolSize,
        max_overflow: options.maxOverflow,
        total_connections: total,
        checked_out_connections: checkedOut,
        idle_connections: total - checkedOut,
        overflow_connections: Math.max(0, total - options.poolSize),
        waiting: Math.max(0, inUse - total),
      };
    },
    uses: () => counter.uses(),
    async ping(timeoutMs = 2000) {
      // Real time, not a Clock: it bounds a real network round trip to PostgreSQL (a test on a
      // ManualClock still needs a ping that gives up on a dead server).
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([client`select 1`.execute(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close(timeoutS = 5) {
      await Promise.all([client.end({ timeout: timeoutS }), monitor?.end({ timeout: 1 })]);
    },
  };
}

/**
 * The raw client with its own connection-taking calls counted: `begin` (a transaction, until it
 * ends) and `reserve` (until released). These are plain function calls of postgres.js, wrapped
 * as calls; drizzle does not go through here (its uses are counted by aroundEachUse).
 */
function countRawUses(client: Sql, counter: ReturnType<typeof countConnectionUses>): Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'begin') {
        return (...args: Parameters<Sql['begin']>) => counter.around(() => target.begin(...args));
      }
      if (property === 'reserve') {
        return async () => {
          const done = counter.start();
          try {
            const reserved = await target.reserve();
            const release = reserved.release.bind(reserved);
            let released = false;
            reserved.release = () => {
              if (!released) {
                released = true;
                done();
              }
              release();
            };
            return reserved;
          } catch (error) {
            done();
            throw error;
          }
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
