import { inject } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createAnswerWriter } from '../../src/store/answer-writer.js';
import { createDatabase, type DatabaseHandle, type DatabaseOptions } from '../../src/store/database.js';
import { runMigrations } from '../../src/store/migrate.js';
import type { Store } from '../../src/store/open-store.js';
import { createScratchDatabase, type ScratchDatabase } from '../../tools/scratch-database.js';

/** A logger that stays quiet unless TEST_LOG_LEVEL asks otherwise. */
export const testLogger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', pretty: false });

/** A database of its own for one test file, created empty and dropped by `drop()`. */
export type TestDatabase = ScratchDatabase;

/** Creates an empty database on the test server (migrations not applied). */
export function createEmptyTestDatabase(): Promise<TestDatabase> {
  return createScratchDatabase(inject('adminDatabaseUrl'), 'quiz_agent_test');
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

/**
 * The Store a running bot hands its monitoring (pool and answer writer), on a test database's
 * pool: `close()` flushes the writer only, the pool stays the test database's to drop.
 */
export function storeOnTestDatabase(handle: DatabaseHandle): Store {
  const answerWriter = createAnswerWriter({ db: handle.db, logger: testLogger });
  return {
    database: handle,
    answerWriter,
    close: async () => {
      await answerWriter.close();
    },
  };
}
