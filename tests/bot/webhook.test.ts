import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualPlayers } from 'telegram-sim/virtual-players';
import { runLeaderboard } from '../../src/store/queries/run-standings.js';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { holdTableLock } from '../helpers/table-lock.js';
import { createQuizOf } from '../helpers/fixtures.js';
import { refuseQuizTitle } from '../helpers/refused-title.js';
import { openRaw } from '../helpers/raw-http.js';
import { freePort } from '../helpers/free-port.js';

const SECRET = 'webhook_Secret-for-tests-0123456789';

describe("BOT_MODE=webhook through the simulator's webhook delivery", () => {
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
    const { owner, quiz } = await createQuizOf(
      h.db,
      world,
      { firstName: 'Olga' },
      {
        title: 'Hooked',
        questions: [
          { text: 'One?', options: ['a', 'b'], correctOptionIds: [0] },
          { text: 'Two?', options: ['a', 'b', 'c'], correctOptionIds: [1, 2] },
        ],
      },
    );
    const group = world.createGroup({ title: 'Hook club', creator: owner.id });
    const players = startVirtualPlayers({
      world,
      clock: h.sim.clock,
      chat: group.id,
      players: 20,
      seed: 3,
      thinkTimeMs: [100, 3_000],
      revoteRate: 0.3,
    });
    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 5s`);
    await h.waitFor(
      () => h.botMessages(group.id).find((m) => m.messageId > start.messageId && m.text?.includes('has finished')),
      'the results',
      60_000,
    );
    await players.settled();
    const run = await h.waitFor(
      async () => (await h.db.query.runs.findFirst({ where: (runs, { eq }) => eq(runs.chatId, group.id) })) ?? undefined,
      'the run',
    );
    const board = await runLeaderboard(h.db, run.id, { limit: 100 });
    const expected = players.expectedScores();
    expect(board.players).toBe([...expected.values()].filter((s) => s.answered > 0).length);
    for (const entry of board.top) expect({ correct: entry.correct, answered: entry.answered }).toEqual(expected.get(entry.userId));
    expect((await h.app.stats()) as { update_intake: { mode: string; handled: number } }).toMatchObject({
      update_intake: { mode: 'webhook' },
    });
  });

  it('refuses a wrong secret with 401 and a malformed body with 400, and keeps serving', async () => {
    const wrong = await fetch(url, {
      method: 'POST',
      headers: { 'x-telegram-bot-api-secret-token': 'nope', 'content-type': 'application/json' },
      body: '{"update_id":1}',
    });
    expect(wrong.status).toBe(401);
    const missing = await fetch(url, { method: 'POST', body: '{"update_id":1}' });
    expect(missing.status).toBe(401);
    const malformed = await fetch(url, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': SECRET }, body: '{"update_id": ' });
    expect(malformed.status).toBe(400);
    const notAnUpdate = await fetch(url, {
      method: 'POST',
      headers: { 'x-telegram-bot-api-secret-token': SECRET },
      body: '{"message":{}}',
    });
    expect(notAnUpdate.status).toBe(400);
    const get = await fetch(url);
    expect(get.status).toBe(405);
    const health = await fetch(`http://127.0.0.1:${h.app.httpPort}/health`);
    expect(health.status).toBe(200);
  });

  it('refuses a secret that shares a prefix with the right one, or is longer or shorter, the same way: 401', async () => {
    for (const secret of [SECRET.slice(0, -1), `${SECRET}x`, `${SECRET.slice(0, -1)}X`, SECRET.slice(0, 1), `${SECRET}${SECRET}`]) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'x-telegram-bot-api-secret-token': secret },
        body: '{"update_id":1}',
      });
      expect([secret.length, response.status, await response.text()]).toEqual([secret.length, 401, 'secret token is wrong\n']);
    }
  });

  const TEN_MB = 10 * 1024 * 1024;
  const head = (secret: string, length: string) =>
    `POST /telegram HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nx-telegram-bot-api-secret-token: ${secret}\r\n${length}\r\n`;

  it('answers a 10 MB body with the right secret with 413, then closes the connection in order (no reset)', async () => {
    const port = Number(new URL(url).port);
    const raw = await openRaw(port);
    raw.write(head(SECRET, `content-length: ${TEN_MB}\r\n`));
    raw.write(Buffer.alloc(TEN_MB, 0x20));
    const exchange = await raw.settled(10_000);
    raw.destroy();
    expect(exchange).toMatchObject({ status: 413, ended: true });
    expect(exchange.error).toBeUndefined();
    expect(exchange.response).toMatch(/\r\nconnection: close\r\n/i);
  });

  it('answers an oversized chunked body (no content-length) with 413 and closes in order', async () => {
    const port = Number(new URL(url).port);
    const raw = await openRaw(port);
    raw.write(head(SECRET, 'transfer-encoding: chunked\r\n'));
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    for (let i = 0; i < 8; i++) raw.write(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]));
    raw.write('0\r\n\r\n');
    const exchange = await raw.settled(10_000);
    raw.destroy();
    expect(exchange).toMatchObject({ status: 413, ended: true });
    expect(exchange.error).toBeUndefined();
  });

  it('answers a too-big body without the secret at once, without reading it all: 401 and the connection ends', async () => {
    const port = Number(new URL(url).port);
    for (const secret of ['wrong', SECRET]) {
      const raw = await openRaw(port);
      // Headers announcing 10 MB and 64 KB of it; the rest never comes.
      raw.write(head(secret, `content-length: ${TEN_MB}\r\n`));
      raw.write(Buffer.alloc(64 * 1024, 0x20));
      // At once: not after Node's 5 s keep-alive timeout, not after the whole body.
      const exchange = await raw.settled(2_000);
      raw.destroy();
      expect(exchange).toMatchObject({ status: secret === SECRET ? 413 : 401, ended: true });
    }
    const health = await fetch(`http://127.0.0.1:${h.app.httpPort}/health`);
    expect(health.status).toBe(200);
  });

  it("answers 503 when acceptance cannot commit in time; Telegram's redelivery is then absorbed: the answer is stored once", async () => {
    const { world } = h.sim;
    const player = await h.startUser({ firstName: 'Slow' });
    const { quiz } = await createQuizOf(
      h.db,
      world,
      { firstName: 'A' },
      { title: 'Slow', openPeriodS: 60, questions: [{ text: 'Q?', options: ['x', 'y'], correctOptionIds: [1] }] },
    );
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
    // Saving this quiz fails for good (the database refuses its title, SQLSTATE 23514): parked, the user told.
    await refuseQuizTitle(h.db, 'Refused title');
    const bad = world.sendText(user.id, user.id, '/newquiz Refused title\nWhat?\n- yes *\n- no');
    const sorry = await h.nextBotMessage(user.id, bad.messageId);
    expect(sorry.text).toMatch(/^Sorry, something went wrong/);
    const help = await h.ask(user.id, user.id, '/help');
    expect(help.text).toMatch(/^I run quizzes/);
    world.blockBot(user.id);
    world.unblockBot(user.id);
    await h.waitFor(async () => {
      const chat = await h.db.query.chats.findFirst({ where: (chats, { eq }) => eq(chats.id, user.id) });
      return h.app.inbox.stats().handled > 0 && chat?.blockedAt === null && h.sim.stats().updates.webhook.inFlight === 0 ? chat : undefined;
    }, 'the block and the unblock handled');
    const after = await h.ask(user.id, user.id, '/help');
    expect(after.text).toMatch(/^I run quizzes/);
    expect(h.sim.stats().updates.webhook.failed).toBe(failedBefore);
  });
});
