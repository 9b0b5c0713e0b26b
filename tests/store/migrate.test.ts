import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, runMigrations } from '../../src/store/migrate.js';
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
      // Every migration of the journal, once (read from it, so a new migration needs no edit here).
      const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
      expect(applied[0]?.n).toBe(journal.entries.length);
      expect(journal.entries.length).toBeGreaterThanOrEqual(5);
      const tables = await sql<{ table_name: string }[]>`
        select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
      expect(tables.map((t) => t.table_name)).toEqual([
        'answers',
        'chats',
        'inbox',
        'outbox',
        'player_stats',
        'questions',
        'quiz_drafts',
        'quiz_plays',
        'quizzes',
        'rewards',
        'run_questions',
        'runs',
        'users',
      ]);
    } finally {
      await sql.end();
    }
  });

  it('0003 takes every quiz credited before it as its players’ first play, so a replay earns nothing afterwards', async () => {
    const older = await createEmptyTestDatabase();
    const folder = await mkdtemp(path.join(tmpdir(), 'quiz-agent-migrations-'));
    const sql = postgres(older.url, { max: 1, onnotice: () => {} });
    try {
      // The schema as it was before 0003, with rewards of two runs of one quiz for one player.
      await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
      const journalPath = path.join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { tag: string }[] };
      journal.entries = journal.entries.filter((entry) => entry.tag < '0003');
      await writeFile(journalPath, JSON.stringify(journal));
      await runMigrations({ url: older.url, logger: testLogger, migrationsFolder: folder });
      await sql`insert into users (id, first_name) values (1, 'Owner'), (2, 'Player')`;
      await sql`insert into chats (id, type) values (-1, 'group')`;
      const [quiz] = await sql<{ id: string }[]>`insert into quizzes (owner_id, title) values (1, 'Q') returning id`;
      const runIds: string[] = [];
      for (let i = 0; i < 2; i++) {
        const [run] = await sql<{ id: string }[]>`
          insert into runs (quiz_id, chat_id, started_by, mode, status, question_count, settings)
          values (${quiz!.id}, -1, 1, 'group', 'finished', 1, '{}'::jsonb) returning id`;
        runIds.push(run!.id);
        await sql`insert into rewards (run_id, user_id, chat_id, rank, points, correct_count, answered_count, total_response_ms)
                  values (${run!.id}, 2, -1, 1, 110, 1, 1, 500)`;
      }

      await runMigrations({ url: older.url, logger: testLogger });
      const plays = await sql<{ quiz_id: string; user_id: string; run_id: string }[]>`select quiz_id, user_id, run_id from quiz_plays`;
      expect(plays).toEqual([{ quiz_id: quiz!.id, user_id: '2', run_id: runIds[0] }]);
      // Rewards credited before keep their points, and count as credited.
      expect(await sql`select points, credit from rewards order by run_id`).toEqual([
        { points: 110, credit: 'counted' },
        { points: 110, credit: 'counted' },
      ]);
    } finally {
      await sql.end();
      await rm(folder, { recursive: true, force: true });
      await older.drop();
    }
  });
});
