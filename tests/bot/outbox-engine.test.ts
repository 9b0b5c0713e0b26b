/**
 * The run engine as an outbox, against the simulator and a real PostgreSQL: no transaction or
 * pooled connection is held while a message waits for Telegram's limits, and whatever happens to
 * the database around a send (connections terminated while it waits in the queue, connections
 * terminated again and again), every question reaches its chat exactly once. The database gone
 * between Telegram's answer and the record, and a send whose connection broke after the request:
 * outbox-engine-lost-database.test.ts (a file of its own so the two run in parallel).
 */
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from 'telegram-sim/clock';
import { startVirtualPlayers } from 'telegram-sim/virtual-players';
import { runLeaderboard } from '../../src/store/queries/run-standings.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { advanceUntil } from '../helpers/drive-clock.js';
import { createQuizOf } from '../helpers/fixtures.js';

import { expectEachQuestionOnce, QUESTIONS, resultsOf } from '../helpers/outbox-checks.js';

describe('the run engine: an outbox, never a send inside a transaction', () => {
  let h: BotHarness;
  let admin: postgres.Sql;

  beforeAll(async () => {
    h = await startBotHarness({ env: { QUEUE_GLOBAL_PER_S: '4' } });
    admin = postgres(h.database.url, { max: 1, onnotice: () => {} });
  });
  afterEach(() => h.sim.faults.clear());
  afterAll(async () => {
    await admin?.end();
    await h?.stop();
  });

  const terminateAppConnections = async (): Promise<number> => {
    const rows = await admin<{ pid: number }[]>`
      select pg_terminate_backend(pid) as terminated, pid from pg_stat_activity where application_name = ${h.app.store.database.applicationName}`;
    return rows.length;
  };

  it('sends a question once when the database connections are terminated while it waits in the queue', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(
      h.db,
      world,
      { firstName: 'Term' },
      { title: 'Terminated', questions: QUESTIONS.slice(0, 2) },
    );
    const group = world.createGroup({ title: 'Terminated while queued', creator: owner.id });
    // The announcement takes 1.5 s at "Telegram": the question waits behind it in its chat's line.
    const slow = h.sim.faults.add({ kind: 'slow', delayMs: 1_500, methods: ['sendMessage'], chatId: group.id, times: 1 });
    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    await h.waitFor(() => !h.sim.faults.list().some((f) => f.id === slow) || undefined, 'the announcement to be at Telegram');
    expect(await terminateAppConnections()).toBeGreaterThan(0);
    await resultsOf(h, group.id, start.messageId);
    expectEachQuestionOnce(h, group.id, 2);
  });

  it('sends every question once while the database connections are terminated every half second', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(h.db, world, { firstName: 'Storm' }, { title: 'Terminations', questions: QUESTIONS });
    const group = world.createGroup({ title: 'Terminations', creator: owner.id });
    const players = startVirtualPlayers({
      world,
      clock: h.sim.clock,
      chat: group.id,
      players: 8,
      seed: 9,
      thinkTimeMs: [200, 3_000],
      revoteRate: 0,
      retractRate: 0,
      silentRate: 0,
    });
    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    let terminations = 0;
    const storm = setInterval(() => {
      terminations++;
      void terminateAppConnections().catch(() => undefined);
    }, 500);
    try {
      await resultsOf(h, group.id, start.messageId);
      await h.waitFor(async () => {
        // The storm cuts this check's connection too: a cut read is asked again on the next poll.
        const run = await h.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) }).catch(() => undefined);
        return run?.status === 'finished' || undefined;
      }, 'the run to be recorded finished');
    } finally {
      clearInterval(storm);
    }
    expect(terminations).toBeGreaterThan(20);
    expectEachQuestionOnce(h, group.id, 3);
    await players.settled();
    const run = await h.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) });
    expect(run).toMatchObject({ status: 'finished' });
    const board = await runLeaderboard(h.db, run!.id, { limit: 100 });
    expect(board.players).toBe(8);
    for (const entry of board.top)
      expect({ correct: entry.correct, answered: entry.answered }).toEqual(players.expectedScores().get(entry.userId));
  });
});

describe('the run engine: nothing held while its messages wait (a clock driven by hand)', () => {
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
  let h: BotHarness;
  let admin: postgres.Sql;

  beforeAll(async () => {
    h = await startBotHarness({ env: { QUEUE_GLOBAL_PER_S: '4' }, simulator: { clock } });
    admin = postgres(h.database.url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin?.end();
    await h?.stop();
  });

  it('holds no transaction and no pooled connection while its messages wait for the global limit', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(
      h.db,
      world,
      { firstName: 'Many' },
      { title: 'Many groups', questions: QUESTIONS.slice(0, 1) },
    );
    const groups = Array.from({ length: 12 }, (_, i) => world.createGroup({ title: `Group ${i}`, creator: owner.id }));
    for (const group of groups) world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    // 24 messages at 4 per second of clock time: most of them wait in the queue.
    await advanceUntil(
      clock,
      async () => (h.app.queue.stats().queue_size >= 6 && (await h.app.engine.stats()).steps_in_progress >= 6) || undefined,
      'messages waiting in the queue',
      { stepMs: 10 },
    );
    // The clock stops here, so those messages wait for as long as the test likes: a transaction
    // may still come and go (a step's intents, an outcome), but the bot must come to rest with
    // nothing held. An engine that held a transaction or a connection across a send would hold
    // it until the clock moves, never reach this state, and fail the wait.
    const held = async (): Promise<{ inUse: number; transactions: number; busy: number }> => {
      const [row] = await admin<{ transactions: number; busy: number }[]>`
        select count(xact_start)::int as transactions, count(*) filter (where state <> 'idle')::int as busy
        from pg_stat_activity where application_name = ${h.app.store.database.applicationName}`;
      return { inUse: h.app.store.database.uses().inUse, transactions: row?.transactions ?? -1, busy: row?.busy ?? -1 };
    };
    const atRest = await h.waitFor(async () => {
      const now = await held();
      return (now.inUse === 0 && now.transactions === 0 && now.busy === 0 && now) || undefined;
    }, 'the bot to hold nothing while its messages wait');
    expect(atRest).toEqual({ inUse: 0, transactions: 0, busy: 0 });
    // ...and the messages were waiting all along: the clock has not moved.
    expect(h.app.queue.stats().queue_size).toBeGreaterThanOrEqual(6);
    expect((await h.app.engine.stats()).steps_in_progress).toBeGreaterThanOrEqual(6);
    await advanceUntil(
      clock,
      () => groups.every((group) => h.botMessages(group.id).some((m) => m.pollId !== undefined)) || undefined,
      'the first question in every group',
      { stepMs: 100, maxMs: 60_000 },
    );
  });
});
