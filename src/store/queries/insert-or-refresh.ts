/**
 * The upsert of a record that Telegram shows us again and again (a user's profile, a chat's
 * title): create the row, or refresh the columns that changed. An unchanged row is not rewritten
 * (no row lock, no dead tuple), so seeing the same user or chat on every update costs one index
 * lookup. The one owner of that pattern for users.ts and chats.ts.
 */
import { sql } from 'drizzle-orm';
import type { IndexColumn, PgColumn, PgInsertValue, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Executor } from '../database.js';

export interface InsertOrRefreshOptions<TTable extends PgTable> {
  /** The key a conflict is on (the Telegram id). */
  key: IndexColumn;
  /** The whole row, for a record seen for the first time. */
  row: PgInsertValue<TTable>;
  /** What a known record's row gets when one of `compared` changed. */
  refresh: PgUpdateSetSource<TTable>;
  /** The columns whose change is worth a write (compared null-safely with the proposed row). */
  compared: readonly PgColumn[];
}

/** Inserts `row` into `table`, or applies `refresh` to the existing row when a `compared` column changed. */
export async function insertOrRefresh<TTable extends PgTable>(
  executor: Executor,
  table: TTable,
  options: InsertOrRefreshOptions<TTable>,
): Promise<void> {
  const current = sql.join([...options.compared], sql`, `);
  const proposed = sql.join(
    options.compared.map((column) => sql`excluded.${sql.identifier(column.name)}`),
    sql`, `,
  );
  await executor
    .insert(table)
    .values(options.row)
    .onConflictDoUpdate({ target: options.key, set: options.refresh, setWhere: sql`(${current}) is distinct from (${proposed})` });
}
