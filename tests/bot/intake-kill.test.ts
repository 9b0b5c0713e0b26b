import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualPlayers } from 'telegram-sim/virtual-players';
import { holdTableLock } from '../helpers/table-lock.js';
import { startProcessFixture, type ProcessFixture } from '../helpers/process-fixture.js';
import { createQuizOf } from '../helpers/fixtures.js';

describe('at-least-once long polling: SIGKILL while answers are being handled', () => {
  let f: ProcessFixture;
  beforeAll(async () => {
    f = await startProcessFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('loses no answer the simulator handed out, and stores each once', async () => {
    const { db, sim } = f;
    const { world } = sim;
    const { owner, quiz } = await createQuizOf(
      db,
      world,
      { firstName: 'Olga' },
      {
        title: 'Under load',
        questions: [{ text: 'Which?', options: ['a', 'b', 'c', 'd'], correctOptionIds: [2] }],
      },
    );
    const group = world.createGroup({ title: 'Load', creator: owner.id });
    const players = startVirtualPlayers({
      world,
      clock: sim.clock,
      chat: group.id,
      players: 300,
      seed: 21,
      thinkTimeMs: [500, 6_000],
      revoteRate: 0.2,
      retractRate: 0.05,
    });
    const handedOut = new Set<number>();
    sim.updates.onHandedOut((batch) => {
      batch.updateIds.forEach((id, i) => batch.types[i] === 'poll_answer' && handedOut.add(id));
    });

    const first = await f.start();
    world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 30s`);
    const committed = async (): Promise<number> => (await db.query.answers.findMany({ columns: { userId: true } })).length;
    await expect.poll(committed, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(20);

    // Hold the commits back, so that the next answers are certainly in the bot's hands, handed
    // out by "Telegram" and not yet committed, when the process dies. (Intake then stalls on
    // purpose: the offset may not pass an answer that is not committed.)
    const lock = await holdTableLock(f.database.url, 'answers');
    const statsUrl = `http://127.0.0.1:${/"httpPort":([1-9]\d*)/.exec(first.output())?.[1] ?? '0'}/monitoring/stats`;
    const inFlight = async (): Promise<number> =>
      ((await (await fetch(statsUrl)).json()) as { update_intake: { in_flight: number } }).update_intake.in_flight;
    await expect.poll(inFlight, { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);
    expect(await first.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    await lock.release();
    const beforeRestart = await committed();

    await f.start();
    await expect.poll(async () => (await db.query.runs.findFirst())?.status, { timeout: 90_000, interval: 200 }).toBe('finished');
    await players.settled();

    // The stuck answers came back from "Telegram" and were handled by the new process.
    expect(sim.stats().updates.redelivered).toBeGreaterThan(0);
    expect(await committed()).toBeGreaterThan(beforeRestart);
    // Every player's final vote is in the database as given (retractions as empty votes).
    const final = [...players.finalAnswers().values()][0]!;
    const rows = await db.query.answers.findMany();
    const stored = new Map(rows.map((row) => [row.userId, row.optionIds]));
    for (const [userId, optionIds] of final)
      expect({ userId, optionIds: stored.get(userId) }).toEqual({ userId, optionIds: [...optionIds] });
    const voters = new Set(players.answers().map((a) => a.userId));
    expect(rows).toHaveLength(voters.size); // one row per player who voted: nothing doubled, nothing lost
  }, 180_000);
});
