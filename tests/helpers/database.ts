import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createDatabase, type DatabaseHandle, type DatabaseOptions } from '../../src/store/database.js';
import { runMigrations } from '../../src/store/migrate.js';

/** A logger that stays quiet unless TEST_LOG_LEVEL asks otherwise. */
export const testLogger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', pretty: false });

/** A database of its own for one test file, created empty and dropped by `drop()`. */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty database on the test server (migrations not applied). */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `quiz_agent_test_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Creates a database with the schema migrated and a small pool on it. */
export async function createMigratedTestDatabase(
  pool: Partial<Pick<DatabaseOptions, 'poolSize' | 'maxOverflow' | 'idleTimeoutS'>> = {},
): Promise<TestDatabase & { handle: DatabaseHandle }> {
  const database = await createEmptyTestDatabase();
  await runMigrations({ url: database.url, logger: testLogger });
  const handle = createDatabase({
    url: database.url,
    poolSize: pool.poolSize ?? 4,
    maxOverflow: pool.maxOverflow ?? 4,
    connectTimeoutS: 10,
    idleTimeoutS: pool.idleTimeoutS ?? 30,
    logger: testLogger,
  });
  return {
    ...database,
    handle,
    async drop() {
      await handle.close(1);
      await database.drop();
    },
  };
}
