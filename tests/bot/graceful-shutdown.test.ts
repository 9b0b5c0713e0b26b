import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualPlayers } from 'telegram-sim/virtual-players';
import { startProcessFixture, type ProcessFixture } from '../helpers/process-fixture.js';
import { createQuizOf } from '../helpers/fixtures.js';

describe('SIGTERM while players are answering', () => {
  let f: ProcessFixture;
  beforeAll(async () => {
    f = await startProcessFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('exits 0 having committed every answer it took and confirmed them to Telegram', async () => {
    const { db, sim } = f;
    const { world } = sim;
    const { owner, quiz } = await createQuizOf(
      db,
      world,
      { firstName: 'Olga' },
      { title: 'Goodbye', questions: [{ text: 'Which?', options: ['a', 'b', 'c'], correctOptionIds: [1] }] },
    );
    const group = world.createGroup({ title: 'Closing time', creator: owner.id });
    const players = startVirtualPlayers({
      world,
      clock: sim.clock,
      chat: group.id,
      players: 200,
      seed: 8,
      thinkTimeMs: [300, 8_000],
      revoteRate: 0,
      retractRate: 0,
    });
    const handedOut = new Map<number, number>(); // update_id -> times handed out
    sim.updates.onHandedOut((batch) =>
      batch.updateIds.forEach((id, i) => batch.types[i] === 'poll_answer' && handedOut.set(id, (handedOut.get(id) ?? 0) + 1)),
    );

    const bot = f.spawn();
    await bot.waitForLog('quiz-agent is running');
    world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 30s`);
    await expect.poll(() => handedOut.size, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(40);

    const beforeSigterm = [...handedOut.keys()];
    const exit = await bot.kill('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(bot.output()).toContain('"msg":"Shutdown complete"');

    // Every answer handed to the process before the signal is committed, none was handed out
    // twice, and Telegram was told they are done (confirmed). Updates the stopping process was
    // handed afterwards (its aborted long poll, the confirming call) stay unconfirmed at Telegram.
    const rows = await db.query.answers.findMany({ columns: { updateId: true } });
    const committed = new Set(rows.map((r) => r.updateId));
    expect(beforeSigterm.filter((id) => !committed.has(id))).toEqual([]);
    expect(beforeSigterm.filter((id) => handedOut.get(id) !== 1)).toEqual([]);
    expect(sim.stats().updates.confirmed).toBeGreaterThanOrEqual(beforeSigterm.length);
    players.stop();
  }, 120_000);
});
