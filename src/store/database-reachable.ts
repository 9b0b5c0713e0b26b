/**
 * Whether the PostgreSQL server of DATABASE_URL answers, and how to name it in a log line:
 * by host, port and database, never by its user's password.
 */
import postgres from 'postgres';
import { ConfigError, type Config } from '../config.js';
import { describeError, errorCode } from '../lib/describe-error.js';
import { waitUntilReachable, type StartWaitOptions } from '../lib/wait-until-reachable.js';

/** "db:5432 (database quiz)": where DATABASE_URL points, without user or password. */
export function databaseTarget(url: string): string {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres';
  return `${u.hostname || 'localhost'}:${u.port || '5432'} (database ${database})`;
}

/** Opens one connection, runs `select 1` and closes it; rejects with what went wrong. */
export async function pingDatabase(url: string, connectTimeoutS: number): Promise<void> {
  const sql = postgres(url, {
    max: 1,
    connect_timeout: connectTimeoutS,
    connection: { application_name: 'quiz-agent-start' },
    onnotice: () => undefined,
  });
  try {
    await sql`select 1`;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => undefined);
  }
}

/**
 * True for an answer from the server that waiting will not change: a refused login (SQLSTATE
 * class 28: wrong password, no such role, pg_hba) or a database that does not exist (3D000).
 * Network errors, "the database system is starting up" (57P03) and too many connections (53300)
 * are worth waiting for.
 */
export function isDatabaseRefusal(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && (code.startsWith('28') || code === '3D000');
}

/**
 * With DATABASE_URL set: returns once its server answers, waiting (logged, on /health) as long
 * as it takes; a refused login or a missing database ends the start with a config error.
 * The embedded server (DATABASE_URL unset) is started by openStore instead: nothing to wait for.
 */
export async function waitForDatabase(config: Config, options: StartWaitOptions): Promise<void> {
  const { url, connectTimeoutS } = config.database;
  if (!url) return;
  const target = databaseTarget(url);
  try {
    await waitUntilReachable({
      dependency: 'database',
      target,
      attempt: () => pingDatabase(url, connectTimeoutS),
      isFatal: isDatabaseRefusal,
      describe: describeError,
      ...options,
    });
  } catch (error) {
    if (!isDatabaseRefusal(error)) throw error;
    throw new ConfigError([`DATABASE_URL: the server at ${target} refused the connection: ${describeError(error)}`]);
  }
}
