/**
 * The `/sim/...` control API over HTTP: what someone driving `npm run sim` from another process
 * (curl, a script) can do, and the answers bad input gets.
 */
import { Api } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { startSimulator, type Simulator } from '../src/simulator.js';

let sim: Simulator;
let api: Api;

beforeEach(async () => {
  sim = await startSimulator({ clock: new ManualClock(Date.UTC(2026, 10, 23, 12, 0, 0)) });
  api = new Api(sim.token, { apiRoot: sim.apiRoot });
});
afterEach(async () => {
  await sim.close();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }> {
  const response = await fetch(`${sim.apiRoot}/sim/${path}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

describe('the control API', () => {
  it('creates users and a group, sends a command, and shows the transcript', async () => {
    const alice = (await call('POST', 'users', { first_name: 'Alice', username: 'alice' })).json as { id: number };
    expect(alice).toEqual({ id: expect.any(Number), is_bot: false, first_name: 'Alice', username: 'alice' });
    const owner = (await call('POST', 'users', { first_name: 'Owner' })).json as { id: number };
    const group = await call('POST', 'groups', { title: 'Quiz night', creator: owner.id, members: [alice.id] });
    expect(group.status).toBe(200);
    expect(group.json).toMatchObject({ type: 'supergroup', title: 'Quiz night', members: { [owner.id]: 'creator', [alice.id]: 'member' } });

    const sent = await call('POST', 'messages', { user_id: alice.id, text: '/start' });
    expect(sent.json).toMatchObject({ message_id: 1, chat: { id: alice.id, type: 'private' }, from: { id: alice.id }, text: '/start' });
    const updates = await api.getUpdates({ timeout: 0 });
    // The bot was added to the group first: Telegram tells it with my_chat_member.
    expect(updates.map((u) => Object.keys(u).find((k) => k !== 'update_id'))).toEqual(['my_chat_member', 'message']);
    expect(updates[1]?.message).toMatchObject({ text: '/start', entities: [{ type: 'bot_command', offset: 0, length: 6 }] });
    await api.sendMessage(alice.id, 'Welcome!');

    const transcript = await call('GET', `chats/${alice.id}/transcript?format=text`);
    expect(transcript.text).toBe('[12:00:00.000] @alice: /start\n[12:00:00.000] bot: Welcome!');
    const entries = (await call('GET', `chats/${alice.id}/transcript`)).json as { by: unknown; kind: string }[];
    expect(entries.map((e) => [e.by, e.kind])).toEqual([
      [alice.id, 'message'],
      ['bot', 'message'],
    ]);
  });

  it("answers a bot poll, refuses a second vote Telegram's apps would not allow, and shows the votes", async () => {
    const alice = sim.world.createStartedUser({ firstName: 'Alice' });
    const sent = await api.sendPoll(alice.id, '2 + 2?', [{ text: '3' }, { text: '4' }], {
      type: 'quiz',
      correct_option_ids: [1],
      is_anonymous: false,
    });
    const voted = await call('POST', 'poll-answers', { user_id: alice.id, poll_id: sent.poll.id, option_ids: [1] });
    expect(voted.json).toEqual({ update_id: expect.any(Number) });
    const again = await call('POST', 'poll-answers', { user_id: alice.id, poll_id: sent.poll.id, option_ids: [0] });
    expect([again.status, (again.json as { error: string }).error]).toEqual([409, 'REVOTE_NOT_ALLOWED']);
    const poll = await call('GET', `polls/${sent.poll.id}`);
    expect(poll.json).toMatchObject({ id: sent.poll.id, total_voter_count: 1, votes: { [alice.id]: [1] } });
  });

  it('switches faults and flood limits at runtime, refusing bad rules with a 400', async () => {
    const alice = sim.world.createStartedUser({ firstName: 'Alice' });
    const bad = await call('POST', 'faults', { kind: 'server_error', status: 418 });
    expect(bad.status).toBe(400);
    expect((bad.json as { message: string }).message).toMatch(/status must be one of/);

    const added = await call('POST', 'faults', { kind: 'rate_limit', retryAfterS: 7, methods: ['sendMessage'], times: 1 });
    expect(added.status).toBe(200);
    const refused = await api
      .sendMessage(alice.id, 'hi')
      .catch((e: unknown) => e as { error_code: number; parameters: { retry_after: number } });
    expect(refused).toMatchObject({ error_code: 429, parameters: { retry_after: 7 } });
    expect((await api.sendMessage(alice.id, 'hi')).text).toBe('hi');

    const limits = await call('PUT', 'limits', { enabled: false });
    expect(limits.json).toMatchObject({ enabled: false });
    for (let i = 0; i < 10; i++) await api.sendMessage(alice.id, `burst ${i}`); // past the chat burst of 3: no 429 now
    expect((await call('PUT', 'limits', { chat: { perSecond: -1 } })).status).toBe(400);

    const stats = (await call('GET', 'stats')).json as { botApi: { calls: Record<string, number>; tooManyRequests: number } };
    expect(stats.botApi.calls.sendmessage).toBe(12);
    expect(stats.botApi.tooManyRequests).toBe(1);
  });

  it('answers 404 to an unknown endpoint and 400 to a body that is not JSON', async () => {
    expect((await call('GET', 'nothing-here')).status).toBe(404);
    const response = await fetch(`${sim.apiRoot}/sim/users`, { method: 'POST', body: 'first_name=Alice' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'BAD_JSON', message: 'the body must be a JSON object' });
  });
});
