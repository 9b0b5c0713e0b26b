/**
 * A handler that fails for good, for the tests of dead letters: the database refuses to save a
 * quiz with a given title (a CHECK constraint: SQLSTATE 23514, which the inbox parks at once).
 * U+0000 in a title used to do this; intake now removes it before anything is stored.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/store/database.js';

let added = 0;

/** From now on, saving a quiz titled `title` fails in this database (a test's own scratch database). */
export async function refuseQuizTitle(db: Database, title: string): Promise<void> {
  const literal = `'${title.replaceAll("'", "''")}'`;
  await db.execute(sql.raw(`alter table quizzes add constraint test_refused_title_${++added}_ck check (title <> ${literal})`));
}
