/**
 * The simulator through grammY's own client over real HTTP: if grammY's `Api` and `Bot` work
 * against it, the simulator is wire-compatible with what the bot will use against Telegram.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api, Bot, HttpError, webhookCallback } from 'grammy';
import type { Update } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { apiError, updateReader } from './helpers/grammy-client.js';
import { startSimulator, type Simulator } from '../src/simulator.js';

let sim: Simulator;
let clock: ManualClock;
let api: Api;
/** The updates waiting since the last call (helpers/grammy-client.ts). */
let drainUpdates: () => Promise<Update[]>;

beforeEach(async () => {
  clock = new ManualClock(Date.UTC(2026, 10, 23, 12, 0, 0));
  sim = await startSimulator({ clock });
  api = new Api(sim.token, { apiRoot: sim.apiRoot });
  drainUpdates = updateReader(api, clock);
});
afterEach(async () => {
  await sim.close();
});

/** A user who has started the bot (so the bot may write to them). */
function startedUser(name = 'Alice') {
  return sim.world.createStartedUser({ firstName: name, username: name.toLowerCase() });
}

describe('identity and errors', () => {
  it('answers getMe with the bot user', async () => {
    const me = await api.getMe();
    expect(me).toMatchObject({
      id: sim.bot.id,
      is_bot: true,
      username: sim.bot.username,
      can_join_groups: true,
      can_read_all_group_messages: false,
    });
  });

  it('answers 401 Unauthorized to a wrong token', async () => {
    const other = new Api('7000000001:wrong-token-wrong-token-wrong-token-x', { apiRoot: sim.apiRoot });
    const error = await apiError(other.getMe());
    expect(error.error_code).toBe(401);
    expect(error.description).toBe('Unauthorized');
  });

  it('answers 404 Not Found to an unknown method, and method names are case-insensitive', async () => {
    const unknown = await fetch(`${sim.apiRoot}/bot${sim.token}/sendHologram`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    const mixedCase = await fetch(`${sim.apiRoot}/bot${sim.token}/GETME`);
    expect(((await mixedCase.json()) as { result: { id: number } }).result.id).toBe(sim.bot.id);
  });

  it('accepts form-urlencoded bodies with Telegram coercion', async () => {
    const alice = startedUser();
    const body = new URLSearchParams({
      chat_id: String(alice.id),
      text: 'hello',
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] }),
    });
    const response = await fetch(`${sim.apiRoot}/bot${sim.token}/sendMessage`, { method: 'POST', body });
    const json = (await response.json()) as { ok: boolean; result: { text: string; reply_markup: unknown } };
    expect(json.ok).toBe(true);
    expect(json.result.text).toBe('hello');
    expect(json.result.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] });
  });
});

describe('messages', () => {
  it('refuses to write first to a user, answers 400 for an unknown chat, 403 once blocked', async () => {
    const bob = sim.world.createUser({ firstName: 'Bob' });
    expect((await apiError(api.sendMessage(bob.id, 'hi'))).description).toBe('Bad Request: chat not found');
    sim.world.sendText(bob.id, bob.id, 'hello bot');
    const sent = await api.sendMessage(bob.id, 'hi Bob');
    expect(sent).toMatchObject({
      message_id: 2,
      text: 'hi Bob',
      chat: { id: bob.id, type: 'private', first_name: 'Bob' },
      from: { id: sim.bot.id, is_bot: true },
    });
    sim.world.blockBot(bob.id);
    const blocked = await apiError(api.sendMessage(bob.id, 'still there?'));
    expect([blocked.error_code, blocked.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
    expect((await apiError(api.sendMessage(-123, 'x'))).description).toBe('Bad Request: chat not found');
  });

  it('edits, refuses an edit that changes nothing, deletes, and keeps it all in the transcript', async () => {
    const alice = startedUser();
    const sent = await api.sendMessage(alice.id, 'Question 1 of 3');
    const edited = await api.editMessageText(alice.id, sent.message_id, 'Question 2 of 3');
    expect(edited).toMatchObject({ text: 'Question 2 of 3', edit_date: expect.any(Number) });
    const same = await apiError(api.editMessageText(alice.id, sent.message_id, 'Question 2 of 3'));
    expect(same.description).toMatch(/^Bad Request: message is not modified/);
    expect(await api.deleteMessage(alice.id, sent.message_id)).toBe(true);
    expect((await apiError(api.editMessageText(alice.id, sent.message_id, 'again'))).description).toBe(
      'Bad Request: message to edit not found',
    );
    const chat = sim.world.chat(alice.id);
    expect(chat?.transcript.map((e) => [e.by, e.kind, e.text])).toEqual([
      [alice.id, 'message', '/start'],
      ['bot', 'message', 'Question 1 of 3'],
      ['bot', 'edit', 'Question 2 of 3'],
      ['bot', 'delete', undefined],
    ]);
  });

  it('needs admin rights to pin in a group', async () => {
    const owner = sim.world.createUser({ firstName: 'Owner' });
    const group = sim.world.createGroup({ title: 'Trivia night', creator: owner.id });
    const message = await api.sendMessage(group.id, 'Welcome');
    expect((await apiError(api.pinChatMessage(group.id, message.message_id))).description).toBe(
      'Bad Request: not enough rights to manage pinned messages in the chat',
    );
    sim.world.setBotStatus(group.id, 'administrator', owner.id);
    expect(await api.pinChatMessage(group.id, message.message_id)).toBe(true);
  });
});

describe('chats and members', () => {
  it('reports members, admins and the chat like Telegram', async () => {
    const [owner, admin, member, outsider] = ['Owner', 'Admin', 'Member', 'Outsider'].map((firstName) =>
      sim.world.createUser({ firstName }),
    );
    const group = sim.world.createGroup({ title: 'Quiz club', creator: owner!.id, admins: [admin!.id], members: [member!.id] });
    expect((await api.getChatMember(group.id, owner!.id)).status).toBe('creator');
    expect((await api.getChatMember(group.id, admin!.id)).status).toBe('administrator');
    expect((await api.getChatMember(group.id, member!.id)).status).toBe('member');
    expect((await api.getChatMember(group.id, outsider!.id)).status).toBe('left');
    expect((await api.getChatMember(group.id, sim.bot.id)).status).toBe('member');
    const admins = await api.getChatAdministrators(group.id);
    expect(admins.map((m) => m.user.id).sort()).toEqual([owner!.id, admin!.id].sort());
    expect(await api.getChat(group.id)).toMatchObject({ id: group.id, type: 'supergroup', title: 'Quiz club' });
    expect((await apiError(api.getChatMember(group.id, 42))).description).toBe('Bad Request: PARTICIPANT_ID_INVALID');
  });
});

describe('polls', () => {
  it('sends a quiz with several correct options, closes it after open_period and tells the bot', async () => {
    const owner = sim.world.createUser({ firstName: 'Owner' });
    const player = sim.world.createUser({ firstName: 'Player' });
    const group = sim.world.createGroup({ title: 'Quiz', creator: owner.id, members: [player.id] });
    await drainUpdates();
    const sent = await api.sendPoll(group.id, 'Which are prime?', [{ text: '2' }, { text: '4' }, { text: '5' }], {
      type: 'quiz',
      is_anonymous: false,
      allows_multiple_answers: true,
      correct_option_ids: [0, 2],
      explanation: '4 = 2 x 2',
      open_period: 10,
    });
    expect(sent.poll).toMatchObject({
      type: 'quiz',
      is_closed: false,
      correct_option_ids: [0, 2],
      open_period: 10,
      allows_revoting: false,
    });

    sim.world.answerPoll(player.id, sent.poll.id, [0, 2]);
    expect(() => sim.world.answerPoll(player.id, sent.poll.id, [0])).toThrow(expect.objectContaining({ code: 'REVOTE_NOT_ALLOWED' }));
    clock.advance(9_999);
    expect(sim.world.poll(sent.poll.id)?.isClosed).toBe(false);
    clock.advance(1);
    expect(sim.world.poll(sent.poll.id)?.isClosed).toBe(true);
    expect(() => sim.world.answerPoll(owner.id, sent.poll.id, [1])).toThrow(expect.objectContaining({ code: 'POLL_CLOSED' }));

    const updates = await drainUpdates();
    const answers = updates.filter((u) => u.poll_answer).map((u) => u.poll_answer);
    expect(answers).toEqual([
      {
        poll_id: sent.poll.id,
        user: expect.objectContaining({ id: player.id }),
        option_ids: [0, 2],
        option_persistent_ids: expect.any(Array),
      },
    ]);
    const states = updates.filter((u) => u.poll).map((u) => u.poll);
    expect(states.at(-1)).toMatchObject({ id: sent.poll.id, is_closed: true, total_voter_count: 1 });
    expect((await apiError(api.stopPoll(group.id, sent.message_id))).description).toBe('Bad Request: poll has already been closed');
  });

  it('lets a user revote and retract when the poll allows revoting', async () => {
    const alice = startedUser();
    const sent = await api.sendPoll(alice.id, 'Capital of France?', [{ text: 'Berlin' }, { text: 'Paris' }], {
      type: 'quiz',
      is_anonymous: false,
      correct_option_ids: [1],
      allows_revoting: true,
    });
    await drainUpdates();
    sim.world.answerPoll(alice.id, sent.poll.id, [0]);
    sim.world.answerPoll(alice.id, sent.poll.id, [1]);
    sim.world.answerPoll(alice.id, sent.poll.id, []);
    const answers = (await drainUpdates()).filter((u) => u.poll_answer).map((u) => u.poll_answer?.option_ids);
    expect(answers).toEqual([[0], [1], []]);
    const stopped = await api.stopPoll(alice.id, sent.message_id);
    expect(stopped).toMatchObject({ is_closed: true, total_voter_count: 0 });
  });

  it('coalesces poll-state updates while one waits, and sends a new one after hand-out or a drop', async () => {
    const [owner, a, b] = ['Owner', 'A', 'B'].map((firstName) => sim.world.createUser({ firstName }));
    const group = sim.world.createGroup({ title: 'Votes', creator: owner!.id, members: [a!.id, b!.id] });
    const sent = await api.sendPoll(group.id, 'Tea or coffee?', [{ text: 'Tea' }, { text: 'Coffee' }], { is_anonymous: false });
    await drainUpdates();
    const voterCounts = (updates: Update[]) => updates.filter((u) => u.poll).map((u) => u.poll?.total_voter_count);
    sim.world.answerPoll(a!.id, sent.poll.id, [0]);
    sim.world.answerPoll(b!.id, sent.poll.id, [1]);
    expect(voterCounts(await drainUpdates())).toEqual([2]);
    sim.world.answerPoll(owner!.id, sent.poll.id, [0]);
    await api.deleteWebhook({ drop_pending_updates: true }); // the waiting state update is dropped unseen
    sim.world.answerPoll(a!.id, sent.poll.id, [1]);
    expect(voterCounts(await drainUpdates())).toEqual([3]);
  });

  it('refuses polls outside Telegram limits with a 400', async () => {
    const alice = startedUser();
    const options = Array.from({ length: 13 }, (_, i) => ({ text: `Option ${i}` }));
    const tooMany = await apiError(
      api.sendPoll(alice.id, 'Too many?', options, { type: 'quiz', is_anonymous: false, correct_option_ids: [0] }),
    );
    expect(tooMany.error_code).toBe(400);
    const longQuestion = await apiError(api.sendPoll(alice.id, 'x'.repeat(301), [{ text: 'a' }, { text: 'b' }]));
    expect(longQuestion.error_code).toBe(400);
    expect(sim.world.chat(alice.id)?.transcript.filter((e) => e.kind === 'poll')).toEqual([]);
  });

  it("gives the bot a user's own quiz poll with its correct options", async () => {
    const alice = startedUser();
    await drainUpdates();
    sim.world.sendQuizPoll(alice.id, {
      question: 'Capital of Japan?',
      options: ['Tokyo', 'Kyoto'],
      correctOptionIds: [0],
      explanation: 'Since 1868',
    });
    const [update] = await drainUpdates();
    expect(update?.message?.poll).toMatchObject({
      type: 'quiz',
      question: 'Capital of Japan?',
      correct_option_ids: [0],
      explanation: 'Since 1868',
    });
  });
});

describe('buttons', () => {
  it('delivers a button press and accepts one answer to it', async () => {
    const alice = startedUser();
    const sent = await api.sendMessage(alice.id, 'Ready?', {
      reply_markup: { inline_keyboard: [[{ text: 'Yes', callback_data: 'ready' }]] },
    });
    await drainUpdates();
    const id = sim.world.pressButton(alice.id, alice.id, sent.message_id, 'ready');
    const [update] = await drainUpdates();
    expect(update?.callback_query).toMatchObject({ id, data: 'ready', from: { id: alice.id }, message: { message_id: sent.message_id } });
    expect(await api.answerCallbackQuery(id, { text: 'Go!' })).toBe(true);
    expect((await apiError(api.answerCallbackQuery(id))).description).toBe(
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    );
  });
});

describe('updates over HTTP', () => {
  it('wakes a waiting long poll when an update arrives, and confirms with offset', async () => {
    const alice = sim.world.createUser({ firstName: 'Alice' });
    const waiting = api.getUpdates({ timeout: 30 });
    await expect.poll(() => sim.stats().updates.getUpdatesCalls).toBe(1);
    sim.world.sendText(alice.id, alice.id, 'hello');
    const [update] = await waiting;
    expect(update?.message).toMatchObject({ text: 'hello', from: { id: alice.id } });
    clock.advance(3_000);
    expect(await api.getUpdates({ offset: (update?.update_id ?? 0) + 1, timeout: 0 })).toEqual([]);
    expect(sim.updates.pendingCount).toBe(0);
  });

  it('answers 409 to getUpdates while a webhook is set', async () => {
    expect(await api.setWebhook('http://127.0.0.1:9/telegram')).toBe(true);
    const conflict = await apiError(api.getUpdates({ timeout: 0 }));
    expect([conflict.error_code, conflict.description]).toEqual([
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    ]);
    expect(await api.deleteWebhook()).toBe(true);
    expect(await api.getUpdates({ timeout: 0 })).toEqual([]);
  });

  it("delivers to a grammY webhook with the secret header, and the bot's reply arrives", async () => {
    const bot = new Bot(sim.token, { client: { apiRoot: sim.apiRoot }, botInfo: await api.getMe() });
    bot.on('message:text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    const server: Server = createServer(webhookCallback(bot, 'http', { secretToken: 'hook-secret' }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await api.setWebhook(`http://127.0.0.1:${port}/telegram`, { secret_token: 'hook-secret' });
      const alice = sim.world.createUser({ firstName: 'Alice' });
      const replied = once(sim.world, 'botMessage');
      sim.world.sendText(alice.id, alice.id, 'ping');
      const [message] = (await replied) as [{ text?: string }];
      expect(message.text).toBe('echo: ping');
      await expect.poll(() => sim.updates.pendingCount).toBe(0);
      expect((await api.getWebhookInfo()).pending_update_count).toBe(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('flood limits and faults', () => {
  it('counts edits against the 20-per-minute group limit and refuses exactly past the burst', async () => {
    const owner = sim.world.createUser({ firstName: 'Owner' });
    const group = sim.world.createGroup({ title: 'Busy', creator: owner.id });
    const first = await api.sendMessage(group.id, 'one');
    await api.editMessageText(group.id, first.message_id, 'one (edited)');
    await api.sendMessage(group.id, 'two');
    const refused = await apiError(api.sendMessage(group.id, 'three'));
    // 20/min refills one message every 3 s: that is the wait Telegram names.
    expect([refused.error_code, refused.parameters.retry_after]).toEqual([429, 3]);
    clock.advance(2_999);
    expect((await apiError(api.sendMessage(group.id, 'too early'))).error_code).toBe(429);
    clock.advance(1);
    expect((await api.sendMessage(group.id, 'three')).text).toBe('three');
    expect(sim.stats().floodLimits.scopes.group.violations).toBe(1);
  });

  it('answers 429 with retry_after once a private chat goes past its burst, and counts it', async () => {
    const alice = startedUser();
    const burst = sim.limits.settings.chat.burst;
    for (let i = 0; i < burst; i++) await api.sendMessage(alice.id, `message ${i}`);
    const refused = await apiError(api.sendMessage(alice.id, 'one too many'));
    expect([refused.error_code, refused.description, refused.parameters.retry_after]).toEqual([429, 'Too Many Requests: retry after 1', 1]);
    expect(sim.stats().floodLimits.scopes.chat.violations).toBe(1);
    clock.advance(1_000);
    await api.sendMessage(alice.id, 'after waiting');
    expect(sim.stats().botApi.tooManyRequests).toBe(1);
  });

  it('injects a 502 and a dropped connection that took effect', async () => {
    const alice = startedUser();
    sim.faults.add({ kind: 'server_error', status: 502, methods: ['sendMessage'], times: 1 });
    const bad = await apiError(api.sendMessage(alice.id, 'first'));
    expect(bad.error_code).toBe(502);
    sim.faults.add({ kind: 'drop_after', methods: ['sendMessage'], times: 1 });
    const dropped = await api.sendMessage(alice.id, 'second').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(dropped).toBeInstanceOf(HttpError);
    // The client saw a network error, yet the message was sent: exactly the ambiguity to handle.
    expect(
      sim.world
        .chat(alice.id)
        ?.transcript.filter((e) => e.by === 'bot')
        .map((e) => e.text),
    ).toEqual(['second']);
  });
});

describe('a real grammY bot', () => {
  it('long-polls, handles /start and replies', async () => {
    const bot = new Bot(sim.token, { client: { apiRoot: sim.apiRoot } });
    bot.command('start', (ctx) => ctx.reply(`Welcome, ${ctx.from?.first_name}! Payload: ${ctx.match}`));
    const alice = sim.world.createUser({ firstName: 'Alice' });
    const replied = once(sim.world, 'botMessage');
    void bot.start({ drop_pending_updates: false, timeout: 1 });
    sim.world.sendText(alice.id, alice.id, '/start quiz_42');
    const [message] = (await replied) as [{ text?: string }];
    expect(message.text).toBe('Welcome, Alice! Payload: quiz_42');
    await bot.stop();
  });
});
