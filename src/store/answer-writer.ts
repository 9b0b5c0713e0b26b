import type { Logger } from 'pino';
import type { Database } from './database.js';
import { AnswerRejectedError, AnswerWriterClosedError, isRetryableDatabaseError } from './errors.js';
import { upsertAnswers, upsertAnswerUsers, type AnswerRow, type UpsertResult } from './queries/answers.js';

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
}

/** Writer figures for /monitoring/stats. */
export interface AnswerWriterStats {
  /** Records accepted and not yet committed (waiting and in committing batches). */
  buffered: number;
  /** Most records ever held at once; never above bufferLimit. */
  peak_buffered: number;
  /** Callers waiting for buffer space (backpressure). */
  blocked_producers: number;
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
}

/** The group-commit writer. See {@link createAnswerWriter}. */
export interface AnswerWriter {
  /** Resolves once the answer's batch has committed; rejects only with a permanent error. */
  record(answer: AnswerRecord): Promise<void>;
  /** Commits everything accepted so far (waiting the flush delay is skipped). */
  flush(): Promise<void>;
  /** Refuses new records, commits everything accepted, then resolves. */
  close(): Promise<void>;
  stats(): AnswerWriterStats;
  /** Calls `listener` after each committed batch with its size and duration (for metrics histograms). */
  onBatch(listener: (size: number, seconds: number) => void): void;
}

interface Pending {
  seq: number;
  answer: AnswerRecord;
  resolve(): void;
  reject(error: unknown): void;
}

/** All records of one batch for one (run, question, user): the last update wins the row. */
interface Group {
  row: AnswerRow;
  waiters: Pending[];
}

/**
 * Creates the group-commit writer: answers are buffered and saved as ONE transaction per batch
 * with a multi-row upsert. A batch leaves when it is full or `flushMs` after its first record;
 * while batches commit, the next one fills, so the batch size grows with the load. `record()`
 * resolves only after the commit, so an update counts as handled only once its answer is
 * durable. A failed transaction (connection lost, server restarting) is retried with
 * exponential backoff and jitter, for as long as it takes; callers simply keep waiting. A
 * permanent error (an answer for a run that does not exist) is narrowed down by splitting the
 * batch, so that only the offending records are rejected. Above `bufferLimit` records,
 * `record()` waits for room: memory stays bounded under any load.
 *
 * @example
 * const writer = createAnswerWriter({ db, logger });
 * await writer.record({ runId, questionId, user, optionIds: [1], isCorrect: true, responseMs: 3200, answeredAt: new Date(), updateId });
 * await writer.close(); // on shutdown
 */
export function createAnswerWriter(options: AnswerWriterOptions): AnswerWriter {
  const batchSize = positive('batchSize', options.batchSize ?? 500);
  const flushMs = options.flushMs ?? 5;
  const bufferLimit = positive('bufferLimit', options.bufferLimit ?? 20_000);
  const concurrency = positive('concurrency', options.concurrency ?? 4);
  const retryDelay = options.retryDelayMs ?? { initial: 50, max: 5_000 };
  if (bufferLimit < batchSize) {
    throw new RangeError(`bufferLimit (${bufferLimit}) must be at least batchSize (${batchSize})`);
  }
  const { db, logger } = options;
  const knownUsers = createKnownUsers(options.knownUsersLimit ?? 100_000);

  const batchListeners = new Set<(size: number, seconds: number) => void>();
  const waiting: Pending[] = [];
  /** Records refused room (backpressure), admitted in arrival order as batches commit. */
  const blocked: Pending[] = [];
  let blockedHead = 0;
  /** First sequence number of each batch being committed; records are numbered as accepted. */
  const activeBatches = new Set<number>();
  const progressWaiters: { until: number; wake(): void }[] = [];
  let nextSeq = 0;
  let committing = 0; // records in batches being committed
  let timer: NodeJS.Timeout | undefined;
  let flushDue = false; // the oldest waiting record has waited flushMs
  let draining = false; // flush()/close(): send partial batches at once
  let closed = false;
  const stats: Omit<AnswerWriterStats, 'buffered' | 'blocked_producers'> = {
    peak_buffered: 0,
    batches: 0,
    answers_saved: 0,
    inserted: 0,
    updated: 0,
    stale_skipped: 0,
    coalesced: 0,
    rejected: 0,
    retries: 0,
    last_batch_ms: 0,
    last_batch_size: 0,
  };

  const held = (): number => waiting.length + committing;

  /** Every record numbered below this one has been committed (or rejected). */
  function lowestUnfinished(): number {
    let lowest = waiting[0]?.seq ?? nextSeq;
    for (const first of activeBatches) lowest = Math.min(lowest, first);
    return lowest;
  }

  function pump(): void {
    while (activeBatches.size < concurrency && waiting.length > 0 && (waiting.length >= batchSize || flushDue || draining)) {
      flushDue = false;
      void commitBatch(waiting.splice(0, batchSize));
    }
    if (waiting.length === 0) {
      draining = false;
      flushDue = false;
      clearTimeout(timer);
      timer = undefined;
    } else if (!flushDue && timer === undefined) {
      timer = setTimeout(() => {
        timer = undefined;
        flushDue = true;
        pump();
      }, flushMs);
    }
  }

  async function commitBatch(batch: Pending[]): Promise<void> {
    const first = (batch[0] as Pending).seq;
    activeBatches.add(first);
    committing += batch.length;
    const started = performance.now();
    try {
      const groups = coalesce(batch);
      stats.coalesced += batch.length - groups.length;
      const totals: UpsertResult = { inserted: 0, updated: 0, stale: 0 };
      await commitGroups(groups, totals);
      const seconds = (performance.now() - started) / 1000;
      stats.batches++;
      stats.inserted += totals.inserted;
      stats.updated += totals.updated;
      stats.stale_skipped += totals.stale;
      stats.last_batch_ms = Math.round(seconds * 10_000) / 10;
      stats.last_batch_size = batch.length;
      logger.info(
        { batch: batch.length, rows: groups.length, stale: totals.stale, ms: stats.last_batch_ms },
        `Bulk save completed in ${seconds.toFixed(3)}s: Updated ${totals.updated} answers, Inserted ${totals.inserted} new answers`,
      );
      for (const listener of batchListeners) listener(batch.length, seconds);
    } catch (error) {
      // Only a bug gets here (commitGroups settles every record itself); never leave callers hanging.
      logger.error({ err: error }, 'Answer batch failed unexpectedly');
      for (const pending of batch) pending.reject(error);
    } finally {
      committing -= batch.length;
      activeBatches.delete(first);
      releaseRoom();
      pump();
      wakeProgressWaiters();
    }
  }

  /**
   * Commits the groups, retrying transient failures and isolating permanent ones by halving.
   * When every player of the batch is known to be stored, the answers go as one statement
   * (atomic by itself: one round trip instead of four); otherwise users and answers go in one
   * transaction. A permanent failure first forgets the known players (a user row may have been
   * deleted behind our back) and tries once more with the users statement.
   */
  async function commitGroups(groups: Group[], totals: UpsertResult, trustKnownUsers = true): Promise<void> {
    const rows = groups.map((g) => g.row);
    for (let attempt = 1; ; attempt++) {
      const newUsers = trustKnownUsers ? rows.filter((row) => !knownUsers.has(row)) : rows;
      try {
        const result =
          newUsers.length === 0
            ? await upsertAnswers(db, rows)
            : await db.transaction(async (tx) => {
                await upsertAnswerUsers(tx, newUsers);
                return upsertAnswers(tx, rows);
              });
        for (const row of newUsers) knownUsers.remember(row);
        totals.inserted += result.inserted;
        totals.updated += result.updated;
        totals.stale += result.stale;
        for (const group of groups) {
          stats.answers_saved += group.waiters.length;
          for (const waiter of group.waiters) waiter.resolve();
        }
        return;
      } catch (error) {
        if (isRetryableDatabaseError(error)) {
          stats.retries++;
          const delay = backoff(attempt, retryDelay.initial, retryDelay.max);
          logger.warn({ err: error, attempt, delayMs: delay, rows: groups.length }, 'Bulk save failed, retrying');
          await new Promise((resolve) => setTimeout(resolve, delay));
          continue;
        }
        if (trustKnownUsers && newUsers.length < rows.length) {
          knownUsers.clear();
          return commitGroups(groups, totals, false);
        }
        if (groups.length > 1) {
          const middle = Math.ceil(groups.length / 2);
          await commitGroups(groups.slice(0, middle), totals, false);
          await commitGroups(groups.slice(middle), totals, false);
          return;
        }
        const [group] = groups as [Group];
        const { runId, questionId, userId } = group.row;
        logger.error({ err: error, runId, questionId, userId }, 'Answer refused by the database');
        const rejection = new AnswerRejectedError(
          `answer of user ${userId} to question ${questionId} of run ${runId} was refused: ${(error as Error).message}`,
          { cause: error },
        );
        stats.rejected += group.waiters.length;
        for (const waiter of group.waiters) waiter.reject(rejection);
        return;
      }
    }
  }

  const blockedCount = (): number => blocked.length - blockedHead;

  function admit(pending: Pending): void {
    pending.seq = nextSeq++;
    waiting.push(pending);
    stats.peak_buffered = Math.max(stats.peak_buffered, held());
  }

  /** Moves blocked records into the buffer as far as room allows: O(1) each, first come first in. */
  function releaseRoom(): void {
    while (blockedHead < blocked.length && held() < bufferLimit) admit(blocked[blockedHead++] as Pending);
    if (blockedHead > 1024 && blockedHead * 2 > blocked.length) {
      blocked.splice(0, blockedHead);
      blockedHead = 0;
    }
  }

  function wakeProgressWaiters(): void {
    const lowest = lowestUnfinished();
    for (let i = progressWaiters.length - 1; i >= 0; i--) {
      const waiter = progressWaiters[i] as { until: number; wake(): void };
      if (lowest >= waiter.until) {
        progressWaiters.splice(i, 1);
        waiter.wake();
      }
    }
  }

  /** Resolves when every record numbered below `until` is finished. */
  function finishedUpTo(until: number): Promise<void> {
    draining = true;
    pump();
    if (lowestUnfinished() >= until) return Promise.resolve();
    return new Promise((wake) => progressWaiters.push({ until, wake }));
  }

  return {
    record(answer) {
      if (closed) return Promise.reject(new AnswerWriterClosedError());
      return new Promise<void>((resolve, reject) => {
        const pending: Pending = { seq: -1, answer, resolve, reject };
        if (blockedCount() === 0 && held() < bufferLimit) {
          admit(pending);
          pump();
        } else {
          blocked.push(pending);
        }
      });
    },
    flush() {
      return finishedUpTo(nextSeq);
    },
    async close() {
      closed = true;
      // Records waiting for room were accepted before close: they are admitted as room frees up
      // and saved too.
      do await finishedUpTo(nextSeq);
      while (held() > 0 || blockedCount() > 0);
    },
    stats() {
      return { ...stats, buffered: held(), blocked_producers: blockedCount() };
    },
    onBatch(listener) {
      batchListeners.add(listener);
    },
  };
}

/**
 * Player profiles this process has seen committed, as (name, username): rows are never deleted
 * by quiz-agent, so a known, unchanged profile needs no write. Bounded: the oldest are forgotten.
 */
function createKnownUsers(limit: number) {
  const profiles = new Map<number, string>();
  const profileOf = (row: AnswerRow): string => `${row.firstName}\u0000${row.username ?? '\u0001'}`;
  return {
    has: (row: AnswerRow): boolean => profiles.get(row.userId) === profileOf(row),
    remember(row: AnswerRow): void {
      profiles.delete(row.userId);
      profiles.set(row.userId, profileOf(row));
      if (profiles.size > limit) profiles.delete(profiles.keys().next().value as number);
    },
    clear: (): void => profiles.clear(),
  };
}

function coalesce(batch: Pending[]): Group[] {
  const groups = new Map<string, Group>();
  for (const pending of batch) {
    const a = pending.answer;
    const key = `${a.runId}:${a.questionId}:${a.user.id}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { row: toRow(a), waiters: [pending] });
      continue;
    }
    group.waiters.push(pending);
    if (a.updateId > group.row.updateId) group.row = toRow(a);
  }
  return [...groups.values()];
}

function toRow(a: AnswerRecord): AnswerRow {
  return {
    runId: a.runId,
    questionId: a.questionId,
    userId: a.user.id,
    firstName: a.user.firstName,
    username: a.user.username ?? null,
    optionIds: a.optionIds,
    isCorrect: a.optionIds.length > 0 && a.isCorrect,
    responseMs: a.optionIds.length > 0 ? a.responseMs : null,
    answeredAt: a.answeredAt,
    updateId: a.updateId,
  };
}

/** Exponential backoff with full jitter, capped. */
function backoff(attempt: number, initial: number, max: number): number {
  const ceiling = Math.min(max, initial * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a whole number of at least 1, got ${value}`);
  }
  return value;
}
