/**
 * Queries of a run's life: start, read, change, stop, advance, end. Claiming due runs for a step
 * (the engine's scheduling) lives in run-claims.ts.
 */
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { STOPPABLE_STATUSES } from '../../quiz/run-steps.js';
import type { Executor } from '../database.js';
import { runs, type NewRun, type Run, type RunSettings, type RunStatus } from '../schema/runs.js';

/**
 * The predicate of the partial indexes runs_one_active_per_chat_uq and runs_due_idx (also used by
 * run-claims.ts), spelt with literals exactly as they are: the planner uses a partial index only
 * when it can prove the query implies the index's predicate, which it cannot do through bind
 * parameters.
 */
export const isActive = sql`${runs.status} in ('running', 'finishing')`;

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
  Pick<NewRun, 'status' | 'currentPosition' | 'nextActionAt' | 'claimedBy' | 'finishedAt' | 'rewardsCreditedAt' | 'resultsPostedAt'>
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
 * Ends the claim on a run: its next step is due at `nextActionAt` (null: none). Only while
 * `by` holds it, unless `by` is omitted (a step that found the run's claim lapsed).
 */
export async function releaseRun(executor: Executor, params: { runId: number; nextActionAt: Date | null; by?: string }): Promise<boolean> {
  const where = params.by === undefined ? eq(runs.id, params.runId) : and(eq(runs.id, params.runId), eq(runs.claimedBy, params.by));
  const released = await executor
    .update(runs)
    .set({ nextActionAt: params.nextActionAt, claimedBy: null })
    .where(where)
    .returning({ id: runs.id });
  return released.length > 0;
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
  const where = options.ifStatus ? and(eq(runs.id, runId), inArray(runs.status, [...options.ifStatus])) : eq(runs.id, runId);
  if (Object.values(patch).every((value) => value === undefined)) {
    const [run] = await executor.select().from(runs).where(where);
    return run;
  }
  const [run] = await executor.update(runs).set(patch).where(where).returning();
  return run;
}

/** Active runs (running or finishing), for /monitoring/stats. */
export async function countActiveRuns(executor: Executor): Promise<number> {
  const [row] = await executor
    .select({ count: sql<number>`count(*)::int` })
    .from(runs)
    .where(isActive);
  return row?.count ?? 0;
}

/**
 * Makes a private run due at `now` when its player answered the question it is on, so the next
 * question comes at once instead of at the end of the period. False when the run has moved on,
 * is not a running private run, or a step of it is in progress (its claim must not be cut short).
 */
export async function hurryPrivateRun(executor: Executor, params: { runId: number; position: number; now: Date }): Promise<boolean> {
  const moved = await executor
    .update(runs)
    .set({ nextActionAt: params.now })
    .where(
      and(
        eq(runs.id, params.runId),
        eq(runs.currentPosition, params.position),
        eq(runs.status, 'running'),
        eq(runs.mode, 'private'),
        isNull(runs.claimedBy),
        gt(runs.nextActionAt, params.now),
      ),
    )
    .returning({ id: runs.id });
  return moved.length > 0;
}

/**
 * /stopquiz: the chat's running run becomes `finishing` (scored with what was answered). Its
 * finish step is due at `now`, unless a step is in progress: that step's outcome then makes it
 * due (see the engine's outcome recording). Undefined when the chat has no run /stopquiz may
 * end (which statuses those are is src/quiz/run-steps.ts's STOPPABLE_STATUSES).
 */
export async function stopRunningRun(executor: Executor, params: { chatId: number; now: Date }): Promise<Run | undefined> {
  const [run] = await executor
    .update(runs)
    .set({
      status: 'finishing',
      nextActionAt: sql`case when ${runs.claimedBy} is null then ${params.now.toISOString()}::timestamptz else ${runs.nextActionAt} end`,
    })
    .where(and(eq(runs.chatId, params.chatId), inArray(runs.status, [...STOPPABLE_STATUSES])))
    .returning();
  return run;
}

/**
 * A run's question at `position` went out (or was given up): the run moves on to it, and its
 * next step is due at `nextActionAt`, or at `now` when the run was stopped meanwhile (it is
 * `finishing` and owes its results). The claim ends. Never moves a run backwards.
 */
export async function advanceRun(
  executor: Executor,
  params: { runId: number; position: number; nextActionAt: Date; now: Date },
): Promise<boolean> {
  const moved = await executor
    .update(runs)
    .set({
      currentPosition: params.position,
      nextActionAt: sql`case when ${runs.status} = 'finishing' then ${params.now.toISOString()}::timestamptz else ${params.nextActionAt.toISOString()}::timestamptz end`,
      claimedBy: null,
    })
    .where(and(eq(runs.id, params.runId), isActive, sql`${runs.currentPosition} < ${params.position}`))
    .returning({ id: runs.id });
  return moved.length > 0;
}

/** Ends an active run as `finished` (results posted, or given up) or `cancelled`; false when it was not active. */
export async function endRun(
  executor: Executor,
  params: { runId: number; status: 'finished' | 'cancelled'; now: Date; resultsPosted?: boolean },
): Promise<boolean> {
  const ended = await executor
    .update(runs)
    .set({
      status: params.status,
      finishedAt: params.now,
      ...(params.resultsPosted ? { resultsPostedAt: params.now } : {}),
      nextActionAt: null,
      claimedBy: null,
    })
    .where(and(eq(runs.id, params.runId), isActive))
    .returning({ id: runs.id });
  return ended.length > 0;
}

/**
 * A private run whose question at `position` its player answered before the question's send
 * was recorded (the answer came faster than the record's commit) moves on now, as if the answer
 * had come after. Call inside the transaction that recorded the send (after {@link advanceRun}).
 */
export async function hurryIfAnswered(
  executor: Executor,
  params: { runId: number; questionId: number; position: number; now: Date },
): Promise<boolean> {
  const moved = await executor.execute<{ id: string }>(sql`
    update runs set next_action_at = ${params.now.toISOString()}::timestamptz
    where id = ${params.runId}::bigint and mode = 'private' and status = 'running' and current_position = ${params.position}::int
      and exists (select 1 from answers where run_id = ${params.runId}::bigint and question_id = ${params.questionId}::bigint and cardinality(option_ids) > 0)
    returning id`);
  return moved.length > 0;
}
