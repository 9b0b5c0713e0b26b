/**
 * Pool figures counted at the executor boundary, on a real database: the checked-out count goes
 * up while a statement or a transaction holds a connection and comes back down when it ends,
 * also when it fails; a transaction's statements are one use of one connection; the
 * checkouts counter only grows and agrees with the pool's own count.
 */
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import type { MetricObjectWithValues, MetricValue, Registry } from 'prom-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMetricsRegistry } from '../../src/monitoring/metrics.js';
import { createOutboundQueue, type OutboundQueue } from '../../src/queue/outbound-queue.js';
import { createMigratedTestDatabase, storeOnTestDatabase, testLogger } from '../helpers/database.js';

const LOCK_KEY = 4_242_014;

let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
let queue: OutboundQueue;
let registry: Registry;

beforeAll(async () => {
  database = await createMigratedTestDatabase({ poolSize: 2, maxOverflow: 2 });
  const store = storeOnTestDatabase(database.handle);
  queue = createOutboundQueue({ logger: testLogger, workers: 1 });
  registry = createMetricsRegistry({ store, queue });
});

afterAll(async () => {
  await queue.close(1_000);
  await database.drop();
});

/** One scrape: the checked-out gauge and the checkouts counter (its type checked too). */
async function scrape(): Promise<{ checkedOut: number; checkouts: number }> {
  const metrics = await registry.getMetricsAsJSON();
  const find = (name: string) => metrics.find((m) => m.name === name) as MetricObjectWithValues<MetricValue<string>> | undefined;
  const connections = find('quiz_agent_db_connections');
  const checkouts = find('quiz_agent_db_checkouts_total');
  expect(checkouts?.type).toBe('counter');
  return {
    checkedOut: connections?.values.find((v) => v.labels.state === 'checked_out')?.value ?? Number.NaN,
    checkouts: checkouts?.values[0]?.value ?? Number.NaN,
  };
}

it('counts a statement while it holds a connection, and not after it ends', async () => {
  const { handle } = database;
  const before = await scrape();
  expect(before.checkedOut).toBe(0);
  // Another client holds the lock, so the pool's statement waits inside PostgreSQL for as long
  // as the test wants: no timing involved.
  const holder = postgres(database.url, { max: 1 });
  try {
    await holder`select pg_advisory_lock(${LOCK_KEY})`;
    const blocked = Promise.resolve(handle.db.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`));
    // drizzle starts the statement a few promise turns after it is awaited, and the pool opens
    // its first connection then (until it is open, the use counts as waiting).
    await expect.poll(async () => (await scrape()).checkedOut).toBe(1);
    expect(handle.uses().inUse).toBe(1);
    await holder`select pg_advisory_unlock(${LOCK_KEY})`;
    await blocked;
  } finally {
    await holder.end({ timeout: 1 });
  }
  const after = await scrape();
  expect(after.checkedOut).toBe(0);
  expect(after.checkouts - before.checkouts).toBe(1);
});

it('gives the connection back when a statement fails', async () => {
  const { handle } = database;
  const before = await scrape();
  await expect(handle.db.execute(sql`select 1 / 0`)).rejects.toThrow();
  expect(handle.uses().inUse).toBe(0);
  const after = await scrape();
  expect(after.checkedOut).toBe(0);
  expect(after.checkouts - before.checkouts).toBe(1);
});

it('counts a transaction as one use from BEGIN to COMMIT or ROLLBACK, whatever it runs', async () => {
  const { handle } = database;
  const before = await scrape();
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select 1`);
    await tx.execute(sql`select 2`);
    expect(handle.uses().inUse).toBe(1);
    expect((await scrape()).checkedOut).toBe(1);
  });
  expect(handle.uses().inUse).toBe(0);
  await expect(
    handle.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      throw new Error('rolled back on purpose');
    }),
  ).rejects.toThrow('rolled back on purpose');
  const after = await scrape();
  expect(after.checkedOut).toBe(0);
  expect(after.checkouts - before.checkouts).toBe(2);
});

it('counts the limited view of the pool too, and the counter never decreases', async () => {
  const { handle } = database;
  const limited = handle.limited(1);
  const seen: number[] = [(await scrape()).checkouts];
  for (let i = 0; i < 3; i++) {
    await Promise.all([limited.execute(sql`select 1`), limited.transaction(async (tx) => tx.execute(sql`select 1`))]);
    await expect(limited.execute(sql`select 1 / 0`)).rejects.toThrow();
    seen.push((await scrape()).checkouts);
  }
  for (let i = 1; i < seen.length; i++) expect(seen[i]! - seen[i - 1]!).toBe(3);
  expect(seen.at(-1)).toBe(handle.uses().started);
  expect((await scrape()).checkedOut).toBe(0);
});
