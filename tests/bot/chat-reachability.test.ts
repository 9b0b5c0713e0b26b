/**
 * Blocked chats have one owner (src/bot/chat-reachability.ts): a 403 the queue meets is recorded
 * in chats.blocked_at, and marking the chat reachable lifts the record and the queue's refusal
 * together. Real queue, real simulator over HTTP, real PostgreSQL.
 */
import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import { createChatReachability } from '../../src/bot/chat-reachability.js';
import { ChatUnreachableError } from '../../src/queue/errors.js';
import { createOutboundQueue, type OutboundQueue } from '../../src/queue/outbound-queue.js';
import { isChatBlocked, upsertChat } from '../../src/store/queries/chats.js';
import { createMigratedTestDatabase, testLogger, type TestDatabase } from '../helpers/database.js';
import type { DatabaseHandle } from '../../src/store/database.js';

describe('chat reachability: one owner for blocked chats', () => {
  let database: TestDatabase & { handle: DatabaseHandle };
  let sim: Simulator;
  let queue: OutboundQueue;
  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    sim = await startSimulator({});
    queue = createOutboundQueue({ logger: testLogger, retryBaseMs: 20 });
  });
  afterAll(async () => {
    await queue?.close(5_000);
    await sim?.close();
    await database?.drop();
  });

  it('records a 403 met by the queue, and lifts the record and the refusal at once', async () => {
    const { db } = database.handle;
    const chats = createChatReachability({ db, queue, logger: testLogger });
    const api = new Api(sim.token, { apiRoot: sim.apiRoot });
    api.config.use(queue.transformer);
    const user = sim.world.createStartedUser({ firstName: 'Bea' }).id;
    await upsertChat(db, { id: user, type: 'private', title: null });

    sim.world.blockBot(user);
    await expect(api.sendMessage(user, 'hello?')).rejects.toMatchObject({ error_code: 403 });
    await expect.poll(() => isChatBlocked(db, user), { timeout: 10_000 }).toBe(true);
    await expect(api.sendMessage(user, 'again?')).rejects.toBeInstanceOf(ChatUnreachableError);

    sim.world.unblockBot(user);
    expect(await chats.markReachable(user)).toBe(true);
    expect(await isChatBlocked(db, user)).toBe(false);
    expect((await api.sendMessage(user, 'welcome back')).text).toBe('welcome back');
  });
});
