/**
 * What only a bot *process* shows, run exactly as `npm start` runs: a backlog with updates
 * whose handlers fail does not stop it from starting; a restart after downtime does not count
 * the downtime as the players' response time; a crash between Telegram accepting a question and
 * its record never leads to the question twice. SIGTERM while the database is down:
 * process-sigterm-outage.test.ts (a file of its own so the two run in parallel).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextBotMessage } from 'telegram-sim/bot-messages';
import { startVirtualPlayers } from 'telegram-sim/virtual-players';
import type { SimMessage } from 'telegram-sim/world-types';
import { runLeaderboard } from '../../src/store/queries/run-standings.js';
import { createQuizOf } from '../helpers/fixtures.js';
import { startProcessFixture, type ProcessFixture } from '../helpers/process-fixture.js';
import { refuseQuizTitle } from '../helpers/refused-title.js';

const botPolls = (messages: Iterable<SimMessage>): SimMessage[] => [...messages].filter((m) => m.fromId === 0 && m.pollId !== undefined);

describe('a bot process facing faults', () => {
  let f: ProcessFixture;
  beforeAll(async () => {
    f = await startProcessFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('starts with a poisoned backlog (a reply to a user who blocked the bot, a title the database refuses) and answers the next user', async () => {
    const { world } = f.sim;
    const gone = world.createUser({ firstName: 'Gone' });
    world.sendText(gone.id, gone.id, '/myscore');
    world.blockBot(gone.id);
    const nul = world.createUser({ firstName: 'Nul' });
    await refuseQuizTitle(f.db, 'Refused title');
    const bad = world.sendText(nul.id, nul.id, '/newquiz Refused title\nWhat?\n- yes *\n- no');

    const bot = await f.start();
    const fresh = world.createUser({ firstName: 'Fresh' });
    const hello = world.sendText(fresh.id, fresh.id, '/start');
    await nextBotMessage(world, fresh.id, hello.messageId, () => true, 30_000, 'the reply to the next user');
    const sorry = await nextBotMessage(world, nul.id, bad.messageId, () => true, 30_000, 'the apology for the failed update');
    expect(sorry.text).toMatch(/^Sorry, something went wrong/);
    expect(await bot.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(bot.output()).toContain('"msg":"Update parked as a dead letter: its handler failed for good (kept in the inbox table)"');
  }, 90_000);

  it('never counts the downtime as response time: answers accepted after a restart get at most the open period', async () => {
    const { db, sim } = f;
    const { world } = sim;
    const { owner, quiz } = await createQuizOf(
      db,
      world,
      { firstName: 'Down' },
      { title: 'Downtime', questions: [{ text: 'Late?', options: ['a', 'b'], correctOptionIds: [1] }] },
    );
    const members = Array.from({ length: 6 }, (_, i) => world.createUser({ firstName: `Late ${i}` }));
    const group = world.createGroup({ title: 'Downtime', creator: owner.id, members: members.map((m) => m.id) });
    const first = await f.start();
    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    const poll = await nextBotMessage(world, group.id, start.messageId, (m) => m.pollId !== undefined, 30_000, 'the question');
    // Killed once the question is recorded (the crash before the record is the next test's).
    await expect
      .poll(async () => (await db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) }))?.currentPosition, {
        timeout: 10_000,
        interval: 20,
      })
      .toBe(0);
    await first.kill('SIGKILL');
    for (const member of members) world.answerPoll(member.id, poll.pollId!, [1]);
    // The poll closes while the bot is down; its answers wait at "Telegram".
    await expect.poll(() => world.poll(poll.pollId!)?.isClosed, { timeout: 20_000, interval: 100 }).toBe(true);

    const second = await f.start();
    await nextBotMessage(world, group.id, poll.messageId, (m) => m.text?.includes('has finished') ?? false, 60_000, 'the results');
    const answers = await db.query.answers.findMany({
      where: (a, { inArray }) =>
        inArray(
          a.userId,
          members.map((m) => m.id),
        ),
    });
    expect(answers).toHaveLength(6);
    for (const answer of answers) expect(answer.responseMs).toBeLessThanOrEqual(5_000);
    await second.kill('SIGTERM');
  }, 90_000);

  it('never sends a question twice after a crash between Telegram accepting it and its record: its poll update identifies it', async () => {
    const { db, sim } = f;
    const { world } = sim;
    const { owner, quiz } = await createQuizOf(
      db,
      world,
      { firstName: 'Crash' },
      {
        title: 'Crash between send and record',
        questions: [
          { text: 'One?', options: ['a', 'b'], correctOptionIds: [0] },
          { text: 'Two?', options: ['a', 'b'], correctOptionIds: [1] },
        ],
      },
    );
    const group = world.createGroup({ title: 'Crash', creator: owner.id });
    const players = startVirtualPlayers({
      world,
      clock: sim.clock,
      chat: group.id,
      players: 6,
      seed: 21,
      thinkTimeMs: [300, 2_000],
      revoteRate: 0,
      retractRate: 0,
      silentRate: 0,
    });
    const first = await f.start();
    world.on('botMessage', (message) => {
      // The poll exists at "Telegram"; the process dies before the answer reaches it.
      if (message.chatId === group.id && message.pollId !== undefined && first.child.exitCode === null && first.child.signalCode === null)
        first.child.kill('SIGKILL');
    });
    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    await expect.poll(() => first.child.signalCode, { timeout: 30_000, interval: 50 }).toBe('SIGKILL');

    const second = await f.start();
    await nextBotMessage(world, group.id, start.messageId, (m) => m.text?.includes('has finished') ?? false, 90_000, 'the results');
    expect(botPolls(group.messages.values()).map((m) => world.poll(m.pollId!)?.question)).toEqual(['[1/2] One?', '[2/2] Two?']);
    await players.settled();
    const run = await db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) });
    const board = await runLeaderboard(db, run!.id, { limit: 100 });
    expect(board.players).toBe(6);
    for (const entry of board.top)
      expect({ correct: entry.correct, answered: entry.answered }).toEqual(players.expectedScores().get(entry.userId));
    await second.kill('SIGTERM');
  }, 120_000);
});
