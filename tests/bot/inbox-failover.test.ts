/**
 * Failover of inbox updates between instances, on a clock driven by hand, against a real
 * PostgreSQL: an update held by an instance that died is handled by another within 5 s of the
 * death (issue 15), and a handler that runs longer than any lease keeps its claim, through a
 * graceful stop too, so no other instance handles its update a second time.
 *
 * The instances are inbox processors with bots of their own whose handlers the test writes (what
 * a handler does is not the point here, only who runs it and when). An instance that dies is one
 * whose database is cut (a proxy switched off): it renews nothing from then on, as after kill -9.
 */
import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { ManualClock } from 'telegram-sim/clock';
import { wireGetMe } from 'telegram-sim/wire';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BotContext } from '../../src/bot/context.js';
import { createInboxProcessor, type InboxProcessor } from '../../src/bot/inbox/inbox-processor.js';
import { inboxEntryOf } from '../../src/bot/intake/inbox-entry.js';
import { sleep } from '../../src/lib/clock.js';
import type { DatabaseHandle } from '../../src/store/database.js';
import { getInboxEntry, insertInboxEntries } from '../../src/store/queries/inbox.js';
import { createMigratedTestDatabase, testLogger } from '../helpers/database.js';
import { instanceKit } from '../helpers/instance-kit.js';
import { advanceUntil } from '../helpers/drive-clock.js';
import { deferred } from '../helpers/table-lock.js';

/** The most an update may wait when the instance handling it dies (issue 15). */
const FAILOVER_TARGET_MS = 5_000;

describe('inbox failover between instances (a clock driven by hand)', () => {
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 12));
  let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  const kit = instanceKit(clock, () => database.url);
  const { poolOf } = kit;
  let nextUpdateId = 700_000;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  /** Stops what the test started, each within 5 s of real time, with the clock moving (stops wait on clock time). */
  afterEach(() => kit.tearDown());

  /** An instance whose every message update runs `handler`, with the defaults production runs with (lease, idle check). */
  const instance = (handle: DatabaseHandle, instanceId: string, handler: (update: Update) => Promise<void>): InboxProcessor => {
    const bot = new Bot<BotContext>('1:failover', {
      botInfo: wireGetMe({ id: 1, firstName: 'Quiz', username: 'quiz_bot', canReadAllGroupMessages: false }),
    });
    bot.on('message', (ctx) => handler(ctx.update));
    const processor = createInboxProcessor({ db: handle.db, bot, logger: testLogger, instanceId, clock });
    kit.own(() => processor.stop(0));
    return processor;
  };
  const busy =
    (...handles: DatabaseHandle[]) =>
    (): boolean =>
      handles.some((handle) => handle.uses().inUse > 0);
  /** Accepts a private message into the inbox (as intake would) and returns its update id. */
  async function accept(): Promise<number> {
    const updateId = nextUpdateId++;
    const chat = { id: 42, type: 'private' as const, first_name: 'Player' };
    const update: Update = {
      update_id: updateId,
      message: {
        message_id: updateId,
        date: Math.floor(clock.now() / 1000),
        chat,
        from: { id: 42, is_bot: false, first_name: 'Player' },
        text: 'hi',
      },
    };
    await insertInboxEntries(database.handle.db, [inboxEntryOf(update, new Date(clock.now()))]);
    return updateId;
  }
  const entry = async (updateId: number) => (await getInboxEntry(database.handle.db, updateId))!;
  /** Waits in real time (at most 10 s) for what an instance does without the clock moving. */
  const eventually = async <T>(check: () => Promise<T | undefined>, what: string): Promise<T> => {
    for (let i = 0; i < 500; i++) {
      const value = await check();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${what} did not happen within 10 s`);
  };

  it('handles an update whose instance died on another instance within 5 s of the death', async () => {
    const updateId = await accept();
    const cut = await kit.proxy();
    const deadPool = poolOf(cut);
    const livePool = poolOf();
    // The instance that dies is in the middle of the update's handler.
    const never = deferred();
    kit.own(async () => never.resolve());
    const dead = instance(deadPool, 'dead', () => never.promise);
    const claimedAt = clock.now();
    dead.start();
    const claim = await eventually(async () => {
      const held = await entry(updateId);
      return held.claimedBy === 'dead' ? held.claimedUntil!.getTime() : undefined;
    }, "the dead instance's claim");

    const handledAt = new Map<number, number>();
    const live = instance(livePool, 'live', async (update) => {
      handledAt.set(update.update_id, clock.now());
    });
    live.start();
    // The worst moment to die: right after renewing the claim, which then holds longest.
    const renewedUntil = await advanceUntil(
      clock,
      async () => {
        const until = (await entry(updateId)).claimedUntil!.getTime();
        return until > claim ? until : undefined;
      },
      "the dead instance's first renewal",
      { stepMs: 50, maxMs: 60_000, holdWhile: busy(deadPool, livePool) },
    );
    const death = claimedAt + (renewedUntil - claim);
    cut.down();

    const handled = await advanceUntil(clock, () => handledAt.get(updateId), 'the update handled by the live instance', {
      stepMs: 50,
      maxMs: 60_000,
      holdWhile: busy(livePool),
    });
    const waitedMs = handled - death;
    expect(waitedMs, `the update waited ${waitedMs} ms of clock time after its instance died`).toBeLessThanOrEqual(FAILOVER_TARGET_MS);
    await eventually(async () => ((await entry(updateId)).handledAt ? true : undefined), 'the update marked handled');
    expect(await entry(updateId)).toMatchObject({ attempts: 2, claimedBy: null });
  });

  it('keeps the claim of a handler running far longer than the lease, through a graceful stop: no one else handles it', async () => {
    const updateId = await accept();
    const slowPool = poolOf();
    const otherPool = poolOf();
    const handledBy: string[] = [];
    // A handler that takes a minute of clock time (a reply waiting for its chat's turn, say).
    const slow = instance(slowPool, 'slow', async (update) => {
      await sleep(clock, 60_000);
      handledBy.push(`slow:${update.update_id}`);
    });
    slow.start();
    await eventually(async () => ((await entry(updateId)).claimedBy === 'slow' ? true : undefined), "the slow instance's claim");
    const other = instance(otherPool, 'other', async (update) => {
      handledBy.push(`other:${update.update_id}`);
    });
    other.start();

    const started = clock.now();
    await advanceUntil(clock, () => clock.now() - started >= 10_000 || undefined, '10 s of the slow handler', {
      stepMs: 100,
      holdWhile: busy(slowPool, otherPool),
    });
    // The slow instance is told to stop (a deploy): it waits up to two minutes for its handler.
    let stopped: { unfinished: number } | undefined;
    void slow.stop(120_000).then((result) => (stopped = result));
    const outcome = await advanceUntil(
      clock,
      () => {
        if (handledBy.some((h) => h.startsWith('other:'))) throw new Error(`handled twice: ${handledBy.join(', ')}`);
        return stopped;
      },
      'the slow handler done and its instance stopped',
      { stepMs: 100, maxMs: 90_000, holdWhile: busy(slowPool, otherPool) },
    );
    expect(outcome).toEqual({ unfinished: 0 });
    expect(handledBy).toEqual([`slow:${updateId}`]);
    expect(await entry(updateId)).toMatchObject({ attempts: 1, claimedBy: null });
    expect((await entry(updateId)).handledAt).not.toBeNull();
  });
});
