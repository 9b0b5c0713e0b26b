import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src/store/migrate.js';
import { createEmptyTestDatabase, testLogger, type TestDatabase } from '../helpers/database.js';

describe('runMigrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createEmptyTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('applies concurrently from several instances, then again, without error', async () => {
    await Promise.all(Array.from({ length: 4 }, () => runMigrations({ url: database.url, logger: testLogger })));
    await runMigrations({ url: database.url, logger: testLogger });

    const sql = postgres(database.url, { max: 1 });
    try {
      const applied = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
      expect(applied[0]?.n).toBe(3);
      const tables = await sql<{ table_name: string }[]>`
        select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
      expect(tables.map((t) => t.table_name)).toEqual([
        'answers', 'chats', 'inbox', 'outbox', 'player_stats', 'questions', 'quiz_drafts', 'quizzes', 'rewards', 'run_questions', 'runs', 'users',
      ]);
    } finally {
      await sql.end();
    }
  });
});
