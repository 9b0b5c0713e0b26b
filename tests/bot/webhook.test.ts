import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualPlayers } from '../../src/sim/virtual-players.js';
import { runLeaderboard } from '../../src/store/queries/leaderboard.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { holdTableLock } from '../helpers/table-lock.js';
import { createQuizOf } from '../helpers/fixtures.js';

const SECRET = 'webhook_Secret-for-tests-0123456789';

/** A port nobody listens on now (the webhook URL must name the port before the server starts). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('BOT_MODE=webhook through the simulator\'s webhook delivery', () => {
  let h: BotHarness;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/telegram`;
    h = await startBotHarness({
      env: { BOT_MODE: 'webhook', WEBHOOK_URL: url, WEBHOOK_SECRET: SECRET, HTTP_PORT: String(port), WEBHOOK_MAX_CONNECTIONS: '20' },
      webhookTimeoutMs: 1_000,
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('registers the webhook with its secret, connections and update types', () => {
    expect(h.sim.updates.getWebhookInfo()).toMatchObject({
      url,
      max_connections: 20,
      allowed_updates: ['message', 'callback_query', 'poll', 'poll_answer', 'my_chat_member'],
    });
  });

  it('plays a group quiz to its leaderboard with every answer scored', async () => {
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(h.db, world, { firstName: 'Olga' }, {
      title: 'Hooked',
      questions: [
        { text: 'One?', options: ['a', 'b'], correctOptionIds: [0] },
        { text: 'Two?', options: ['a', 'b', 'c'], correctOptionIds: [1, 2] },
      ],
    });
    const group = world.createGroup({ title: 'Hook club', creator: owner.id });
    const players = startVirtualPlayers({ world, clock: h.sim.clock, chat: group.id, players: 20, seed: 3, thinkTimeMs: [100, 3_000], revoteRate: 0.3 });
    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    await h.waitFor(() => h.botMessages(group.id).find((m) => m.messageId > start.messageId && m.text?.includes('has finished')), 'the results', 60_000);
    await players.settled();
    const run = await h.waitFor(async () => (await h.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) })) ?? undefined, 'the run');
    const board = await runLeaderboard(h.db, run.id, { limit: 100 });
    const expected = players.expectedScores();
    expect(board.players).toBe([...expected.values()].filter((s) => s.answered > 0).length);
    for (const entry of board.top) expect({ correct: entry.correct, answered: entry.answered }).toEqual(expected.get(entry.userId));
    expect((await h.app.stats()) as { update_intake: { mode: string; handled: number } }).toMatchObject({ update_intake: { mode: 'webhook' } });
  });

  it('refuses a wrong secret with 401 and a malformed body with 400, and keeps serving', async () => {
    const wrong = await fetch(url, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': 'nope', 'content-type': 'application/json' }, body: '{"update_id":1}' });
    expect(wrong.status).toBe(401);
    const missing = await fetch(url, { method: 'POST', body: '{"update_id":1}' });
    expect(missing.status).toBe(401);
    const malformed = await fetch(url, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': SECRET }, body: '{"update_id": ' });
    expect(malformed.status).toBe(400);
    const notAnUpdate = await fetch(url, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': SECRET }, body: '{"message":{}}' });
    expect(notAnUpdate.status).toBe(400);
    const get = await fetch(url);
    expect(get.status).toBe(405);
    const health = await fetch(`http://127.0.0.1:${h.app.httpPort}/health`);
    expect(health.status).toBe(200);
  });

  it('answers 503 when acceptance cannot commit in time; Telegram\'s redelivery is then absorbed: the answer is stored once', async () => {
    const { world } = h.sim;
    const player = await h.startUser({ firstName: 'Slow' });
    const { quiz } = await createQuizOf(h.db, world, { firstName: 'A' }, { title: 'Slow', openPeriodS: 60, questions: [{ text: 'Q?', options: ['x', 'y'], correctOptionIds: [1] }] });
    const start = world.sendText(player.id, player.id, `/play ${quiz.id}`);
    const poll = await h.nextBotMessage(player.id, start.messageId, (m) => m.pollId !== undefined);
    const redeliveriesBefore = h.sim.stats().updates.redelivered;

    // The answers table is locked: the commit waits, acceptance times out (1 s): 503, not accepted.
    const lock = await holdTableLock(h.database.url, 'answers');
    try {
      world.answerPoll(player.id, poll.pollId!, [1]);
      await h.waitFor(() => h.sim.stats().updates.redelivered > redeliveriesBefore || undefined, 'Telegram to deliver the update again');
    } finally {
      await lock.release();
    }
    await h.nextBotMessage(player.id, poll.messageId, (m) => m.text?.includes('has finished') ?? false);
    const rows = await h.db.query.answers.findMany({ where: (answers, { eq }) => eq(answers.userId, player.id) });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ optionIds: [1], isCorrect: true });
  });

  it('answers 200 for an update whose handler fails: the chat is not stuck behind it, and a block and unblock get through', async () => {
    const { world } = h.sim;
    const user = await h.startUser({ firstName: 'Nul' });
    const failedBefore = h.sim.stats().updates.webhook.failed;
    // Saving this quiz fails for good (PostgreSQL cannot store U+0000): parked, the user told.
    const bad = world.sendText(user.id, user.id, '/newquiz Bad\u0000title\nWhat?\n- yes *\n- no');
    const sorry = await h.nextBotMessage(user.id, bad.messageId);
    expect(sorry.text).toMatch(/^Sorry, something went wrong/);
    const help = await h.ask(user.id, user.id, '/help');
    expect(help.text).toBeDefined();
    world.blockBot(user.id);
    world.unblockBot(user.id);
    await h.waitFor(async () => {
      const chat = await h.db.query.chats.findFirst({ where: (chats, { eq }) => eq(chats.id, user.id) });
      return h.app.inbox.stats().handled > 0 && chat?.blockedAt === null && h.sim.stats().updates.webhook.inFlight === 0 ? chat : undefined;
    }, 'the block and the unblock handled');
    const after = await h.ask(user.id, user.id, '/help');
    expect(after.text).toBeDefined();
    expect(h.sim.stats().updates.webhook.failed).toBe(failedBefore);
  });
});
