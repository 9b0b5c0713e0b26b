/**
 * The executor boundary of a drizzle database: where it runs a statement (a prepared query's
 * `execute`, which every select, insert, update, delete, `db.execute` and relational query goes
 * through) and where it opens a transaction. Whatever must happen around each use of a pooled
 * connection (counting it, limiting how many run at once) is put here once, on the database's
 * own session, rather than on each postgres.js query object: those are lazy thenables whose
 * `then` is an internal detail of the driver, and patching it would break silently on an
 * upgrade. The session's `prepareQuery`, `transaction` and the prepared query's `execute` are
 * drizzle's typed API: a change there fails the typecheck.
 *
 * Statements inside a transaction run on the transaction's own session (drizzle makes a new
 * one on the transaction's connection), so they are not wrapped again: a transaction is one use
 * of a connection from its BEGIN to its COMMIT or ROLLBACK.
 */
import type { Database } from './database.js';

/** Runs `use` (one statement, or one whole transaction) and settles as it settles. */
export type ConnectionUse = <T>(use: () => Promise<T>) => Promise<T>;

/**
 * Makes `db` run each statement and each transaction through `around`. Returns the same `db`.
 *
 * @example
 * aroundEachUse(db, async (use) => { inUse++; try { return await use(); } finally { inUse--; } });
 */
export function aroundEachUse(db: Database, around: ConnectionUse): Database {
  const session = db._.session;
  const prepareQuery = session.prepareQuery.bind(session);
  session.prepareQuery = ((...args: Parameters<typeof prepareQuery>) => {
    const prepared = prepareQuery(...args);
    const execute = prepared.execute.bind(prepared);
    prepared.execute = (...args: Parameters<typeof execute>) => around(() => execute(...args));
    return prepared;
  }) as typeof session.prepareQuery;
  const transaction = session.transaction.bind(session);
  session.transaction = ((run, config) => around(() => transaction(run, config))) as typeof session.transaction;
  return db;
}
