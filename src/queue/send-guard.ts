/** A call's beforeSend guard (SubmitOptions.beforeSend), asked once right before its request. */
import type { Call } from './call.js';
import type { SendCancelReason } from './errors.js';

/** Why the guard stopped the call. */
export interface GuardRefusal {
  reason: SendCancelReason;
  options?: { cause: unknown };
}

/**
 * Runs the call's beforeSend guard before its first request; undefined means send. A repeat
 * (after a 429, a 5xx or a request that never left) does not ask again: Telegram did not act
 * on the first one, and a guard that records "sending" would refuse its own repeat.
 */
export async function askSendGuard(call: Call): Promise<GuardRefusal | undefined> {
  if (!call.beforeSend || call.guardPassed) return undefined;
  try {
    if ((await call.beforeSend()) !== true) return { reason: 'declined' };
    call.guardPassed = true;
    return undefined;
  } catch (error) {
    return { reason: 'guard_failed', options: { cause: error } };
  }
}
