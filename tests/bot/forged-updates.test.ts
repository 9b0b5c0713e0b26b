/**
 * Forged and malformed updates (issue 13), each through the real bot's long polling and through
 * its webhook, against the simulator and a real database: an update that breaks the rules is
 * refused at acceptance (counted by reason, acknowledged so that Telegram never delivers it
 * again, nothing written), and text PostgreSQL cannot store is removed before it reaches the
 * database, so the update it came with is handled like any other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimMessage } from 'telegram-sim/world-types';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import { createQuizOf } from '../helpers/fixtures.js';
import { intakeEnv } from '../helpers/intake-env.js';

const SECRET = 'forged_updates-secret-0123456789';
/** How long an update may take to be acknowledged before the test calls it a redelivery loop. */
const ACK_TIMEOUT_MS = 8_000;

describe.each(['polling', 'webhook'] as const)('forged and malformed updates through %s', (mode) => {
  let h: BotHarness;
  let poll: SimMessage;
  let runId: number;
  let groupId: number;
  let nextForgedUser = 7_000_000_000;
  let nextOrderKey = 0;

  beforeAll(async () => {
    const env = await intakeEnv(mode, SECRET);
    h = await startBotHarness({ env });
    const { world } = h.sim;
    const { owner, quiz } = await createQuizOf(
      h.db,
      world,
      { firstName: 'Host' },
      {
        title: 'Forgery',
        questions: [{ text: 'Which?', options: ['a', 'b', 'c'], correctOptionIds: [1] }],
      },
    );
    const group = world.createGroup({ title: 'Forgers', creator: owner.id });
    groupId = group.id;
    const start = world.sendText(owner.id, group.id, `/startquiz ${quiz.id} 10m`);
    poll = await h.nextBotMessage(group.id, start.messageId, (m) => m.pollId !== undefined);
    // The poll is recorded (its run question known to the bot) before anything answers it.
    const recorded = await h.waitFor(
      async () => (await h.db.query.runQuestions.findFirst({ where: (q, { eq }) => eq(q.pollId, poll.pollId!) })) ?? undefined,
      'the question recorded',
    );
    runId = recorded.runId;
    await acknowledgedAll();
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Queues `update` at "Telegram" as it is, with a delivery line of its own (a stuck one blocks nothing else). */
  const forge = (kind: 'poll_answer' | 'message', update: object): number => {
    const id = h.sim.updates.add(kind, `forged-${nextOrderKey++}`, update);
    if (id === undefined) throw new Error(`the simulator filtered out a ${kind} update`);
    return id;
  };

  /** A poll answer from a user of its own, to the run's poll, with `fields` replacing the defaults. */
  const forgeAnswer = (fields: Record<string, unknown>): { updateId: number; userId: number } => {
    const userId = nextForgedUser++;
    const updateId = forge('poll_answer', {
      poll_answer: { poll_id: poll.pollId, user: { id: userId, is_bot: false, first_name: 'Forger' }, option_ids: [1], ...fields },
    });
    return { updateId, userId };
  };

  /** Every update Telegram holds is confirmed, none of them redelivered, no webhook answer a failure. */
  async function acknowledgedAll(): Promise<void> {
    await h.waitFor(
      () => h.sim.stats().updates.pending === 0 || undefined,
      'Telegram to hold no update (a redelivery loop otherwise)',
      ACK_TIMEOUT_MS,
    );
  }

  /** Asserts `updateId` was acknowledged at its first delivery and left no trace but the refusal. */
  async function expectRefused(updateId: number, userId: number, reason: string, before: Snapshot): Promise<void> {
    await acknowledgedAll();
    expect(await answerRowsOf(userId), 'answers rows of the forged update').toEqual([]);
    expect(await inboxRow(updateId), 'an inbox row (a dead letter) for the forged update').toBeUndefined();
    const after = snapshot();
    expect(after.redelivered - before.redelivered, 'redeliveries').toBe(0);
    expect(after.webhookFailed - before.webhookFailed, 'webhook failures (5xx)').toBe(0);
    expect(after.refused[reason] ?? 0, `refusals for ${reason}`).toBe((before.refused[reason] ?? 0) + 1);
  }

  type Snapshot = { redelivered: number; webhookFailed: number; refused: Record<string, number> };
  const snapshot = (): Snapshot => {
    const updates = h.sim.stats().updates;
    const intake = h.app.intake.snapshot() as unknown as { refused?: Record<string, number> };
    return { redelivered: updates.redelivered, webhookFailed: updates.webhook.failed, refused: { ...intake.refused } };
  };
  const answerRowsOf = (userId: number) => h.db.query.answers.findMany({ where: (a, { eq }) => eq(a.userId, userId) });
  const inboxRow = (updateId: number) => h.db.query.inbox.findFirst({ where: (i, { eq }) => eq(i.updateId, updateId) });

  it('refuses option_ids [99] on a poll of 3 options (it was stored as it was)', async () => {
    const before = snapshot();
    const { updateId, userId } = forgeAnswer({ option_ids: [99] });
    await expectRefused(updateId, userId, 'invalid_option_ids', before);
  });

  it("refuses option id 3, one past the poll's real options though within Telegram's 10", async () => {
    const before = snapshot();
    const { updateId, userId } = forgeAnswer({ option_ids: [3] });
    await expectRefused(updateId, userId, 'invalid_option_ids', before);
  });

  it('refuses 10,000 option ids (they were stored as an array of 10,000)', async () => {
    const before = snapshot();
    const { updateId, userId } = forgeAnswer({ option_ids: Array.from({ length: 10_000 }, (_, i) => i) });
    await expectRefused(updateId, userId, 'invalid_option_ids', before);
  });

  it('refuses repeated option ids [1, 1] (Telegram never sends them)', async () => {
    const before = snapshot();
    const { updateId, userId } = forgeAnswer({ option_ids: [1, 1] });
    await expectRefused(updateId, userId, 'invalid_option_ids', before);
  });

  it('refuses option id 40000 (smallint overflow: it became a dead letter)', async () => {
    const before = snapshot();
    const { updateId, userId } = forgeAnswer({ option_ids: [40_000] });
    await expectRefused(updateId, userId, 'invalid_option_ids', before);
  });

  it('refuses option id -1 (it became a dead letter)', async () => {
    const before = snapshot();
    const { updateId, userId } = forgeAnswer({ option_ids: [-1] });
    await expectRefused(updateId, userId, 'invalid_option_ids', before);
  });

  it('refuses a poll answer without option_ids (acceptance threw, and was tried again forever)', async () => {
    const before = snapshot();
    const { updateId, userId } = forgeAnswer({ option_ids: undefined });
    await expectRefused(updateId, userId, 'invalid_option_ids', before);
  });

  it('refuses a user id of 2^62 instead of storing it rounded (4611686018427388000)', async () => {
    const before = snapshot();
    const updateId = forge('poll_answer', {
      poll_answer: { poll_id: poll.pollId, user: { id: 2 ** 62, is_bot: false, first_name: 'Huge' }, option_ids: [1] },
    });
    await expectRefused(updateId, 2 ** 62, 'unsafe_id', before);
    const [unsafe] = await h.app.store.database.sql<{ count: string }[]>`select count(*) from users where id > ${Number.MAX_SAFE_INTEGER}`;
    expect(Number(unsafe?.count)).toBe(0);
  });

  it('stores an answer whose first name holds U+0000, without it (it became a dead letter)', async () => {
    const before = snapshot();
    const { userId } = forgeAnswer({
      user: { id: nextForgedUser, is_bot: false, first_name: 'Nu\u0000ll', username: 'nu\u0000ll' },
      option_ids: [1],
    });
    await acknowledgedAll();
    const rows = await h.waitFor(
      async () => {
        const found = await answerRowsOf(userId);
        return found.length > 0 ? found : undefined;
      },
      'the answer stored',
      ACK_TIMEOUT_MS,
    );
    expect(rows).toMatchObject([{ runId, optionIds: [1], isCorrect: true }]);
    expect(await h.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) })).toMatchObject({
      firstName: 'Null',
      username: 'null',
    });
    expect(snapshot().redelivered).toBe(before.redelivered);
  });

  it('handles a message from a user whose name holds U+0000, and a group title with a lone surrogate, with the text cleaned (the message was a dead letter)', async () => {
    const { world } = h.sim;
    const deadBefore = h.app.inbox.stats().dead_letters;
    const user = world.createUser({ firstName: 'Zero\u0000Byte' });
    const start = world.sendText(user.id, user.id, '/start');
    await h.nextBotMessage(user.id, start.messageId, (m) => !(m.text ?? '').startsWith('Sorry'));
    expect(await h.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, user.id) })).toMatchObject({ firstName: 'ZeroByte' });

    const group = world.createGroup({ title: 'Half \ud83c pair', creator: user.id });
    const chat = await h.waitFor(
      async () => (await h.db.query.chats.findFirst({ where: (c, { eq }) => eq(c.id, group.id) })) ?? undefined,
      'the group stored',
    );
    expect(chat.title).toBe('Half  pair');
    await acknowledgedAll();
    expect(h.app.inbox.stats().dead_letters).toBe(deadBefore);
  });

  it('still plays: a valid answer after all this is stored, and a command gets its reply', async () => {
    const { world } = h.sim;
    const player = world.createUser({ firstName: 'Honest' });
    world.setMemberStatus(groupId, player.id, 'member');
    world.answerPoll(player.id, poll.pollId!, [1]);
    await h.waitFor(async () => (await answerRowsOf(player.id)).length === 1 || undefined, 'the honest answer stored');
    const reply = await h.ask(player.id, groupId, '/leaderboard');
    expect(reply.text).toMatch(/^(🏆 Best players|No scores yet)/);
  });
});
