/**
 * Durable intake: accept first, handle after. An update is confirmed to Telegram once it is
 * committed (an answer by the AnswerWriter, anything else into the inbox), so a slow reply never
 * holds answers back at Telegram, a failing handler never stalls its chat or the bot, and an
 * update whose acceptance fails is not confirmed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from 'telegram-sim/clock';
import { getInboxEntry } from '../../src/store/queries/inbox.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { createEmptyTestDatabase } from '../helpers/database.js';
import { startDbProxy } from '../helpers/db-proxy.js';
import { advanceUntil } from '../helpers/drive-clock.js';
import { createQuizOf } from '../helpers/fixtures.js';
import { refuseQuizTitle } from '../helpers/refused-title.js';

describe('durable intake (long polling, time driven by hand)', () => {
  let h: BotHarness;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(Date.UTC(2026, 10, 1, 12));
    h = await startBotHarness({ simulator: { clock } });
  });
  afterEach(() => h.sim.faults.clear());
  afterAll(async () => {
    await h?.stop();
  });

  it('accepts every answer at once while a reply in the same group waits its turn: the reply does not hold them at Telegram', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(
      h.db,
      world,
      { firstName: 'Host' },
      {
        title: 'Crowd',
        questions: [{ text: 'Quick?', options: ['yes', 'no'], correctOptionIds: [0] }],
      },
    );
    const players = Array.from({ length: 250 }, (_, i) => world.createUser({ firstName: `P${i}` }));
    const group = world.createGroup({ title: 'Crowd', creator: owner.id, members: players.map((p) => p.id) });
    world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 60s`);
    const poll = await advanceUntil(clock, () => h.botMessages(group.id).find((m) => m.pollId !== undefined), 'the question', {
      stepMs: 250,
    });

    // "Telegram" takes 3 s of clock time to answer the bot's next message in this group, and
    // the clock stands still: the /leaderboard reply cannot finish until the test moves it.
    h.sim.faults.add({ kind: 'slow', delayMs: 3_000, methods: ['sendMessage'], chatId: group.id, times: 1 });
    const asked = world.sendText(players[0]!.id, group.id, '/leaderboard');
    for (const player of players) world.answerPoll(player.id, poll.pollId!, [0]);

    const run = await h.waitFor(
      async () => (await h.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) })) ?? undefined,
      'the run',
    );
    await h.waitFor(
      async () =>
        (await h.db.query.answers.findMany({ where: (answers, { eq }) => eq(answers.runId, run.id) })).length === 250 || undefined,
      'all 250 answers committed',
    );
    // Every update is confirmed to Telegram, the /leaderboard included: nothing waits there.
    await h.waitFor(() => h.sim.stats().updates.pending === 0 || undefined, 'Telegram to hold no update');
    expect(h.botMessages(group.id).some((m) => m.messageId > asked.messageId && m.text?.includes('leaderboard'))).toBe(false);
    // ... and its handler is still waiting for the reply's turn.
    expect(await getInboxEntry(h.db, await lastInboxUpdate(h))).toMatchObject({ kind: 'message', handledAt: null });

    // Time moves: the reply goes out, and the handler that waited for it completes.
    await advanceUntil(
      clock,
      () => h.botMessages(group.id).find((m) => m.messageId > asked.messageId && m.text !== undefined && !m.text.startsWith('🎲')),
      'the /leaderboard reply',
      { stepMs: 250 },
    );
  });

  it('retries a failing handler, then parks it as a dead letter and tells the user; the chat goes on', async () => {
    const { world } = h.sim;
    const user = world.createUser({ firstName: 'Nul' });
    world.sendText(user.id, user.id, '/start');
    await advanceUntil(clock, () => h.botMessages(user.id).length > 0 || undefined, 'the welcome', { stepMs: 250 });
    // The database refuses this title: saving the quiz fails for good (SQLSTATE 23514).
    await refuseQuizTitle(h.db, 'Refused title');
    const bad = world.sendText(user.id, user.id, '/newquiz Refused title\nWhat?\n- yes *\n- no');
    const sorry = await advanceUntil(
      clock,
      () => h.botMessages(user.id).find((m) => m.messageId > bad.messageId && m.text?.startsWith('Sorry, something went wrong')),
      'the apology',
      { stepMs: 250 },
    );
    const next = world.sendText(user.id, user.id, '/help');
    await advanceUntil(
      clock,
      () => h.botMessages(user.id).find((m) => m.messageId > Math.max(next.messageId, sorry.messageId)),
      'the /help reply',
      { stepMs: 250 },
    );
    expect((await h.app.stats()) as { inbox: { dead_letters: number; dead: number } }).toMatchObject({
      inbox: { dead_letters: 1, dead: 1 },
    });
  });

  it('takes a 403 from a user who blocked the bot as an outcome: no retries, no dead letter', async () => {
    const { world } = h.sim;
    const user = world.createUser({ firstName: 'Gone' });
    world.sendText(user.id, user.id, '/start');
    await advanceUntil(clock, () => h.botMessages(user.id).length > 0 || undefined, 'the welcome', { stepMs: 250 });
    const before = h.app.inbox.stats();
    // The reply to /myscore finds the user gone.
    world.sendText(user.id, user.id, '/myscore');
    world.blockBot(user.id);
    await advanceUntil(clock, () => h.app.inbox.stats().unreachable > before.unreachable || undefined, 'the update to be done', {
      stepMs: 250,
    });
    expect(h.app.inbox.stats()).toMatchObject({ dead_letters: before.dead_letters, retried: before.retried });
  });
});

/** The newest update in the inbox (the /leaderboard of the test above). */
async function lastInboxUpdate(h: BotHarness): Promise<number> {
  const [row] = await h.app.store.database.sql<
    { update_id: string }[]
  >`select update_id from inbox where kind = 'message' order by update_id desc limit 1`;
  return Number(row?.update_id ?? 0);
}

describe('durable intake: acceptance needs the database', () => {
  it('confirms nothing while the database is down, then accepts and handles each update once', async () => {
    const database = await createEmptyTestDatabase();
    const proxy = await startDbProxy(database.url);
    const h = await startBotHarness({ database, env: { DATABASE_URL: proxy.url } });
    try {
      const { world } = h.sim;
      const { owner, quiz } = await createQuizOf(
        h.db,
        world,
        { firstName: 'Down' },
        {
          title: 'Down',
          openPeriodS: 60,
          questions: [{ text: 'Up?', options: ['yes', 'no'], correctOptionIds: [0] }],
        },
      );
      const player = world.createUser({ firstName: 'Player' });
      const group = world.createGroup({ title: 'Down', creator: owner.id, members: [player.id] });
      world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 60s`);
      const poll = await h.waitFor(() => h.botMessages(group.id).find((m) => m.pollId !== undefined), 'the question');
      await h.waitFor(
        async () =>
          (await h.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) }))?.currentPosition === 0 || undefined,
        'the question recorded',
      );
      await h.waitFor(() => h.sim.stats().updates.pending === 0 || undefined, 'everything confirmed');

      proxy.down();
      world.answerPoll(player.id, poll.pollId!, [0]);
      const asked = world.sendText(player.id, group.id, '/myscore');
      await h.waitFor(
        () => (h.app.outages.failing()['answer-writer'] && h.app.outages.failing()['inbox-writer']) ?? undefined,
        'the writers to find the database gone',
      );
      // Handed out, not accepted: Telegram keeps them (the offset cannot move past the answer).
      expect(h.sim.stats().updates.pending).toBeGreaterThanOrEqual(2);
      const health = await fetch(`http://127.0.0.1:${h.app.httpPort}/health`);
      expect(health.status).toBe(503);

      proxy.up();
      await h.waitFor(
        () => h.botMessages(group.id).find((m) => m.messageId > asked.messageId && m.text !== undefined),
        'the /myscore reply',
        30_000,
      );
      await h.waitFor(() => h.sim.stats().updates.pending === 0 || undefined, 'everything confirmed');
      const answers = await h.db.query.answers.findMany({ where: (answers, { eq }) => eq(answers.userId, player.id) });
      expect(answers).toHaveLength(1);
      expect(h.botMessages(group.id).filter((m) => m.messageId > asked.messageId && m.text?.startsWith('📊'))).toHaveLength(1);
      expect((await fetch(`http://127.0.0.1:${h.app.httpPort}/health`)).status).toBe(200);
    } finally {
      await h.stop();
      await proxy.close();
      await database.drop();
    }
  });
});
