/**
 * A question whose delivery is unknown in several chats at once (the same question of one quiz,
 * sent to several groups by an instance that died, or whose connections broke, before it
 * recorded Telegram's answers). Telegram's `poll` update has no chat, so the polls cannot be told
 * apart by what they ask; their voters tell them apart: a poll answered by someone who is a
 * member of exactly one of the candidate chats was sent there. Before, these questions were
 * skipped and their answers lost (issue 15's failover runs, scale-failover-open5.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualPlayers, type VirtualPlayers } from 'telegram-sim/virtual-players';
import { runLeaderboard } from '../../src/store/queries/run-standings.js';
import { sendsOfRun } from '../../src/store/queries/outbox.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { createQuizOf } from '../helpers/fixtures.js';
import { expectEachQuestionOnce, QUESTIONS, resultsOf } from '../helpers/outbox-checks.js';

describe('reconciling the same question unknown in several chats', () => {
  let h: BotHarness;

  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('tells the polls apart by their voters: no question skipped, every answer counted', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(h.db, world, { firstName: 'Twin' }, { title: 'Twins', questions: QUESTIONS.slice(0, 2) });
    const groups = [0, 1, 2].map((i) => world.createGroup({ title: `Twin ${i}`, creator: owner.id }));
    const players: VirtualPlayers[] = groups.map((group, i) =>
      startVirtualPlayers({
        world,
        clock: h.sim.clock,
        chat: group.id,
        players: 4,
        seed: 40 + i,
        thinkTimeMs: [500, 2_500],
        revoteRate: 0,
        retractRate: 0,
        silentRate: 0,
      }),
    );
    // The first player of group 0 is also a member of group 1 (they play only in group 0): their
    // vote alone cannot tell those two groups' polls apart.
    world.setMemberStatus(groups[1]!.id, players[0]!.userIds[0]!, 'member');
    // Telegram creates each group's first poll, but the bot never gets the answer.
    for (const group of groups) h.sim.faults.add({ kind: 'drop_after', methods: ['sendPoll'], chatId: group.id, times: 1 });
    const reconciledBefore = (await h.app.engine.stats()).questions_reconciled;
    const starts = groups.map((group) => world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 6s`));
    for (const [i, group] of groups.entries()) await resultsOf(h, group.id, starts[i]!.messageId);

    expect((await h.app.engine.stats()).questions_reconciled).toBe(reconciledBefore + groups.length);
    for (const [i, group] of groups.entries()) {
      expectEachQuestionOnce(h, group.id, 2);
      await players[i]!.settled();
      const run = await h.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) });
      const sends = await sendsOfRun(h.db, run!.id);
      expect(sends.filter((s) => s.kind === 'question').map((s) => s.state)).toEqual(['sent', 'sent']);
      const board = await runLeaderboard(h.db, run!.id, { limit: 100 });
      expect(board.players).toBe(4);
      for (const entry of board.top)
        expect({ correct: entry.correct, answered: entry.answered }).toEqual(players[i]!.expectedScores().get(entry.userId));
    }
  });
});
