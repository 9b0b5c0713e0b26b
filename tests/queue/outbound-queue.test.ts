/**
 * The outbound queue in front of grammY's Api, against the simulator over real HTTP. Limits are
 * scaled up on both sides (the simulator's flood limits and the queue's) so runs stay short; the
 * checks are counts and orders the simulator records, never durations.
 */
import { Writable } from 'node:stream';
import type { GrammyError, Transformer } from 'grammy';
import { Api } from 'grammy';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AmbiguousDeliveryError,
  ChatUnreachableError,
  QueueClosedError,
  QueueFullError,
  SendCancelledError,
} from '../../src/queue/errors.js';
import { createOutboundQueue, type OutboundQueue, type OutboundQueueOptions } from '../../src/queue/outbound-queue.js';
import { ManualClock } from 'telegram-sim/clock';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';

/**
 * Simulator limits 20x Telegram's per chat, 10x per group and over all chats; the queue runs at
 * three quarters of them, so a loaded test machine's scheduling jitter cannot fake a violation.
 */
const SIM_LIMITS = { chat: { perSecond: 20, burst: 3 }, group: { perSecond: 200 / 60, burst: 3 }, global: { perSecond: 300, burst: 30 } };
const QUEUE_LIMITS = { privateChatPerS: 15, groupPerMin: 150, globalPerS: 225, retryBaseMs: 20 };

let sim: Simulator;
let queue: OutboundQueue;
let logs: { msg: string; scope?: string }[];

afterEach(async () => {
  await queue?.close(5_000);
  await sim?.close();
});

async function setUp(options: Partial<OutboundQueueOptions> = {}, simLimits: object = SIM_LIMITS): Promise<Api> {
  sim = await startSimulator({ limits: simLimits });
  logs = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line) as { msg: string });
      done();
    },
  });
  queue = createOutboundQueue({ logger: pino({ level: 'info' }, sink), ...QUEUE_LIMITS, ...options });
  return apiWith(queue.transformer);
}

/** A grammY Api of the simulator's bot with `transformer` installed (one per kind of sender, as the bot does). */
function apiWith(transformer: Transformer): Api {
  const api = new Api(sim.token, { apiRoot: sim.apiRoot });
  api.config.use(transformer);
  return api;
}

function startedUsers(count: number): number[] {
  return Array.from({ length: count }, (_, i) => sim.world.createStartedUser({ firstName: `User ${i + 1}` }).id);
}

const botTexts = (chatId: number) =>
  sim.world
    .chat(chatId)
    ?.transcript.filter((e) => e.by === 'bot' && e.kind === 'message')
    .map((e) => e.text) ?? [];
const violations = () => {
  const { scopes } = sim.stats().floodLimits;
  return { chat: scopes.chat.violations, group: scopes.group.violations, global: scopes.global.violations };
};
const settle = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

describe('order and limits', () => {
  it('keeps each chat in order under concurrency and never breaks a limit', async () => {
    const api = await setUp();
    expect(logs.map((l) => l.msg)).toContain('Message queue started with 10 workers');
    const users = startedUsers(5);
    const owner = users[0] as number;
    const groups = [1, 2].map((n) => sim.world.createGroup({ title: `Group ${n}`, creator: owner }).id);
    const chats = [...users, ...groups];
    await Promise.all(chats.flatMap((chat) => Array.from({ length: 8 }, (_, i) => api.sendMessage(chat, `message ${i}`))));
    for (const chat of chats) expect(botTexts(chat)).toEqual(Array.from({ length: 8 }, (_, i) => `message ${i}`));
    expect(violations()).toEqual({ chat: 0, group: 0, global: 0 });
    expect(sim.stats().botApi.tooManyRequests).toBe(0);
    expect(queue.stats()).toMatchObject({ total_processed: 56, total_failed: 0, rate_limit_hits: 0, queue_size: 0, in_flight: 0 });
  });

  it('holds the global limit over a broadcast to many chats', async () => {
    await setUp({ globalPerS: 75 }, { ...SIM_LIMITS, global: { perSecond: 100, burst: 30 } });
    const bulkApi = apiWith(queue.transformerFor('bulk'));
    const users = startedUsers(150);
    await Promise.all(users.map((user) => bulkApi.sendMessage(user, 'News')));
    expect(users.every((user) => botTexts(user).length === 1)).toBe(true);
    expect(violations()).toEqual({ chat: 0, group: 0, global: 0 });
  });
});

describe('errors', () => {
  it('pauses only the refused chat for retry_after and repeats the call first in its line', async () => {
    const api = await setUp();
    const [slow, other] = startedUsers(2) as [number, number];
    sim.faults.add({ kind: 'rate_limit', retryAfterS: 1, chatId: slow, times: 1 });
    const order: string[] = [];
    sim.world.on('botMessage', (message) => order.push(`${message.chatId}:${message.text}`));
    await Promise.all([api.sendMessage(slow, 'first'), api.sendMessage(slow, 'second'), api.sendMessage(other, 'meanwhile')]);
    expect(botTexts(slow)).toEqual(['first', 'second']);
    // The other chat did not wait for the refused one's second of pause.
    expect(order[0]).toBe(`${other}:meanwhile`);
    expect(queue.stats().rate_limit_hits).toBe(1);
    expect(logs.find((l) => l.msg === 'Rate limit hit')).toMatchObject({ scope: 'private', retryAfterS: 1 });
  });

  it('takes 429s for several chats at once for the global limit and pauses everything', async () => {
    const api = await setUp();
    const users = startedUsers(4);
    sim.faults.add({ kind: 'rate_limit', retryAfterS: 1, times: 3 });
    await Promise.all(users.map((user) => api.sendMessage(user, 'hello')));
    expect(users.map((user) => botTexts(user))).toEqual(users.map(() => ['hello']));
    expect(logs.filter((l) => l.msg === 'Rate limit hit').map((l) => l.scope)).toContain('global');
    expect(queue.stats().rate_limit_hits).toBe(3);
  });

  it("takes a 429 on a call outside the message limits (getChatMember) for that call's own: it waits retry_after, no message does", async () => {
    // The queue's time is a ManualClock: getChatMember's retry_after passes only when the test
    // moves it, after the message went out, whatever the machine's speed.
    const clock = new ManualClock();
    const api = await setUp({ clock });
    const [user] = startedUsers(1) as [number];
    const group = sim.world.createGroup({ title: 'Members', members: [user] });
    sim.faults.add({ kind: 'rate_limit', retryAfterS: 1, methods: ['getChatMember'], times: 1 });
    const order: string[] = [];
    const member = api.getChatMember(group.id, user).then((m) => order.push(`member:${m.status}`));
    await vi.waitFor(() => expect(queue.stats().rate_limit_hits).toBe(1), { timeout: 5_000 });
    await api.sendMessage(user, 'meanwhile');
    order.push('message');
    clock.advance(1_000);
    await member;
    // Before: every message paused for the second, and getChatMember was repeated at once.
    expect(order).toEqual(['message', 'member:creator']);
    expect(logs.find((l) => l.msg === 'Rate limit hit')).toMatchObject({ scope: 'method', retryAfterS: 1 });
    expect(sim.stats().botApi.calls.getchatmember).toBe(2);
  });

  it('repeats a call Telegram answered with 5xx, after a backoff', async () => {
    const api = await setUp();
    const [user] = startedUsers(1) as [number];
    sim.faults.add({ kind: 'server_error', status: 502, methods: ['sendMessage'], times: 2 });
    expect((await api.sendMessage(user, 'eventually')).text).toBe('eventually');
    expect(botTexts(user)).toEqual(['eventually']);
    expect(queue.stats().retries).toBe(2);
  });

  it('does not repeat a send whose connection broke after the request went out, but repeats an edit', async () => {
    const api = await setUp();
    const [user] = startedUsers(1) as [number];
    sim.faults.add({ kind: 'drop_after', methods: ['sendMessage'], times: 1 });
    const outcome = await settle(api.sendMessage(user, 'maybe'));
    expect((outcome as { error: unknown }).error).toBeInstanceOf(AmbiguousDeliveryError);
    expect(botTexts(user)).toEqual(['maybe']); // it did go out: a repeat would have doubled it

    const sent = await api.sendMessage(user, 'draft');
    sim.faults.add({ kind: 'drop_after', methods: ['editMessageText'], times: 1 });
    // The first attempt applied the edit; the repeat finds it applied ("message is not
    // modified"), which the queue reports as the success it is.
    expect(await api.editMessageText(user, sent.message_id, 'final')).toBe(true);
    expect(sim.world.chat(user)?.messages.get(sent.message_id)?.text).toBe('final');
    expect(sim.stats().botApi.calls.editmessagetext).toBe(2);
  });

  it('fails a 400 at once, and marks a chat that blocked the bot', async () => {
    const api = await setUp();
    const [user] = startedUsers(1) as [number];
    const unknown = await settle(api.sendMessage(123, 'nobody'));
    expect((unknown as { error: GrammyError }).error).toMatchObject({ error_code: 400, description: 'Bad Request: chat not found' });
    expect(sim.stats().botApi.calls.sendmessage).toBe(1);

    const unreachable: string[] = [];
    queue.on('chatUnreachable', (chatId) => unreachable.push(chatId));
    sim.world.blockBot(user);
    const blocked = await settle(api.sendMessage(user, 'hello?'));
    expect((blocked as { error: GrammyError }).error.error_code).toBe(403);
    expect(unreachable).toEqual([String(user)]);
    const refused = await settle(api.sendMessage(user, 'again?'));
    expect((refused as { error: unknown }).error).toBeInstanceOf(ChatUnreachableError);
    expect(sim.stats().botApi.calls.sendmessage).toBe(2); // the third never left the queue
    sim.world.unblockBot(user);
    queue.markReachable(user);
    expect((await api.sendMessage(user, 'welcome back')).text).toBe('welcome back');
    expect(queue.stats().total_failed).toBe(3); // 400, 403, and the refusal without a call
  });
});

describe('priorities, size and shutdown', () => {
  it('sends an interactive call before waiting bulk ones', async () => {
    const api = await setUp({ workers: 10, globalPerS: 20 });
    const users = startedUsers(31);
    const sentOrder: number[] = [];
    sim.world.on('botMessage', (message) => sentOrder.push(message.chatId));
    const bulkApi = apiWith(queue.transformerFor('bulk'));
    const bulk = users.slice(0, 30).map((user) => bulkApi.sendMessage(user, 'announcement'));
    const player = users[30] as number;
    await Promise.all([...bulk, api.sendMessage(player, 'your question')]);
    // Every call waited for a global slot; the interactive one took the first slot that was
    // given out, ahead of the bulk calls already waiting there.
    expect(sentOrder.indexOf(player)).toBeLessThanOrEqual(3);
    expect(queue.stats().wait_ms.bulk.count).toBe(30);
  });

  it('gives every call of an Api built with transformerFor(priority) that priority', async () => {
    const api = await setUp({ workers: 10, globalPerS: 20 });
    const bulkApi = apiWith(queue.transformerFor('bulk'));
    const users = startedUsers(31);
    const sentOrder: number[] = [];
    sim.world.on('botMessage', (message) => sentOrder.push(message.chatId));
    const bulk = users.slice(0, 30).map((user) => bulkApi.sendMessage(user, 'announcement'));
    const player = users[30] as number;
    await Promise.all([...bulk, api.sendMessage(player, 'your question')]);
    expect(sentOrder.indexOf(player)).toBeLessThanOrEqual(3);
    expect(queue.stats().wait_ms.bulk.count).toBe(30);
    expect(queue.stats().wait_ms.interactive.count).toBe(1);
  });

  it('gives every call of an Api built with transformerWith(options) its guard and priority', async () => {
    await setUp();
    const [user] = startedUsers(1) as [number];
    const guarded = (answer: boolean) =>
      apiWith(queue.transformerWith({ priority: 'question', dueAt: Date.now() - 1_000, beforeSend: async () => answer }));
    const declined = await settle(guarded(false).sendMessage(user, 'stale'));
    expect((declined as { error: unknown }).error).toBeInstanceOf(SendCancelledError);
    expect(sim.stats().botApi.calls.sendmessage).toBeUndefined(); // nothing reached Telegram
    expect((await guarded(true).sendMessage(user, 'fresh')).text).toBe('fresh');
    expect(botTexts(user)).toEqual(['fresh']);
    expect(queue.stats()).toMatchObject({ total_cancelled: 1, total_processed: 1 });
    expect(queue.stats().wait_ms.question.count).toBe(1);
  });

  it('refuses calls beyond its size with a clear error and loses none it accepted', async () => {
    const api = await setUp({ maxSize: 5, privateChatPerS: 5 });
    const [user] = startedUsers(1) as [number];
    const calls = Array.from({ length: 7 }, (_, i) => settle(api.sendMessage(user, `m${i}`)));
    const outcomes = await Promise.all(calls);
    const full = outcomes.filter((o) => 'error' in o);
    expect(full).toHaveLength(2);
    for (const o of full) expect((o as { error: Error }).error).toBeInstanceOf(QueueFullError);
    expect((full[0] as { error: Error }).error.message).toMatch(/outbound queue is full \(5 calls waiting\)/);
    expect(botTexts(user)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('drains on shutdown: finishes what it can by the deadline and rejects and reports the rest', async () => {
    const api = await setUp({ privateChatPerS: 1 });
    const [user] = startedUsers(1) as [number];
    const calls = Array.from({ length: 6 }, (_, i) => settle(api.sendMessage(user, `m${i}`)));
    const report = await queue.drain(300);
    const outcomes = await Promise.all(calls);
    const sent = outcomes.filter((o) => 'value' in o).length;
    const closed = outcomes.filter((o) => 'error' in o && o.error instanceof QueueClosedError).length;
    expect(sent + closed).toBe(6); // every call settled, one way or the other
    expect(report.complete).toBe(false);
    expect(report.unsent).toHaveLength(closed);
    expect(closed).toBeGreaterThan(0);
    expect(botTexts(user)).toHaveLength(sent);
    expect((await settle(api.sendMessage(user, 'late'))) as { error: unknown }).toMatchObject({ error: expect.any(QueueClosedError) });
  });

  it('lets getUpdates bypass the queue so a long poll never holds a worker', async () => {
    const api = await setUp({ workers: 1 });
    const [user] = startedUsers(1) as [number];
    await api.getUpdates({ timeout: 0 }).then((updates) => api.getUpdates({ offset: (updates.at(-1)?.update_id ?? 0) + 1, timeout: 0 }));
    let polled = false;
    const poll = api.getUpdates({ timeout: 5 }).then(() => (polled = true));
    await expect.poll(() => sim.stats().updates.getUpdatesCalls).toBe(3);
    expect((await api.sendMessage(user, 'not stuck')).text).toBe('not stuck');
    expect(polled).toBe(false);
    sim.world.sendText(user, user, 'wake up');
    await poll;
  });
});
