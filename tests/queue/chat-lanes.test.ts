/**
 * ChatLanes on their own (unit): one lane per chat, its calls in order and one at a time, each
 * waiting for the chat's spacing, a 429 pause, its own notBefore and the queue's global pause;
 * chats independent; an idle lane kept until its spacing ran out; shutdown takes what waits.
 */
import { ManualClock } from 'telegram-sim/clock';
import { describe, expect, it } from 'vitest';
import { ChatLanes, type Lane } from '../../src/queue/chat-lanes.js';

interface Call {
  readonly id: string;
  readonly notBefore: number;
}

function lanesOn(clock: ManualClock, globalNotBefore: () => number = () => 0) {
  const dispatched: { id: string; at: number; lane: Lane<Call> }[] = [];
  const lanes = new ChatLanes<Call>({
    clock,
    globalNotBefore,
    dispatch: (call, lane) => dispatched.push({ id: call.id, at: clock.now(), lane }),
  });
  const ids = () => dispatched.map((entry) => entry.id);
  const laneOf = (id: string) => dispatched.find((entry) => entry.id === id)!.lane;
  return { lanes, dispatched, ids, laneOf };
}

const call = (id: string, notBefore = 0): Call => ({ id, notBefore });

describe('ChatLanes', () => {
  it('hands on one call of a chat at a time, in submit order, each after the previous is done', () => {
    const clock = new ManualClock(1_000_000);
    const { lanes, ids, laneOf } = lanesOn(clock);
    lanes.enter('a', 'private', call('a1'));
    lanes.enter('a', 'private', call('a2'));
    lanes.enter('a', 'private', call('a3'));
    expect(ids()).toEqual(['a1']);

    lanes.done(laneOf('a1'));
    expect(ids()).toEqual(['a1', 'a2']);
    lanes.done(laneOf('a2'));
    expect(ids()).toEqual(['a1', 'a2', 'a3']);
  });

  it('keeps chats independent: a busy chat holds back no other', () => {
    const clock = new ManualClock(1_000_000);
    const { lanes, ids } = lanesOn(clock);
    lanes.enter('a', 'group', call('a1'));
    lanes.enter('a', 'group', call('a2'));
    lanes.enter('b', 'group', call('b1'));
    expect(ids()).toEqual(['a1', 'b1']);
  });

  it('waits for the chat spacing set when a message went out, also for a call that comes after the lane emptied', () => {
    const clock = new ManualClock(1_000_000);
    const { lanes, ids, laneOf, dispatched } = lanesOn(clock);
    lanes.enter('g', 'group', call('g1'));
    const lane = laneOf('g1');
    lane.nextAt = clock.now() + 3_000; // what the queue sets when g1 really went out
    lanes.done(lane);

    clock.advance(1_000);
    lanes.enter('g', 'group', call('g2'));
    expect(ids()).toEqual(['g1']);
    clock.advance(1_999);
    expect(ids()).toEqual(['g1']);
    clock.advance(1);
    expect(ids()).toEqual(['g1', 'g2']);
    expect(dispatched[1]!.at).toBe(1_003_000);
  });

  it('drops an idle lane only once its spacing has run out', () => {
    const clock = new ManualClock(1_000_000);
    const { lanes, laneOf, ids } = lanesOn(clock);
    lanes.enter('c', 'private', call('c1'));
    const first = laneOf('c1');
    first.nextAt = clock.now() + 1_000;
    lanes.done(first);
    clock.advance(1_000);
    // The spacing ran out and the empty lane went: a new call starts a new lane at once.
    lanes.enter('c', 'private', call('c2'));
    expect(ids()).toEqual(['c1', 'c2']);
    expect(laneOf('c2')).not.toBe(first);
  });

  it("honours a 429 pause of the chat, a call's own notBefore and the global pause, whichever ends last", () => {
    let globalUntil = 0;
    const clock = new ManualClock(1_000_000);
    const { lanes, ids, laneOf, dispatched } = lanesOn(clock, () => globalUntil);
    lanes.enter('p', 'private', call('p1'));
    const lane = laneOf('p1');
    lane.pausedUntil = clock.now() + 5_000; // Telegram said retry_after 5
    lanes.again(lane); // p1 stays first and is tried again when the lane is ready
    clock.advance(4_999);
    expect(ids()).toEqual(['p1']);
    clock.advance(1);
    expect(ids()).toEqual(['p1', 'p1']);

    lanes.done(lane);
    lanes.enter('p', 'private', call('p2', clock.now() + 2_000)); // its own backoff
    globalUntil = clock.now() + 4_000; // then the whole queue pauses
    lanes.pumpAll();
    clock.advance(2_000);
    expect(ids()).toEqual(['p1', 'p1']);
    clock.advance(2_000);
    expect(ids()).toEqual(['p1', 'p1', 'p2']);
    expect(dispatched[2]!.at).toBe(1_009_000);
  });

  it('takes every call still waiting at shutdown, but not the one already handed on, and stops its timers', () => {
    const clock = new ManualClock(1_000_000);
    const { lanes, ids, laneOf } = lanesOn(clock);
    lanes.enter('a', 'group', call('a1'));
    lanes.enter('a', 'group', call('a2'));
    lanes.enter('b', 'group', call('b1', clock.now() + 10_000));
    expect(ids()).toEqual(['a1']);

    expect(
      lanes
        .takeWaiting()
        .map((c) => c.id)
        .sort(),
    ).toEqual(['a2', 'b1']);
    expect(laneOf('a1').calls.map((c) => c.id)).toEqual(['a1']);
    clock.advance(60_000);
    expect(ids()).toEqual(['a1']); // b1's timer was stopped
  });
});
