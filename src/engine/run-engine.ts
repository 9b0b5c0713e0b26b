/**
 * The run engine: starts and stops runs, and a scheduler that takes every due run's next step.
 * All run state lives in the database; the scheduler claims due runs with FOR UPDATE SKIP
 * LOCKED inside the transaction of the step, so several instances can share one database
 * without sending a question twice, and a run that was due while the bot was down takes its
 * step as soon as any instance is up again.
 */
import type { Api } from 'grammy';
import type { Logger } from 'pino';
import type { AnswerWriter } from '../store/answer-writer.js';
import type { Database } from '../store/database.js';
import { getQuizWithQuestions, type QuizWithQuestions } from '../store/queries/quizzes.js';
import {
  claimDueRuns,
  countActiveRuns,
  getActiveRun,
  hurryPrivateRun,
  nextDueAt,
  RunAlreadyActiveError,
  startRun as insertRun,
  updateRun,
} from '../store/queries/runs.js';
import type { Run } from '../store/schema/runs.js';
import type { PollDirectory } from './poll-directory.js';
import { takeRunStep, type EngineCounters, type StepContext } from './run-step.js';

/** Options of {@link createRunEngine}. */
export interface RunEngineOptions {
  db: Database;
  /** Questions and announcements go out through it (queued as interactive). */
  api: Api;
  /** Results go out through it (queued as results: behind questions, ahead of bulk). */
  resultsApi: Api;
  polls: PollDirectory;
  answerWriter: AnswerWriter;
  logger: Logger;
  /** Points for rank 1, 2, ... and for taking part, frozen into each run at its start. */
  rewards: { pointsByRank: readonly number[]; participationPoints: number };
  /** Steps taken at once, each holding one pooled connection while it talks to Telegram [8]. */
  concurrency?: number;
  /** Longest sleep between two looks at the database for runs made due by other instances [1,000 ms]. */
  idleCheckMs?: number;
}

/** What {@link RunEngine.startRun} takes. */
export interface StartRunRequest {
  quizId: number;
  chatId: number;
  startedBy: number;
  mode: Run['mode'];
  /** Seconds per question for this run, beating the quiz's and the questions' own [the quiz's]. */
  openPeriodS?: number;
  /** Shuffle each question's options in this run [the quiz's setting]. */
  shuffleOptions?: boolean;
}

export type StartRunResult =
  | { ok: true; run: Run; quiz: QuizWithQuestions }
  | { ok: false; reason: 'quiz-not-found' }
  | { ok: false; reason: 'chat-busy'; run: Run };

/** Engine figures for /monitoring/stats. */
export interface RunEngineStats {
  active_runs: number;
  steps_in_progress: number;
  questions_sent: number;
  runs_finished: number;
  runs_cancelled: number;
  steps_retried: number;
  step_failures: number;
}

export interface RunEngine {
  /** Starts the scheduler. */
  start(): void;
  /** Stops claiming and waits for the steps in progress to commit. */
  stop(): Promise<void>;
  startRun(request: StartRunRequest): Promise<StartRunResult>;
  /** Ends the chat's running run early (it is scored with what was answered); false when none was running. */
  stopRun(chatId: number): Promise<boolean>;
  /** A private player answered the question at `position`: the run moves on now instead of at the end of the period. */
  answered(runId: number, position: number): Promise<void>;
  stats(): Promise<RunEngineStats>;
}

const FAILURE_BACKOFF_MS = 1_000;
/** Shortest sleep when a run is due but locked by someone else (another instance's step). */
const BUSY_RECHECK_MS = 100;

export function createRunEngine(options: RunEngineOptions): RunEngine {
  const { db, logger } = options;
  const concurrency = options.concurrency ?? 8;
  const idleCheckMs = options.idleCheckMs ?? 1_000;
  const counters: EngineCounters = { questionsSent: 0, runsFinished: 0, runsCancelled: 0, stepsRetried: 0 };
  const stepContext: StepContext = {
    api: options.api,
    resultsApi: options.resultsApi,
    polls: options.polls,
    answerWriter: options.answerWriter,
    logger,
    counters,
  };
  let running = false;
  let active = 0;
  let stepFailures = 0;
  let loop: Promise<void> | undefined;
  const steps = new Set<Promise<void>>();
  let wake: (() => void) | undefined;

  const poke = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /**
   * Claims one due run and takes its step in the claiming transaction. Resolves `claimed` as
   * soon as the claim query answered, so the loop can claim the next run while this step talks
   * to Telegram.
   */
  const claimOne = (): Promise<'claimed' | 'none' | 'failed'> =>
    new Promise((resolveClaim) => {
      active++;
      let claimedRun: Run | undefined;
      const step = db
        .transaction(async (tx) => {
          const [run] = await claimDueRuns(tx, { now: new Date(), limit: 1 });
          claimedRun = run;
          resolveClaim(run ? 'claimed' : 'none');
          if (run) await takeRunStep(tx, run, stepContext);
        })
        .catch((error: unknown) => {
          stepFailures++;
          logger.error({ err: error, runId: claimedRun?.id }, 'Run step failed: it will be tried again');
          resolveClaim('failed');
        })
        .finally(() => {
          active--;
          steps.delete(step);
          poke();
        });
      steps.add(step);
    });

  const schedule = async (): Promise<void> => {
    while (running) {
      if (active >= concurrency) {
        await sleep(idleCheckMs);
        continue;
      }
      const outcome = await claimOne();
      if (outcome === 'claimed') continue;
      if (outcome === 'failed') {
        await sleep(FAILURE_BACKOFF_MS);
        continue;
      }
      const due = await nextDueAt(db).catch(() => undefined);
      const untilDue = due ? due.getTime() - Date.now() : idleCheckMs;
      await sleep(Math.min(idleCheckMs, Math.max(BUSY_RECHECK_MS, untilDue)));
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop = schedule();
    },
    async stop() {
      running = false;
      poke();
      await loop;
      await Promise.all([...steps]);
    },
    async startRun(request) {
      const quiz = await getQuizWithQuestions(db, request.quizId);
      if (!quiz) return { ok: false, reason: 'quiz-not-found' };
      try {
        const run = await insertRun(db, {
          quizId: quiz.id,
          chatId: request.chatId,
          startedBy: request.startedBy,
          mode: request.mode,
          questionCount: quiz.questions.length,
          settings: {
            openPeriodS: request.openPeriodS ?? quiz.openPeriodS,
            openPeriodFixed: request.openPeriodS !== undefined,
            shuffleOptions: request.shuffleOptions ?? quiz.shuffleOptions,
            rewardPoints: [...options.rewards.pointsByRank],
            participationPoints: options.rewards.participationPoints,
          },
          nextActionAt: new Date(),
        });
        poke();
        return { ok: true, run, quiz };
      } catch (error) {
        if (!(error instanceof RunAlreadyActiveError)) throw error;
        const busy = await getActiveRun(db, request.chatId);
        if (!busy) throw error; // finished in between: let the caller retry
        return { ok: false, reason: 'chat-busy', run: busy };
      }
    },
    async stopRun(chatId) {
      const run = await getActiveRun(db, chatId);
      if (!run) return false;
      const stopped = await updateRun(db, run.id, { status: 'finishing', nextActionAt: new Date() }, { ifStatus: ['running'] });
      if (stopped) poke();
      return stopped !== undefined;
    },
    async answered(runId, position) {
      if (await hurryPrivateRun(db, { runId, position })) poke();
    },
    async stats() {
      return {
        active_runs: await countActiveRuns(db),
        steps_in_progress: active,
        questions_sent: counters.questionsSent,
        runs_finished: counters.runsFinished,
        runs_cancelled: counters.runsCancelled,
        steps_retried: counters.stepsRetried,
        step_failures: stepFailures,
      };
    },
  };
}
