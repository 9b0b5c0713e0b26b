/**
 * What a handler may need to know about how its update was accepted: when (a deferred poll
 * answer's time is its acceptance, not its handling) and how many attempts this is. The inbox
 * processor attaches it to the update object it hands to grammY; `ctx.update` is that object.
 */
import type { Update } from 'grammy/types';

export interface Acceptance {
  acceptedAt: Date;
  /** Handling attempts so far, this one included. */
  attempt: number;
}

const acceptances = new WeakMap<Update, Acceptance>();

/** Attaches `acceptance` to `update` for its handlers. */
export function attachAcceptance(update: Update, acceptance: Acceptance): void {
  acceptances.set(update, acceptance);
}

/** How `update` was accepted, when it came from the inbox. */
export function acceptanceOf(update: Update): Acceptance | undefined {
  return acceptances.get(update);
}
