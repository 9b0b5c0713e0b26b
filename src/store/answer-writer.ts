import type { Logger } from 'pino';
import { createBackoff } from '../lib/backoff.js';
import { systemClock, type Clock } from '../lib/clock.js';
import type { OutageBoard } from '../lib/outage-log.js';
import { AnswerBatchSaver } from './answer-batch-saver.js';
import type { Database } from './database.js';
import {
  AnswerRejectedError,
  AnswerWriterClosedError,
  CommitRejectedError,
  GroupCommitClosedError,
  isRetryableDatabaseError,
} from './errors.js';
import { createGroupCommit, type GroupCommit } from './group-commit.js';

/** One poll answer to save. The caller has mapped options back to the quiz's order and scored it. */
export interface AnswerRecord {
  runId: number;
  questionId: number;
  user: { id: number; firstName: string; username?: string | null };
  /** Empty when the player retracted the vote. */
  optionIds: readonly number[];
  isCorrect: boolean;
  /** From the poll being sent to the update being received; null for a retraction. */
  responseMs: number | null;
  /** When the update was received (Telegram sends no time with poll_answer). */
  answeredAt: Date;
  /** Telegram's update_id: the higher one wins when two updates concern the same answer. */
  updateId: number;
}

/** Options of {@link createAnswerWriter}; defaults were chosen with `npm run bench:ingest`. */
export interface AnswerWriterOptions {
  db: Database;
  logger: Logger;
  /** Most records in one transaction; default 500 (ANSWER_BATCH_SIZE). */
  batchSize?: number;
  /** Longest wait of a first record for batch-mates, in ms; default 5 (ANSWER_FLUSH_MS). */
  flushMs?: number;
  /** Most records held (waiting or committing); `record()` waits above it; default 20,000 (ANSWER_BUFFER_LIMIT). */
  bufferLimit?: number;
  /** Batches committed in parallel; default 4 (ANSWER_WRITER_CONCURRENCY). */
  concurrency?: number;
  /** Backoff of retried transactions: first and largest delay in ms; default 50 and 5,000. */
  retryDelayMs?: { initial: number; max: number };
  /** Player profiles remembered as stored, so their batches skip the users statement; default 100,000. */
  knownUsersLimit?: number;
  /** Flush timers and retry delays; default systemClock (tests pass a ManualClock). */
  clock?: Clock;
  /** Where /health sees the writer while the database is unavailable to it; default none. */
  outages?: OutageBoard;
}

/** Writer figures for /monitoring/stats. */
export interface AnswerWriterStats {
  /** Records accepted and not yet committed (waiting and in committing batches). */
  buffered: number;
  /** Most records ever held at once; never above bufferLimit. */
  peak_buffered: number;
  /** Callers waiting for buffer space (backpressure). */
  blocked_producers: number;
  /** Transactions committed (a batch split to isolate a refused record counts each part). */
  batches: number;
  /** Records acknowledged as saved (a record superseded inside its batch counts as saved). */
  answers_saved: number;
  inserted: number;
  updated: number;
  /** Rows not written because the database already held a newer update for them. */
  stale_skipped: number;
  /** Records merged into a later update for the same answer within a batch. */
  coalesced: number;
  /** Records refused by the database for good (e.g. an unknown run); their callers got the error. */
  rejected: number;
  /** Transactions retried after a connection loss or similar. */
  retries: number;
  last_batch_ms: number;
  last_batch_size: number;
  /** Records given up at a close deadline (the database stayed down); their updates stay unconfirmed. */
  unsaved: number;
}

/** The group-commit writer. See {@link createAnswerWriter}. */
export interface AnswerWriter {
  /**
   * Resolves once the answer's batch has committed. Rejects with AnswerRejectedError when the
   * database refuses it for good, AnswerWriterClosedError after close() began, NotSavedError
   * when a close deadline passed first.
   */
  record(answer: AnswerRecord): Promise<void>;
  /** Commits everything accepted so far (waiting the flush delay is skipped). */
  flush(): Promise<void>;
  /**
   * Refuses new records and commits everything accepted. Without a deadline it waits as long
   * as the database takes; with one, records still unsaved after `deadlineMs` are rejected with
   * NotSavedError (their updates stay unconfirmed, so Telegram delivers them again) and counted.
   */
  close(deadlineMs?: number): Promise<{ unsaved: number }>;
  stats(): AnswerWriterStats;
  /** Calls `listener` after each committed batch with its size and duration (for metrics histograms). */
  onBatch(listener: (size: number, seconds: number) => void): void;
}

/**
 * Creates the group-commit writer: answers are buffered and saved as ONE transaction per batch
 * with a multi-row upsert. A batch leaves when it is full or `flushMs` after its first record;
 * while batches commit, the next one fills, so the batch size grows with the load. `record()`
 * resolves only after the commit, so an update counts as handled only once its answer is
 * durable. A failed transaction (connection lost, server restarting) is retried with capped
 * exponential backoff and equal jitter (src/lib/backoff.ts) on the clock, for as long as it
 * takes, reported as one outage rather than a line per attempt; callers simply keep waiting. A
 * permanent error (an answer for a run that does not exist) is narrowed down by splitting the
 * batch, so that only the offending records are rejected. Above `bufferLimit` records,
 * `record()` waits for room: memory stays bounded under any load.
 *
 * @example
 * const writer = createAnswerWriter({ db, logger });
 * await writer.record({ runId, questionId, user, optionIds: [1], isCorrect: true, responseMs: 3200, answeredAt: new Date(), updateId });
 * const { unsaved } = await writer.close(10_000); // on shutdown
 */
export function createAnswerWriter(options: AnswerWriterOptions): AnswerWriter {
  return new GroupCommitAnswerWriter(options);
}

/** Coalescing and the upsert live in {@link AnswerBatchSaver}; batching, retries and backpressure in the group commit. */
class GroupCommitAnswerWriter implements AnswerWriter {
  readonly #saver: AnswerBatchSaver;
  readonly #batches: GroupCommit<AnswerRecord>;
  readonly #batchListeners = new Set<(size: number, seconds: number) => void>();

  constructor(options: AnswerWriterOptions) {
    const retryDelay = options.retryDelayMs ?? { initial: 50, max: 5_000 };
    this.#saver = new AnswerBatchSaver(options.db, options.logger, options.knownUsersLimit ?? 100_000);
    this.#batches = createGroupCommit<AnswerRecord>({
      name: 'answer-writer',
      commit: (records) => this.#saver.commit(records),
      isRetryable: isRetryableDatabaseError,
      batchSize: options.batchSize ?? 500,
      flushMs: options.flushMs ?? 5,
      bufferLimit: options.bufferLimit ?? 20_000,
      concurrency: options.concurrency ?? 4,
      clock: options.clock ?? systemClock,
      logger: options.logger,
      backoff: createBackoff({ initialMs: retryDelay.initial, maxMs: retryDelay.max }),
      outages: options.outages,
      describe: (a) => ({ runId: a.runId, questionId: a.questionId, userId: a.user.id }),
      onBatch: (size, seconds) => {
        for (const listener of this.#batchListeners) listener(size, seconds);
      },
    });
  }

  record(answer: AnswerRecord): Promise<void> {
    return this.#batches.add(answer).catch((error: unknown) => {
      throw answerError(error, answer);
    });
  }

  flush(): Promise<void> {
    return this.#batches.flush();
  }

  close(deadlineMs?: number): Promise<{ unsaved: number }> {
    return this.#batches.close(deadlineMs);
  }

  stats(): AnswerWriterStats {
    const batches = this.#batches.stats();
    return {
      ...this.#saver.counters,
      buffered: batches.buffered,
      peak_buffered: batches.peak_buffered,
      blocked_producers: batches.blocked_producers,
      batches: batches.batches,
      answers_saved: batches.committed,
      rejected: batches.rejected,
      retries: batches.retries,
      last_batch_ms: batches.last_batch_ms,
      last_batch_size: batches.last_batch_size,
      unsaved: batches.unsaved,
    };
  }

  onBatch(listener: (size: number, seconds: number) => void): void {
    this.#batchListeners.add(listener);
  }
}

/** The group commit's errors in the writer's own terms (NotSavedError passes as it is). */
function answerError(error: unknown, answer: AnswerRecord): unknown {
  if (error instanceof GroupCommitClosedError) return new AnswerWriterClosedError();
  if (error instanceof CommitRejectedError) {
    const cause = error.cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new AnswerRejectedError(
      `answer of user ${answer.user.id} to question ${answer.questionId} of run ${answer.runId} was refused: ${reason}`,
      { cause },
    );
  }
  return error;
}
