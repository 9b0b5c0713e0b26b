/**
 * Marks handled inbox rows by group commit: one UPDATE for every update handled within a few
 * milliseconds, instead of a statement per update. A mark that is lost (the process died first)
 * only means the update is handled again after its claim lapses: handling is at least once.
 */
import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import type { OutageBoard } from '../../lib/outage-log.js';
import type { Database } from '../../store/database.js';
import { isRetryableDatabaseError } from '../../store/errors.js';
import { createStatementGroupCommit } from '../../store/statement-group-commit.js';
import { markInboxHandled } from '../../store/queries/inbox.js';

export interface HandledMarker {
  /** Resolves once the update is marked handled (or the marker was closed before it could be). */
  mark(updateId: number): Promise<void>;
  close(deadlineMs: number): Promise<{ unsaved: number }>;
}

export function createHandledMarker(options: { db: Database; clock: Clock; logger: Logger; outages?: OutageBoard }): HandledMarker {
  const commit = createStatementGroupCommit<number>({
    name: 'inbox-handled',
    commit: (updateIds) => markInboxHandled(options.db, { updateIds, at: new Date(options.clock.now()) }),
    isRetryable: isRetryableDatabaseError,
    clock: options.clock,
    logger: options.logger,
    ...(options.outages ? { outages: options.outages } : {}),
  });
  return {
    mark: (updateId) => commit.add(updateId).catch(() => undefined),
    close: (deadlineMs) => commit.close(deadlineMs),
  };
}
