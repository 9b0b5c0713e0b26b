/**
 * The sends this instance has in flight: each outbox row handed to the sender (the outbound
 * queue), then its outcome recorded in a short transaction (send-outcome.ts), retried through a
 * database outage. The engine asks it which runs it still holds (their claims are renewed, see
 * claim-renewal.ts) and waits on it at shutdown. Apart from the claim loop because a send
 * outlives the step that wrote it: it may wait for Telegram's limits for many loop turns.
 */
import type { Logger } from 'pino';
import type { Backoff } from '../lib/backoff.js';
import { sleep, type Clock } from '../lib/clock.js';
import { describeError } from '../lib/describe-error.js';
import type { OutageLog } from '../lib/outage-log.js';
import { createSemaphore } from '../lib/semaphore.js';
import { isRetryableDatabaseError } from '../store/errors.js';
import type { ReservedQuestion } from '../store/queries/run-questions.js';
import type { OutboxRow } from '../store/schema/outbox.js';
import type { OutboxSender } from './outbox-sender.js';
import { recordOutcome, type OutcomeContext, type SendRun } from './send-outcome.js';

/** What {@link createSendsInFlight} needs. */
export interface SendsInFlightOptions {
  sender: OutboxSender;
  outcomeContext: OutcomeContext;
  clock: Clock;
  logger: Logger;
  outage: OutageLog;
  /** Delays between attempts to record an outcome while the database is unavailable. */
  backoff: Backoff;
  /** Outcomes recorded at once, like steps: a burst of answers from Telegram waits its turn. */
  recordConcurrency: number;
  /** Whether the engine still runs (shutting down, a send gives up recording after a few attempts). */
  isRunning(): boolean;
  /** Wakes the scheduler: a run became due, or a send finished. */
  wake(): void;
}

/** See {@link createSendsInFlight}. */
export interface SendsInFlight {
  /** Sends one row and records its outcome, retrying the record through a database outage. */
  send(row: OutboxRow, run: SendRun, question?: ReservedQuestion): void;
  /** Whether the outbox row `sendId` is being sent by this instance. */
  has(sendId: number): boolean;
  /** Rows being sent or having their outcome recorded. */
  readonly count: number;
  /** The run of each row in flight (repeated for a run with several). */
  runIds(): number[];
  /** Waits up to `deadlineMs` for every send in flight to be settled. */
  settle(deadlineMs: number): Promise<{ unsettled: number }>;
}

export function createSendsInFlight(options: SendsInFlightOptions): SendsInFlight {
  const { clock, logger, outage, backoff, wake } = options;
  const recording = createSemaphore(options.recordConcurrency);
  /** Outbox rows this instance is sending, and the run of each. */
  const inFlight = new Map<number, number>();
  const sending = new Set<Promise<void>>();

  const send = (row: OutboxRow, run: SendRun, question?: ReservedQuestion): void => {
    inFlight.set(row.id, row.runId);
    const task = (async () => {
      const outcome = await options.sender.send(row);
      for (let attempt = 1; ; attempt++) {
        let failure: unknown;
        const release = await recording.acquire();
        try {
          const recorded = await recordOutcome(row, run, outcome, options.outcomeContext, question);
          if (outcome.kind !== 'cancelled') outage.success(); // a cancelled send records nothing
          if (recorded.dueNow) wake();
          return;
        } catch (error) {
          failure = error;
        } finally {
          release();
        }
        if (!isRetryableDatabaseError(failure)) {
          logger.error(
            { error: describeError(failure), runId: row.runId, sendId: row.id },
            "Could not record a send's outcome: the run is taken up again when its claim lapses",
          );
          return;
        }
        outage.failure(failure);
        if (!options.isRunning() && attempt > 3) return; // shutting down: the next claimant settles it from the outbox
        await sleep(clock, backoff.delayMs(attempt));
      }
    })().finally(() => {
      inFlight.delete(row.id);
      sending.delete(task);
      wake();
    });
    sending.add(task);
  };

  return {
    send,
    has: (sendId) => inFlight.has(sendId),
    get count() {
      return inFlight.size;
    },
    runIds: () => [...inFlight.values()],
    async settle(deadlineMs) {
      const deadline = clock.now() + deadlineMs;
      while (sending.size > 0 && clock.now() < deadline) {
        await Promise.race([Promise.all([...sending]), sleep(clock, Math.max(0, deadline - clock.now()))]);
      }
      return { unsettled: sending.size };
    },
  };
}
