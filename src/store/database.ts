import os from 'node:os';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres, { type Sql } from 'postgres';
import type { Logger } from 'pino';
import { createSemaphore, type Semaphore } from '../lib/semaphore.js';
import * as schema from './schema/index.js';

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
  /** The raw postgres.js client under `db` (instrumented). */
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
  /** Resolves when a trivial query answers within `timeoutMs`; rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  /** Waits for running queries, closes every connection (after `timeoutS`, forcibly). */
  close(timeoutS?: number): Promise<void>;
}

let poolCounter = 0;

/** Seconds before the n-th reconnection attempt in a row: 0.1, 0.2, 0.4 ... at most 2. */
function reconnectDelayS(attempt: number): number {
  return Math.min(0.05 * 2 ** attempt, 2);
}

/**
 * Creates the sized PostgreSQL pool. postgres.js has a single limit, `max`, and no notion of
 * overflow: it opens connections lazily up to `max` and closes any that stay idle for
 * `idle_timeout`. "Pool 30 + overflow 50" therefore maps to `max = 80` with a 30 s idle
 * timeout; connections above 30 are reported as overflow. Statistics are counted: the
 * connections PostgreSQL sees with this pool's application_name, and the operations this
 * process has started and not finished (queries, transactions, reservations).
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
  const counter = { inFlight: 0 };
  const sql = instrument(client, counter);
  const db = drizzle(sql, { schema });
  // A separate single connection for the pool's own statistics, so that asking does not
  // change the answer (or wait behind an exhausted pool).
  let monitor: Sql | undefined;

  logger.info({ poolSize: options.poolSize, maxOverflow: options.maxOverflow, maxConnections: max }, 'Database engine created successfully');

  return {
    db,
    sql,
    applicationName,
    limited: (limit) => drizzle(limitConcurrency(sql, createSemaphore(limit)), { schema }),
    async poolStats() {
      monitor ??= postgres(options.url, { max: 1, idle_timeout: 60, connection: { application_name: 'quiz-agent-monitor' } });
      const [row] = await monitor<{ total: number; active: number }[]>`
        select count(*)::int as total, count(*) filter (where state <> 'idle')::int as active
        from pg_stat_activity where application_name = ${applicationName}`;
      const total = row?.total ?? 0;
      const checkedOut = Math.min(total, Math.max(counter.inFlight, row?.active ?? 0));
      return {
        pool_size: options.poolSize,
        max_overflow: options.maxOverflow,
        total_connections: total,
        checked_out_connections: checkedOut,
        idle_connections: total - checkedOut,
        overflow_connections: Math.max(0, total - options.poolSize),
        waiting: Math.max(0, counter.inFlight - total),
      };
    },
    async ping(timeoutMs = 2000) {
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
 * Counts operations that hold (or wait for) a connection: `unsafe` (every drizzle query),
 * `begin` (transactions) and `reserve`. postgres.js keeps its queues private, so counting at
 * this boundary is the honest way to know how many are waiting.
 */
function instrument(client: Sql, counter: { inFlight: number }): Sql {
  const track = <T>(promise: Promise<T>): Promise<T> => {
    counter.inFlight++;
    return promise.finally(() => counter.inFlight--);
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'begin') {
        return (...args: Parameters<Sql['begin']>) => track(target.begin(...args));
      }
      if (property === 'reserve') {
        return async () => {
          counter.inFlight++;
          try {
            const reserved = await target.reserve();
            const release = reserved.release.bind(reserved);
            let released = false;
            reserved.release = () => {
              if (!released) {
                released = true;
                counter.inFlight--;
              }
              release();
            };
            return reserved;
          } catch (error) {
            counter.inFlight--;
            throw error;
          }
        };
      }
      if (property === 'unsafe') {
        return (...args: Parameters<Sql['unsafe']>) => {
          const query = target.unsafe(...args);
          // Queries are lazy: they run when awaited. Count from then until they settle.
          const then = query.then.bind(query);
          let counted = false;
          query.then = ((onFulfilled, onRejected) => {
            if (!counted) {
              counted = true;
              counter.inFlight++;
              then(
                () => counter.inFlight--,
                () => counter.inFlight--,
              );
            }
            return then(onFulfilled, onRejected);
          }) as typeof query.then;
          return query;
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

/**
 * The client with at most `semaphore`'s limit of operations running at once: `unsafe` (every
 * drizzle query outside a transaction) takes a permit when it is awaited and gives it back when
 * it settles; `begin` holds one for the whole transaction (its queries run on its own
 * connection, not through this proxy); `reserve` holds one until released.
 */
function limitConcurrency(client: Sql, semaphore: Semaphore): Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'begin') {
        return async (...args: Parameters<Sql['begin']>) => {
          const release = await semaphore.acquire();
          try {
            return await target.begin(...args);
          } finally {
            release();
          }
        };
      }
      if (property === 'reserve') {
        return async () => {
          const release = await semaphore.acquire();
          try {
            const reserved = await target.reserve();
            const end = reserved.release.bind(reserved);
            reserved.release = () => {
              release();
              end();
            };
            return reserved;
          } catch (error) {
            release();
            throw error;
          }
        };
      }
      if (property === 'unsafe') {
        return (...args: Parameters<Sql['unsafe']>) => {
          const query = target.unsafe(...args);
          // Queries are lazy: they run when awaited. Take the permit then, and start the query
          // (the original then) only once it is ours.
          const then = query.then.bind(query);
          type Rows = Awaited<typeof query>;
          let settled: Promise<Rows> | undefined;
          query.then = ((onFulfilled, onRejected) => {
            settled ??= semaphore.acquire().then((release) =>
              new Promise<Rows>((resolve, reject) => {
                then(
                  (value) => {
                    release();
                    resolve(value);
                  },
                  (error: unknown) => {
                    release();
                    reject(error as Error);
                  },
                );
              }),
            );
            return settled.then(onFulfilled, onRejected);
          }) as typeof query.then;
          return query;
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
