/**
 * How long a claim on shared work holds: a run's step (src/engine, claims in
 * queries/run-claims.ts) and an update being handled (src/bot/inbox, claims in queries/inbox.ts).
 * A claim is a lease: the instance that holds it renews it while it works, and when that
 * instance dies the claim lapses and another instance takes the work over. One owner for both
 * values, because both answer one question: how long work held by a dead instance waits.
 *
 * 3 s, renewed every second:
 * - Failover within 5 s (issue 15). A dead instance's claims lapse at most one lease after its
 *   last renewal, and the others look again at once: the run engine sleeps until the earliest
 *   `next_action_at`, which is a claim's end; the inbox looks at least once a second. A run or
 *   an update it held waits at most about 3 s (the engine) or 4 s (the inbox).
 * - A live instance keeps its claims through a stall of up to two renewal periods (2 s: a GC
 *   pause, a blocked event loop, a renewal waiting for a pooled connection or a slow statement).
 *   Past that another instance may take the work over while the first still does it. Then a run's
 *   messages still go out at most once (the dispatch guard, `pending -> dispatched`, lets one
 *   sender through), but an update may be handled twice (inbox handling is at least once).
 * - The cost is one statement per instance per second for everything it holds, batched by id (see
 *   the renewals: engine/claim-renewal.ts, bot/inbox/inbox-processor.ts).
 */

/** How long a claim holds unless renewed. */
export const CLAIM_LEASE_MS = 3_000;

/**
 * How often the holder renews a claim of `leaseMs`: three times per lease, so a renewal can be
 * late by two periods before the claim lapses.
 */
export function claimRenewalMs(leaseMs: number): number {
  return leaseMs / 3;
}
