/**
 * How long each poll_answer waited at "Telegram" before the bot took it: the simulator reports
 * when it queued the update (the player's vote, UpdateHub.onAdded) and every hand-out to the
 * bot (a getUpdates answer, UpdateHub.onHandedOut). Both are stamped with the driver's clock in
 * the listener, which the hub calls synchronously at that moment.
 */
import type { UpdateHub } from 'telegram-sim/update-hub';
import { driverNow } from './e2e-commits.js';

/** A running tracker. See {@link trackHandOuts}. */
export interface HandOutTracker {
  /** poll_answer update_id -> when it was queued. */
  readonly queuedAt: ReadonlyMap<number, number>;
  /** poll_answer update_id -> its first hand-out. */
  readonly handedOutAt: ReadonlyMap<number, number>;
  /** Hand-outs of a poll_answer handed out before. */
  readonly redeliveries: number;
  /** Queued -> first hand-out of every poll_answer handed out, in ms. */
  delays(): number[];
  stop(): void;
}

/** Starts timing poll_answer updates of `hub` from now on. */
export function trackHandOuts(hub: UpdateHub): HandOutTracker {
  const queuedAt = new Map<number, number>();
  const handedOutAt = new Map<number, number>();
  let redeliveries = 0;
  const stopAdded = hub.onAdded((update) => {
    if (update.type === 'poll_answer') queuedAt.set(update.updateId, driverNow());
  });
  const stopHandedOut = hub.onHandedOut((batch) => {
    const at = driverNow();
    batch.updateIds.forEach((updateId, i) => {
      if (batch.types[i] !== 'poll_answer') return;
      if (handedOutAt.has(updateId)) redeliveries++;
      else handedOutAt.set(updateId, at);
    });
  });
  return {
    queuedAt,
    handedOutAt,
    get redeliveries() {
      return redeliveries;
    },
    delays() {
      const out: number[] = [];
      for (const [updateId, at] of handedOutAt) {
        const queued = queuedAt.get(updateId);
        if (queued !== undefined) out.push(at - queued);
      }
      return out;
    },
    stop() {
      stopAdded();
      stopHandedOut();
    },
  };
}
