import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimMessage } from 'telegram-sim/world-types';
import { runLeaderboard } from '../../src/store/queries/run-standings.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { createQuizOf } from '../helpers/fixtures.js';

describe('a quiz played in a private chat, end to end', () => {
  let h: BotHarness;
  let quizId: number;
  beforeAll(async () => {
    h = await startBotHarness();
    const { quiz } = await createQuizOf(
      h.db,
      h.sim.world,
      { firstName: 'Ann' },
      {
        title: 'Mixed',
        openPeriodS: 60,
        questions: [
          { text: 'Pick the primes', options: ['2', '4', '5', '9'], correctOptionIds: [0, 2] },
          { text: 'Pick the primes again', options: ['3', '7', '8'], correctOptionIds: [0, 1] },
          { text: 'Largest planet?', options: ['Mars', 'Jupiter'], correctOptionIds: [1] },
        ],
      },
    );
    quizId = quiz.id;
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** The next poll the bot sends to `chatId` after message `afterId`. */
  const nextPoll = (chatId: number, afterId: number): Promise<SimMessage> =>
    h.nextBotMessage(chatId, afterId, (m) => m.pollId !== undefined);

  it('moves on as soon as the player answers and scores a multi-correct question only on the exact set', async () => {
    const { world } = h.sim;
    const player = await h.startUser({ firstName: 'Pia' });
    const start = world.sendText(player.id, player.id, `/play ${quizId}`);
    const first = await nextPoll(player.id, start.messageId);
    world.answerPoll(player.id, first.pollId!, [0, 2]); // exactly the correct set
    const second = await nextPoll(player.id, first.messageId);
    world.answerPoll(player.id, second.pollId!, [0]); // one of two correct: wrong
    const third = await nextPoll(player.id, second.messageId);
    world.answerPoll(player.id, third.pollId!, [1]);
    const results = await h.nextBotMessage(player.id, third.messageId, (m) => m.text?.includes('has finished') ?? false);
    expect(results.text).toContain('2/3 correct');

    // The questions came one after another, without waiting for their 60 s periods.
    expect(world.poll(first.pollId!)?.openPeriod).toBe(60);
    // The results go out inside the step's transaction; the run reads finished once it commits.
    const run = await h.waitFor(
      async () =>
        (await h.db.query.runs.findFirst({ where: (runs, { and, eq }) => and(eq(runs.chatId, player.id), eq(runs.status, 'finished')) })) ??
        undefined,
      'the run to be finished',
    );
    const board = await runLeaderboard(h.db, run.id);
    expect(board.top).toMatchObject([{ userId: player.id, correct: 2, answered: 3 }]);

    const score = await h.ask(player.id, player.id, '/myscore');
    expect(score.text).toContain('2 of 3 answers correct');
    expect(score.text).toContain(`${100 + 10} points`);
  });

  it('starts from the deep link and stops on /stopquiz with the answered questions scored', async () => {
    const { world } = h.sim;
    const player = await h.startUser({ firstName: 'Quinn' });
    const start = world.sendText(player.id, player.id, `/start quiz_${quizId}`);
    const first = await nextPoll(player.id, start.messageId);
    world.answerPoll(player.id, first.pollId!, [0, 2]);
    const second = await nextPoll(player.id, first.messageId);
    const stop = await h.ask(player.id, player.id, '/stopquiz');
    expect(stop.text).toContain('Game stopped');
    const results = await h.nextBotMessage(player.id, second.messageId, (m) => m.text?.includes('stopped early') ?? false);
    expect(results.text).toContain('1/3 correct');
  });

  it('refuses a second game while one runs, and explains an unknown quiz', async () => {
    const { world } = h.sim;
    const player = await h.startUser({ firstName: 'Rex' });
    const unknown = await h.ask(player.id, player.id, '/play 999999');
    expect(unknown.text).toContain('There is no quiz 999999');
    const bad = await h.ask(player.id, player.id, `/play ${quizId} 2s`);
    expect(bad.text).toContain('between 5 seconds and 10 minutes');
    const start = world.sendText(player.id, player.id, `/play ${quizId}`);
    await nextPoll(player.id, start.messageId);
    const busy = await h.ask(player.id, player.id, `/play ${quizId}`);
    expect(busy.text).toContain('already running');
    await h.ask(player.id, player.id, '/stopquiz');
  });

  it('answers a bad /play or a broken link with the usage of /play, and /startquiz with where it works', async () => {
    const player = await h.startUser({ firstName: 'Sam' });
    const usage = 'e.g. /play 12 or /play 12 15s shuffle (your quizzes: /myquizzes)';
    expect((await h.ask(player.id, player.id, '/play')).text).toBe(`Which quiz? Give its number, ${usage}.`);
    expect((await h.ask(player.id, player.id, '/play abc')).text).toBe(`'abc' is not a quiz id: give the quiz's number, ${usage}.`);
    // Deep links Telegram would deliver as /start <payload> (at most 64 characters).
    for (const payload of ['quiz_abc', 'quiz_-5', `quiz_${'9'.repeat(53)}`]) {
      const reply = await h.ask(player.id, player.id, `/start ${payload}`);
      expect(reply.text, payload).toBe(`That link leads to no quiz. Ask for a new link, or give the quiz's number, ${usage}.`);
    }
    const elsewhere = await h.ask(player.id, player.id, `/startquiz ${quizId}`);
    expect(elsewhere.text).toContain('/startquiz runs a quiz in a group');
    expect(elsewhere.text).toContain(`/play ${quizId}`);
    expect(elsewhere.text).toContain(`https://t.me/${h.sim.world.bot.username}?startgroup=quiz_${quizId}`);
  });
});
