/**
 * The outbox sender against the simulator and a real database: a row goes out once however many
 * senders try (the guard right before the request lets one through), never for a run that ended,
 * and a guard that cannot reach the database sends nothing.
 */
import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxSender } from '../../src/engine/outbox-sender.js';
import { systemClock } from '../../src/lib/clock.js';
import { createOutboundQueue, type OutboundQueue } from '../../src/queue/outbound-queue.js';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import { getSend, insertOutboxIntents } from '../../src/store/queries/outbox.js';
import { updateRun } from '../../src/store/queries/runs.js';
import { createDatabase } from '../../src/store/database.js';
import { createMigratedTestDatabase, testLogger } from '../helpers/database.js';
import { startDbProxy } from '../helpers/db-proxy.js';
import { createRunFixture } from '../helpers/fixtures.js';

describe('outbox sender', () => {
  let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let sim: Simulator;
  let queue: OutboundQueue;
  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    sim = await startSimulator({ limits: { enabled: false } });
    queue = createOutboundQueue({ logger: testLogger });
  });
  afterAll(async () => {
    await queue?.close(0);
    await sim?.close();
    await database?.drop();
  });

  const senderFor = (db = database.handle.db) =>
    createOutboxSender({
      db,
      clock: systemClock,
      apiFor: (options) => {
        const api = new Api(sim.token, { apiRoot: sim.apiRoot });
        api.config.use(queue.transformerWith(options));
        return api;
      },
    });

  async function intent(runId: number, chatId: number, position: number) {
    const [row] = await insertOutboxIntents(database.handle.db, [
      {
        runId,
        kind: 'question',
        position,
        method: 'sendMessage',
        payload: { chat_id: chatId, text: `question ${position}` },
        priority: 'question',
        dueAt: new Date(),
        createdAt: new Date(),
      },
    ]);
    return row!;
  }

  it('lets one of two senders of the same row send it; the other is cancelled', async () => {
    const user = sim.world.createStartedUser();
    const fixture = await createRunFixture(database.handle.db);
    const row = await intent(fixture.runId, user.id, 0);
    const outcomes = await Promise.all([senderFor().send(row), senderFor().send(row)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['cancelled', 'sent']);
    expect([...sim.world.chat(user.id)!.messages.values()].filter((m) => m.text === 'question 0')).toHaveLength(1);
    expect(await getSend(database.handle.db, row.id)).toMatchObject({ state: 'dispatched' });
  });

  it('sends nothing for a run that ended before the row left', async () => {
    const user = sim.world.createStartedUser();
    const fixture = await createRunFixture(database.handle.db);
    const row = await intent(fixture.runId, user.id, 0);
    await updateRun(database.handle.db, fixture.runId, { status: 'cancelled' });
    expect(await senderFor().send(row)).toEqual({ kind: 'cancelled' });
    expect([...sim.world.chat(user.id)!.messages.values()].filter((m) => m.text === 'question 0')).toHaveLength(0);
    expect(await getSend(database.handle.db, row.id)).toMatchObject({ state: 'pending' });
  });

  it('sends nothing when the guard cannot reach the database: not sent, may be tried again', async () => {
    const user = sim.world.createStartedUser();
    const fixture = await createRunFixture(database.handle.db);
    const row = await intent(fixture.runId, user.id, 0);
    const proxy = await startDbProxy(database.url);
    const unreachable = createDatabase({
      url: proxy.url,
      poolSize: 1,
      maxOverflow: 0,
      connectTimeoutS: 2,
      idleTimeoutS: 0,
      logger: testLogger,
    });
    try {
      proxy.down();
      const outcome = await senderFor(unreachable.db).send(row);
      expect(outcome.kind).toBe('not_sent');
      expect([...sim.world.chat(user.id)!.messages.values()].filter((m) => m.text === 'question 0')).toHaveLength(0);
      expect(await getSend(database.handle.db, row.id)).toMatchObject({ state: 'pending' });
    } finally {
      await unreachable.close(1);
      await proxy.close();
    }
  });
});
