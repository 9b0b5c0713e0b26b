/**
 * Migration 0005 (quiz edits) on a database that has data: the questions written before it are
 * live (retired_at null) in their order, the live order is still unique per quiz while a retired
 * row may keep its old place, and the new language columns start empty.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, runMigrations } from '../../src/store/migrate.js';
import { createEmptyTestDatabase, testLogger, type TestDatabase } from '../helpers/database.js';

describe('migration 0005_quiz_edits', () => {
  let database: TestDatabase;
  let folder: string;
  let sql: postgres.Sql;
  beforeAll(async () => {
    database = await createEmptyTestDatabase();
    folder = await mkdtemp(path.join(tmpdir(), 'quiz-agent-migrations-'));
    sql = postgres(database.url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end();
    await rm(folder, { recursive: true, force: true });
    await database?.drop();
  });

  it('keeps the questions written before it live and in order, and still keeps two live questions off one place', async () => {
    // The schema as it was before 0005, with a quiz of three questions and a run of it.
    await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((entry) => entry.tag < '0005');
    await writeFile(journalPath, JSON.stringify(journal));
    await runMigrations({ url: database.url, logger: testLogger, migrationsFolder: folder });
    await sql`insert into users (id, first_name) values (1, 'Owner')`;
    await sql`insert into chats (id, type) values (-1, 'group')`;
    const [quiz] = await sql<{ id: string }[]>`insert into quizzes (owner_id, title) values (1, 'Before') returning id`;
    for (const [position, text] of ['One?', 'Two?', 'Three?'].entries()) {
      await sql`insert into questions (quiz_id, position, text, options, correct_option_ids)
                values (${quiz!.id}, ${position}, ${text}, '{a,b}', '{0}')`;
    }
    await sql`insert into runs (quiz_id, chat_id, started_by, mode, question_count, settings)
              values (${quiz!.id}, -1, 1, 'group', 3, '{"openPeriodS": 30, "shuffleOptions": false, "rewardPoints": [3], "participationPoints": 1}')`;

    await runMigrations({ url: database.url, logger: testLogger });

    expect(await sql`select text, position, retired_at from questions where quiz_id = ${quiz!.id} order by position`).toEqual([
      { text: 'One?', position: 0, retired_at: null },
      { text: 'Two?', position: 1, retired_at: null },
      { text: 'Three?', position: 2, retired_at: null },
    ]);
    expect(await sql`select language from chats`).toEqual([{ language: null }]);
    // Two live questions cannot share a place; a retired one keeps its place beside a new live one.
    await expect(
      sql`insert into questions (quiz_id, position, text, options, correct_option_ids) values (${quiz!.id}, 1, 'Twin?', '{a,b}', '{0}')`,
    ).rejects.toThrow(/questions_quiz_position_uq/);
    await sql`update questions set retired_at = now() where quiz_id = ${quiz!.id} and position = 1`;
    await sql`insert into questions (quiz_id, position, text, options, correct_option_ids) values (${quiz!.id}, 1, 'Two, new?', '{a,b}', '{0}')`;
    expect(await sql`select text from questions where quiz_id = ${quiz!.id} and retired_at is null order by position`).toEqual([
      { text: 'One?' },
      { text: 'Two, new?' },
      { text: 'Three?' },
    ]);
  });
});
