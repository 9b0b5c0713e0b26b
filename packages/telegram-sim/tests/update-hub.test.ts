import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { params, privateTextUpdate } from './helpers/hub-inputs.js';
import { BotApiError } from '../src/errors.js';
import { RawJson } from '../src/raw-json.js';
import { createUpdateHub, type AddedUpdate, type HandedOutBatch, type UpdateHub } from '../src/update-hub.js';

const FIRST = 100_000_001;
const OTHER_POLL = 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
const WEBHOOK_ACTIVE = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

function updates(answer: RawJson): Update[] {
  expect(answer).toBeInstanceOf(RawJson);
  return JSON.parse(answer.json) as Update[];
}

const ids = (answer: RawJson): number[] => updates(answer).map((u) => u.update_id);

/** Tracks whether a promise has settled, without awaiting it. */
function track<T>(promise: Promise<T>): { settled: () => boolean; promise: Promise<T> } {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { settled: () => settled, promise };
}

/** Lets pending promise callbacks run (no timers involved). */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function conflictOf(promise: Promise<unknown>): Promise<BotApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BotApiError);
  return error as BotApiError;
}

let clock: ManualClock;
let hub: UpdateHub;

function newHub(): UpdateHub {
  clock = new ManualClock();
  hub = createUpdateHub({ clock });
  return hub;
}

afterEach(() => hub?.close());

describe('update ids and the answer', () => {
  it('numbers updates from 100000001 up by one and answers the cached JSON of each', async () => {
    newHub();
    expect(hub.add('message', '1', privateTextUpdate('a'))).toBe(FIRST);
    expect(hub.add('message', '1', privateTextUpdate('b'))).toBe(FIRST + 1);
    expect(
      hub.add('callback_query', '2', { callback_query: { id: 'q', chat_instance: 'c', from: { id: 2, is_bot: false, first_name: 'B' } } }),
    ).toBe(FIRST + 2);
    const answer = await hub.getUpdates(params());
    expect(answer.json.startsWith(`[{"update_id":${FIRST},"message":{`)).toBe(true);
    const list = updates(answer);
    expect(list.map((u) => u.update_id)).toEqual([FIRST, FIRST + 1, FIRST + 2]);
    expect(list[1]?.message?.text).toBe('b');
    expect(list[2]?.callback_query?.id).toBe('q');
  });

  it('starts at firstUpdateId and serializes an empty payload as just the id', async () => {
    hub = createUpdateHub({ clock: new ManualClock(), firstUpdateId: 7 });
    hub.add('message', '1', {});
    expect((await hub.getUpdates(params())).json).toBe('[{"update_id":7}]');
  });

  it('refuses a payload that is not a JSON object', () => {
    newHub();
    expect(() => hub.add('message', '1', [1, 2])).toThrow(/must be a JSON object/);
  });
});

describe('offsets and confirmation', () => {
  it('confirms every update below the offset for good', async () => {
    newHub();
    for (const t of ['a', 'b', 'c']) hub.add('message', '1', privateTextUpdate(t));
    expect(ids(await hub.getUpdates(params()))).toEqual([FIRST, FIRST + 1, FIRST + 2]);
    expect(ids(await hub.getUpdates(params({ offset: FIRST + 2 })))).toEqual([FIRST + 2]);
    expect(hub.pendingCount).toBe(1);
    clock.advance(1_000);
    expect(ids(await hub.getUpdates(params()))).toEqual([FIRST + 2]); // the confirmed two never come back
    expect(ids(await hub.getUpdates(params({ offset: FIRST + 3 })))).toEqual([]);
    expect(hub.pendingCount).toBe(0);
    expect(hub.stats()).toMatchObject({ added: 3, confirmed: 3, pending: 0, getUpdatesCalls: 4 });
  });

  it('hands out the oldest unconfirmed updates again while no offset confirms them', async () => {
    newHub();
    const batches: HandedOutBatch[] = [];
    hub.onHandedOut((b) => batches.push(b));
    hub.add('message', '1', privateTextUpdate('a'));
    hub.add('message', '1', privateTextUpdate('b'));
    expect(ids(await hub.getUpdates(params()))).toEqual([FIRST, FIRST + 1]);
    clock.advance(1_000);
    expect(ids(await hub.getUpdates(params()))).toEqual([FIRST, FIRST + 1]);
    expect(batches).toEqual([
      { updateIds: [FIRST, FIRST + 1], types: ['message', 'message'], at: clock.now() - 1_000, redelivery: false },
      { updateIds: [FIRST, FIRST + 1], types: ['message', 'message'], at: clock.now(), redelivery: true },
    ]);
    expect(hub.stats()).toMatchObject({ handedOut: 4, redelivered: 2, confirmed: 0 });
  });

  it('reports each queued update (id, type, clock time) before it is handed out, so the wait at Telegram can be timed', async () => {
    newHub();
    const added: AddedUpdate[] = [];
    const handedOutAt = new Map<number, number>();
    const unsubscribe = hub.onAdded((u) => added.push(u));
    hub.onHandedOut((b) => b.updateIds.forEach((id) => handedOutAt.set(id, b.at)));
    const waiting = hub.getUpdates(params({ timeout: 10 }));
    hub.add('poll_answer', '7', { poll_answer: {} }); // answers the waiting poll at once
    expect(ids(await waiting)).toEqual([FIRST]);
    clock.advance(250);
    hub.add('message', '1', privateTextUpdate('later'));
    expect(hub.add('chat_member', '1', { chat_member: {} })).toBeUndefined(); // filtered out: not reported
    clock.advance(1_000);
    expect(ids(await hub.getUpdates(params({ offset: FIRST + 1 })))).toEqual([FIRST + 1]);
    const start = clock.now() - 1_250;
    expect(added).toEqual([
      { updateId: FIRST, type: 'poll_answer', at: start },
      { updateId: FIRST + 1, type: 'message', at: start + 250 },
    ]);
    expect(added.map((u) => (handedOutAt.get(u.updateId) as number) - u.at)).toEqual([0, 1_000]);
    unsubscribe();
    hub.add('message', '1', privateTextUpdate('unheard'));
    expect(added).toHaveLength(2);
  });

  it('a negative offset returns the last N updates and forgets the earlier ones', async () => {
    newHub();
    for (let i = 0; i < 5; i++) hub.add('message', '1', privateTextUpdate(`m${i}`));
    expect(ids(await hub.getUpdates(params({ offset: -2 })))).toEqual([FIRST + 3, FIRST + 4]);
    expect(hub.pendingCount).toBe(2);
    expect(hub.stats().dropped).toBe(3);
    clock.advance(1_000);
    expect(ids(await hub.getUpdates(params()))).toEqual([FIRST + 3, FIRST + 4]);
  });

  it('ignores an offset far in the future (answers from the oldest update) but accepts one just past the end', async () => {
    newHub();
    hub.add('message', '1', privateTextUpdate('a'));
    hub.add('message', '1', privateTextUpdate('b'));
    expect(ids(await hub.getUpdates(params({ offset: FIRST + 2 + 11 })))).toEqual([FIRST, FIRST + 1]);
    expect(hub.pendingCount).toBe(2);
    expect(ids(await hub.getUpdates(params({ offset: FIRST + 2 + 10 })))).toEqual([]);
    expect(hub.pendingCount).toBe(0);
  });

  it('clamps limit to 1-100 instead of refusing it', async () => {
    newHub();
    for (let i = 0; i < 150; i++) hub.add('message', '1', privateTextUpdate(`m${i}`));
    expect(ids(await hub.getUpdates(params({ limit: 0 })))).toEqual([FIRST]);
    expect(ids(await hub.getUpdates(params({ offset: FIRST + 1, limit: 1_000 })))).toHaveLength(100);
    expect(ids(await hub.getUpdates(params({ offset: FIRST + 101, limit: 3 })))).toEqual([FIRST + 101, FIRST + 102, FIRST + 103]);
  });

  it('stops an answer before 4 MiB of JSON; the rest comes with the next call', async () => {
    newHub();
    const big = 'x'.repeat(1_500_000);
    for (let i = 0; i < 3; i++) hub.add('message', '1', privateTextUpdate(big));
    expect(ids(await hub.getUpdates(params()))).toEqual([FIRST, FIRST + 1]);
    expect(ids(await hub.getUpdates(params({ offset: FIRST + 2 })))).toEqual([FIRST + 2]);
  });

  it('brakes busy loops like Telegram: the same offset within 0.5 s gets one update, and an empty answer waits 3 s', async () => {
    newHub();
    hub.add('message', '1', privateTextUpdate('a'));
    hub.add('message', '1', privateTextUpdate('b'));
    expect(ids(await hub.getUpdates(params()))).toHaveLength(2);
    expect(ids(await hub.getUpdates(params()))).toEqual([FIRST]);
    clock.advance(500);
    expect(ids(await hub.getUpdates(params()))).toHaveLength(2);

    const offset = FIRST + 2;
    expect(ids(await hub.getUpdates(params({ offset })))).toEqual([]); // first call with this offset: at once
    const second = track(hub.getUpdates(params({ offset, timeout: 0 })));
    await flush();
    expect(second.settled()).toBe(false);
    clock.advance(3_000);
    expect(ids(await second.promise)).toEqual([]);
  });
});

describe('long polling', () => {
  it('answers a waiting call as soon as an update is added', async () => {
    newHub();
    const poll = track(hub.getUpdates(params({ timeout: 30 })));
    await flush();
    expect(poll.settled()).toBe(false);
    hub.add('message', '1', privateTextUpdate('wake'));
    hub.add('message', '1', privateTextUpdate('same tick'));
    expect(ids(await poll.promise)).toEqual([FIRST, FIRST + 1]);
    expect(hub.stats().handedOut).toBe(2);
  });

  it('answers [] when the timeout ends, driven by the clock', async () => {
    newHub();
    const poll = track(hub.getUpdates(params({ timeout: 5 })));
    clock.advance(4_999);
    await flush();
    expect(poll.settled()).toBe(false);
    clock.advance(1);
    expect(ids(await poll.promise)).toEqual([]);
  });

  it('clamps the timeout to 50 s', async () => {
    newHub();
    const poll = track(hub.getUpdates(params({ timeout: 3_600 })));
    clock.advance(50_000);
    expect(ids(await poll.promise)).toEqual([]);
  });

  it('a second call that has to wait ends the first with 409 "terminated by other getUpdates request"', async () => {
    newHub();
    const first = hub.getUpdates(params({ timeout: 30 }));
    const second = track(hub.getUpdates(params({ offset: 5, timeout: 30 })));
    const error = await conflictOf(first);
    expect(error.errorCode).toBe(409);
    expect(error.description).toBe(OTHER_POLL);
    expect(second.settled()).toBe(false);
    hub.add('message', '1', privateTextUpdate('for the second'));
    expect(ids(await second.promise)).toEqual([FIRST]);
    expect(hub.stats().conflicts).toBe(1);
  });

  it('a second call that answers at once leaves the waiting one alone', async () => {
    newHub();
    const first = track(hub.getUpdates(params({ timeout: 30 })));
    expect(ids(await hub.getUpdates(params({ offset: 9, timeout: 0 })))).toEqual([]);
    await flush();
    expect(first.settled()).toBe(false);
    hub.add('message', '1', privateTextUpdate('x'));
    expect(ids(await first.promise)).toEqual([FIRST]);
  });

  it('answers a 409 within 3 s of the previous one 3 s late, as Telegram does', async () => {
    newHub();
    const a = hub.getUpdates(params({ timeout: 30 }));
    const b = hub.getUpdates(params({ offset: 2, timeout: 30 }));
    expect((await conflictOf(a)).description).toBe(OTHER_POLL);
    hub.getUpdates(params({ offset: 3, timeout: 30 })).catch(() => undefined); // ends b
    const late = track(b);
    await flush();
    expect(late.settled()).toBe(false);
    clock.advance(3_000);
    expect((await conflictOf(b)).description).toBe(OTHER_POLL);
  });

  it('drops a waiting call whose client went away: no answer, no conflict for the next one', async () => {
    newHub();
    const controller = new AbortController();
    const dropped = hub.getUpdates(params({ timeout: 30 }), controller.signal);
    controller.abort();
    await expect(dropped).rejects.toMatchObject({ name: 'AbortError' });
    const next = track(hub.getUpdates(params({ offset: 4, timeout: 30 })));
    hub.add('message', '1', privateTextUpdate('x'));
    expect(ids(await next.promise)).toEqual([FIRST]);
    expect(hub.stats()).toMatchObject({ conflicts: 0, handedOut: 1 });
  });

  it('refuses at once a call whose signal is already aborted', async () => {
    newHub();
    const controller = new AbortController();
    controller.abort();
    hub.add('message', '1', privateTextUpdate('x'));
    await expect(hub.getUpdates(params(), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(hub.stats().handedOut).toBe(0);
  });

  it('close() answers a waiting call with [] and later calls at once', async () => {
    newHub();
    const poll = hub.getUpdates(params({ timeout: 30 }));
    hub.close();
    expect(ids(await poll)).toEqual([]);
    expect(ids(await hub.getUpdates(params({ offset: 3, timeout: 30 })))).toEqual([]);
  });
});

describe('allowed_updates', () => {
  it('by default filters out chat_member, message_reaction and message_reaction_count', () => {
    newHub();
    expect(hub.add('chat_member', '1', { chat_member: {} })).toBeUndefined();
    expect(hub.add('message_reaction', '1', { message_reaction: {} })).toBeUndefined();
    expect(hub.add('message_reaction_count', '1', { message_reaction_count: {} })).toBeUndefined();
    expect(hub.add('poll_answer', '7', { poll_answer: {} })).toBe(FIRST);
    expect(hub.add('my_chat_member', '1', { my_chat_member: {} })).toBe(FIRST + 1);
    expect(hub.stats()).toMatchObject({ added: 2, filtered: 3, pending: 2 });
  });

  it('replaces the stored filter when given; it applies to updates added afterwards', async () => {
    newHub();
    hub.add('message', '1', privateTextUpdate('before'));
    expect(ids(await hub.getUpdates(params({ allowed_updates: ['callback_query', 'CHAT_MEMBER', 'no_such_type'] })))).toEqual([FIRST]);
    expect(hub.add('message', '1', privateTextUpdate('filtered'))).toBeUndefined();
    expect(hub.add('chat_member', '1', { chat_member: {} })).toBe(FIRST + 1);
    expect(hub.getWebhookInfo().allowed_updates).toEqual(['callback_query', 'chat_member']);

    // (The clock moves 3 s between calls: Telegram makes a quick repeat with the same offset wait.)
    clock.advance(3_000);
    await hub.getUpdates(params({ offset: FIRST + 2 })); // absent: keeps the filter
    expect(hub.add('message', '1', privateTextUpdate('still filtered'))).toBeUndefined();
    clock.advance(3_000);
    await hub.getUpdates(params({ offset: FIRST + 2, allowed_updates: 'not json' })); // unparsable: kept too
    expect(hub.add('message', '1', privateTextUpdate('still filtered'))).toBeUndefined();

    clock.advance(3_000);
    await hub.getUpdates(params({ offset: FIRST + 2, allowed_updates: [] })); // []: back to the default
    expect(hub.add('message', '1', privateTextUpdate('welcome back'))).toBe(FIRST + 2);
    expect(hub.add('chat_member', '1', { chat_member: {} })).toBeUndefined();
    expect(hub.getWebhookInfo().allowed_updates).toBeUndefined();
  });
});

describe('lazy payloads', () => {
  it('builds a function payload at each hand-out, so it carries the latest state', async () => {
    newHub();
    const poll = { id: 'p1', total_voter_count: 0 };
    let calls = 0;
    hub.add('poll', 'poll:p1', () => {
      calls++;
      return { poll: { ...poll } };
    });
    poll.total_voter_count = 3;
    expect(calls).toBe(0);
    expect(updates(await hub.getUpdates(params()))[0]?.poll).toEqual({ id: 'p1', total_voter_count: 3 });
    poll.total_voter_count = 4;
    clock.advance(1_000);
    expect(updates(await hub.getUpdates(params()))[0]?.poll).toEqual({ id: 'p1', total_voter_count: 4 });
    expect(calls).toBe(2);
  });
});

describe('getUpdates and webhooks', () => {
  it('answers 409 while a webhook is set', async () => {
    newHub();
    expect(hub.setWebhook(params({ url: 'http://127.0.0.1:9/hook' }))).toBe(true);
    const error = await conflictOf(hub.getUpdates(params()));
    expect(error.errorCode).toBe(409);
    expect(error.description).toBe(WEBHOOK_ACTIVE);
  });

  it('setWebhook ends a waiting call with 409 "terminated by setWebhook request"', async () => {
    newHub();
    const poll = hub.getUpdates(params({ timeout: 30 }));
    hub.setWebhook(params({ url: 'http://127.0.0.1:9/hook' }));
    expect((await conflictOf(poll)).description).toBe('Conflict: terminated by setWebhook request');
  });

  it('getWebhookInfo without a webhook reports an empty url and the pending count', () => {
    newHub();
    hub.add('message', '1', privateTextUpdate('a'));
    expect(hub.getWebhookInfo()).toEqual({ url: '', has_custom_certificate: false, pending_update_count: 1 });
  });

  it('deleteWebhook with drop_pending_updates drops the queue even without a webhook', async () => {
    newHub();
    hub.add('message', '1', privateTextUpdate('a'));
    hub.add('message', '1', privateTextUpdate('b'));
    expect(hub.deleteWebhook(params({ drop_pending_updates: true }))).toBe(true);
    expect(hub.pendingCount).toBe(0);
    expect(hub.stats().dropped).toBe(2);
    expect(ids(await hub.getUpdates(params()))).toEqual([]);
    expect(hub.add('message', '1', privateTextUpdate('c'))).toBe(FIRST + 2);
  });
});
