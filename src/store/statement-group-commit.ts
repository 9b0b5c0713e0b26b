/**
 * The group commit's preset for rows written by one statement per batch: the sizes fit small
 * rows and one statement at a time, so the inbox's writers share one definition of them instead
 * of repeating four numbers.
 */
import { createGroupCommit, type GroupCommit, type GroupCommitOptions } from './group-commit.js';

/**
 * A group commit of small rows written by one statement per batch (the inbox's inserts, its
 * handled marks): up to 500 rows a statement, 2 ms of batching, one statement at a time (plenty
 * for hundreds of rows each, and it keeps the pool free), 20,000 rows held at most.
 */
export function createStatementGroupCommit<T>(
  options: Pick<GroupCommitOptions<T>, 'name' | 'commit' | 'isRetryable' | 'clock' | 'logger' | 'outages'>,
): GroupCommit<T> {
  return createGroupCommit<T>({ ...options, batchSize: 500, flushMs: 2, bufferLimit: 20_000, concurrency: 1 });
}
