import { sql } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { toArrayLiteral } from './array-literal.js';

/** One answer row as the AnswerWriter saves it, with the profile of the user who gave it. */
export interface AnswerRow {
  runId: number;
  questionId: number;
  userId: number;
  firstName: string;
  username: string | null;
  /** Option indexes in the quiz's own order; empty when the vote was retracted. */
  optionIds: readonly number[];
  isCorrect: boolean;
  responseMs: number | null;
  answeredAt: Date;
  updateId: number;
}

/** What one bulk upsert did, counted from the statement's own RETURNING rows. */
export interface UpsertResult {
  inserted: number;
  updated: number;
  /** Rows whose stored answer came from a later update and was kept. */
  stale: number;
}

/** The profile part of an answer row: what the users table keeps. */
export type AnswerUserProfile = Pick<AnswerRow, 'userId' | 'firstName' | 'username'>;

/**
 * Saves answers in one multi-row upsert keyed on (run, question, user); the users must exist
 * (see {@link upsertAnswerUsers}; run both in one transaction when some may be new). Each column
 * travels as one array parameter. Rows are sorted by key so that concurrent batches lock rows in
 * the same order and cannot deadlock. A stored answer is replaced only by an update with a
 * higher update_id, so a redelivered or late update never undoes a newer vote. The rows must
 * not repeat a key (coalesce first: PostgreSQL refuses to update one row twice in one statement).
 */
export async function upsertAnswers(executor: Executor, rows: readonly AnswerRow[]): Promise<UpsertResult> {
  if (rows.length === 0) return { inserted: 0, updated: 0, stale: 0 };
  const sorted = [...rows].sort(compareKeys);
  const column = <T>(pick: (row: AnswerRow) => T): T[] => sorted.map(pick);
  const result = await executor.execute<{ inserted: boolean }>(sql`
    insert into answers (run_id, question_id, user_id, option_ids, is_correct, response_ms, answered_at, update_id)
    select run_id, question_id, user_id, option_ids::smallint[], is_correct, response_ms, answered_at, update_id
    from unnest(
      ${toArrayLiteral(column((r) => r.runId))}::bigint[],
      ${toArrayLiteral(column((r) => r.questionId))}::bigint[],
      ${toArrayLiteral(column((r) => r.userId))}::bigint[],
      ${toArrayLiteral(column((r) => `{${r.optionIds.join(',')}}`))}::text[],
      ${toArrayLiteral(column((r) => r.isCorrect))}::boolean[],
      ${toArrayLiteral(column((r) => r.responseMs))}::integer[],
      ${toArrayLiteral(column((r) => r.answeredAt.toISOString()))}::timestamptz[],
      ${toArrayLiteral(column((r) => r.updateId))}::bigint[]
    ) as input(run_id, question_id, user_id, option_ids, is_correct, response_ms, answered_at, update_id)
    on conflict (run_id, question_id, user_id) do update set
      option_ids = excluded.option_ids,
      is_correct = excluded.is_correct,
      response_ms = excluded.response_ms,
      answered_at = excluded.answered_at,
      update_id = excluded.update_id
    where answers.update_id < excluded.update_id
    returning (xmax = 0) as inserted`);
  let inserted = 0;
  for (const row of result) if (row.inserted) inserted++;
  const updated = result.length - inserted;
  return { inserted, updated, stale: sorted.length - result.length };
}

/**
 * Creates the users who answered and refreshes a name only where it changed, in id order (so
 * concurrent batches cannot deadlock). Existing, unchanged users are not touched: ON CONFLICT
 * DO UPDATE would lock every one of them until commit and serialize concurrent batches of the
 * same players.
 */
export async function upsertAnswerUsers(executor: Executor, users: readonly AnswerUserProfile[]): Promise<void> {
  if (users.length === 0) return;
  const byId = new Map<number, AnswerUserProfile>();
  for (const user of users) byId.set(user.userId, user);
  const profiles = [...byId.values()].sort((a, b) => a.userId - b.userId);
  await executor.execute(sql`
    with input(id, first_name, username) as (
      select * from unnest(
        ${toArrayLiteral(profiles.map((p) => p.userId))}::bigint[],
        ${toArrayLiteral(profiles.map((p) => p.firstName))}::text[],
        ${toArrayLiteral(profiles.map((p) => p.username))}::text[]
      )
    ), created as (
      insert into users (id, first_name, username) select id, first_name, username from input
      on conflict (id) do nothing
    )
    update users set first_name = input.first_name, username = input.username, updated_at = now()
    from input
    where users.id = input.id
      and (users.first_name, users.username) is distinct from (input.first_name, input.username)`);
}

function compareKeys(a: AnswerRow, b: AnswerRow): number {
  return a.runId - b.runId || a.questionId - b.questionId || a.userId - b.userId;
}
