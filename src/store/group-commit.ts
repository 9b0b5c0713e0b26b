/**
 * Group commit: many callers' items saved as one transaction per batch, each caller released
 * only once its item is durable. The AnswerWriter (poll answers) and the update inbox are built
 * on it. Two parts do the work: a {@link BoundedBuffer} holds items and makes callers wait for
 * room, a {@link BatchCommitter} commits a batch (retrying and isolating failures), a
 * {@link FlushTimer} wakes it when the oldest item's batching window ends and
 * {@link ProgressWaiters} release flush() callers; this file decides when a batch leaves and how
 * the group commit closes. Its one-statement variant is in statement-group-commit.ts.
 */
import type { Logger } from 'pino';
import { createBackoff, type Backoff } from '../lib/backoff.js';
import { systemClock, type Clock, type Timer } from '../lib/clock.js';
import { createOutageLog, type OutageBoard } from '../lib/outage-log.js';
import { GroupCommitClosedError, NotSavedError } from './errors.js';
import { BoundedBuffer, HeldItem } from './group-commit-buffer.js';
import { BatchCommitter } from './group-commit-committer.js';
import { FlushTimer } from './group-commit-flush-timer.js';
import { ProgressWaiters } from './group-commit-progress.js';

/** Options of {@link createGroupCommit}. */
export interface GroupCommitOptions<T> {
  /** The part's name in logs, errors and /health, e.g. "answer-writer" or "inbox". */
  name: string;
  /**
   * Saves `items` in ONE transaction (all or nothing). Called again with the same items after
   * a retryable failure, and with halves of them after a permanent one, so it must be
   * idempotent (an upsert keyed on the update is).
   */
  commit(items: readonly T[]): Promise<void>;
  /** True when running the same commit again may succeed (e.g. isRetryableDatabaseError). */
  isRetryable(error: unknown): boolean;
  /** Most items in one batch. */
  batchSize: number;
  /** Longest wait of a batch's first item for batch-mates, in ms (0: the next timer tick). */
  flushMs: number;
  /** Most items held (waiting or committing), at least batchSize; `add()` waits above it. */
  bufferLimit: number;
  /** Batches committed in parallel. */
  concurrency: number;
  /** Retry delays, outage times and close deadlines. */
  clock: Clock;
  /**
   * The batching window's time (`flushMs`) [systemClock]. A window of a few milliseconds trades
   * latency for fewer transactions; it is not the quiz's time, so it stays on the real clock
   * even when a test drives `clock` by hand (a ManualClock would hold every partial batch until
   * the test moved it).
   */
  windowClock?: Clock;
  logger: Logger;
  /** Delays between retries of a failed batch [createBackoff({ initialMs: 50, maxMs: 5_000 })]. */
  backoff?: Backoff;
  /** Where /health sees this part while the database is unavailable to it [none]. */
  outages?: OutageBoard;
  /** Log fields that identify an item the database refused (ids, never secrets) [none]. */
  describe?(item: T): Record<string, unknown>;
  /** Called after each committed transaction with its item count and duration (for histograms). */
  onBatch?(size: number, seconds: number): void;
}

/** Figures of a group commit, for /monitoring/stats. */
export interface GroupCommitStats {
  /** Items held: waiting for a batch or in a batch being committed. */
  buffered: number;
  /** Most items ever held at once; never above bufferLimit. */
  peak_buffered: number;
  /** Callers waiting for room (backpressure). */
  blocked_producers: number;
  /** Transactions committed (a batch split to isolate a bad item counts each part). */
  batches: number;
  /** Items resolved as saved. */
  committed: number;
  /** Items refused for good (CommitRejectedError). */
  rejected: number;
  /** Items given up at a close deadline (NotSavedError). */
  unsaved: number;
  /** Commit attempts that failed and were tried again. */
  retries: number;
  last_batch_ms: number;
  last_batch_size: number;
}

/** A running group commit. See {@link createGroupCommit}. */
export interface GroupCommit<T> {
  /**
   * Resolves once the item's batch has committed. Rejects with CommitRejectedError when the
   * database refuses the item for good, GroupCommitClosedError after `close()` began, and
   * NotSavedError when a close deadline passed before it could be saved.
   */
  add(item: T): Promise<void>;
  /** Sends every item added so far at once (no flush delay) and resolves when all are settled. */
  flush(): Promise<void>;
  /**
   * Refuses new items and commits the ones held (callers still waiting for room included).
   * Without a deadline it waits as long as the database takes to come back; with one, what is
   * left when `deadlineMs` (clock ms) have passed is rejected with NotSavedError. Resolves with
   * how many items were given up; a later call may add a deadline to an earlier one's wait.
   */
  close(deadlineMs?: number): Promise<{ unsaved: number }>;
  stats(): GroupCommitStats;
}

/**
 * Creates a group commit. A batch leaves when it is full, `flushMs` after its first item, or at
 * once on `flush()`/`close()`; while `concurrency` batches commit, the next ones fill, so the
 * batch size grows with the load. A retryable failure retries the same batch with backoff on
 * the clock for as long as it takes, reported as one outage (a warning, a summary a minute, a
 * line when it is over), never a line per attempt. A permanent failure splits the batch until
 * the offending item is found; only that item is rejected. Above `bufferLimit` held items
 * `add()` waits for room, first come first in, so memory stays bounded under any load.
 *
 * @example
 * const inbox = createGroupCommit<InboxRow>({
 *   name: 'inbox', commit: (rows) => insertInboxRows(db, rows), isRetryable: isRetryableDatabaseError,
 *   batchSize: 500, flushMs: 5, bufferLimit: 20_000, concurrency: 4, clock: systemClock, logger,
 * });
 * await inbox.add(row); // durable from here on
 * const { unsaved } = await inbox.close(10_000); // at shutdown
 */
export function createGroupCommit<T>(options: GroupCommitOptions<T>): GroupCommit<T> {
  return new Batcher(validated(options));
}

/** Decides when batches leave, and closes. */
class Batcher<T> implements GroupCommit<T> {
  readonly #options: GroupCommitOptions<T>;
  readonly #buffer: BoundedBuffer<T>;
  readonly #committer: BatchCommitter<T>;
  readonly #inFlight = new Set<readonly HeldItem<T>[]>();
  readonly #progress = new ProgressWaiters();
  readonly #flushTimer: FlushTimer;
  /** Aborted when a close deadline passes: retries stop and nothing new is sent. */
  readonly #giveUp = new AbortController();
  #nextSeq = 0;
  /** Items numbered below this leave at once, full batch or not (set by flush and close). */
  #flushBefore = 0;
  /** Set by the first close(): everything held is settled. */
  #drained: Promise<void> | undefined;
  #unsaved = 0;

  constructor(options: GroupCommitOptions<T>) {
    const { name, clock, logger } = options;
    this.#options = options;
    const windowClock = options.windowClock ?? systemClock;
    this.#buffer = new BoundedBuffer<T>(options.bufferLimit, () => windowClock.now());
    this.#committer = new BatchCommitter<T>({
      name,
      commit: options.commit,
      isRetryable: options.isRetryable,
      backoff: options.backoff ?? createBackoff({ initialMs: 50, maxMs: 5_000 }),
      clock,
      outage: createOutageLog({ part: name, logger, clock, board: options.outages }),
      logger,
      describe: options.describe,
      onBatch: options.onBatch,
    });
    this.#flushTimer = new FlushTimer(windowClock, () => this.#dispatch());
  }

  add(item: T): Promise<void> {
    if (this.#drained) return Promise.reject(new GroupCommitClosedError(this.#options.name));
    return new Promise<void>((resolve, reject) => {
      this.#buffer.push(new HeldItem(item, this.#nextSeq++, resolve, reject));
      this.#dispatch();
    });
  }

  flush(): Promise<void> {
    const until = this.#nextSeq;
    this.#flushBefore = until;
    this.#dispatch();
    return this.#progress.wait(until, this.#lowestUnfinished());
  }

  close(deadlineMs?: number): Promise<{ unsaved: number }> {
    if (deadlineMs !== undefined && !(deadlineMs >= 0)) {
      return Promise.reject(new RangeError(`${this.#options.name}: close() expects a deadline in ms >= 0 (or none), got ${deadlineMs}`));
    }
    this.#drained ??= this.flush(); // the first call refuses new items and sends everything held
    const drained = this.#drained.then(() => ({ unsaved: this.#unsaved }));
    return deadlineMs === undefined ? drained : this.#giveUpAfter(deadlineMs, drained);
  }

  stats(): GroupCommitStats {
    const c = this.#committer.counters;
    return {
      buffered: this.#buffer.held,
      peak_buffered: this.#buffer.peak,
      blocked_producers: this.#buffer.blocked,
      batches: c.batches,
      committed: c.committed,
      rejected: c.rejected,
      unsaved: this.#unsaved,
      retries: c.retries,
      last_batch_ms: c.lastBatchMs,
      last_batch_size: c.lastBatchSize,
    };
  }

  /** Sends every batch that is due while commit slots are free; arms the timer for the next. */
  #dispatch(): void {
    if (this.#giveUp.signal.aborted) return;
    const { batchSize, concurrency, flushMs } = this.#options;
    const windowClock = this.#options.windowClock ?? systemClock;
    while (this.#inFlight.size < concurrency) {
      const oldest = this.#buffer.oldestReady();
      if (!oldest) break;
      const due = this.#buffer.ready >= batchSize || oldest.seq < this.#flushBefore || windowClock.now() - oldest.readyAt >= flushMs;
      if (!due) break;
      void this.#commit(this.#buffer.take(batchSize));
    }
    // With every slot busy no timer is needed: a finishing batch dispatches again.
    const oldest = this.#buffer.oldestReady();
    if (oldest && this.#inFlight.size < concurrency) this.#flushTimer.at(oldest.readyAt + flushMs);
    else this.#flushTimer.cancel();
  }

  async #commit(batch: readonly HeldItem<T>[]): Promise<void> {
    this.#inFlight.add(batch);
    try {
      await this.#committer.commit(batch, this.#giveUp.signal);
    } catch (error) {
      // Only a bug gets here (the committer settles every item itself); never leave callers hanging.
      this.#options.logger.error({ err: error, part: this.#options.name }, `${this.#options.name}: batch failed unexpectedly`);
      for (const held of batch) held.reject(error);
    } finally {
      this.#inFlight.delete(batch);
      this.#buffer.release(batch.length);
      this.#dispatch();
      this.#progress.update(this.#lowestUnfinished());
    }
  }

  /** Every item numbered below this one is settled. */
  #lowestUnfinished(): number {
    let lowest = this.#buffer.lowestWaitingSeq() ?? this.#nextSeq;
    for (const batch of this.#inFlight) lowest = Math.min(lowest, (batch[0] as HeldItem<T>).seq);
    return lowest;
  }

  async #giveUpAfter(deadlineMs: number, drained: Promise<{ unsaved: number }>): Promise<{ unsaved: number }> {
    let timer: Timer | undefined;
    const expired = new Promise<undefined>((resolve) => {
      timer = this.#options.clock.setTimeout(() => resolve(undefined), deadlineMs);
    });
    const saved = await Promise.race([drained, expired]);
    timer?.cancel();
    if (saved) return saved;
    this.#abandon();
    return { unsaved: this.#unsaved };
  }

  /** The close deadline passed: rejects every item not saved yet, so its update stays unconfirmed. */
  #abandon(): void {
    this.#giveUp.abort();
    this.#flushTimer.cancel();
    const { name, logger } = this.#options;
    const left = [...this.#buffer.removeWaiting(), ...[...this.#inFlight].flat()];
    const error = new NotSavedError(name, { cause: this.#committer.lastFailure });
    let unsaved = 0;
    for (const held of left) if (held.reject(error)) unsaved++;
    this.#unsaved += unsaved;
    // A commit attempt on the wire may still be running; nobody waits for it any more.
    this.#progress.wakeAll();
    if (unsaved > 0)
      logger.warn(
        { part: name, unsaved },
        `${name}: closed at its deadline with ${unsaved} items not saved (the database was unavailable)`,
      );
  }
}

/** Checks the options once, with messages that say what was expected and what was given. */
function validated<T>(options: GroupCommitOptions<T>): GroupCommitOptions<T> {
  const name = options.name;
  if (typeof name !== 'string' || name.length === 0) {
    throw new TypeError(`createGroupCommit expects a non-empty name (used in logs and errors), got ${JSON.stringify(name)}`);
  }
  const wholeAtLeast1 = (key: 'batchSize' | 'bufferLimit' | 'concurrency'): void => {
    const value = options[key];
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name}: ${key} must be a whole number of at least 1, got ${value}`);
  };
  wholeAtLeast1('batchSize');
  wholeAtLeast1('bufferLimit');
  wholeAtLeast1('concurrency');
  if (options.bufferLimit < options.batchSize) {
    throw new RangeError(`${name}: bufferLimit (${options.bufferLimit}) must be at least batchSize (${options.batchSize})`);
  }
  if (!Number.isFinite(options.flushMs) || options.flushMs < 0) {
    throw new RangeError(`${name}: flushMs must be a number of ms >= 0, got ${options.flushMs}`);
  }
  for (const key of ['commit', 'isRetryable'] as const) {
    if (typeof options[key] !== 'function') throw new TypeError(`${name}: ${key} must be a function, got ${typeof options[key]}`);
  }
  if (typeof options.clock?.now !== 'function' || typeof options.clock.setTimeout !== 'function') {
    throw new TypeError(`${name}: clock must have now() and setTimeout() (systemClock, or a ManualClock in tests)`);
  }
  return options;
}
