/**
 * Records what became of one outbox send, in one short transaction, and moves its run on:
 * a question sent starts its open period from the moment Telegram's answer came back; the
 * results sent finish the run; a refusal or a blocked chat ends the run; a send that did not
 * reach Telegram is put off; one whose outcome is unknown is left for reconciliation (a
 * question) or taken as delivered (never sent twice).
 */
import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import { describeError } from '../lib/describe-error.js';
import { reconcileDeadline } from '../quiz/run-steps.js';
import type { Database } from '../store/database.js';
import { settleSend } from '../store/queries/outbox.js';
import { getReservedQuestion, type ReservedQuestion } from '../store/queries/run-questions.js';
import { endRun, hurryIfAnswered, releaseRun } from '../store/queries/runs.js';
import type { OutboxRow } from '../store/schema/outbox.js';
import type { Run } from '../store/schema/runs.js';
import type { SendOutcome } from './outbox-sender.js';
import { polledQuestionOf, type PollDirectory } from './poll-directory.js';
import type { EngineCounters } from './run-step.js';
import { settleQuestionSent } from './settle-question-sent.js';

/** A send that did not reach Telegram is tried again this much later. */
export const SEND_RETRY_MS = 5_000;

export interface OutcomeContext {
  db: Database;
  clock: Clock;
  logger: Logger;
  polls: PollDirectory;
  counters: EngineCounters;
  /** This instance's id: only the claim holder releases a run after a failed send. */
  instanceId: string;
}

/** What the engine learns from recording: whether the run is due again right away. */
export interface RecordedOutcome {
  dueNow: boolean;
}

/** The run a send belongs to, as far as recording needs it. */
export type SendRun = Pick<Run, 'id' | 'chatId' | 'mode' | 'questionCount' | 'settings'>;

/**
 * Records `outcome` of `row`; throws when the database fails (the caller retries the whole
 * call). `question` is what a question send asks, when the caller knows it.
 */
export async function recordOutcome(
  row: OutboxRow,
  run: SendRun,
  outcome: SendOutcome,
  ctx: OutcomeContext,
  question?: ReservedQuestion,
): Promise<RecordedOutcome> {
  const now = new Date(ctx.clock.now());
  const log = { runId: row.runId, chatId: run.chatId, sendId: row.id, kind: row.kind, position: row.position };
  switch (outcome.kind) {
    case 'sent':
      return recordSent(row, run, outcome, ctx, question);
    case 'cancelled':
      return { dueNow: false };
    case 'not_sent': {
      await settleSend(ctx.db, {
        id: row.id,
        from: ['pending', 'dispatched'],
        to: 'pending',
        at: now,
        error: describeError(outcome.error),
      });
      await releaseRun(ctx.db, { runId: row.runId, by: ctx.instanceId, nextActionAt: new Date(now.getTime() + SEND_RETRY_MS) });
      ctx.counters.stepsRetried++;
      ctx.logger.debug(
        { ...log, error: describeError(outcome.error) },
        `Send did not reach Telegram: trying again in ${SEND_RETRY_MS / 1000} s`,
      );
      return { dueNow: false };
    }
    case 'refused':
    case 'unreachable': {
      const unreachable = outcome.kind === 'unreachable';
      let ended = false;
      await ctx.db.transaction(async (tx) => {
        if (
          !(await settleSend(tx, {
            id: row.id,
            from: ['dispatched', 'unknown', 'pending'],
            to: 'failed',
            at: now,
            error: describeError(outcome.error),
          }))
        )
          return;
        if (row.kind === 'announce' && !unreachable) return; // the questions can still go
        const status = row.kind === 'results' ? 'finished' : 'cancelled';
        ended = await endRun(tx, { runId: row.runId, status, now, resultsPosted: row.kind === 'results' });
      });
      if (ended && row.kind === 'results') ctx.counters.runsFinished++;
      else if (ended) ctx.counters.runsCancelled++;
      if (unreachable) ctx.logger.warn(log, "The run's chat is unreachable (bot blocked or removed): the run ends");
      else
        ctx.logger.error(
          { ...log, error: describeError(outcome.error) },
          row.kind === 'question' ? 'Telegram refused a question of the run: cancelling the run' : 'Telegram refused a message of the run',
        );
      return { dueNow: false };
    }
    case 'unknown': {
      if (row.kind !== 'question') {
        // An announcement or results message: taken as delivered (a second copy would be worse).
        let ended = false;
        await ctx.db.transaction(async (tx) => {
          if (
            !(await settleSend(tx, {
              id: row.id,
              from: ['dispatched', 'unknown'],
              to: 'lost',
              at: now,
              error: describeError(outcome.error),
            }))
          )
            return;
          if (row.kind === 'results') ended = await endRun(tx, { runId: row.runId, status: 'finished', now, resultsPosted: true });
        });
        if (ended) ctx.counters.runsFinished++;
        ctx.logger.warn(
          { ...log, error: describeError(outcome.error) },
          "A message's delivery is unknown (the connection broke after it was sent): taken as delivered, not sent again",
        );
        return { dueNow: false };
      }
      const dispatchedAt = row.dispatchedAt?.getTime() ?? now.getTime();
      const until = reconcileDeadline(dispatchedAt, openPeriodOf(row));
      // Not if a `poll` update reconciled it already (the run then moved on).
      if (!(await settleSend(ctx.db, { id: row.id, from: ['dispatched'], to: 'unknown', at: now, error: describeError(outcome.error) })))
        return { dueNow: false };
      await releaseRun(ctx.db, { runId: row.runId, nextActionAt: new Date(until) });
      ctx.logger.warn(
        { ...log, error: describeError(outcome.error), reconcileUntil: new Date(until).toISOString() },
        "A question's delivery is unknown (the connection broke after it was sent): not sent again; waiting for Telegram's poll update to tell its poll",
      );
      return { dueNow: false };
    }
  }
}

async function recordSent(
  row: OutboxRow,
  run: SendRun,
  outcome: Extract<SendOutcome, { kind: 'sent' }>,
  ctx: OutcomeContext,
  known?: ReservedQuestion,
): Promise<RecordedOutcome> {
  const now = new Date(outcome.at);
  const message = outcome.message;
  if (row.kind !== 'question') {
    let ended = false;
    await ctx.db.transaction(async (tx) => {
      if (!(await settleSend(tx, { id: row.id, from: ['dispatched', 'unknown'], to: 'sent', at: now, messageId: message.message_id })))
        return;
      if (row.kind === 'results') ended = await endRun(tx, { runId: row.runId, status: 'finished', now, resultsPosted: true });
    });
    if (ended) ctx.counters.runsFinished++;
    return { dueNow: false };
  }
  const poll = message.poll;
  if (!poll) throw new Error(`sendPoll answered without a poll (message ${message.message_id})`);
  const sentAt = now;
  const closesAt = new Date(sentAt.getTime() + openPeriodOf(row) * 1000);
  const reserved = known ?? (await questionOf(row, ctx));
  // Before the commit: the fastest answers must find their poll in memory.
  ctx.polls.remember(poll.id, polledQuestionOf({ ...run, id: row.runId }, { ...reserved, position: row.position, sentAt, closesAt }));
  let moved = false;
  let hurried = false;
  await ctx.db.transaction(async (tx) => {
    ({ moved } = await settleQuestionSent(tx, { row, reserved, pollId: poll.id, messageId: message.message_id, sentAt, closesAt, now }));
    // A private player may have answered before this commit: their run moves on now.
    if (moved && run.mode === 'private')
      hurried = await hurryIfAnswered(tx, { runId: row.runId, questionId: reserved.questionId, position: row.position, now });
  });
  if (moved) ctx.counters.questionsSent++;
  return { dueNow: hurried };
}

/** A question send's open period, from its request. */
export function openPeriodOf(row: OutboxRow): number {
  return (JSON.parse(row.payload) as { open_period?: number }).open_period ?? 0;
}

/** The question a send asks, as its step reserved it (the order its options are shown in). */
async function questionOf(row: OutboxRow, ctx: OutcomeContext): Promise<ReservedQuestion> {
  const found = await getReservedQuestion(ctx.db, { runId: row.runId, position: row.position });
  if (!found) throw new Error(`run ${row.runId} has no reserved question at position ${row.position}`);
  return found;
}
