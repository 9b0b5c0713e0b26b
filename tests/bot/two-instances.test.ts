import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualPlayers, type VirtualPlayers } from 'telegram-sim/virtual-players';
import type { SimChat } from 'telegram-sim/world-types';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { createQuizOf } from '../helpers/fixtures.js';

describe('two bot instances on one database', () => {
  let a: BotHarness;
  let b: BotHarness;
  beforeAll(async () => {
    a = await startBotHarness();
    // Same simulator and database; only one instance may long-poll a bot, but both run the engine.
    b = await startBotHarness({ sim: a.sim, database: a.database, intake: false });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('share the runs of six groups without sending any question or results twice', async () => {
    const { world } = a.sim;
    const { owner, quiz } = await createQuizOf(
      a.db,
      world,
      { firstName: 'Olga' },
      {
        title: 'Shared',
        questions: [
          { text: 'One?', options: ['a', 'b'], correctOptionIds: [0] },
          { text: 'Two?', options: ['a', 'b'], correctOptionIds: [1] },
        ],
      },
    );
    const groups: SimChat[] = [];
    const crowds: VirtualPlayers[] = [];
    for (let i = 0; i < 6; i++) {
      const group = world.createGroup({ title: `Group ${i}`, creator: owner.id });
      groups.push(group);
      crowds.push(startVirtualPlayers({ world, clock: a.sim.clock, chat: group.id, players: 5, seed: i + 1, thinkTimeMs: [100, 2_000] }));
      world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    }
    // Instance A handles the commands and asks the first questions; then A's engine pauses, so
    // B must take the next steps, and A joins again: from then on both compete for each step.
    await a.waitFor(async () => (await a.app.engine.stats()).questions_sent === 6, 'the first question in every group');
    await a.app.engine.stop();
    await a.waitFor(async () => (await b.app.engine.stats()).questions_sent > 0, 'a step taken by instance B');
    a.app.engine.start();
    const finished = (group: SimChat) => a.botMessages(group.id).filter((m) => m.text?.includes('has finished'));
    await a.waitFor(() => groups.every((g) => finished(g).length > 0), 'results in every group', 60_000);
    await a.waitFor(
      async () => (await a.db.query.runs.findMany({ where: (runs, { eq }) => eq(runs.status, 'finished') })).length === 6,
      'six finished runs',
    );
    for (const crowd of crowds) await crowd.settled();

    for (const group of groups) {
      const polls = a.botMessages(group.id).filter((m) => m.pollId !== undefined);
      expect(polls.map((m) => world.poll(m.pollId!)?.question)).toEqual(['[1/2] One?', '[2/2] Two?']);
      expect(finished(group)).toHaveLength(1);
    }
    // Every question and result went out once between the two engines.
    const sentA = (await a.app.engine.stats()).questions_sent;
    const sentB = (await b.app.engine.stats()).questions_sent;
    expect(sentA + sentB).toBe(12);
    expect(sentA).toBeGreaterThan(0);
    expect(sentB).toBeGreaterThan(0);
  });
});
