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
import { startVirtualPlayers } from 'telegram-sim/virtual-players';
import { runLeaderboard } from '../../src/store/queries/run-standings.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
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

  it('holds no transaction and no pooled connection while its messages wait for the global limit', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(h.db, world, { firstName: 'Many' }, { title: 'Many groups', questions: QUESTIONS.slice(0, 1) });
    const groups = Array.from({ length: 12 }, (_, i) => world.createGroup({ title: `Group ${i}`, creator: owner.id }));
    for (const group of groups) world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    // 24 messages at 4 per second: most of them wait in the queue for a while.
    await h.waitFor(() => h.app.queue.stats().queue_size >= 6 || undefined, 'messages waiting in the queue');
    expect((await h.app.engine.stats()).steps_in_progress).toBeGreaterThanOrEqual(6);
    // While they wait, look at the bot's connections again and again: a transaction may come
    // and go (a step's intents, an outcome), but none lives on while a message waits, and the
    // pool is not held by the waiting sends.
    let samples = 0;
    let oldestTransactionMs = 0;
    let mostBusy = 0;
    while (h.app.queue.stats().queue_size > 0 && samples < 40) {
      const [row] = await admin<{ oldest_ms: number | null; busy: number }[]>`
        select max(extract(epoch from (clock_timestamp() - xact_start)) * 1000)::float8 as oldest_ms,
               count(*) filter (where state <> 'idle')::int as busy
        from pg_stat_activity where application_name = ${h.app.store.database.applicationName}`;
      oldestTransactionMs = Math.max(oldestTransactionMs, row?.oldest_ms ?? 0);
      mostBusy = Math.max(mostBusy, row?.busy ?? 0);
      samples++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(samples).toBeGreaterThan(5);
    expect(oldestTransactionMs).toBeLessThan(500);
    expect(mostBusy).toBeLessThanOrEqual(2);
    for (const group of groups) await h.waitFor(() => h.botMessages(group.id).some((m) => m.pollId !== undefined), `the first question in ${group.id}`, 30_000);
  });

  it('sends a question once when the database connections are terminated while it waits in the queue', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(h.db, world, { firstName: 'Term' }, { title: 'Terminated', questions: QUESTIONS.slice(0, 2) });
    const group = world.createGroup({ title: 'Terminated while queued', creator: owner.id });
    // The announcement takes 1.5 s at "Telegram": the question waits behind it in its chat's line.
    const slow = h.sim.faults.add({ kind: 'slow', delayMs: 1_500, methods: ['sendMessage'], chatId: group.id, times: 1 });
    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    await h.waitFor(() => !h.sim.faults.list().some((f) => f.id === slow) || undefined, 'the announcement to be at Telegram');
    expect(await terminateAppConnections()).toBeGreaterThanOrEqual(0);
    await resultsOf(h, group.id, start.messageId);
    expectEachQuestionOnce(h, group.id, 2);
  });

  it('sends every question once while the database connections are terminated every half second', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(h.db, world, { firstName: 'Storm' }, { title: 'Terminations', questions: QUESTIONS });
    const group = world.createGroup({ title: 'Terminations', creator: owner.id });
    const players = startVirtualPlayers({ world, clock: h.sim.clock, chat: group.id, players: 8, seed: 9, thinkTimeMs: [200, 3_000], revoteRate: 0, retractRate: 0, silentRate: 0 });
    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    let terminations = 0;
    const storm = setInterval(() => {
      terminations++;
      void terminateAppConnections().catch(() => undefined);
    }, 500);
    try {
      await resultsOf(h, group.id, start.messageId);
      await h.waitFor(async () => (await h.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) }))?.status === 'finished' || undefined, 'the run to be recorded finished');
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
    for (const entry of board.top) expect({ correct: entry.correct, answered: entry.answered }).toEqual(players.expectedScores().get(entry.userId));
  });

});
