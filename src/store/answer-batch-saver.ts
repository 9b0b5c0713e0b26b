/**
 * What one AnswerWriter transaction does: coalesce a batch's records into rows, create the
 * players it does not know yet, upsert the answers, and log the batch. The group commit
 * (./group-commit.ts) decides when it runs and what happens when it fails.
 */
import type { Logger } from 'pino';
import { BoundedCache } from '../lib/bounded-cache.js';
import type { AnswerRecord } from './answer-writer.js';
import type { Database } from './database.js';
import { isRetryableDatabaseError } from './errors.js';
import { upsertAnswers, upsertAnswerUsers, type AnswerRow, type UpsertResult } from './queries/answers.js';

/** Totals of committed transactions, for the writer's stats. */
export interface AnswerSaveCounters {
  inserted: number;
  updated: number;
  /** Rows not written because the database already held a newer update for them. */
  stale_skipped: number;
  /** Records merged into a later update for the same answer within a batch. */
  coalesced: number;
}

/** Saves batches of answers; `commit` is the group commit's commit function. */
export class AnswerBatchSaver {
  readonly #db: Database;
  readonly #logger: Logger;
  readonly #knownUsers: KnownUsers;
  readonly #counters: AnswerSaveCounters = { inserted: 0, updated: 0, stale_skipped: 0, coalesced: 0 };

  constructor(db: Database, logger: Logger, knownUsersLimit: number) {
    this.#db = db;
    this.#logger = logger;
    this.#knownUsers = new KnownUsers(knownUsersLimit);
  }

  get counters(): Readonly<AnswerSaveCounters> {
    return this.#counters;
  }

  /**
   * Saves `records` as one transaction. A permanent failure first forgets the known players (a
   * user row may have been deleted behind our back) and tries once more with the users
   * statement; if that fails too, the error goes to the group commit, which splits the batch.
   */
  async commit(records: readonly AnswerRecord[]): Promise<void> {
    // Real time, not the clock's: the log line reports how long the database took.
    const started = performance.now();
    const rows = coalesce(records);
    const skipsKnownUsers = rows.some((row) => this.#knownUsers.has(row));
    let result: UpsertResult;
    try {
      result = await this.#save(rows, true);
    } catch (error) {
      if (isRetryableDatabaseError(error) || !skipsKnownUsers) throw error;
      this.#knownUsers.clear();
      result = await this.#save(rows, false);
    }
    const seconds = (performance.now() - started) / 1000;
    const counters = this.#counters;
    counters.inserted += result.inserted;
    counters.updated += result.updated;
    counters.stale_skipped += result.stale;
    counters.coalesced += records.length - rows.length;
    this.#logger.info(
      { batch: records.length, rows: rows.length, stale: result.stale, ms: Math.round(seconds * 10_000) / 10 },
      `Bulk save completed in ${seconds.toFixed(3)}s: Updated ${result.updated} answers, Inserted ${result.inserted} new answers`,
    );
  }

  /**
   * When every player of the rows is known to be stored, the answers go as one statement
   * (atomic by itself: one round trip instead of four); otherwise users and answers go in one
   * transaction.
   */
  async #save(rows: readonly AnswerRow[], trustKnownUsers: boolean): Promise<UpsertResult> {
    const newUsers = trustKnownUsers ? rows.filter((row) => !this.#knownUsers.has(row)) : rows;
    const result =
      newUsers.length === 0
        ? await upsertAnswers(this.#db, rows)
        : await this.#db.transaction(async (tx) => {
            await upsertAnswerUsers(tx, newUsers);
            return upsertAnswers(tx, rows);
          });
    for (const row of newUsers) this.#knownUsers.remember(row);
    return result;
  }
}

/**
 * Player profiles this process has seen committed, as (name, username): rows are never deleted
 * by quiz-agent, so a known, unchanged profile needs no write. Bounded: the oldest are forgotten.
 */
class KnownUsers {
  readonly #profiles: BoundedCache<number, string>;

  constructor(limit: number) {
    this.#profiles = new BoundedCache(limit);
  }

  has(row: AnswerRow): boolean {
    return this.#profiles.get(row.userId) === profileOf(row);
  }

  remember(row: AnswerRow): void {
    this.#profiles.set(row.userId, profileOf(row));
  }

  clear(): void {
    this.#profiles.clear();
  }
}

function profileOf(row: AnswerRow): string {
  return `${row.firstName}\u0000${row.username ?? '\u0001'}`;
}

/** One row per (run, question, user): the record with the highest update_id wins it. */
function coalesce(records: readonly AnswerRecord[]): AnswerRow[] {
  const rows = new Map<string, AnswerRow>();
  for (const record of records) {
    const key = `${record.runId}:${record.questionId}:${record.user.id}`;
    const row = rows.get(key);
    if (!row || record.updateId > row.updateId) rows.set(key, toRow(record));
  }
  return [...rows.values()];
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
