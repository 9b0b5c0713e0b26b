/**
 * The run engine as an outbox, against the simulator and a real PostgreSQL: no transaction or
 * pooled connection is held while a message waits for Telegram's limits, and whatever happens to
 * the database around a send (connections terminated while it waits in the queue, the database
 * gone between Telegram's answer and the record, connections terminated again and again), every
 * question reaches its chat exactly once. A send whose connection broke after the request is
 * never repeated: Telegram's `poll` update identifies it and its answers count.
 */
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualPlayers } from 'telegram-sim/virtual-players';
import type { SimMessage } from 'telegram-sim/world-types';
import { runLeaderboard } from '../../src/store/queries/leaderboard.js';
import { sendsOfRun } from '../../src/store/queries/outbox.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { createEmptyTestDatabase, type TestDatabase } from '../helpers/database.js';
import { startDbProxy } from '../helpers/db-proxy.js';
import { createQuizOf } from '../helpers/fixtures.js';

const QUESTIONS = [
  { text: 'One?', options: ['a', 'b'], correctOptionIds: [0] },
  { text: 'Two?', options: ['a', 'b', 'c'], correctOptionIds: [2] },
  { text: 'Three?', options: ['x', 'y'], correctOptionIds: [1] },
];

/** How many times each question text was posted as a poll in the chat. */
function pollsByQuestion(messages: SimMessage[], h: BotHarness): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) {
    if (message.pollId === undefined) continue;
    const question = h.sim.world.poll(message.pollId)?.question ?? '?';
    counts.set(question, (counts.get(question) ?? 0) + 1);
  }
  return counts;
}

function expectEachQuestionOnce(h: BotHarness, chatId: number, questionCount: number): void {
  const counts = pollsByQuestion(h.botMessages(chatId), h);
  expect([...counts.values()]).toEqual(Array.from({ length: questionCount }, () => 1));
  const announcements = h.botMessages(chatId).filter((m) => m.text?.startsWith('🎲 Get ready'));
  expect(announcements.length).toBeLessThanOrEqual(1);
  const results = h.botMessages(chatId).filter((m) => m.text?.startsWith('🏁') || m.text?.startsWith('🛑'));
  expect(results.length).toBeLessThanOrEqual(1);
}

async function resultsOf(h: BotHarness, chatId: number, afterId: number): Promise<SimMessage> {
  return h.waitFor(() => h.botMessages(chatId).find((m) => m.messageId > afterId && (m.text?.includes('has finished') || m.text?.includes('stopped early'))), 'the results', 90_000);
}

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

  it('sends a question once when the database is lost between Telegram\'s answer and the record, and records it when it is back', async () => {
    const database: TestDatabase = await createEmptyTestDatabase();
    const proxy = await startDbProxy(database.url);
    const g = await startBotHarness({ database, env: { DATABASE_URL: proxy.url } });
    try {
      const { world } = g.sim;
      const { owner, quiz } = await createQuizOf(g.db, world, { firstName: 'Lost' }, { title: 'Lost record', questions: QUESTIONS.slice(0, 2) });
      const group = world.createGroup({ title: 'Lost record', creator: owner.id });
      const players = startVirtualPlayers({ world, clock: g.sim.clock, chat: group.id, players: 5, seed: 4, thinkTimeMs: [300, 2_000], revoteRate: 0, retractRate: 0, silentRate: 0 });
      let cut = false;
      world.on('botMessage', (message) => {
        // The poll exists at "Telegram"; its answer has not reached the bot yet.
        if (!cut && message.chatId === group.id && message.pollId !== undefined) {
          cut = true;
          proxy.down();
        }
      });
      const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
      await g.waitFor(() => g.app.outages.failing().engine ?? undefined, 'the engine to find the database gone');
      proxy.up();
      await resultsOf(g, group.id, start.messageId);
      expectEachQuestionOnce(g, group.id, 2);
      await players.settled();
      const run = await g.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) });
      const board = await runLeaderboard(g.db, run!.id, { limit: 100 });
      for (const entry of board.top) expect({ correct: entry.correct, answered: entry.answered }).toEqual(players.expectedScores().get(entry.userId));
      expect(board.players).toBe(5);
    } finally {
      await g.stop();
      await proxy.close();
      await database.drop();
    }
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

  it('never repeats a question whose connection broke after the request: its poll update identifies it and its answers count', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(h.db, world, { firstName: 'Drop' }, { title: 'Dropped', questions: QUESTIONS.slice(0, 2) });
    const group = world.createGroup({ title: 'Dropped answer', creator: owner.id });
    const players = startVirtualPlayers({ world, clock: h.sim.clock, chat: group.id, players: 6, seed: 5, thinkTimeMs: [300, 2_500], revoteRate: 0, retractRate: 0, silentRate: 0 });
    // Telegram creates the first poll, but the bot never gets the answer.
    h.sim.faults.add({ kind: 'drop_after', methods: ['sendPoll'], chatId: group.id, times: 1 });
    const reconciledBefore = (await h.app.engine.stats()).questions_reconciled;
    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    await resultsOf(h, group.id, start.messageId);
    await h.waitFor(async () => (await h.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) }))?.status === 'finished' || undefined, 'the run to be recorded finished');
    expectEachQuestionOnce(h, group.id, 2);
    expect((await h.app.engine.stats()).questions_reconciled).toBe(reconciledBefore + 1);
    await players.settled();
    const run = await h.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) });
    const sends = await sendsOfRun(h.db, run!.id);
    expect(sends.map((s) => [s.kind, s.position, s.state])).toEqual([
      ['announce', -1, 'sent'],
      ['question', 0, 'sent'],
      ['question', 1, 'sent'],
      ['results', -1, 'sent'],
    ]);
    const board = await runLeaderboard(h.db, run!.id, { limit: 100 });
    expect(board.players).toBe(6);
    for (const entry of board.top) expect({ correct: entry.correct, answered: entry.answered }).toEqual(players.expectedScores().get(entry.userId));
  });
});
