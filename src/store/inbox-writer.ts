/**
 * Accepting updates into the inbox by group commit: every update accepted within a few
 * milliseconds goes in one INSERT, and `accept` resolves only once that commit is durable, which
 * is when intake may confirm the update to Telegram. While the database is unreachable, batches
 * are retried with backoff and callers wait (nothing is confirmed, so Telegram keeps the updates).
 */
import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import type { OutageBoard } from '../lib/outage-log.js';
import type { Database } from './database.js';
import { isRetryableDatabaseError } from './errors.js';
import type { GroupCommit } from './group-commit.js';
import { createStatementGroupCommit } from './statement-group-commit.js';
import { insertInboxEntries, type InboxEntry } from './queries/inbox.js';

export type InboxWriter = GroupCommit<InboxEntry>;

export function createInboxWriter(options: { db: Database; clock: Clock; logger: Logger; outages?: OutageBoard }): InboxWriter {
  return createStatementGroupCommit<InboxEntry>({
    name: 'inbox-writer',
    commit: (entries) => insertInboxEntries(options.db, entries),
    isRetryable: isRetryableDatabaseError,
    clock: options.clock,
    logger: options.logger,
    ...(options.outages ? { outages: options.outages } : {}),
  });
}
