import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReservedSql } from 'postgres';
import { createMigratedTestDatabase } from '../helpers/database.js';

type Db = Awaited<ReturnType<typeof createMigratedTestDatabase>>;

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
    expect(busy).toMatchObject({ total_connections: 3, checked_out_connections: 3, idle_connections: 0, overflow_connections: 1, waiting: 0 });

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
    // Ten sleeping queries and a transaction through the limited view: PostgreSQL sees two at a time.
    const work = [
      ...Array.from({ length: 10 }, () => Promise.resolve(limited.execute('select pg_sleep(0.05)'))),
      limited.transaction(async (tx) => tx.execute('select pg_sleep(0.05)')),
    ];
    let most = 0;
    let done = false;
    const all = Promise.all(work).finally(() => (done = true));
    while (!done) {
      const [row] = await handle.sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity where application_name = ${handle.applicationName} and query like '%pg_sleep%' and state = 'active' and pid <> pg_backend_pid()`;
      most = Math.max(most, row?.n ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await all;
    expect(most).toBeGreaterThanOrEqual(1);
    expect(most).toBeLessThanOrEqual(2);
  });

  it('answers a ping', async () => {
    await expect(database.handle.ping(2_000)).resolves.toBeUndefined();
  });
});
