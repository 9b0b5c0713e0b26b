/**
 * Claims on runs: which active runs are due, taking them for a step (a renewable lease held by one
 * instance), renewing that lease, and when the next one falls due: the engine's scheduling, apart
 * from runs.ts, which changes what a run is (ending a claim, releaseRun, sets the run's next
 * action like the other changes there).
 */
import { and, asc, eq, getTableColumns, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { runs, type Run } from '../schema/runs.js';
import { isActive } from './runs.js';

/**
 * The inner select of {@link claimDueRuns}, not yet executed: active runs whose `nextActionAt`
 * is at or before `now`, oldest first, locked FOR UPDATE SKIP LOCKED. Exposed so that tests and
 * operators can EXPLAIN the exact scan (it must use runs_due_idx).
 */
export function selectDueRuns(executor: Executor, params: { now: Date; limit: number }) {
  return executor
    .select({ id: runs.id, dueAt: runs.nextActionAt })
    .from(runs)
    .where(and(isActive, lte(runs.nextActionAt, params.now)))
    .orderBy(asc(runs.nextActionAt))
    .limit(params.limit)
    .for('update', { skipLocked: true });
}

/** A run claimed by {@link claimDueRuns}, with the moment its step fell due. */
export interface ClaimedRun {
  run: Run;
  /** When the step was due (the queue sends older due steps first). */
  dueAt: Date;
}

/**
 * Claims up to `limit` due runs for instance `by`, oldest due first, in one statement that
 * commits by itself: each claimed run's `nextActionAt` becomes the end of the claim (`now` +
 * `leaseMs`) and `claimedBy` is set, so no other instance takes it while the claimer works on
 * it (and renews the claim, see {@link renewRunClaims}); if the claimer dies, the run is due
 * again when the claim lapses. Runs another instance is claiming at this moment are skipped,
 * not waited for. No transaction stays open.
 */
export async function claimDueRuns(
  executor: Executor,
  params: { now: Date; limit: number; by: string; leaseMs: number },
): Promise<ClaimedRun[]> {
  const due = selectDueRuns(executor, params).as('due');
  const rows = await executor
    .update(runs)
    .set({ nextActionAt: new Date(params.now.getTime() + params.leaseMs), claimedBy: params.by })
    .from(due)
    .where(eq(runs.id, due.id))
    .returning({ run: getTableColumns(runs), dueAt: due.dueAt });
  return rows
    .map((row) => ({ run: row.run, dueAt: row.dueAt ?? params.now }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.run.id - b.run.id);
}

/** Extends the claims instance `by` holds on these runs (their messages still wait in its queue). */
export async function renewRunClaims(executor: Executor, params: { by: string; runIds: readonly number[]; until: Date }): Promise<void> {
  if (params.runIds.length === 0) return;
  await executor
    .update(runs)
    .set({ nextActionAt: params.until })
    .where(and(inArray(runs.id, [...params.runIds]), eq(runs.claimedBy, params.by), isActive));
}

/** When the earliest active run is due, or `undefined` when no active run waits for a time (the scheduler sleeps until then). */
export async function nextDueAt(executor: Executor): Promise<Date | undefined> {
  const [row] = await executor
    .select({ at: sql<Date | null>`min(${runs.nextActionAt})`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v))) })
    .from(runs)
    .where(isActive);
  return row?.at ?? undefined;
}
