import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBackoff } from '../../src/lib/backoff.js';
import { OutageBoard } from '../../src/lib/outage-log.js';
import { ManualClock } from 'telegram-sim/clock';
import { CommitRejectedError, GroupCommitClosedError, isRetryableDatabaseError, NotSavedError } from '../../src/store/errors.js';
import { createGroupCommit, type GroupCommit, type GroupCommitOptions } from '../../src/store/group-commit.js';
import { createEmptyTestDatabase, testLogger, type TestDatabase } from '../helpers/database.js';
import { startDbProxy, type DbProxy } from '../helpers/db-proxy.js';
import { capturedLogger } from '../helpers/captured-logger.js';

/** Lets every promise callback that is ready run (commit calls, resolutions), without moving time. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A commit that records each call and completes only when the test says so. */
function manualCommit<T>() {
  const calls: { items: T[]; done(): void; fail(error: unknown): void }[] = [];
  return {
    calls,
    batches: () => calls.map((call) => call.items),
    commit: (items: readonly T[]) =>
      new Promise<void>((done, fail) => {
        calls.push({ items: [...items], done, fail });
      }),
  };
}

/** The batching window runs on the real clock by default; these tests drive it by hand too. */
function options<T>(overrides: Partial<GroupCommitOptions<T>> & Pick<GroupCommitOptions<T>, 'commit'>): GroupCommitOptions<T> {
  const clock = overrides.clock ?? new ManualClock();
  return {
    name: 'test-commit',
    isRetryable: () => false,
    batchSize: 3,
    flushMs: 1_000,
    bufferLimit: 100,
    concurrency: 2,
    logger: testLogger,
    ...overrides,
    clock,
    windowClock: overrides.windowClock ?? clock,
  };
}

describe('group commit: batching (no database)', () => {
  it('sends a batch when it is full, and the rest flushMs after its first item', async () => {
    const clock = new ManualClock();
    const store = manualCommit<number>();
    const batches = createGroupCommit(options({ commit: store.commit, clock }));
    const added = [0, 1, 2, 3, 4, 5, 6].map((n) => batches.add(n));
    expect(store.batches()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    clock.advance(999);
    expect(store.calls).toHaveLength(2);
    clock.advance(1);
    expect(store.calls).toHaveLength(2); // both commit slots are busy: the due batch waits for one
    store.calls[0]!.done();
    await settle();
    expect(store.batches()).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    for (const call of store.calls.slice(1)) call.done();
    await Promise.all(added);
    expect(batches.stats()).toMatchObject({ batches: 3, committed: 7, buffered: 0, last_batch_size: 1 });
  });

  it('times a partial batch from its first item, not its latest', async () => {
    const clock = new ManualClock();
    const store = manualCommit<string>();
    const batches = createGroupCommit(options({ commit: store.commit, clock, batchSize: 10, flushMs: 100 }));
    void batches.add('a');
    clock.advance(60);
    void batches.add('b');
    clock.advance(39);
    expect(store.calls).toHaveLength(0);
    clock.advance(1);
    expect(store.batches()).toEqual([['a', 'b']]);
    void batches.add('c'); // a new first item: its own 100 ms
    clock.advance(99);
    expect(store.calls).toHaveLength(1);
    clock.advance(1);
    expect(store.batches()).toEqual([['a', 'b'], ['c']]);
  });

  it('flush() sends what was added at once and resolves when it is committed; later items keep their delay', async () => {
    const clock = new ManualClock();
    const store = manualCommit<number>();
    const batches = createGroupCommit(options({ commit: store.commit, clock, batchSize: 10, flushMs: 1_000 }));
    const early = [batches.add(1), batches.add(2)];
    let flushed = false;
    const flushing = batches.flush().then(() => (flushed = true));
    expect(store.batches()).toEqual([[1, 2]]);
    void batches.add(3);
    expect(store.calls).toHaveLength(1);
    await settle();
    expect(flushed).toBe(false);
    store.calls[0]!.done();
    await Promise.all([...early, flushing]);
    expect(store.calls).toHaveLength(1);
    clock.advance(1_000);
    expect(store.batches()).toEqual([[1, 2], [3]]);
  });

  it('commits at most `concurrency` batches at once', async () => {
    const store = manualCommit<number>();
    const batches = createGroupCommit(options({ commit: store.commit, batchSize: 1, concurrency: 2 }));
    const added = [1, 2, 3, 4, 5].map((n) => batches.add(n));
    expect(store.batches()).toEqual([[1], [2]]);
    store.calls[1]!.done();
    await settle();
    expect(store.batches()).toEqual([[1], [2], [3]]);
    for (let i = 0; i < 5; i++) {
      for (const call of store.calls) call.done();
      await settle();
    }
    await Promise.all(added);
    expect(store.batches()).toEqual([[1], [2], [3], [4], [5]]);
  });

  it('makes callers wait for room above bufferLimit, first come first in, and never holds more', async () => {
    const store = manualCommit<number>();
    const batches = createGroupCommit(options({ commit: store.commit, batchSize: 2, bufferLimit: 4, concurrency: 1 }));
    const added = Array.from({ length: 10 }, (_, n) => batches.add(n));
    expect(batches.stats()).toMatchObject({ buffered: 4, blocked_producers: 6, peak_buffered: 4 });
    for (let done = 0; done < store.calls.length; done++) {
      store.calls[done]!.done();
      await settle();
      expect(batches.stats().buffered).toBeLessThanOrEqual(4);
    }
    await Promise.all(added);
    expect(store.batches()).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
      [8, 9],
    ]);
    expect(batches.stats()).toMatchObject({ buffered: 0, blocked_producers: 0, peak_buffered: 4, committed: 10, batches: 5 });
  });

  it('keeps arrival order through backpressure', async () => {
    const committed: number[] = [];
    const batches = createGroupCommit(
      options<number>({ commit: async (items) => void committed.push(...items), batchSize: 2, bufferLimit: 2, concurrency: 1, flushMs: 0 }),
    );
    await Promise.all(Array.from({ length: 9 }, (_, n) => batches.add(n)).concat(batches.flush()));
    expect(committed).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('validates its options with messages that say what was expected and what was given', () => {
    const commit = async (): Promise<void> => {};
    expect(() => createGroupCommit(options({ commit, batchSize: 0 }))).toThrow(
      'test-commit: batchSize must be a whole number of at least 1, got 0',
    );
    expect(() => createGroupCommit(options({ commit, concurrency: 1.5 }))).toThrow(
      'concurrency must be a whole number of at least 1, got 1.5',
    );
    expect(() => createGroupCommit(options({ commit, batchSize: 10, bufferLimit: 5 }))).toThrow(
      'bufferLimit (5) must be at least batchSize (10)',
    );
    expect(() => createGroupCommit(options({ commit, flushMs: -1 }))).toThrow('flushMs must be a number of ms >= 0, got -1');
    expect(() => createGroupCommit(options({ commit, name: '' }))).toThrow('expects a non-empty name');
  });
});

describe('group commit on PostgreSQL, through an outage you can switch', () => {
  let database: TestDatabase;
  let proxy: DbProxy;
  let sql: postgres.Sql;
  let batches: GroupCommit<Item> | undefined;

  interface Item {
    id: number;
    label: string | null;
  }

  beforeAll(async () => {
    database = await createEmptyTestDatabase();
    const setup = postgres(database.url, { max: 1, onnotice: () => {} });
    await setup`create table items (id integer primary key, label text not null)`;
    await setup.end();
    proxy = await startDbProxy(database.url);
    // No reconnection delay of postgres.js's own: the group commit's backoff is what is tested.
    sql = postgres(proxy.url, { max: 4, onnotice: () => {}, backoff: () => 0, connect_timeout: 5 });
  });
  afterEach(async () => {
    proxy.up();
    await batches?.close();
    batches = undefined;
    await sql`truncate items`;
  });
  afterAll(async () => {
    await sql.end({ timeout: 1 });
    await proxy.close();
    await database.drop();
  });

  /** A label of null breaks the NOT NULL constraint: a permanent failure. */
  const insertItems = async (items: readonly Item[]): Promise<void> => {
    await sql`insert into items ${sql(items.map((item) => ({ id: item.id, label: item.label })))}`;
  };
  const storedIds = async (): Promise<number[]> => (await sql<{ id: number }[]>`select id from items order by id`).map((row) => row.id);
  const items = (from: number, count: number): Item[] =>
    Array.from({ length: count }, (_, i) => ({ id: from + i, label: `item ${from + i}` }));

  function openBatches(clock: ManualClock, overrides: Partial<GroupCommitOptions<Item>> = {}): GroupCommit<Item> {
    batches = createGroupCommit<Item>({
      name: 'test-writer',
      commit: insertItems,
      isRetryable: isRetryableDatabaseError,
      batchSize: 10,
      flushMs: 5,
      bufferLimit: 100,
      concurrency: 2,
      clock,
      windowClock: clock,
      logger: testLogger,
      // Always the ceiling's half (random 0): 100, 200, 400, 800, 1000, 1000 ... ms.
      backoff: createBackoff({ initialMs: 200, maxMs: 2_000, random: () => 0 }),
      ...overrides,
    });
    return batches;
  }

  it('rejects only the item the database refuses for good, and commits its batch-mates', async () => {
    const clock = new ManualClock();
    const batches = openBatches(clock);
    const good = items(1, 7);
    const outcome = Promise.allSettled([...good.slice(0, 4), { id: 99, label: null }, ...good.slice(4)].map((item) => batches.add(item)));
    clock.advance(5);
    const results = await outcome;
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(7);
    const refused = results[4] as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(CommitRejectedError);
    expect(refused.reason).toMatchObject({
      code: 'COMMIT_REJECTED',
      part: 'test-writer',
      cause: expect.objectContaining({ code: '23502' }),
    });
    expect(await storedIds()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(batches.stats()).toMatchObject({ committed: 7, rejected: 1, retries: 0, buffered: 0 });
  });

  it('retries through an outage until the database is back: every item saved, one warning and one recovery line', async () => {
    const clock = new ManualClock();
    const { logger, lines } = capturedLogger();
    const board = new OutageBoard(clock);
    const batches = openBatches(clock, { logger, outages: board });

    proxy.down();
    const saving = items(1, 25).map((item) => batches.add(item));
    clock.advance(5); // the partial batch's flush delay
    // Two full batches take both commit slots; the last 5 items wait for one. Each failed
    // attempt sleeps on the clock, so time (and the next attempt) moves only when the test says so.
    for (let round = 1; round <= 6; round++) {
      if (round > 1) clock.advance(2_000);
      await expect.poll(() => batches.stats().retries).toBeGreaterThanOrEqual(round * 2);
    }
    expect(board.failing()).toHaveProperty('test-writer', expect.stringContaining('database unavailable'));
    expect(batches.stats()).toMatchObject({ committed: 0, buffered: 25 });

    proxy.up();
    clock.advance(2_000);
    await Promise.all(saving);
    expect(await storedIds()).toEqual(items(1, 25).map((item) => item.id));
    expect(board.failing()).toEqual({});
    const fromPart = lines.filter((line) => line.part === 'test-writer');
    expect(fromPart.map((line) => [line.level, line.msg])).toEqual([
      [40, 'test-writer: database unavailable, retrying with backoff (one line per minute until it is back)'],
      [30, 'test-writer: database available again'],
    ]);
    expect(batches.stats().retries).toBe(12);
  });

  it('close() with a deadline during an outage rejects what is left with NotSavedError and counts it', async () => {
    const clock = new ManualClock();
    const { logger, lines } = capturedLogger();
    // Room for one batch only: 2 items committing (and failing), 3 callers waiting for room.
    const batches = openBatches(clock, { logger, batchSize: 2, bufferLimit: 2, concurrency: 1 });
    proxy.down();
    const saving = items(1, 5).map((item) =>
      batches.add(item).then(
        () => 'saved',
        (error: unknown) => error,
      ),
    );
    clock.advance(5);
    await expect.poll(() => batches.stats().retries).toBeGreaterThanOrEqual(1);
    expect(batches.stats()).toMatchObject({ buffered: 2, blocked_producers: 3 });

    let closed: { unsaved: number } | undefined;
    const closing = batches.close(10_000).then((result) => (closed = result));
    await expect(batches.add({ id: 6, label: 'late' })).rejects.toBeInstanceOf(GroupCommitClosedError);
    clock.advance(9_999);
    await settle();
    expect(closed).toBeUndefined();
    clock.advance(1);
    await closing;
    expect(closed).toEqual({ unsaved: 5 });
    const outcomes = await Promise.all(saving);
    for (const outcome of outcomes) {
      expect(outcome).toBeInstanceOf(NotSavedError);
      expect(outcome).toMatchObject({
        code: 'NOT_SAVED',
        message: 'not saved: the database was unavailable; the update stays unconfirmed and Telegram delivers it again',
        cause: expect.objectContaining({ code: 'ECONNRESET' }),
      });
    }
    expect(batches.stats()).toMatchObject({ unsaved: 5, committed: 0 });
    expect(
      lines.some((line) => line.msg === 'test-writer: closed at its deadline with 5 items not saved (the database was unavailable)'),
    ).toBe(true);

    // The attempt that was on the wire at the deadline ends by itself (it cannot be recalled:
    // had the database come back first, it could still have landed, which is why commits must
    // be idempotent). Nothing is retried after it.
    await expect.poll(() => batches.stats().buffered).toBe(0);
    const attempts = batches.stats().retries;
    proxy.up();
    clock.advance(60_000);
    await settle();
    expect(batches.stats().retries).toBe(attempts);
    expect(await storedIds()).toEqual([]);
  });

  it('close() without a deadline waits for the database to come back and saves everything', async () => {
    const clock = new ManualClock();
    const batches = openBatches(clock, { flushMs: 60_000 });
    proxy.down();
    const saving = items(1, 12).map((item) => batches.add(item));
    let closed: { unsaved: number } | undefined;
    const closing = batches.close().then((result) => (closed = result));
    await expect.poll(() => batches.stats().retries).toBe(2); // both batches (10 + 2) failed and sleep
    clock.advance(60_000);
    await expect.poll(() => batches.stats().retries).toBe(4); // and failed again
    expect(closed).toBeUndefined();
    proxy.up();
    clock.advance(2_000);
    await closing;
    await Promise.all(saving);
    expect(closed).toEqual({ unsaved: 0 });
    expect(await storedIds()).toEqual(items(1, 12).map((item) => item.id));
  });

  it('close() without an outage saves everything held, without waiting the flush delay', async () => {
    const clock = new ManualClock();
    const batches = openBatches(clock, { batchSize: 4, bufferLimit: 4, concurrency: 1, flushMs: 60_000 });
    const saving = items(1, 10).map((item) => batches.add(item)); // 4 held, 6 waiting for room
    expect(await batches.close(5_000)).toEqual({ unsaved: 0 });
    await Promise.all(saving);
    expect(await storedIds()).toEqual(items(1, 10).map((item) => item.id));
    expect(batches.stats()).toMatchObject({ committed: 10, unsaved: 0, buffered: 0, blocked_producers: 0 });
    await expect(batches.add({ id: 11, label: 'late' })).rejects.toMatchObject({ code: 'GROUP_COMMIT_CLOSED' });
  });
});
