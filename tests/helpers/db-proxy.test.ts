import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRetryableDatabaseError } from '../../src/store/errors.js';
import { createEmptyTestDatabase, type TestDatabase } from './database.js';
import { startDbProxy, type DbProxy } from './db-proxy.js';

let database: TestDatabase;
let proxy: DbProxy;
let direct: postgres.Sql;
let throughProxy: postgres.Sql;
/** Unique per run, so that test runs sharing a server do not count each other's sessions. */
const applicationName = `db-proxy-test-${process.pid}-${Date.now()}`;

beforeAll(async () => {
  database = await createEmptyTestDatabase();
  proxy = await startDbProxy(database.url);
  direct = postgres(database.url, { max: 1, onnotice: () => {} });
  // No reconnection delay of postgres.js's own: the test decides when the database is back.
  throughProxy = postgres(proxy.url, { max: 2, onnotice: () => {}, backoff: () => 0, connection: { application_name: applicationName } });
});
afterAll(async () => {
  await throughProxy.end({ timeout: 1 });
  await proxy.close();
  await direct.end();
  await database.drop();
});

const backendsOfProxyClient = async (): Promise<number> =>
  (await direct<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where application_name = ${applicationName}`)[0]!.n;

describe('startDbProxy', () => {
  it('passes queries through, cuts every connection while down, and lets them through again after up', async () => {
    expect(await throughProxy`select 1 as one`).toEqual([{ one: 1 }]);
    expect(proxy.connections()).toBe(1);
    expect(await backendsOfProxyClient()).toBe(1);

    proxy.down();
    expect(proxy.connections()).toBe(0);
    // The server side was cut too: the backend ends its session (no leaked "idle" connection).
    await expect.poll(backendsOfProxyClient, { timeout: 5_000 }).toBe(0);
    const started = performance.now();
    const failure = await throughProxy`select 1`.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'ECONNRESET' });
    expect(isRetryableDatabaseError(failure)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000); // refused at once, no connect timeout
    expect(proxy.connections()).toBe(0);

    proxy.up();
    expect(await throughProxy`select 2 as two`).toEqual([{ two: 2 }]);
    expect(proxy.connections()).toBe(1);
  });

  it('fails a query that is running when the proxy goes down', async () => {
    const running = throughProxy`select pg_sleep(5)`.execute();
    await expect
      .poll(
        async () => (await direct`select 1 from pg_stat_activity where application_name = ${applicationName} and state = 'active'`).length,
      )
      .toBe(1);
    proxy.down();
    await expect(running).rejects.toMatchObject({ code: 'ECONNRESET' });
    proxy.up();
    expect(await throughProxy`select 3 as three`).toEqual([{ three: 3 }]);
  });
});
