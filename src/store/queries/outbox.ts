/**
 * The run engine's outbox statements: intents written with a run's step, the guard taken right
 * before a send leaves for Telegram, and the outcomes. Every state change is a compare-and-set
 * on `state`, so two instances (or a late sender and a reconciler) never both act on one send.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { outbox, type OutboxKind, type OutboxRow, type OutboxState } from '../schema/outbox.js';
import { runs } from '../schema/runs.js';

/** A send to record as intended. */
export interface OutboxIntent {
  runId: number;
  kind: OutboxKind;
  position: number;
  method: string;
  /** The Bot API request's parameters. */
  payload: object;
  priority: string;
  dueAt: Date;
  createdAt: Date;
}

/**
 * Records intents (state pending) and returns them in the order given. An intent already
 * recorded for the same (run, kind, position) is returned as it stands instead: a step taken
 * again after its claim lapsed finds its earlier intent rather than sending a second one.
 */
export async function insertOutboxIntents(executor: Executor, intents: readonly OutboxIntent[]): Promise<OutboxRow[]> {
  if (intents.length === 0) return [];
  await executor
    .insert(outbox)
    .values(intents.map((intent) => ({ ...intent, payload: JSON.stringify(intent.payload) })))
    .onConflictDoNothing({ target: [outbox.runId, outbox.kind, outbox.position] });
  const rows = await executor
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.runId, intents[0]!.runId),
        inArray(
          outbox.kind,
          intents.map((i) => i.kind),
        ),
      ),
    );
  return intents.map((intent) => {
    const row = rows.find((r) => r.kind === intent.kind && r.position === intent.position);
    if (!row) throw new Error(`outbox intent ${intent.kind}@${intent.position} of run ${intent.runId} missing after insert`);
    return row;
  });
}

/** The run's sends whose outcome is still open (pending, dispatched or unknown), oldest first. */
export async function openSendsOfRun(executor: Executor, runId: number): Promise<OutboxRow[]> {
  return executor
    .select()
    .from(outbox)
    .where(and(eq(outbox.runId, runId), inArray(outbox.state, ['pending', 'dispatched', 'unknown'])))
    .orderBy(asc(outbox.id));
}

/**
 * The guard taken right before a send leaves for Telegram: pending -> dispatched, stamped
 * `at`, only while the run is still active. False when another sender took it first, it was
 * settled meanwhile, or the run ended: the call must then not be sent.
 */
export async function markDispatched(executor: Executor, params: { id: number; at: Date }): Promise<boolean> {
  const rows = await executor
    .update(outbox)
    .set({ state: 'dispatched', dispatchedAt: params.at })
    .where(
      and(
        eq(outbox.id, params.id),
        eq(outbox.state, 'pending'),
        sql`exists (select 1 from ${runs} where ${runs.id} = ${outbox.runId} and ${runs.status} in ('running', 'finishing'))`,
      ),
    )
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/** What {@link settleSend} records. */
export interface SendSettlement {
  id: number;
  /** The states it may be in now; nothing changes if it is in another. */
  from: readonly OutboxState[];
  to: OutboxState;
  at: Date;
  messageId?: number | null;
  pollId?: string | null;
  error?: string | null;
}

/** Moves a send from one of `from` to `to`; false when it was in none of them (someone else settled it). */
export async function settleSend(executor: Executor, settlement: SendSettlement): Promise<boolean> {
  const final = settlement.to === 'sent' || settlement.to === 'failed' || settlement.to === 'lost';
  const rows = await executor
    .update(outbox)
    .set({
      state: settlement.to,
      ...(final ? { doneAt: settlement.at } : {}),
      ...(settlement.to === 'pending' ? { dispatchedAt: null } : {}),
      ...(settlement.messageId !== undefined ? { messageId: settlement.messageId } : {}),
      ...(settlement.pollId !== undefined ? { pollId: settlement.pollId } : {}),
      ...(settlement.error !== undefined ? { error: settlement.error } : {}),
    })
    .where(and(eq(outbox.id, settlement.id), inArray(outbox.state, [...settlement.from])))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/** Question sends whose outcome is unknown or still being learnt: what a `poll` update may reconcile. */
export async function unresolvedQuestionSends(executor: Executor): Promise<OutboxRow[]> {
  return executor
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, 'question'), inArray(outbox.state, ['dispatched', 'unknown'])))
    .orderBy(asc(outbox.id));
}

/** The send with this id, or undefined. */
export async function getSend(executor: Executor, id: number): Promise<OutboxRow | undefined> {
  const [row] = await executor.select().from(outbox).where(eq(outbox.id, id));
  return row;
}

/** Sends of a run in every state, oldest first (tests and operators). */
export async function sendsOfRun(executor: Executor, runId: number): Promise<OutboxRow[]> {
  return executor.select().from(outbox).where(eq(outbox.runId, runId)).orderBy(asc(outbox.id));
}

/** Sends by state, for /monitoring/stats. */
export async function countOpenSends(executor: Executor): Promise<Record<'pending' | 'dispatched' | 'unknown', number>> {
  const rows = await executor
    .select({ state: outbox.state, count: sql<number>`count(*)::int` })
    .from(outbox)
    .where(inArray(outbox.state, ['pending', 'dispatched', 'unknown']))
    .groupBy(outbox.state);
  const counts = { pending: 0, dispatched: 0, unknown: 0 };
  for (const row of rows) if (row.state in counts) counts[row.state as keyof typeof counts] = row.count;
  return counts;
}
