import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReservedSql } from 'postgres';
import { sql } from 'drizzle-orm';
import { createMigratedTestDatabase } from '../helpers/database.js';

type Db = Awaited<ReturnType<typeof createMigratedTestDatabase>>;

/** The advisory lock the limited-view test holds as a barrier (advisory locks are per database). */
const BARRIER_KEY = 4_242;

describe('database pool statistics', () => {
  let database: Db;
  beforeAll(async () => {
    database = await createMigratedTestDatabase({ poolSize: 2, maxOverflow: 2 });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('counts connections as they are taken, returned and waited for', async () => {
    const { handle } = database;
    const before = await handle.poolStats();
    expect(before).toMatchObject({ pool_size: 2, max_overflow: 2, checked_out_connections: 0, waiting: 0 });

    const reserved: ReservedSql[] = [];
    for (let i = 0; i < 3; i++) reserved.push(await handle.sql.reserve());
    const busy = await handle.poolStats();
    expect(busy).toMatchObject({
      total_connections: 3,
      checked_out_connections: 3,
      idle_connections: 0,
      overflow_connections: 1,
      waiting: 0,
    });

    reserved.push(await handle.sql.reserve()); // the pool's last connection (2 + 2)
    // No connection left: this query waits (drizzle queries start once something awaits them).
    const waitingQuery = Promise.resolve(handle.db.execute('select 1'));
    await expect.poll(async () => (await handle.poolStats()).waiting).toBe(1);
    expect(await handle.poolStats()).toMatchObject({ total_connections: 4, checked_out_connections: 4, overflow_connections: 2 });

    for (const connection of reserved) connection.release();
    await waitingQuery;
    const after = await handle.poolStats();
    expect(after).toMatchObject({ total_connections: 4, checked_out_connections: 0, idle_connections: 4, waiting: 0 });
  });

  it('runs at most `limit` operations at once for a part given a limited view of the pool', async () => {
    const { handle } = database;
    const limited = handle.limited(2);
    // A barrier instead of sampling: the test holds an advisory lock, and each operation of the
    // limited view waits for it inside PostgreSQL. Nothing can finish while it is held, so no
    // permit is given back, and what PostgreSQL shows waiting is every operation the view
    // started. The pool has three connections left besides the barrier's (2 + 2 - 1): without
    // the limit, three would be waiting there.
    const barrier = await handle.sql.reserve();
    await barrier`select pg_advisory_lock(${BARRIER_KEY})`;
    const wait = sql`select pg_advisory_xact_lock_shared(${BARRIER_KEY})`;
    const work = [
      ...Array.from({ length: 10 }, () => Promise.resolve(limited.execute(wait))),
      limited.transaction(async (tx) => tx.execute(wait)),
    ];
    const waitingAtBarrier = async (): Promise<number> => {
      const [row] = await barrier<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where application_name = ${handle.applicationName} and query like '%pg_advisory_xact_lock_shared%' and wait_event_type = 'Lock' and pid <> pg_backend_pid()`;
      return row?.n ?? 0;
    };
    try {
      await expect.poll(waitingAtBarrier).toBe(2);
      // The uses counted in the process: the barrier's connection and the two started, none waiting for a connection.
      expect(handle.uses().inUse).toBe(3);
      expect(await waitingAtBarrier()).toBe(2);
    } finally {
      await barrier`select pg_advisory_unlock(${BARRIER_KEY})`;
      barrier.release();
    }
    await Promise.all(work);
    expect(handle.uses().inUse).toBe(0);
  });

  it('answers a ping', async () => {
    await expect(database.handle.ping(2_000)).resolves.toBeUndefined();
  });
});
