import postgres, { type Sql } from 'postgres';

/** A promise with its resolve function outside (Promise.withResolvers needs Node 22). */
export function deferred<T = void>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A table lock held by a transaction on a connection of its own, until `release()`. */
export interface TableLock {
  /** The connection holding the lock; free for other queries (pg_stat_activity, pg_terminate_backend). */
  sql: Sql;
  release(): Promise<void>;
}

/**
 * Blocks writers of `table` (SHARE ROW EXCLUSIVE conflicts with the row locks an insert takes)
 * so that a test can catch a batch provably in the middle of its transaction.
 */
export async function holdTableLock(url: string, table: string): Promise<TableLock> {
  const lockClient = postgres(url, { max: 1 });
  const observer = postgres(url, { max: 1 });
  const locked = deferred();
  const released = deferred();
  const transaction = lockClient.begin(async (tx) => {
    await tx.unsafe(`lock table ${table} in share row exclusive mode`);
    locked.resolve();
    await released.promise;
  });
  await locked.promise;
  return {
    sql: observer,
    async release() {
      released.resolve();
      await transaction;
      await Promise.all([lockClient.end(), observer.end()]);
    },
  };
}
