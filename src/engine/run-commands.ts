/**
 * What handlers ask of the run engine on behalf of an update: start or stop a chat's run, move
 * a private run on when its player answered, reconcile a poll nobody recorded. Each is a short
 * statement on the handlers' share of the pool; the scheduler (run-engine.ts) does the rest and
 * is woken when a command made a run due.
 */
import type { Locale } from '../i18n/locales.js';
import type { Poll } from 'grammy/types';
import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import { drawQuestions } from '../quiz/question-draw.js';
import type { Database } from '../store/database.js';
import { unresolvedQuestionSends } from '../store/queries/outbox.js';
import { timesAskedInChat } from '../store/queries/run-questions.js';
import { getQuizToStart } from '../store/queries/quizzes.js';
import { getActiveRun, hurryPrivateRun, RunAlreadyActiveError, startRun, stopRunningRun } from '../store/queries/runs.js';
import type { Quiz } from '../store/schema/quizzes.js';
import type { Run } from '../store/schema/runs.js';
import type { PollDirectory } from './poll-directory.js';
import type { IsMember } from './poll-voters.js';
import { reconcilePoll, type ReconcileResult } from './reconcile.js';
import type { EngineCounters } from './run-step.js';

/** What {@link RunCommands.startRun} takes. */
export interface StartRunRequest {
  quizId: number;
  chatId: number;
  startedBy: number;
  mode: Run['mode'];
  /** Seconds per question for this run, beating the quiz's and the questions' own [the quiz's]. */
  openPeriodS?: number;
  /** Shuffle each question's options in this run [the quiz's setting]. */
  shuffleOptions?: boolean;
  /** Play a random draw of this many of the quiz's questions (a pool: `/startquiz 12 10q`) [all, in order]. */
  draw?: number;
  /** The language the run speaks in the chat [English]. */
  locale?: Locale;
}

export type StartRunResult =
  { ok: true; run: Run; quiz: Quiz } | { ok: false; reason: 'quiz-not-found' } | { ok: false; reason: 'chat-busy'; run: Run };

/** What {@link createRunCommands} needs. */
export interface RunCommandsOptions {
  /** The handlers' limited share of the pool. */
  db: Database;
  clock: Clock;
  logger: Logger;
  polls: PollDirectory;
  counters: EngineCounters;
  /** Points for rank 1, 2, ... and for taking part, frozen into each run at its start. */
  rewards: { pointsByRank: readonly number[]; participationPoints: number };
  /** Wakes the scheduler: a command made a run due now. */
  wake(): void;
}

/** The engine's commands for handlers. */
export interface RunCommands {
  startRun(request: StartRunRequest): Promise<StartRunResult>;
  /** Ends the chat's running run early (it is scored with what was answered); false when none was running. */
  stopRun(chatId: number): Promise<boolean>;
  /** A private player answered the question at `position`: the run moves on now instead of at the end of the period. */
  answered(runId: number, position: number): Promise<void>;
  /**
   * A `poll` update for a poll nobody recorded: maybe the poll of a question whose delivery is
   * unknown. `isMember` asks Telegram whether a voter is in a chat (to tell twin polls apart).
   */
  reconcilePoll(poll: Poll, isMember: IsMember): Promise<ReconcileResult>;
  /** Whether some question's delivery is still being learnt (answers to unknown polls may belong to it). */
  hasUnresolvedQuestionSends(): Promise<boolean>;
}

export function createRunCommands(options: RunCommandsOptions): RunCommands {
  const { db, clock, logger, counters, wake } = options;
  return {
    async startRun(request) {
      // The quiz's live question ids, read in one statement (one version of the quiz), become the
      // run's own list, so edits made while it plays do not reach it. No transaction around the
      // reads and the insert: at READ COMMITTED it would add no consistency, only hold a connection.
      const live = await getQuizToStart(db, request.quizId);
      if (!live || live.questionIds.length === 0) return { ok: false, reason: 'quiz-not-found' };
      const { quiz } = live;
      const questionIds =
        request.draw === undefined
          ? live.questionIds
          : drawQuestions(
              live.questionIds,
              await timesAskedInChat(db, { chatId: request.chatId, quizId: quiz.id }),
              request.draw,
              Math.random,
            );
      try {
        const run = await startRun(db, {
          quizId: quiz.id,
          chatId: request.chatId,
          startedBy: request.startedBy,
          mode: request.mode,
          questionCount: questionIds.length,
          settings: {
            openPeriodS: request.openPeriodS ?? quiz.openPeriodS,
            openPeriodFixed: request.openPeriodS !== undefined,
            shuffleOptions: request.shuffleOptions ?? quiz.shuffleOptions,
            rewardPoints: [...options.rewards.pointsByRank],
            participationPoints: options.rewards.participationPoints,
            questionIds,
            title: quiz.title,
            ...(request.locale ? { locale: request.locale } : {}),
          },
          nextActionAt: new Date(clock.now()),
        });
        wake();
        return { ok: true, run, quiz };
      } catch (error) {
        if (!(error instanceof RunAlreadyActiveError)) throw error;
        const busy = await getActiveRun(db, request.chatId);
        if (!busy) throw error; // finished in between: let the caller retry
        return { ok: false, reason: 'chat-busy', run: busy };
      }
    },
    async stopRun(chatId) {
      const stopped = await stopRunningRun(db, { chatId, now: new Date(clock.now()) });
      if (stopped) wake();
      return stopped !== undefined;
    },
    async answered(runId, position) {
      if (await hurryPrivateRun(db, { runId, position, now: new Date(clock.now()) })) wake();
    },
    async reconcilePoll(poll, isMember) {
      const result = await reconcilePoll(poll, { db, logger, polls: options.polls, counters, isMember, now: () => clock.now() });
      if (result === 'reconciled') wake();
      return result;
    },
    async hasUnresolvedQuestionSends() {
      return (await unresolvedQuestionSends(db)).length > 0;
    },
  };
}
