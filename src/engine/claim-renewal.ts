/**
 * Lease renewal: a claim on a run lapses `leaseMs` after it was taken, and another instance then
 * takes the run over. While this instance still holds a run (its step being written, or its sends
 * waiting in the queue or having their outcome recorded), it renews that run's claim three times
 * per lease, so a slow queue or a slow step never hands a run to a second sender. Apart from the
 * claim loop because it runs on its own timer, also after the loop stopped, until the last send
 * is settled. The lease and its period: src/store/claim-lease.ts.
 *
 * What it costs: one UPDATE per instance per renewal period (a second), for all the runs it holds
 * at once: with 500 groups starting together, one statement rewriting 500 rows a second (no
 * committed benchmark measures it yet). The rewritten rows are new versions (not HOT updates:
 * `next_action_at` is indexed) for autovacuum to clean up.
 */
import type { Clock, Timer } from '../lib/clock.js';
import type { OutageLog } from '../lib/outage-log.js';
import type { Database } from '../store/database.js';
import { claimRenewalMs } from '../store/claim-lease.js';
import { renewRunClaims } from '../store/queries/run-claims.js';

/** What {@link startClaimRenewal} needs. */
export interface ClaimRenewalOptions {
  db: Database;
  clock: Clock;
  /** This instance's name in run claims. */
  instanceId: string;
  /** How long a claim holds unless renewed. */
  leaseMs: number;
  /** Where a renewal's success or failure tells whether the database is reachable. */
  outage: OutageLog;
  /** The runs this instance holds now (steps being written, sends in flight). */
  heldRunIds(): number[];
  /** Whether to go on after this renewal (the engine runs, or sends are still held). */
  keepRenewing(): boolean;
}

/** A renewal timer that can be cancelled once nothing is held any more. */
export interface ClaimRenewal {
  cancel(): void;
}

/** Renews the claims of held runs every {@link claimRenewalMs} for as long as `keepRenewing()` says. */
export function startClaimRenewal(options: ClaimRenewalOptions): ClaimRenewal {
  const { db, clock, outage } = options;
  let timer: Timer | undefined;
  const schedule = (): void => {
    timer = clock.setTimeout(() => {
      const runIds = [...new Set(options.heldRunIds())];
      // Only a statement that ran says anything about the database (none runs without claims).
      const renewal =
        runIds.length === 0
          ? Promise.resolve()
          : renewRunClaims(db, { by: options.instanceId, runIds, until: new Date(clock.now() + options.leaseMs) }).then(
              () => outage.success(),
              (error: unknown) => outage.failure(error),
            );
      void renewal.finally(() => {
        if (options.keepRenewing()) schedule();
      });
    }, claimRenewalMs(options.leaseMs));
  };
  schedule();
  return { cancel: () => timer?.cancel() };
}
