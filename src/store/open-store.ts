import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createAnswerWriter, type AnswerWriter } from './answer-writer.js';
import { createDatabase, type DatabaseHandle } from './database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { runMigrations } from './migrate.js';

/** Everything the data layer runs: the pool, the answer writer, and the embedded server if any. */
export interface Store {
  database: DatabaseHandle;
  answerWriter: AnswerWriter;
  /** Flushes the writer, closes the pool, stops the embedded server; in that order. */
  close(): Promise<void>;
}

/**
 * Brings the data layer up: the embedded PostgreSQL when DATABASE_URL is unset, migrations
 * (under an advisory lock), the sized pool and the AnswerWriter.
 */
export async function openStore(config: Config, logger: Logger): Promise<Store> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.database.embeddedDir, logger: logger.child({ component: 'postgres' }) });
    url = embedded.url;
  }
  try {
    await runMigrations({ url, logger });
    const database = createDatabase({ ...config.database, url, logger });
    await database.ping(config.database.connectTimeoutS * 1000);
    const answerWriter = createAnswerWriter({
      db: database.db,
      logger: logger.child({ component: 'answer-writer' }),
      ...config.answerWriter,
    });
    return {
      database,
      answerWriter,
      async close() {
        await answerWriter.close();
        await database.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
