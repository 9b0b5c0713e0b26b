/**
 * The run engine: starts and stops runs, and a scheduler that takes every due run's next step
 * as an outbox. All run state lives in the database. The scheduler claims due runs in one
 * statement (FOR UPDATE SKIP LOCKED, committed at once: the claim is a lease on the run),
 * writes each step's intents in a short transaction (run-step.ts), then sends them through the
 * outbound queue with no transaction or pooled connection held, and records each outcome in
 * another short transaction (send-outcome.ts). Hundreds of runs thus progress at once at the
 * pace of Telegram's limits, not of the pool; several instances share the runs; a run whose
 * instance died is taken over when its lease lapses, and a send that may have reached Telegram
 * is never sent again (it is reconciled from Telegram's `poll` update, or skipped). What handlers
 * ask of the engine (start, stop, hurry a run, reconcile a poll) is run-commands.ts; the sends in
 * flight are sends-in-flight.ts, the renewal of their runs' claims claim-renewal.ts; this file is
 * the claim loop and the wiring.
 */
import type { I18n } from '@grammyjs/i18n';
import { DEFAULT_LOCALE } from '../i18n/locales.js';
import { createI18n, translatorFor } from '../i18n/translator.js';
import type { Logger } from 'pino';
import { createBackoff } from '../lib/backoff.js';
import { sleep, systemClock, type Clock } from '../lib/clock.js';
import { describeError } from '../lib/describe-error.js';
import { createOutageLog, type OutageBoard } from '../lib/outage-log.js';
import { CLAIM_LEASE_MS } from '../store/claim-lease.js';
import { isRetryableDatabaseError } from '../store/errors.js';
import type { Database } from '../store/database.js';
import { countOpenSends } from '../store/queries/outbox.js';
import { claimDueRuns, nextDueAt, type ClaimedRun } from '../store/queries/run-claims.js';
import { countActiveRuns } from '../store/queries/runs.js';
import { startClaimRenewal, type ClaimRenewal } from './claim-renewal.js';
import type { OutboxSender } from './outbox-sender.js';
import type { PollDirectory } from './poll-directory.js';
import { createQuestionCache, type QuestionCache } from './question-cache.js';
import { createRunCommands, type RunCommands } from './run-commands.js';
import { takeRunStep, type EngineCounters, type StepContext } from './run-step.js';
import { createSendsInFlight } from './sends-in-flight.js';
import type { OutcomeContext } from './send-outcome.js';

/** Options of {@link createRunEngine}. */
export interface RunEngineOptions {
  db: Database;
  /**
   * The database for work done on behalf of updates (starting, stopping, hurrying runs,
   * reconciling polls): the handlers' limited share of the pool [db].
   */
  requestDb?: Database;
  logger: Logger;
  /** Sends outbox rows through the outbound queue with the dispatch guard. */
  sender: OutboxSender;
  /** Closes a group's poll early (/stopquiz); best effort, queued as a question. */
  stopPoll(chatId: number, messageId: number): Promise<unknown>;
  polls: PollDirectory;
  /** Points for rank 1, 2, ... and for taking part, frozen into each run at its start. */
  rewards: { pointsByRank: readonly number[]; participationPoints: number };
  /** This instance's name in run claims (unique per process). */
  instanceId: string;
  clock?: Clock;
  outages?: OutageBoard;
  /** Questions by id [a cache of 5,000: src/engine/question-cache.ts]. */
  questions?: QuestionCache;
  /** Runs claimed per statement [50]. */
  claimBatch?: number;
  /** Steps written at once, each a short transaction on one pooled connection [4]. */
  stepConcurrency?: number;
  /** How long a claim on a run holds unless renewed [CLAIM_LEASE_MS, 3,000 ms: src/store/claim-lease.ts]. */
  leaseMs?: number;
  /** Longest sleep between two looks at the database for runs made due by other instances [1,000 ms]. */
  idleCheckMs?: number;
  /** The texts (locales/) [loaded here]. */
  i18n?: Pick<I18n, 't'>;
}

/** Engine figures for /monitoring/stats. */
export interface RunEngineStats {
  active_runs: number;
  /** Sends of this instance waiting in the queue or having their outcome recorded. */
  steps_in_progress: number;
  questions_sent: number;
  questions_skipped: number;
  questions_reconciled: number;
  runs_finished: number;
  runs_cancelled: number;
  steps_retried: number;
  step_failures: number;
  /** Outbox sends of every instance whose outcome is open. */
  outbox: Record<'pending' | 'dispatched' | 'unknown', number>;
}

/** The scheduler of this instance, and the run commands of {@link RunCommands} for the handlers. */
export interface RunEngine extends RunCommands {
  /** Starts the scheduler. */
  start(): void;
  /** Stops claiming runs (sends already in the queue go on; see {@link RunEngine.settle}). */
  stop(): Promise<void>;
  /** Waits up to `deadlineMs` for the outcomes of sends in progress to be recorded. */
  settle(deadlineMs: number): Promise<{ unsettled: number }>;
  stats(): Promise<RunEngineStats>;
  /** What this instance's engine has done, from memory (no database read: readable in an outage). */
  counters(): Readonly<EngineCounters> & { stepFailures: number };
}

/** Shortest sleep when the next due run is due very soon or locked by another instance. */
const BUSY_RECHECK_MS = 50;

export function createRunEngine(options: RunEngineOptions): RunEngine {
  const { db, logger } = options;
  const requestDb = options.requestDb ?? db;
  const clock = options.clock ?? systemClock;
  const claimBatch = options.claimBatch ?? 50;
  const stepConcurrency = options.stepConcurrency ?? 4;
  const leaseMs = options.leaseMs ?? CLAIM_LEASE_MS;
  const idleCheckMs = options.idleCheckMs ?? 1_000;
  const i18n = options.i18n ?? createI18n();
  const questions = options.questions ?? createQuestionCache({ db });
  const outage = createOutageLog({ part: 'engine', logger, clock, ...(options.outages ? { board: options.outages } : {}) });
  const backoff = createBackoff({ initialMs: 200, maxMs: 10_000 });
  const counters: EngineCounters = {
    questionsSent: 0,
    questionsSkipped: 0,
    questionsReconciled: 0,
    runsFinished: 0,
    runsCancelled: 0,
    stepsRetried: 0,
  };
  let stepFailures = 0;
  let running = false;
  let loop: Promise<void> | undefined;
  let wake = new AbortController();
  let renewal: ClaimRenewal | undefined;
  /** Runs whose step is being written now: held (and renewed) like runs with sends in flight. */
  const stepping = new Set<number>();

  const poke = (): void => wake.abort();
  const stepContext: StepContext = {
    db,
    clock,
    logger,
    polls: options.polls,
    questions,
    counters,
    inFlight: { has: (id: number) => sends.has(id) } as ReadonlySet<number>,
    textsOf: (run) => translatorFor(i18n, run.settings.locale ?? DEFAULT_LOCALE),
    stopPoll: (chatId, messageId) => {
      options
        .stopPoll(chatId, messageId)
        .catch((error: unknown) =>
          logger.warn({ error: describeError(error), chatId }, 'Could not stop the poll of a question closed early'),
        );
    },
  };
  const commands = createRunCommands({
    db: requestDb,
    clock,
    logger,
    polls: options.polls,
    counters,
    rewards: options.rewards,
    wake: poke,
  });
  const outcomeContext: OutcomeContext = { db, clock, logger, polls: options.polls, counters, instanceId: options.instanceId };

  const sends = createSendsInFlight({
    sender: options.sender,
    outcomeContext,
    clock,
    logger,
    outage,
    backoff,
    recordConcurrency: stepConcurrency,
    isRunning: () => running,
    wake: poke,
  });

  const takeStep = async (claimed: ClaimedRun): Promise<void> => {
    stepping.add(claimed.run.id);
    try {
      const result = await takeRunStep(claimed, stepContext);
      for (const row of result.send) sends.send(row, claimed.run, result.questions?.get(row.id));
      if (result.dueNow) poke();
    } catch (error) {
      stepFailures++;
      if (isRetryableDatabaseError(error)) outage.failure(error);
      else
        logger.error({ error: describeError(error), runId: claimed.run.id }, 'Run step failed: it is taken up again when its claim lapses');
    } finally {
      stepping.delete(claimed.run.id);
    }
  };

  const schedule = async (): Promise<void> => {
    let failures = 0;
    while (running) {
      wake = new AbortController();
      let claimed: ClaimedRun[];
      try {
        claimed = await claimDueRuns(db, { now: new Date(clock.now()), limit: claimBatch, by: options.instanceId, leaseMs });
        outage.success();
        failures = 0;
      } catch (error) {
        outage.failure(error);
        await sleep(clock, backoff.delayMs(++failures), wake.signal);
        continue;
      }
      await forEachLimited(claimed, stepConcurrency, takeStep);
      if (claimed.length === claimBatch) continue;
      const due = await nextDueAt(db).catch(() => undefined);
      const untilDue = due ? due.getTime() - clock.now() : idleCheckMs;
      await sleep(clock, Math.min(idleCheckMs, Math.max(BUSY_RECHECK_MS, untilDue)), wake.signal);
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop = schedule();
      renewal = startClaimRenewal({
        db,
        clock,
        instanceId: options.instanceId,
        leaseMs,
        outage,
        heldRunIds: () => [...stepping, ...sends.runIds()],
        keepRenewing: () => running || sends.count > 0,
      });
    },
    async stop() {
      running = false;
      poke();
      await loop;
    },
    ...commands,
    async settle(deadlineMs) {
      const settled = await sends.settle(deadlineMs);
      if (settled.unsettled === 0) renewal?.cancel();
      return settled;
    },
    counters() {
      return { ...counters, stepFailures };
    },
    async stats() {
      return {
        active_runs: await countActiveRuns(db),
        steps_in_progress: sends.count,
        questions_sent: counters.questionsSent,
        questions_skipped: counters.questionsSkipped,
        questions_reconciled: counters.questionsReconciled,
        runs_finished: counters.runsFinished,
        runs_cancelled: counters.runsCancelled,
        steps_retried: counters.stepsRetried,
        step_failures: stepFailures,
        outbox: await countOpenSends(db),
      };
    },
  };
}

/** Runs `work` on every item, at most `limit` at once; resolves when all are done. */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
