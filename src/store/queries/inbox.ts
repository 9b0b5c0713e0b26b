/**
 * The inbox's statements: accepting updates in bulk, claiming the first open update of each
 * lane, and recording how handling ended. Times come from the caller's clock, never from the
 * server's now(), so tests can drive them.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import type { InboxRow } from '../schema/inbox.js';
import { toArrayLiteral } from './array-literal.js';

/** An update to accept into the inbox. */
export interface InboxEntry {
  updateId: number;
  lane: string;
  kind: string;
  /** The update as JSON text. */
  payload: string;
  /** What it waits for (a deferred poll answer: its poll's id) [nothing]. */
  waitsFor?: string;
  acceptedAt: Date;
  /** Accepted as a dead letter right away (its content can never be handled) [false]. */
  dead?: { reason: string };
}

/**
 * Inserts accepted updates in one statement. A row already there (a redelivery: in flight,
 * handled within the last day, or parked) is left as it is, so an update is handled once.
 */
export async function insertInboxEntries(executor: Executor, entries: readonly InboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const column = <T extends string | number | boolean | null>(pick: (entry: InboxEntry) => T): string => toArrayLiteral(entries.map(pick));
  await executor.execute(sql`
    insert into inbox (update_id, lane, kind, waits_for, payload, accepted_at, next_attempt_at, dead_at, last_error)
    select update_id, lane, kind, waits_for, payload, accepted_at, accepted_at, case when dead then accepted_at end, reason
    from unnest(
      ${column((e) => e.updateId)}::bigint[],
      ${column((e) => e.lane)}::text[],
      ${column((e) => e.kind)}::text[],
      ${column((e) => e.waitsFor ?? null)}::text[],
      ${column((e) => e.payload)}::text[],
      ${column((e) => e.acceptedAt.toISOString())}::timestamptz[],
      ${column((e) => e.dead !== undefined)}::boolean[],
      ${column((e) => e.dead?.reason ?? null)}::text[]
    ) as input(update_id, lane, kind, waits_for, payload, accepted_at, dead, reason)
    order by update_id
    on conflict (update_id) do nothing`);
}

/** What {@link claimInboxHeads} takes. */
export interface ClaimParams {
  /** The claiming instance. */
  by: string;
  now: Date;
  /** The claim lapses this long after `now` unless renewed. */
  leaseMs: number;
  limit: number;
  /**
   * Updates the claiming instance is still handling: never claimed again by it, even when their
   * lease lapsed before the renewal (a stalled event loop), so their attempts are not spent twice.
   */
  handling?: readonly number[];
}

/**
 * Claims up to `limit` updates that may be handled now: each the first open update of its lane
 * (so a chat's updates are handled in order), due (not backing off after a failure), and not
 * claimed by a live instance. Rows another instance is claiming at this moment are skipped, not
 * waited for. Increments each claimed row's attempts.
 */
export async function claimInboxHeads(executor: Executor, params: ClaimParams): Promise<InboxRow[]> {
  const until = new Date(params.now.getTime() + params.leaseMs);
  const rows = await executor.execute<RawInboxRow>(sql`
    with heads as (
      select i.update_id from inbox i
      where i.handled_at is null and i.dead_at is null
        and i.next_attempt_at <= ${params.now.toISOString()}::timestamptz
        and (i.claimed_until is null or i.claimed_until <= ${params.now.toISOString()}::timestamptz)
        and not (i.update_id = any(${toArrayLiteral(params.handling ?? [])}::bigint[]))
        and not exists (
          select 1 from inbox earlier
          where earlier.lane = i.lane and earlier.update_id < i.update_id
            and earlier.handled_at is null and earlier.dead_at is null)
      order by i.update_id
      limit ${params.limit}::int
      for update skip locked
    )
    update inbox set claimed_by = ${params.by}, claimed_until = ${until.toISOString()}::timestamptz, attempts = inbox.attempts + 1
    from heads where inbox.update_id = heads.update_id
    returning inbox.*`);
  return rows.map(toInboxRow).sort((a, b) => a.updateId - b.updateId);
}

/** Extends the claims `by` holds on these updates (handlers still running). */
export async function renewInboxClaims(
  executor: Executor,
  params: { by: string; updateIds: readonly number[]; until: Date },
): Promise<void> {
  if (params.updateIds.length === 0) return;
  await executor.execute(sql`
    update inbox set claimed_until = ${params.until.toISOString()}::timestamptz
    where update_id = any(${toArrayLiteral(params.updateIds)}::bigint[]) and claimed_by = ${params.by} and handled_at is null`);
}

/** Marks updates handled (kept a day to absorb redeliveries). */
export async function markInboxHandled(executor: Executor, params: { updateIds: readonly number[]; at: Date }): Promise<void> {
  if (params.updateIds.length === 0) return;
  await executor.execute(sql`
    update inbox set handled_at = ${params.at.toISOString()}::timestamptz, claimed_by = null, claimed_until = null
    where update_id = any(${toArrayLiteral(params.updateIds)}::bigint[]) and handled_at is null`);
}

/** A failed attempt: the update is tried again at `retryAt` (its lane waits until then). */
export async function scheduleInboxRetry(executor: Executor, params: { updateId: number; retryAt: Date; error: string }): Promise<void> {
  await executor.execute(sql`
    update inbox set next_attempt_at = ${params.retryAt.toISOString()}::timestamptz, claimed_by = null, claimed_until = null,
      last_error = ${params.error}
    where update_id = ${params.updateId}::bigint and handled_at is null`);
}

/** Parks an update as a dead letter: kept for the operator, no longer holding its lane back. */
export async function parkInboxEntry(executor: Executor, params: { updateId: number; at: Date; error: string }): Promise<void> {
  await executor.execute(sql`
    update inbox set dead_at = ${params.at.toISOString()}::timestamptz, claimed_by = null, claimed_until = null, last_error = ${params.error}
    where update_id = ${params.updateId}::bigint and handled_at is null`);
}

/** Updates deferred until `waitsFor` became known are due again at once; returns how many. */
export async function wakeInboxWaitingFor(executor: Executor, params: { waitsFor: string; now: Date }): Promise<number> {
  const rows = await executor.execute<{ update_id: string }>(sql`
    update inbox set next_attempt_at = ${params.now.toISOString()}::timestamptz
    where waits_for = ${params.waitsFor} and handled_at is null and dead_at is null
      and next_attempt_at > ${params.now.toISOString()}::timestamptz
    returning update_id`);
  return rows.length;
}

/**
 * Who answered the poll `pollId` while it was unknown: the users of up to `limit` answers waiting
 * for it in the inbox, oldest first, each once. Parsed here, not in SQL: a payload is text that
 * jsonb may refuse (see the inbox schema).
 */
export async function votersWaitingFor(executor: Executor, params: { pollId: string; limit: number }): Promise<number[]> {
  const rows = await executor.execute<{ payload: string }>(sql`
    select payload from inbox
    where waits_for = ${params.pollId} and handled_at is null and dead_at is null
    order by update_id
    limit ${params.limit * 4}::int`);
  const voters = new Set<number>();
  for (const { payload } of rows) {
    const userId = answerUserId(payload);
    if (userId !== undefined) voters.add(userId);
    if (voters.size >= params.limit) break;
  }
  return [...voters];
}

/** The user of a poll_answer update's JSON, or undefined (anonymous, or not a poll answer). */
function answerUserId(payload: string): number | undefined {
  try {
    const update = JSON.parse(payload) as { poll_answer?: { user?: { id?: unknown } } };
    const id = update.poll_answer?.user?.id;
    return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Deletes up to `limit` rows handled before `before`; returns how many went. */
export async function purgeHandledInbox(executor: Executor, params: { before: Date; limit: number }): Promise<number> {
  const rows = await executor.execute<{ update_id: string }>(sql`
    delete from inbox where update_id in (
      select update_id from inbox where handled_at < ${params.before.toISOString()}::timestamptz limit ${params.limit}::int)
    returning update_id`);
  return rows.length;
}

/** Figures for /monitoring/stats: updates waiting or being handled, and dead letters kept. */
export async function countInbox(executor: Executor): Promise<{ open: number; dead: number }> {
  const [row] = await executor.execute<{ open: number; dead: number }>(sql`
    select (select count(*) from inbox where handled_at is null and dead_at is null)::int as open,
           (select count(*) from inbox where dead_at is not null)::int as dead`);
  return { open: row?.open ?? 0, dead: row?.dead ?? 0 };
}

/** The inbox row of an update, or undefined (tests and operators). */
export async function getInboxEntry(executor: Executor, updateId: number): Promise<InboxRow | undefined> {
  const [row] = await executor.execute<RawInboxRow>(sql`select * from inbox where update_id = ${updateId}::bigint`);
  return row ? toInboxRow(row) : undefined;
}

/** A row as `execute` returns it: snake_case columns, bigints as strings, times as strings. */
interface RawInboxRow {
  update_id: string | number;
  lane: string;
  kind: string;
  waits_for: string | null;
  payload: string;
  accepted_at: string | Date;
  attempts: number;
  next_attempt_at: string | Date;
  claimed_by: string | null;
  claimed_until: string | Date | null;
  handled_at: string | Date | null;
  dead_at: string | Date | null;
  last_error: string | null;
  [column: string]: unknown;
}

function toInboxRow(row: RawInboxRow): InboxRow {
  const time = (value: string | Date | null): Date | null => (value === null ? null : new Date(value));
  return {
    updateId: Number(row.update_id),
    lane: row.lane,
    kind: row.kind,
    waitsFor: row.waits_for,
    payload: row.payload,
    acceptedAt: new Date(row.accepted_at),
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at),
    claimedBy: row.claimed_by,
    claimedUntil: time(row.claimed_until),
    handledAt: time(row.handled_at),
    deadAt: time(row.dead_at),
    lastError: row.last_error,
  };
}

/**
 * Whether answers to polls of this run, accepted since `since`, still wait in the inbox for their
 * poll to be known (a question reconciled a moment ago, or another instance's fresh poll): its
 * results should wait for them. Older ones are stuck for another reason and hold nothing back.
 */
export async function hasAnswersWaitingForRun(executor: Executor, params: { runId: number; since: Date }): Promise<boolean> {
  const [row] = await executor.execute<{ waiting: boolean }>(sql`
    select exists (
      select 1 from run_questions rq join inbox i on i.waits_for = rq.poll_id
      where rq.run_id = ${params.runId}::bigint and i.handled_at is null and i.dead_at is null
        and i.accepted_at > ${params.since.toISOString()}::timestamptz
    ) as waiting`);
  return row?.waiting ?? false;
}
