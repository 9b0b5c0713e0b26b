import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../database.js';
import { runs, type NewRun, type Run, type RunSettings, type RunStatus } from '../schema/runs.js';

/**
 * The predicate of the partial indexes runs_one_active_per_chat_uq and runs_due_idx, spelt
 * with literals exactly as they are: the planner uses a partial index only when it can prove
 * the query implies the index's predicate, which it cannot do through bind parameters.
 */
const isActive = sql`${runs.status} in ('running', 'finishing')`;

/** Raised by {@link startRun} when the chat already has a run that is running or finishing. */
export class RunAlreadyActiveError extends Error {
  override name = 'RunAlreadyActiveError';
  readonly code = 'RUN_ALREADY_ACTIVE';
  /** The chat that is busy. */
  readonly chatId: number;
  constructor(chatId: number) {
    super(`Chat ${chatId} already has a quiz running; stop it with /stopquiz or wait until it finishes`);
    this.chatId = chatId;
  }
}

/** What {@link startRun} takes. */
export interface StartRunParams {
  quizId: number;
  chatId: number;
  /** The user who started it (must exist). */
  startedBy: number;
  mode: Run['mode'];
  questionCount: number;
  settings: RunSettings;
  /** When the scheduler should send the first question. */
  nextActionAt: Date | null;
}

/** Fields {@link updateRun} may change. */
export type RunPatch = Partial<
  Pick<NewRun, 'status' | 'currentPosition' | 'nextActionAt' | 'finishedAt' | 'rewardsCreditedAt' | 'resultsPostedAt'>
>;

/**
 * Starts a run in a chat, status `running`, before its first question. The partial unique index
 * runs_one_active_per_chat_uq allows one running or finishing run per chat; when the chat has
 * one, this throws {@link RunAlreadyActiveError}. The insert uses ON CONFLICT DO NOTHING on that
 * index rather than catching the unique violation, so a transaction passed in stays usable after
 * the refusal (and concurrent starts still resolve to exactly one winner).
 *
 * @example
 * try { run = await startRun(db, { quizId, chatId, startedBy, mode: 'group', questionCount, settings, nextActionAt: new Date() }); }
 * catch (error) { if (error instanceof RunAlreadyActiveError) return ctx.reply(error.message); throw error; }
 */
export async function startRun(executor: Executor, params: StartRunParams): Promise<Run> {
  const [run] = await executor
    .insert(runs)
    .values({
      quizId: params.quizId,
      chatId: params.chatId,
      startedBy: params.startedBy,
      mode: params.mode,
      questionCount: params.questionCount,
      settings: params.settings,
      nextActionAt: params.nextActionAt,
    })
    .onConflictDoNothing({ target: runs.chatId, where: isActive })
    .returning();
  if (!run) throw new RunAlreadyActiveError(params.chatId);
  return run;
}

/** The run with this id, whatever its status, or `undefined`. */
export async function getRun(executor: Executor, runId: number): Promise<Run | undefined> {
  const [run] = await executor.select().from(runs).where(eq(runs.id, runId));
  return run;
}

/** The chat's running or finishing run, or `undefined` when the chat is free. */
export async function getActiveRun(executor: Executor, chatId: number): Promise<Run | undefined> {
  const [run] = await executor
    .select()
    .from(runs)
    .where(and(eq(runs.chatId, chatId), isActive));
  return run;
}

/**
 * The claim statement of {@link claimDueRuns}, not yet executed: active runs whose
 * `nextActionAt` is at or before `now`, oldest first, locked FOR UPDATE SKIP LOCKED. Exposed so
 * that tests and operators can EXPLAIN the exact statement (it must scan runs_due_idx).
 */
export function selectDueRuns(executor: Executor, params: { now: Date; limit: number }) {
  return executor
    .select()
    .from(runs)
    .where(and(isActive, lte(runs.nextActionAt, params.now)))
    .orderBy(asc(runs.nextActionAt))
    .limit(params.limit)
    .for('update', { skipLocked: true });
}

/**
 * Claims up to `limit` due runs for the caller's transaction: the rows stay locked until it
 * ends, and runs another instance has already claimed are skipped rather than waited for, so
 * several schedulers never act on the same run at once. Act on each run and move its
 * `nextActionAt` (with {@link updateRun}) before committing.
 */
export async function claimDueRuns(tx: Transaction, params: { now: Date; limit: number }): Promise<Run[]> {
  return selectDueRuns(tx, params);
}

/**
 * Changes a run and returns it as stored, or `undefined` when no run matched: the id is
 * unknown, or `ifStatus` is given and the run's status is not one of those (a compare-and-set,
 * for example so that /stopquiz cannot cancel a run that has just finished).
 */
export async function updateRun(
  executor: Executor,
  runId: number,
  patch: RunPatch,
  options: { ifStatus?: readonly RunStatus[] } = {},
): Promise<Run | undefined> {
  const where = options.ifStatus
    ? and(eq(runs.id, runId), inArray(runs.status, [...options.ifStatus]))
    : eq(runs.id, runId);
  if (Object.values(patch).every((value) => value === undefined)) {
    const [run] = await executor.select().from(runs).where(where);
    return run;
  }
  const [run] = await executor.update(runs).set(patch).where(where).returning();
  return run;
}

/** When the earliest active run is due, or `undefined` when no active run waits for a time (the scheduler sleeps until then). */
export async function nextDueAt(executor: Executor): Promise<Date | undefined> {
  const [row] = await executor
    .select({ at: sql<Date | null>`min(${runs.nextActionAt})`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v))) })
    .from(runs)
    .where(isActive);
  return row?.at ?? undefined;
}

/** Active runs (running or finishing), for /monitoring/stats. */
export async function countActiveRuns(executor: Executor): Promise<number> {
  const [row] = await executor.select({ count: sql<number>`count(*)::int` }).from(runs).where(isActive);
  return row?.count ?? 0;
}

/**
 * Makes a private run due now when its player answered the question it is on, so the next
 * question comes at once instead of at the end of the period. False when the run has moved on
 * (or is not a running private run).
 */
export async function hurryPrivateRun(executor: Executor, params: { runId: number; position: number }): Promise<boolean> {
  const moved = await executor
    .update(runs)
    .set({ nextActionAt: sql`now()` })
    .where(and(eq(runs.id, params.runId), eq(runs.currentPosition, params.position), eq(runs.status, 'running'), eq(runs.mode, 'private')))
    .returning({ id: runs.id });
  return moved.length > 0;
}
