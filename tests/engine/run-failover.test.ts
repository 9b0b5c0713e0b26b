/**
 * Failover of runs between instances, on a clock driven by hand, against a real PostgreSQL and
 * the simulator: a run held by an instance that died continues on another within 5 s of the
 * death (issue 15); a live instance keeps the claim of a run whose step is slow; and a live but
 * slow instance that lost its claim while its messages waited in its queue sends none of them a
 * second time (the dispatch guard lets one sender through).
 *
 * An instance that dies is an engine whose database is cut (a proxy switched off): from then on
 * it renews nothing and sends nothing, as after kill -9; its sends wait forever, as in the queue
 * of a process that is gone.
 */
import { Api } from 'grammy';
import { ManualClock } from 'telegram-sim/clock';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import type { SimChat } from 'telegram-sim/world-types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxSender, type OutboxSender, type QueuedApiFactory, type SendOutcome } from '../../src/engine/outbox-sender.js';
import { createPollDirectory } from '../../src/engine/poll-directory.js';
import { createRunEngine, type RunEngine } from '../../src/engine/run-engine.js';
import { createOutboundQueue, type OutboundQueue } from '../../src/queue/outbound-queue.js';
import type { DatabaseHandle } from '../../src/store/database.js';
import { upsertChat } from '../../src/store/queries/chats.js';
import { sendsOfRun } from '../../src/store/queries/outbox.js';
import { getRun, startRun, updateRun } from '../../src/store/queries/runs.js';
import type { Run } from '../../src/store/schema/runs.js';
import { createMigratedTestDatabase, testLogger } from '../helpers/database.js';
import { instanceKit } from '../helpers/instance-kit.js';
import { advanceUntil } from '../helpers/drive-clock.js';
import { createQuizOf } from '../helpers/fixtures.js';
import { deferred, holdTableLock } from '../helpers/table-lock.js';

/** The most a run may pause when the instance driving it dies (issue 15). */
const FAILOVER_TARGET_MS = 5_000;

describe('run failover between instances (a clock driven by hand)', () => {
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 12));
  let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let sim: Simulator;
  /** Everything a test started, stopped at its end in reverse order. */
  const kit = instanceKit(clock, () => database.url);
  const { poolOf } = kit;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    sim = await startSimulator({ clock, limits: { enabled: false } });
  });
  afterAll(async () => {
    await sim?.close();
    await database?.drop();
  });

  /**
   * Stops what the test started, each within 5 s of real time. The clock moves meanwhile: a
   * queue drains and an engine stops on clock time, which stands still otherwise.
   */
  afterEach(() => kit.tearDown());

  /** An instance's own queue (each process has one). */
  const queueOf = (): OutboundQueue => {
    const queue = createOutboundQueue({ logger: testLogger, clock });
    kit.own(() => queue.close(0));
    return queue;
  };
  const apiThrough =
    (queue: OutboundQueue): QueuedApiFactory =>
    (options) => {
      const api = new Api(sim.token, { apiRoot: sim.apiRoot });
      api.config.use(queue.transformerWith(options));
      return api;
    };
  const proxy = kit.proxy;
  /** An engine with the defaults production runs with (lease, idle check). */
  const engine = (handle: DatabaseHandle, instanceId: string, sender: OutboxSender): RunEngine => {
    const created = createRunEngine({
      db: handle.db,
      logger: testLogger,
      sender,
      stopPoll: () => Promise.resolve(),
      polls: createPollDirectory({ db: handle.db }),
      rewards: { pointsByRank: [3, 2, 1], participationPoints: 1 },
      instanceId,
      clock,
    });
    kit.own(() => created.stop());
    return created;
  };
  const liveSender = (handle: DatabaseHandle, queue: OutboundQueue): OutboxSender =>
    createOutboxSender({ db: handle.db, clock, apiFor: apiThrough(queue) });
  /** Clock time moves only while none of these pools has a query out: what they do happens at the time it is due. */
  const busy =
    (...handles: DatabaseHandle[]) =>
    (): boolean =>
      handles.some((handle) => handle.uses().inUse > 0);

  /** A group and a running run of a two-question quiz in it, due now. */
  async function groupRun(title: string): Promise<{ run: Run; group: SimChat }> {
    const { db } = database.handle;
    const { owner, quiz } = await createQuizOf(
      db,
      sim.world,
      { firstName: 'Host' },
      {
        title,
        questions: [
          { text: 'One?', options: ['a', 'b'], correctOptionIds: [0] },
          { text: 'Two?', options: ['a', 'b'], correctOptionIds: [1] },
        ],
      },
    );
    const group = sim.world.createGroup({ title, creator: owner.id });
    await upsertChat(db, { id: group.id, type: 'supergroup', title });
    const run = await startRun(db, {
      quizId: quiz.id,
      chatId: group.id,
      startedBy: owner.id,
      mode: 'group',
      questionCount: 2,
      settings: { openPeriodS: 30, shuffleOptions: false, rewardPoints: [3, 2, 1], participationPoints: 1 },
      nextActionAt: new Date(clock.now()),
    });
    // Whatever a test leaves of its run, the next test's engines must not take it up.
    kit.own(() => updateRun(db, run.id, { status: 'cancelled' }));
    return { run, group };
  }

  const runNow = async (runId: number): Promise<Run> => (await getRun(database.handle.db, runId))!;
  /** Waits in real time (at most 10 s) for what an engine does without the clock moving. */
  const eventually = async <T>(check: () => Promise<T | undefined>, what: string): Promise<T> => {
    for (let i = 0; i < 500; i++) {
      const value = await check();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${what} did not happen within 10 s`);
  };
  const botMessagesIn = (group: SimChat) => [...sim.world.chat(group.id)!.messages.values()].filter((m) => m.fromId === 0);
  /** The announcement (the run's only text message before its results). */
  const texts = (group: SimChat) => botMessagesIn(group).filter((m) => m.pollId === undefined);
  const polls = (group: SimChat) => botMessagesIn(group).filter((m) => m.pollId !== undefined);

  it('continues a run whose instance died on another instance within 5 s of the death', async () => {
    const { run, group } = await groupRun('Failover');
    const cut = await proxy();
    const deadPool = poolOf(cut);
    const livePool = poolOf();
    // The instance that dies: its messages wait in its queue and never leave.
    const never = deferred<SendOutcome>();
    kit.own(async () => never.resolve({ kind: 'cancelled' }));
    const dead = engine(deadPool, 'dead', { send: () => never.promise });
    const claimedAt = clock.now();
    dead.start();
    const claim = await eventually(async () => {
      const [held, sends] = [await runNow(run.id), await sendsOfRun(database.handle.db, run.id)];
      return held.claimedBy === 'dead' && sends.length === 2 ? held.nextActionAt!.getTime() : undefined;
    }, "the dead instance's claim and its step's two sends");

    const live = engine(livePool, 'live', liveSender(livePool, queueOf()));
    live.start();
    // The worst moment to die: right after renewing the claim, which then holds longest.
    const renewedUntil = await advanceUntil(
      clock,
      async () => {
        const until = (await runNow(run.id)).nextActionAt!.getTime();
        return until > claim ? until : undefined;
      },
      "the dead instance's first renewal",
      { stepMs: 50, maxMs: 60_000, holdWhile: busy(deadPool, livePool) },
    );
    const death = claimedAt + (renewedUntil - claim);
    cut.down();

    const resumed = await advanceUntil(
      clock,
      async () => (await sendsOfRun(database.handle.db, run.id)).find((send) => send.dispatchedAt !== null)?.dispatchedAt,
      'the run sending again',
      { stepMs: 50, maxMs: 60_000, holdWhile: busy(livePool) },
    );
    const pausedMs = resumed!.getTime() - death;
    expect(pausedMs!, `the run paused ${pausedMs} ms of clock time after its instance died`).toBeLessThanOrEqual(FAILOVER_TARGET_MS);

    await advanceUntil(clock, () => polls(group).length > 0 || undefined, 'the question in the group', {
      stepMs: 100,
      maxMs: 30_000,
      holdWhile: busy(livePool),
    });
    expect(texts(group)).toHaveLength(1);
    expect(polls(group)).toHaveLength(1);
  });

  it('keeps the claim of a run whose step is slow (a write waiting for a lock): it does not lapse, and no one else takes the run', async () => {
    const { run, group } = await groupRun('Slow step');
    const slowPool = poolOf();
    const otherPool = poolOf();
    const lock = await holdTableLock(database.url, 'outbox');
    kit.own(() => lock.release());
    const slow = engine(slowPool, 'slow', liveSender(slowPool, queueOf()));
    slow.start();
    await eventually(async () => ((await runNow(run.id)).claimedBy === 'slow' ? true : undefined), "the slow instance's claim");
    const other = engine(otherPool, 'other', liveSender(otherPool, queueOf()));
    other.start();

    // The step waits for the lock far longer than any lease, while clock time moves on.
    const stepStarted = clock.now();
    await advanceUntil(
      clock,
      async () => {
        // (The step's write also locks the run's row, so nobody could claim it before the step
        // commits; what matters is that the claim has not lapsed by then.)
        const held = await runNow(run.id);
        if (held.claimedBy !== 'slow' || held.nextActionAt!.getTime() <= clock.now())
          throw new Error(`the claim lapsed while the step was being taken: ${held.claimedBy} until ${held.nextActionAt?.toISOString()}`);
        return clock.now() - stepStarted >= 20_000 || undefined;
      },
      '20 s of a step waiting for a lock',
      { stepMs: 100, maxMs: 30_000, holdWhile: busy(otherPool) },
    );

    kit.disown();
    await lock.release();
    const questionsSent = () => slow.counters().questionsSent + other.counters().questionsSent;
    await advanceUntil(clock, () => questionsSent() > 0 || undefined, 'the question sent and recorded', {
      stepMs: 100,
      maxMs: 30_000,
      holdWhile: busy(slowPool, otherPool),
    });
    // The instance that took the step sent its messages: the other one never took the run.
    expect({ slow: slow.counters().questionsSent, other: other.counters().questionsSent }).toEqual({ slow: 1, other: 0 });
    expect(texts(group)).toHaveLength(1);
    expect(polls(group)).toHaveLength(1);
  });

  it('sends nothing twice when a live but slow instance lost its claim while its messages waited in its queue', async () => {
    const { run, group } = await groupRun('Lost lease');
    const slowDatabase = await proxy();
    const slowPool = poolOf(slowDatabase);
    const livePool = poolOf();
    // The slow instance's messages are held at its queue's exit, right before their guard.
    const leave = deferred();
    const slowQueue = queueOf();
    const through = apiThrough(slowQueue);
    const slowSender = createOutboxSender({
      db: slowPool.db,
      clock,
      apiFor: (options) =>
        through({
          ...options,
          beforeSend: async () => {
            await leave.promise;
            return options.beforeSend();
          },
        }),
    });
    const slow = engine(slowPool, 'slow', slowSender);
    slow.start();
    await eventually(
      async () => ((await slow.stats()).steps_in_progress === 2 ? true : undefined),
      "the slow instance's two messages in its queue",
    );
    // Its database slows to a halt: the renewals fail and the claim lapses.
    slowDatabase.down();
    const live = engine(livePool, 'live', liveSender(livePool, queueOf()));
    live.start();
    await advanceUntil(clock, () => live.counters().questionsSent > 0 || undefined, 'the question sent by the live instance', {
      stepMs: 100,
      maxMs: 60_000,
      holdWhile: busy(livePool),
    });

    // The slow instance comes back, and its messages reach the guard at last.
    slowDatabase.up();
    leave.resolve();
    await advanceUntil(
      clock,
      async () => ((await slow.stats()).steps_in_progress === 0 ? true : undefined),
      "the slow instance's sends settled",
      { stepMs: 100, maxMs: 30_000, holdWhile: busy(slowPool, livePool) },
    );
    expect(slowQueue.stats().total_cancelled).toBe(2);
    expect(slow.counters().questionsSent).toBe(0);
    expect(texts(group)).toHaveLength(1);
    expect(polls(group)).toHaveLength(1);
    const question = (await sendsOfRun(database.handle.db, run.id)).find((send) => send.kind === 'question');
    expect(question).toMatchObject({ state: 'sent' });
  });
});
