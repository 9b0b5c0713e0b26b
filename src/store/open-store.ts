import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import type { OutageBoard } from '../lib/outage-log.js';
import { createAnswerWriter, type AnswerWriter } from './answer-writer.js';
import { createDatabase, type DatabaseHandle } from './database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { runMigrations } from './migrate.js';

/** Everything the data layer runs: the pool, the answer writer, and the embedded server if any. */
export interface Store {
  database: DatabaseHandle;
  answerWriter: AnswerWriter;
  /**
   * Flushes the writer (answers it cannot commit within `deadlineMs` were never acknowledged,
   * so Telegram delivers them again), closes the pool, stops the embedded server; in that order.
   */
  close(deadlineMs?: number): Promise<void>;
}

/**
 * Brings the data layer up: the embedded PostgreSQL when DATABASE_URL is unset, migrations
 * (under an advisory lock), the sized pool and the AnswerWriter.
 */
export async function openStore(config: Config, logger: Logger, options: { clock?: Clock; outages?: OutageBoard } = {}): Promise<Store> {
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
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.outages ? { outages: options.outages } : {}),
    });
    return {
      database,
      answerWriter,
      async close(deadlineMs) {
        await answerWriter.close(deadlineMs);
        await database.close(deadlineMs === undefined ? undefined : Math.max(1, Math.ceil(deadlineMs / 1000)));
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
