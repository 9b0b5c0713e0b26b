/**
 * The whole bot on a clock the test drives: the engine, intake, the writers and the queue read
 * time from the one Clock the simulator uses too, so half an hour of quiz time (three ten-minute
 * questions) plays in a few seconds, with every answer scored as the players gave it.
 */
import { describe, expect, it } from 'vitest';
import { startVirtualPlayers } from 'telegram-sim/virtual-players';
import { runLeaderboard } from '../../src/store/queries/run-standings.js';
import type { BotHarness } from '../helpers/bot-harness.js';
import { botOnManualClock } from '../helpers/clocked-messages.js';
import { advanceUntil } from '../helpers/drive-clock.js';
import { createQuizOf } from '../helpers/fixtures.js';

describe('a group quiz on a clock driven by hand', () => {
  let h: BotHarness;
  const { clock } = botOnManualClock(Date.UTC(2026, 10, 3, 20), (started) => (h = started));

  it('plays three ten-minute questions in seconds of real time, scored as the players answered', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(
      h.db,
      world,
      { firstName: 'Slow' },
      {
        title: 'Slow quiz',
        questions: [
          { text: 'First?', options: ['a', 'b', 'c'], correctOptionIds: [0] },
          { text: 'Second?', options: ['a', 'b', 'c'], correctOptionIds: [1, 2] },
          { text: 'Third?', options: ['a', 'b'], correctOptionIds: [1] },
        ],
      },
    );
    const group = world.createGroup({ title: 'Patient players', creator: owner.id });
    const players = startVirtualPlayers({
      world,
      clock,
      chat: group.id,
      players: 30,
      seed: 13,
      thinkTimeMs: [5_000, 9 * 60_000],
      revoteRate: 0.2,
    });
    const startedAt = clock.now();
    const realStart = Date.now();
    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 10m`);
    const results = await advanceUntil(
      clock,
      () => h.botMessages(group.id).find((m) => m.messageId > start.messageId && m.text?.includes('has finished')),
      'the results',
      { stepMs: 2_000, maxMs: 40 * 60_000 },
    );
    const quizMinutes = (clock.now() - startedAt) / 60_000;
    expect(quizMinutes).toBeGreaterThanOrEqual(30);
    expect(Date.now() - realStart).toBeLessThan((quizMinutes * 60_000) / 10);
    expect(results.text).toContain('3 questions');

    await players.settled();
    const run = await h.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) });
    const board = await runLeaderboard(h.db, run!.id, { limit: 100 });
    const expected = players.expectedScores();
    expect(board.players).toBe([...expected.values()].filter((s) => s.answered > 0).length);
    for (const entry of board.top) expect({ correct: entry.correct, answered: entry.answered }).toEqual(expected.get(entry.userId));
    // Response times are clock times: minutes, never more than the ten-minute period.
    const answers = await h.db.query.answers.findMany({ where: (a, { eq }) => eq(a.runId, run!.id) });
    const times = answers.map((a) => a.responseMs).filter((ms): ms is number => ms !== null);
    expect(Math.max(...times)).toBeLessThanOrEqual(10 * 60_000);
    expect(Math.max(...times)).toBeGreaterThan(60_000);
  });
});
