/**
 * The run engine as an outbox (continued from outbox-engine.test.ts, split so the two halves run
 * in parallel): a question is sent once when the database is lost between Telegram's answer and
 * the record, and a send whose connection broke after the request is never repeated: Telegram's
 * `poll` update identifies it and its answers count.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualPlayers } from 'telegram-sim/virtual-players';
import { runLeaderboard } from '../../src/store/queries/run-standings.js';
import { sendsOfRun } from '../../src/store/queries/outbox.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { createEmptyTestDatabase, type TestDatabase } from '../helpers/database.js';
import { startDbProxy } from '../helpers/db-proxy.js';
import { createQuizOf } from '../helpers/fixtures.js';
import { expectEachQuestionOnce, QUESTIONS, resultsOf } from '../helpers/outbox-checks.js';

describe('the run engine: an outbox, through a lost database and a broken send', () => {
  let h: BotHarness;

  beforeAll(async () => {
    h = await startBotHarness({ env: { QUEUE_GLOBAL_PER_S: '4' } });
  });
  afterEach(() => h.sim.faults.clear());
  afterAll(async () => {
    await h?.stop();
  });

  it("sends a question once when the database is lost between Telegram's answer and the record, and records it when it is back", async () => {
    const database: TestDatabase = await createEmptyTestDatabase();
    const proxy = await startDbProxy(database.url);
    const g = await startBotHarness({ database, env: { DATABASE_URL: proxy.url } });
    try {
      const { world } = g.sim;
      const { owner, quiz } = await createQuizOf(
        g.db,
        world,
        { firstName: 'Lost' },
        { title: 'Lost record', questions: QUESTIONS.slice(0, 2) },
      );
      const group = world.createGroup({ title: 'Lost record', creator: owner.id });
      const players = startVirtualPlayers({
        world,
        clock: g.sim.clock,
        chat: group.id,
        players: 5,
        seed: 4,
        thinkTimeMs: [300, 2_000],
        revoteRate: 0,
        retractRate: 0,
        silentRate: 0,
      });
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
      for (const entry of board.top)
        expect({ correct: entry.correct, answered: entry.answered }).toEqual(players.expectedScores().get(entry.userId));
      expect(board.players).toBe(5);
    } finally {
      await g.stop();
      await proxy.close();
      await database.drop();
    }
  });

  it('never repeats a question whose connection broke after the request: its poll update identifies it and its answers count', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(h.db, world, { firstName: 'Drop' }, { title: 'Dropped', questions: QUESTIONS.slice(0, 2) });
    const group = world.createGroup({ title: 'Dropped answer', creator: owner.id });
    const players = startVirtualPlayers({
      world,
      clock: h.sim.clock,
      chat: group.id,
      players: 6,
      seed: 5,
      thinkTimeMs: [300, 2_500],
      revoteRate: 0,
      retractRate: 0,
      silentRate: 0,
    });
    // Telegram creates the first poll, but the bot never gets the answer.
    h.sim.faults.add({ kind: 'drop_after', methods: ['sendPoll'], chatId: group.id, times: 1 });
    const reconciledBefore = (await h.app.engine.stats()).questions_reconciled;
    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    await resultsOf(h, group.id, start.messageId);
    await h.waitFor(
      async () =>
        (await h.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) }))?.status === 'finished' || undefined,
      'the run to be recorded finished',
    );
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
    for (const entry of board.top)
      expect({ correct: entry.correct, answered: entry.answered }).toEqual(players.expectedScores().get(entry.userId));
  });
});
