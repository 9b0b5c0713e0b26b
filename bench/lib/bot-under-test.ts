/**
 * What every end-to-end benchmark run starts with and ends with: a scratch database (migrated,
 * with the commit triggers of e2e-commits.ts and a listener on them), the simulator in this
 * process, the bot as its own process (`node --import tsx src/main.ts`, exactly `npm start`) on
 * a free port, and a sampler of its memory and CPU; `finish()` undoes it all in reverse order and
 * drops the database once its connections are gone.
 */
import { createServer } from 'node:net';
import postgres from 'postgres';
import type { Logger } from 'pino';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import { runMigrations } from '../../src/store/migrate.js';
import { createScratchDatabase } from '../../tools/scratch-database.js';
import { spawnBot, type BotProcess } from '../../tests/helpers/bot-process.js';
import { driverNow, installCommitTriggers, listenForCommits, type CommitProbe } from './e2e-commits.js';
import { startProcessSampler, type ProcessSampler } from './e2e-proc.js';

export interface BotUnderTest {
  /** The run's own database, and its name. */
  url: string;
  dbName: string;
  probe: CommitProbe;
  sim: Simulator;
  /** The bot's HTTP server (its /monitoring/stats and /health). */
  httpPort: number;
  bot: BotProcess;
  pid: number;
  sampler: ProcessSampler;
  /** Undo steps the run adds; `finish()` runs them first, newest first. */
  cleanups: (() => Promise<unknown>)[];
  finish(): Promise<void>;
}

/** Starts the bot under test: `dbPrefix` names the scratch database, `botEnv` adds bot settings. */
export async function startBotUnderTest(options: {
  adminUrl: string;
  dbPrefix: string;
  logger: Logger;
  botEnv?: Record<string, string>;
}): Promise<BotUnderTest> {
  const scratch = await createScratchDatabase(options.adminUrl, options.dbPrefix);
  const { url, name: dbName } = scratch;
  const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
  const cleanups: (() => Promise<unknown>)[] = [];
  const finish = async (): Promise<void> => {
    for (const cleanup of cleanups) await cleanup().catch(() => {});
    // Connections just closed may linger a moment; forcing them off makes the server log a FATAL.
    for (let waited = 0; waited < 5_000; waited += 50) {
      const [row] = await admin<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = ${dbName}`;
      if (!row || row.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.end();
    await scratch.drop();
  };
  try {
    await runMigrations({ url, logger: options.logger });
    await installCommitTriggers(url);
    const probe = await listenForCommits(url);
    cleanups.unshift(() => probe.close());
    const sim = await startSimulator();
    cleanups.unshift(() => sim.close());
    const httpPort = await freePort();
    const bot = spawnBot({
      BOT_TOKEN: sim.token,
      TELEGRAM_API_ROOT: sim.apiRoot,
      DATABASE_URL: url,
      HTTP_PORT: String(httpPort),
      LOG_LEVEL: 'warn',
      ...options.botEnv,
    });
    cleanups.unshift(() => bot.kill('SIGKILL'));
    const pid = bot.child.pid as number;
    const sampler = startProcessSampler(pid, dbName, driverNow);
    cleanups.unshift(async () => sampler.stop());
    return { url, dbName, probe, sim, httpPort, bot, pid, sampler, cleanups, finish };
  } catch (error) {
    await finish();
    throw error;
  }
}

/** A port free on 127.0.0.1 now, for the bot's HTTP server (the benchmark reads its stats). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
