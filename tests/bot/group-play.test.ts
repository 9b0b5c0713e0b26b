import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualPlayers } from 'telegram-sim/virtual-players';
import { runLeaderboard } from '../../src/store/queries/run-standings.js';
import { getActiveRun } from '../../src/store/queries/runs.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { createQuizOf } from '../helpers/fixtures.js';

describe('a quiz played in a group, end to end', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('asks every question, scores what the players answered and posts the leaderboard', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(
      h.db,
      world,
      { firstName: 'Olga', username: 'olga' },
      {
        title: 'Capitals',
        shuffleOptions: true,
        questions: [
          { text: 'Capital of France?', options: ['Berlin', 'Paris', 'Rome'], correctOptionIds: [1] },
          { text: 'Which are in Japan?', options: ['Tokyo', 'Osaka', 'Lima', 'Oslo'], correctOptionIds: [0, 1] },
          { text: 'Capital of Peru?', options: ['Lima', 'Quito'], correctOptionIds: [0], explanation: 'Lima since 1535.' },
        ],
      },
    );
    const group = world.createGroup({ title: 'Quiz night', creator: owner.id });
    const players = startVirtualPlayers({
      world,
      clock: h.sim.clock,
      chat: group.id,
      players: 30,
      seed: 5,
      thinkTimeMs: [100, 2_500],
      revoteRate: 0.3,
      retractRate: 0.1,
    });

    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    const results = await h.waitFor(
      () => h.botMessages(group.id).find((m) => m.messageId > start.messageId && m.text?.includes('has finished')),
      'the results',
      60_000,
    );
    await players.settled();

    const sent = h.botMessages(group.id);
    const polls = sent.filter((m) => m.pollId !== undefined);
    expect(polls.map((m) => world.poll(m.pollId!)?.question)).toEqual([
      '[1/3] Capital of France?',
      '[2/3] Which are in Japan?',
      '[3/3] Capital of Peru?',
    ]);
    expect(sent[0]?.text).toContain('Capitals');

    const expected = players.expectedScores();
    const board = await runLeaderboard(h.db, await lastRunId(h), { limit: 1_000 });
    const expectedPlayers = [...expected.entries()].filter(([, s]) => s.answered > 0);
    expect(board.players).toBe(expectedPlayers.length);
    for (const entry of board.top) {
      expect({ userId: entry.userId, correct: entry.correct, answered: entry.answered }).toEqual({
        userId: entry.userId,
        ...expected.get(entry.userId),
      });
    }
    const winner = board.top[0]!;
    expect(results.text).toContain(`🥇 ${winner.firstName}`);
    expect(results.text).toContain(`${board.players} players`);
    // The run ends once Telegram's answer to the results message is recorded, a moment after it shows.
    await h.waitFor(async () => (await getActiveRun(h.db, group.id)) === undefined || undefined, 'the run to end');
  });

  it('says where /play works, and that a number too long is no quiz id', async () => {
    const { world } = h.sim;
    const owner = await h.startUser({ firstName: 'Pat' });
    const group = world.createGroup({ title: 'Wrong place', creator: owner.id });
    const play = await h.ask(owner.id, group.id, '/play 12');
    expect(play.text).toContain('/play is for playing alone in our private chat');
    expect(play.text).toContain(`https://t.me/${world.bot.username}?start=quiz_12`);
    expect(play.text).toContain('/startquiz 12');
    const bare = await h.ask(owner.id, group.id, '/play');
    expect(bare.text).toContain(`https://t.me/${world.bot.username}`);
    expect(bare.text).not.toContain('start=quiz_');
    const huge = await h.ask(owner.id, group.id, '/startquiz 99999999999999999999999');
    expect(huge.text).toBe(
      "'99999999999999999999999' is not a quiz id: give the quiz's number, e.g. /startquiz 12 or /startquiz 12 15s shuffle (your quizzes: /myquizzes).",
    );
  });
});

async function lastRunId(h: BotHarness): Promise<number> {
  const rows = await h.db.query.runs.findMany({ orderBy: (runs, { desc }) => [desc(runs.id)], limit: 1 });
  return rows[0]!.id;
}
