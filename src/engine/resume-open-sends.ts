/**
 * A step of a run that finds sends of an earlier step still open: a step whose claim lapsed (its
 * instance died or lost the database), or a question waiting to be reconciled. Each open send's
 * fate comes from the pure rules of src/quiz/run-steps.ts (send it, leave it to the sender that
 * holds it, drop it, wait for its poll, give it up): never a second copy of a message that may
 * have reached its chat. Apart from run-step.ts, which writes a step's new intents.
 */
import { openSendAction } from '../quiz/run-steps.js';
import { settleSend } from '../store/queries/outbox.js';
import { closeRunQuestion } from '../store/queries/run-questions.js';
import { advanceRun, endRun, releaseRun } from '../store/queries/runs.js';
import type { OutboxRow } from '../store/schema/outbox.js';
import type { Run } from '../store/schema/runs.js';
import type { StepContext, StepResult } from './run-step.js';

/**
 * The run's step was taken before and some of its sends are still open: a step whose claim
 * lapsed (its instance died or lost the database), or a question waiting to be reconciled.
 */
export async function resumeOpenSends(run: Run, open: OutboxRow[], ctx: StepContext): Promise<StepResult> {
  const send: OutboxRow[] = [];
  let keepClaim = false;
  let waitUntil: number | undefined;
  for (const row of open) {
    const now = ctx.clock.now();
    const openPeriodS = row.kind === 'question' ? ((JSON.parse(row.payload) as { open_period?: number }).open_period ?? 0) : null;
    let state = row.state as 'pending' | 'dispatched' | 'unknown';
    let action = openSendAction(
      { kind: row.kind, state, dispatchedAt: row.dispatchedAt?.getTime() ?? null, openPeriodS, inFlightHere: ctx.inFlight.has(row.id) },
      { now, questionsStarted: run.currentPosition >= 0 },
    );
    if (action.kind === 'mark-unknown') {
      await settleSend(ctx.db, {
        id: row.id,
        from: ['dispatched'],
        to: 'unknown',
        at: new Date(now),
        error: 'its sender stopped before recording the outcome',
      });
      ctx.logger.warn(
        { runId: run.id, sendId: row.id, kind: row.kind, position: row.position },
        'A send of this run left for Telegram but its outcome was never recorded: it will not be sent again',
      );
      state = 'unknown';
      action = openSendAction(
        { kind: row.kind, state, dispatchedAt: row.dispatchedAt?.getTime() ?? null, openPeriodS, inFlightHere: false },
        { now, questionsStarted: run.currentPosition >= 0 },
      );
    }
    switch (action.kind) {
      case 'leave':
        keepClaim = true;
        break;
      case 'send':
        send.push(row);
        break;
      case 'drop':
        await settleSend(ctx.db, {
          id: row.id,
          from: ['pending'],
          to: 'failed',
          at: new Date(now),
          error: 'announcement dropped: the questions of its run had started',
        });
        break;
      case 'await-reconcile':
        waitUntil = Math.max(waitUntil ?? 0, action.until);
        break;
      case 'give-up':
        await giveUp(run, row, ctx);
        break;
      case 'mark-unknown':
        throw new Error('openSendAction: a send just marked unknown cannot need marking again');
    }
  }
  if (send.length > 0 || keepClaim) return { send, dueNow: false };
  if (waitUntil !== undefined) {
    await releaseRun(ctx.db, { runId: run.id, nextActionAt: new Date(waitUntil) });
    return { send: [], dueNow: false };
  }
  // Everything that was open is settled: the run's next step is due now.
  await releaseRun(ctx.db, { runId: run.id, nextActionAt: new Date(ctx.clock.now()) });
  return { send: [], dueNow: true };
}

/**
 * Stops waiting for an unknown send's outcome. A question is skipped: closed with no poll to
 * answer, the run moves past it (a doubled question would be worse). An announcement or results
 * message is taken as delivered.
 */
async function giveUp(run: Run, row: OutboxRow, ctx: StepContext): Promise<void> {
  const now = new Date(ctx.clock.now());
  const log = { runId: run.id, chatId: run.chatId, sendId: row.id, kind: row.kind, position: row.position };
  await ctx.db.transaction(async (tx) => {
    if (!(await settleSend(tx, { id: row.id, from: ['unknown', 'dispatched'], to: 'lost', at: now, error: 'outcome never learnt' })))
      return;
    if (row.kind === 'question') {
      await closeRunQuestion(tx, { runId: run.id, position: row.position, closedAt: now });
      await advanceRun(tx, { runId: run.id, position: row.position, nextActionAt: now, now });
      ctx.counters.questionsSkipped++;
      ctx.logger.warn(
        log,
        "A question's delivery stayed unknown and no poll update identified it: the run goes on without it (never sent twice)",
      );
    } else if (row.kind === 'results') {
      if (await endRun(tx, { runId: run.id, status: 'finished', now, resultsPosted: true })) ctx.counters.runsFinished++;
      ctx.logger.warn(log, "The results message's delivery stayed unknown: taken as delivered (never sent twice)");
    }
  });
}
