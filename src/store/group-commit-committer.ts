/**
 * The database side of a group commit: commits one batch, retrying failures that may pass
 * (connection lost, server restarting) for as long as it takes, and isolating failures that
 * will not (a constraint) down to the one item that causes them.
 */
import type { Logger } from 'pino';
import type { Backoff } from '../lib/backoff.js';
import { sleep, type Clock } from '../lib/clock.js';
import { describeError } from '../lib/describe-error.js';
import type { OutageLog } from '../lib/outage-log.js';
import { CommitRejectedError } from './errors.js';
import type { HeldItem } from './group-commit-buffer.js';

/** What {@link BatchCommitter} needs; see GroupCommitOptions for the meaning of each. */
export interface BatchCommitterOptions<T> {
  name: string;
  commit(items: readonly T[]): Promise<void>;
  isRetryable(error: unknown): boolean;
  backoff: Backoff;
  clock: Clock;
  /** Reports retried failures: one warning when they start, a summary a minute, one line at the end. */
  outage: OutageLog;
  logger: Logger;
  describe?: ((item: T) => Record<string, unknown>) | undefined;
  onBatch?: ((size: number, seconds: number) => void) | undefined;
}

/** Running totals of a {@link BatchCommitter}. */
export interface CommitCounters {
  /** Successful commits (one transaction each: a batch that was split counts each part). */
  batches: number;
  /** Items resolved as saved. */
  committed: number;
  /** Items refused for good (their callers got a CommitRejectedError). */
  rejected: number;
  /** Commit attempts that failed and were tried again. */
  retries: number;
  lastBatchMs: number;
  lastBatchSize: number;
}

/** Commits batches of held items; each item is settled exactly once. */
export class BatchCommitter<T> {
  readonly #options: BatchCommitterOptions<T>;
  readonly #counters: CommitCounters = { batches: 0, committed: 0, rejected: 0, retries: 0, lastBatchMs: 0, lastBatchSize: 0 };
  /** The latest retried failure, kept as the cause of items given up at a deadline. */
  #lastFailure: unknown;

  constructor(options: BatchCommitterOptions<T>) {
    this.#options = options;
  }

  get counters(): Readonly<CommitCounters> {
    return this.#counters;
  }

  get lastFailure(): unknown {
    return this.#lastFailure;
  }

  /**
   * Commits `batch`, settling every item: resolved once saved, rejected with a
   * CommitRejectedError when the database refuses it for good. Retries stop when `stop` is
   * aborted (a close deadline passed); the items left are then the caller's to settle.
   */
  async commit(batch: readonly HeldItem<T>[], stop: AbortSignal): Promise<void> {
    const { commit, isRetryable, backoff, clock, outage } = this.#options;
    for (let attempt = 1; !stop.aborted; attempt++) {
      const started = performance.now();
      try {
        await commit(batch.map((held) => held.item));
      } catch (error) {
        if (isRetryable(error)) {
          this.#lastFailure = error;
          this.#counters.retries++;
          outage.failure(error);
          await sleep(clock, backoff.delayMs(attempt), stop);
          continue;
        }
        outage.success(); // the database answered: it is reachable, whatever it thought of the batch
        await this.#isolate(batch, error, stop);
        return;
      }
      outage.success();
      // Real time, not the clock's: this measures the database's work, which a test clock does not drive.
      this.#committed(batch, (performance.now() - started) / 1000);
      return;
    }
  }

  /**
   * A permanent failure: commit each half on its own, so that only the offending item is
   * refused and its batch-mates are saved (log2(n) extra transactions for one bad item).
   */
  async #isolate(batch: readonly HeldItem<T>[], error: unknown, stop: AbortSignal): Promise<void> {
    if (batch.length > 1) {
      const middle = Math.ceil(batch.length / 2);
      await this.commit(batch.slice(0, middle), stop);
      await this.commit(batch.slice(middle), stop);
      return;
    }
    const [held] = batch as [HeldItem<T>];
    const { name, logger, describe } = this.#options;
    logger.error({ error: describeError(error), part: name, ...describe?.(held.item) }, `${name}: the database refused an item for good`);
    if (held.reject(new CommitRejectedError(name, { cause: error }))) this.#counters.rejected++;
  }

  #committed(batch: readonly HeldItem<T>[], seconds: number): void {
    const counters = this.#counters;
    for (const held of batch) if (held.resolve()) counters.committed++;
    counters.batches++;
    counters.lastBatchMs = Math.round(seconds * 10_000) / 10;
    counters.lastBatchSize = batch.length;
    try {
      this.#options.onBatch?.(batch.length, seconds);
    } catch (error) {
      // A metrics listener must not turn a saved batch into a failure.
      this.#options.logger.error({ err: error, part: this.#options.name }, `${this.#options.name}: batch listener failed`);
    }
  }
}
