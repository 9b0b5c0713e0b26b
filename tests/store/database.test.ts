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

  it('answers a ping', async () => {
    await expect(database.handle.ping(2_000)).resolves.toBeUndefined();
  });
});
