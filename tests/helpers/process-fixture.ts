/**
 * What the tests of a bot *process* share: a simulator, a migrated database of their own with
 * a small pool for the test's own queries, and bot processes started against both (all killed
 * and dropped by `close()`).
 */
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import { createDatabase, type Database, type DatabaseHandle } from '../../src/store/database.js';
import { runMigrations } from '../../src/store/migrate.js';
import { spawnBot, type BotProcess } from './bot-process.js';
import { createEmptyTestDatabase, testLogger, type TestDatabase } from './database.js';

export interface ProcessFixture {
  sim: Simulator;
  database: TestDatabase;
  /** For the test's own reads and setup. */
  db: Database;
  /** Spawns `src/main.ts` against the simulator and the database (`env` adds or overrides settings). */
  spawn(env?: Record<string, string>): BotProcess;
  /** Spawns one and waits until it logs that it is running. */
  start(env?: Record<string, string>): Promise<BotProcess>;
  close(): Promise<void>;
}

export async function startProcessFixture(): Promise<ProcessFixture> {
  const sim = await startSimulator();
  const database = await createEmptyTestDatabase();
  await runMigrations({ url: database.url, logger: testLogger });
  const handle: DatabaseHandle = createDatabase({
    url: database.url,
    poolSize: 2,
    maxOverflow: 2,
    connectTimeoutS: 10,
    idleTimeoutS: 30,
    logger: testLogger,
  });
  const processes: BotProcess[] = [];
  const spawn = (env: Record<string, string> = {}): BotProcess => {
    const bot = spawnBot({
      BOT_TOKEN: sim.token,
      TELEGRAM_API_ROOT: sim.apiRoot,
      DATABASE_URL: database.url,
      HTTP_PORT: '0',
      DB_POOL_SIZE: '4',
      DB_MAX_OVERFLOW: '4',
      ...env,
    });
    processes.push(bot);
    return bot;
  };
  return {
    sim,
    database,
    db: handle.db,
    spawn,
    async start(env) {
      const bot = spawn(env);
      await bot.waitForLog('quiz-agent is running');
      return bot;
    },
    async close() {
      for (const bot of processes) await bot.kill('SIGKILL');
      await handle.close(1);
      await sim.close();
      await database.drop();
    },
  };
}
