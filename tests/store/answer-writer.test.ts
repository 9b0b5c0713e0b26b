import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OutageBoard } from '../../src/lib/outage-log.js';
import { ManualClock } from 'telegram-sim/clock';
import { createAnswerWriter, type AnswerRecord, type AnswerWriter } from '../../src/store/answer-writer.js';
import { createDatabase, type DatabaseHandle } from '../../src/store/database.js';
import { AnswerRejectedError, AnswerWriterClosedError, NotSavedError } from '../../src/store/errors.js';
import { createMigratedTestDatabase, testLogger } from '../helpers/database.js';
import { startDbProxy, type DbProxy } from '../helpers/db-proxy.js';
import { createRunFixture, type RunFixture } from '../helpers/fixtures.js';
import { holdTableLock } from '../helpers/table-lock.js';
import { capturedLogger } from '../helpers/captured-logger.js';

type Db = Awaited<ReturnType<typeof createMigratedTestDatabase>>;

let database: Db;
let fixture: RunFixture;
let writer: AnswerWriter | undefined;
let updateIds = 1;

beforeAll(async () => {
  database = await createMigratedTestDatabase({ poolSize: 4, maxOverflow: 4 });
});
afterEach(async () => {
  await writer?.close();
  writer = undefined;
});
afterAll(async () => {
  await database.drop();
});

function answer(overrides: Partial<AnswerRecord> & { userId?: number; question?: number } = {}): AnswerRecord {
  const { userId = 1_000, question = 0, ...rest } = overrides;
  return {
    runId: fixture.runId,
    questionId: fixture.questionIds[question] as number,
    user: { id: userId, firstName: `Player ${userId}`, username: `p${userId}` },
    optionIds: [1],
    isCorrect: true,
    responseMs: 1_500,
    answeredAt: new Date(),
    updateId: updateIds++,
    ...rest,
  };
}

async function storedAnswers(runId: number) {
  return database.handle.sql<
    { question_id: number; user_id: number; option_ids: number[]; is_correct: boolean; response_ms: number | null; update_id: number }[]
  >`select question_id::int, user_id::int, option_ids, is_correct, response_ms, update_id::int
    from answers where run_id = ${runId} order by question_id, user_id`;
}

describe('AnswerWriter', () => {
  beforeAll(async () => {
    fixture = await createRunFixture(database.handle.db, 3);
  });

  it('saves thousands of concurrent records from many producers exactly once', async () => {
    const run = await createRunFixture(database.handle.db, 3);
    writer = createAnswerWriter({ db: database.handle.db, logger: testLogger, batchSize: 200, flushMs: 2 });
    const producers = 40;
    const perProducer = 75; // 3,000 records: 40 producers x 25 users x 3 questions
    await Promise.all(
      Array.from({ length: producers }, async (_, p) => {
        for (let i = 0; i < perProducer; i++) {
          const userId = 10_000 + p * 100 + (i % 25);
          await writer!.record(answer({ runId: run.runId, questionId: run.questionIds[Math.floor(i / 25)] as number, userId }));
        }
      }),
    );
    const rows = await storedAnswers(run.runId);
    expect(rows).toHaveLength(producers * perProducer);
    const keys = new Set(rows.map((r) => `${r.question_id}:${r.user_id}`));
    expect(keys.size).toBe(producers * perProducer);
    const stats = writer.stats();
    expect(stats.inserted).toBe(3_000);
    expect(stats.answers_saved).toBe(3_000);
    expect(stats.buffered).toBe(0);
    expect(stats.batches).toBeGreaterThan(1);
  });

  it('coalesces duplicates inside one batch: the highest update_id wins, every caller resolves', async () => {
    writer = createAnswerWriter({ db: database.handle.db, logger: testLogger, batchSize: 100, flushMs: 1_000 });
    const base = updateIds;
    updateIds += 10;
    const records = [
      answer({ userId: 2_001, updateId: base + 3, optionIds: [2], isCorrect: false }),
      answer({ userId: 2_001, updateId: base + 5, optionIds: [1], isCorrect: true, responseMs: 4_000 }),
      answer({ userId: 2_001, updateId: base + 4, optionIds: [0], isCorrect: false }),
    ];
    const saved = records.map((r) => writer!.record(r));
    await writer.flush();
    await Promise.all(saved);
    const rows = (await storedAnswers(fixture.runId)).filter((r) => r.user_id === 2_001);
    expect(rows).toEqual([
      { question_id: fixture.questionIds[0], user_id: 2_001, option_ids: [1], is_correct: true, response_ms: 4_000, update_id: base + 5 },
    ]);
    expect(writer.stats()).toMatchObject({ coalesced: 2, inserted: 1, updated: 0, answers_saved: 3, batches: 1 });
  });

  it('across batches, a revote updates and a late older update is ignored', async () => {
    writer = createAnswerWriter({ db: database.handle.db, logger: testLogger, batchSize: 10, flushMs: 1 });
    const first = answer({ userId: 2_002, optionIds: [0], isCorrect: false });
    await writer.record(first);
    const revote = answer({ userId: 2_002, optionIds: [1], isCorrect: true, responseMs: 9_000 });
    await writer.record(revote);
    await writer.record({ ...first, updateId: first.updateId }); // redelivered original vote
    const [row] = (await storedAnswers(fixture.runId)).filter((r) => r.user_id === 2_002);
    expect(row).toMatchObject({ option_ids: [1], is_correct: true, response_ms: 9_000, update_id: revote.updateId });
    expect(writer.stats()).toMatchObject({ inserted: 1, updated: 1, stale_skipped: 1, answers_saved: 3 });
  });

  it('marks a retracted vote: empty options, not correct, no response time', async () => {
    writer = createAnswerWriter({ db: database.handle.db, logger: testLogger, flushMs: 1 });
    await writer.record(answer({ userId: 2_003, optionIds: [1], isCorrect: true }));
    await writer.record(answer({ userId: 2_003, optionIds: [], isCorrect: true, responseMs: 700 }));
    const [row] = (await storedAnswers(fixture.runId)).filter((r) => r.user_id === 2_003);
    expect(row).toMatchObject({ option_ids: [], is_correct: false, response_ms: null });
  });

  it('skips known players but refreshes a renamed one, and survives a user deleted behind its back', async () => {
    writer = createAnswerWriter({ db: database.handle.db, logger: testLogger, flushMs: 1 });
    const name = async (id: number) =>
      (await database.handle.sql<{ first_name: string }[]>`select first_name from users where id = ${id}`)[0]?.first_name;
    await writer.record(answer({ userId: 2_030, question: 0 }));
    await writer.record({ ...answer({ userId: 2_030, question: 1 }), user: { id: 2_030, firstName: 'Renamed', username: null } });
    expect(await name(2_030)).toBe('Renamed');

    await writer.record(answer({ userId: 2_031, question: 0 }));
    await database.handle.sql`delete from answers where user_id = 2031`;
    await database.handle.sql`delete from users where id = 2031`;
    await writer.record(answer({ userId: 2_031, question: 1 })); // the writer believes 2031 exists
    expect(await name(2_031)).toBe('Player 2031');
    expect((await storedAnswers(fixture.runId)).filter((r) => r.user_id === 2_031)).toHaveLength(1);
    expect(writer.stats().rejected).toBe(0);
  });

  it('rejects only the answers the database refuses for good, and saves their batch-mates', async () => {
    writer = createAnswerWriter({ db: database.handle.db, logger: testLogger, batchSize: 100, flushMs: 1_000 });
    const good = [2_010, 2_011, 2_012, 2_013, 2_014].map((userId) => writer!.record(answer({ userId })));
    const bad = writer.record(answer({ userId: 2_015, runId: 987_654 })); // no such run: FK violation
    const outcome = Promise.allSettled([...good, bad]);
    await writer.flush();
    const results = await outcome;
    expect(results.slice(0, 5).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results[5]).toMatchObject({ status: 'rejected', reason: expect.any(AnswerRejectedError) });
    const users = (await storedAnswers(fixture.runId)).map((r) => r.user_id);
    expect(users).toEqual(expect.arrayContaining([2_010, 2_011, 2_012, 2_013, 2_014]));
    expect(writer.stats()).toMatchObject({ rejected: 1, inserted: 5 });
  });

  it('retries a batch whose connection was terminated, losing and doubling nothing', async () => {
    const run = await createRunFixture(database.handle.db, 1);
    writer = createAnswerWriter({
      db: database.handle.db,
      logger: testLogger,
      batchSize: 500,
      flushMs: 1,
      retryDelayMs: { initial: 10, max: 50 },
    });
    // Hold a lock that the batch's insert needs, so the batch is provably mid-transaction when its backend dies.
    const lock = await holdTableLock(database.url, 'answers');
    const saving = Array.from({ length: 50 }, (_, i) =>
      writer!.record(answer({ runId: run.runId, questionId: run.questionIds[0]!, userId: 3_000 + i })),
    );
    const waitingBackend = async (): Promise<number | undefined> => {
      const [row] = await lock.sql`select pid from pg_stat_activity
        where application_name = ${database.handle.applicationName} and wait_event_type = 'Lock'`;
      return row?.pid as number | undefined;
    };
    await expect.poll(waitingBackend, { timeout: 10_000 }).toBeDefined();
    await lock.sql`select pg_terminate_backend(${(await waitingBackend())!})`;
    await lock.release();
    await Promise.all(saving);

    const rows = await storedAnswers(run.runId);
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(50);
    expect(writer.stats().retries).toBeGreaterThanOrEqual(1);
    expect(writer.stats()).toMatchObject({ answers_saved: 50, inserted: 50, rejected: 0 });
  });

  it('pushes back at the buffer limit: held records never exceed it, and all land', async () => {
    const run = await createRunFixture(database.handle.db, 1);
    writer = createAnswerWriter({ db: database.handle.db, logger: testLogger, batchSize: 25, bufferLimit: 50, concurrency: 2, flushMs: 1 });
    const lock = await holdTableLock(database.url, 'answers');
    const total = 200;
    const saving = Array.from({ length: total }, (_, i) =>
      writer!.record(answer({ runId: run.runId, questionId: run.questionIds[0]!, userId: 4_000 + i })),
    );
    await expect.poll(() => writer!.stats().blocked_producers, { timeout: 10_000 }).toBe(total - 50);
    expect(writer.stats().buffered).toBe(50);
    await lock.release();
    await Promise.all(saving);
    expect(writer.stats().peak_buffered).toBe(50);
    expect(await storedAnswers(run.runId)).toHaveLength(total);
    expect(writer.stats()).toMatchObject({ buffered: 0, blocked_producers: 0, answers_saved: total });
  });

  it('close() saves everything accepted and refuses what comes after', async () => {
    writer = createAnswerWriter({ db: database.handle.db, logger: testLogger, batchSize: 1_000, flushMs: 10_000 });
    const pending = [2_020, 2_021, 2_022].map((userId) => writer!.record(answer({ userId })));
    await writer.close();
    await Promise.all(pending);
    await expect(writer.record(answer({ userId: 2_023 }))).rejects.toBeInstanceOf(AnswerWriterClosedError);
    const users = (await storedAnswers(fixture.runId)).map((r) => r.user_id);
    expect(users).toEqual(expect.arrayContaining([2_020, 2_021, 2_022]));
    expect(users).not.toContain(2_023);
  });
});

describe('AnswerWriter during a database outage', () => {
  let proxy: DbProxy;
  let throughProxy: DatabaseHandle;

  beforeAll(async () => {
    fixture = await createRunFixture(database.handle.db, 3);
    proxy = await startDbProxy(database.url);
    throughProxy = createDatabase({
      url: proxy.url,
      poolSize: 2,
      maxOverflow: 2,
      connectTimeoutS: 5,
      idleTimeoutS: 30,
      logger: testLogger,
    });
  });
  afterEach(() => proxy.up()); // before the outer afterEach closes the writer
  afterAll(async () => {
    await throughProxy.close(1);
    await proxy.close();
  });

  it('keeps retrying on its clock, tells /health, logs the outage once, and saves every answer when the database is back', async () => {
    const clock = new ManualClock();
    const board = new OutageBoard(clock);
    const { logger, lines } = capturedLogger();
    writer = createAnswerWriter({
      db: throughProxy.db,
      logger,
      clock,
      outages: board,
      flushMs: 5,
      retryDelayMs: { initial: 100, max: 1_000 },
    });
    proxy.down();
    const saving = [5_001, 5_002, 5_003].map((userId) => writer!.record(answer({ userId })));
    clock.advance(5);
    for (let failures = 1; failures <= 4; failures++) {
      if (failures > 1) clock.advance(1_000);
      await expect.poll(() => writer!.stats().retries).toBe(failures);
    }
    expect(Object.keys(board.failing())).toEqual(['answer-writer']);

    proxy.up();
    clock.advance(1_000);
    await Promise.all(saving);
    expect((await storedAnswers(fixture.runId)).map((r) => r.user_id)).toEqual(expect.arrayContaining([5_001, 5_002, 5_003]));
    expect(board.failing()).toEqual({});
    expect(lines.filter((line) => line.level >= 40).map((line) => line.msg)).toEqual([
      'answer-writer: database unavailable, retrying with backoff (one line per minute until it is back)',
    ]);
    expect(lines.filter((line) => line.part === 'answer-writer').map((line) => line.msg)).toContain(
      'answer-writer: database available again',
    );
    expect(lines.map((line) => line.msg)).toContainEqual(
      expect.stringMatching(/^Bulk save completed in \d+\.\d{3}s: Updated 0 answers, Inserted 3 new answers$/),
    );
    expect(writer.stats()).toMatchObject({ answers_saved: 3, inserted: 3, retries: 4, buffered: 0, unsaved: 0 });
  });

  it('close(deadline) during an outage gives up on the unsaved answers with NotSavedError and counts them', async () => {
    const clock = new ManualClock();
    writer = createAnswerWriter({ db: throughProxy.db, logger: testLogger, clock, flushMs: 5, retryDelayMs: { initial: 100, max: 1_000 } });
    proxy.down();
    const saving = [5_011, 5_012].map((userId) => writer!.record(answer({ userId })).catch((error: unknown) => error));
    clock.advance(5);
    await expect.poll(() => writer!.stats().retries).toBe(1);
    const closing = writer.close(3_000);
    await expect(writer.record(answer({ userId: 5_013 }))).rejects.toBeInstanceOf(AnswerWriterClosedError);
    clock.advance(3_000);
    expect(await closing).toEqual({ unsaved: 2 });
    for (const outcome of await Promise.all(saving)) expect(outcome).toBeInstanceOf(NotSavedError);
    expect(writer.stats()).toMatchObject({ unsaved: 2, answers_saved: 0 });
    await expect.poll(() => writer!.stats().buffered).toBe(0); // the attempt on the wire ended
    proxy.up();
    expect((await storedAnswers(fixture.runId)).map((r) => r.user_id)).not.toContain(5_011);
  });
});
