import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyTestDatabase, type TestDatabase } from '../helpers/database.js';

// postgres.js 3.4.9 (a) throws an uncatchable TypeError from a timer when a socket closes with a
// small write still buffered (porsager/postgres#1154, #1208), and (b) never settles a query
// written between a socket error (ECONNRESET) and the socket's close. patches/postgres+3.4.9.patch
// mends both; without it these tests hang or vitest reports the uncaught exception.
describe('postgres.js when backends are terminated', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createEmptyTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  const connect = (max: number): Sql => postgres(database.url, { max, backoff: (n) => Math.min(0.05 * 2 ** n, 2) });
  const connectionLost = { code: expect.stringMatching(/^(CONNECTION_CLOSED|CONNECTION_DESTROYED|ECONNRESET|57P01)$/) };

  async function untilItWorks<T>(work: () => Promise<T>, failures: string[]): Promise<T> {
    for (;;) {
      try {
        return await work();
      } catch (error) {
        expect(error).toMatchObject(connectionLost); // nothing but a lost connection is acceptable
        failures.push((error as { code: string }).code);
      }
    }
  }

  it('rejects queries on a reserved connection whose backend died, and the pool recovers', async () => {
    const sql = connect(2);
    const killer = connect(1);
    try {
      const reserved = await sql.reserve();
      const [row] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await killer`select pg_terminate_backend(${row!.pid})`;
      await expect(reserved`select 1`).rejects.toMatchObject(connectionLost);
      await expect(reserved`select 1`).rejects.toMatchObject(connectionLost);
      reserved.release();
      expect(await untilItWorks(() => sql`select 1 as ok`, [])).toEqual([{ ok: 1 }]);
    } finally {
      await Promise.all([sql.end({ timeout: 1 }), killer.end()]);
    }
  });

  it.each([1, 3])('settles every query when pooled backends keep dying (max %i)', async (max) => {
    const sql = connect(max);
    const killer = connect(1);
    const failures: string[] = [];
    try {
      for (let round = 0; round < 10; round++) {
        const [row] = await untilItWorks(() => sql<{ pid: number }[]>`select pg_backend_pid() as pid`, failures);
        await killer`select pg_terminate_backend(${row!.pid})`;
        const results = await Promise.all([
          untilItWorks(() => sql`select ${round}::int as n`, failures),
          untilItWorks(() => sql.begin((tx) => tx`select ${round + 100}::int as n`), failures),
        ]);
        expect(results).toEqual([[{ n: round }], [{ n: round + 100 }]]);
      }
      expect(failures.length).toBeGreaterThan(0); // the kills were really felt
    } finally {
      await Promise.all([sql.end({ timeout: 1 }), killer.end()]);
    }
  });
});
