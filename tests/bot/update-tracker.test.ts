import { describe, expect, it } from 'vitest';
import { UpdateTracker } from '../../src/bot/intake/update-tracker.js';

describe('UpdateTracker', () => {
  it('keeps the offset at the lowest update in flight and moves it once that one is done', () => {
    const tracker = new UpdateTracker();
    expect(tracker.safeOffset()).toBe(0);
    for (const id of [10, 11, 12]) expect(tracker.begin(id)).toBe(true);
    expect(tracker.safeOffset()).toBe(10);
    tracker.end(11);
    tracker.end(12);
    expect(tracker.safeOffset()).toBe(10); // 10 is still being handled: Telegram must keep it
    tracker.end(10);
    expect(tracker.safeOffset()).toBe(13);
    expect(tracker.inFlight).toBe(0);
  });

  it('drops redelivered updates that are in flight or done but not yet confirmed', () => {
    const tracker = new UpdateTracker();
    tracker.begin(10);
    tracker.begin(11);
    tracker.end(11);
    tracker.confirm(10);
    // Asking for offset 10 brings 10 and 11 back: both are known.
    expect(tracker.begin(10)).toBe(false);
    expect(tracker.begin(11)).toBe(false);
    expect(tracker.begin(12)).toBe(true);
    expect(tracker.duplicatesDropped).toBe(2);
    tracker.end(10);
    tracker.end(12);
    tracker.confirm(13);
    expect(tracker.begin(12)).toBe(false); // below the confirmed offset
  });

  it('wakes waiters when an update ends and reports idle', async () => {
    const tracker = new UpdateTracker();
    tracker.begin(1);
    tracker.begin(2);
    const order: string[] = [];
    const one = tracker.whenOneEnds().then(() => order.push('one ended'));
    const idle = tracker.idle().then(() => order.push('idle'));
    tracker.end(2);
    await one;
    expect(order).toEqual(['one ended']);
    tracker.end(1);
    await idle;
    expect(order).toEqual(['one ended', 'idle']);
    await expect(tracker.whenOneEnds()).resolves.toBeUndefined(); // nothing in flight: at once
  });
});
