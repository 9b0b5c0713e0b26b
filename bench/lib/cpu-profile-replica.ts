/**
 * One bot replica in webhook mode under V8's sampling profiler: `node --cpu-prof --import tsx
 * src/main.ts` (what `npm start` runs, plus the profiler), on its own port, with WEBHOOK_URL
 * pointing straight at that port (no proxy: the profile is the replica's alone). Its spawn is its
 * own (`--cpu-prof` is a command-line flag that Node refuses in NODE_OPTIONS, and the fleet's
 * spawn takes no flags); waiting for /health and ending the process are child-processes.ts's.
 *
 * Node writes the profile when the process exits by itself (process.exit included), not when it
 * is killed: `stop()` sends SIGTERM, the bot shuts down gracefully (src/main.ts) and exits, and
 * the main thread's `.cpuprofile` (`CPU.<date>.<time>.<pid>.0.<n>.cpuprofile`: thread 0; tsx's
 * loader thread writes its own, left aside) is read from the directory. SIGKILL only after `graceMs`, and
 * then there is no profile (stop() says so).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../tests/helpers/free-port.js';
import { endProcess, isRunning, status, waitUntil } from './child-processes.js';

/** Options of {@link startProfiledReplica}. */
export interface ProfiledReplicaOptions {
  /** BOT_TOKEN, TELEGRAM_API_ROOT, DATABASE_URL, REDIS_URL, LOG_LEVEL, ... */
  env: Record<string, string>;
  /** V8's sampling interval, µs (`--cpu-prof-interval`) [1,000, Node's default]. */
  intervalUs?: number;
  /** Longest wait for /health to answer 200 [120,000 ms]. */
  startTimeoutMs?: number;
  /** The checkout whose src/main.ts runs (its node_modules too) [this process's directory]. */
  cwd?: string;
}

/** A running profiled replica. */
export interface ProfiledReplica {
  readonly pid: number;
  readonly httpPort: number;
  /** WEBHOOK_URL: the replica's own webhook route. */
  readonly webhookUrl: string;
  readonly secret: string;
  /** Its output so far (pino JSON lines), for failure messages. */
  output(): string;
  /**
   * SIGTERM, waits for the graceful exit (SIGKILL after `graceMs` [30,000]) and returns the main
   * thread's profile file; throws when there is none (killed, or exited without writing it).
   */
  stop(graceMs?: number): Promise<string>;
  /** Kills it if still running and removes the profile directory (idempotent). */
  dispose(): Promise<void>;
}

const WEBHOOK_PATH = '/telegram-webhook';

/** Starts the replica and resolves once its /health answers 200; on failure kills it and throws. */
export async function startProfiledReplica(options: ProfiledReplicaOptions): Promise<ProfiledReplica> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quiz-agent-cpu-profile-'));
  const httpPort = await freePort();
  const secret = randomBytes(16).toString('hex');
  const webhookUrl = `http://127.0.0.1:${httpPort}${WEBHOOK_PATH}`;
  const child = spawn(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${options.intervalUs ?? 1_000}`, '--import', 'tsx', 'src/main.ts'],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...options.env,
        BOT_MODE: 'webhook',
        WEBHOOK_URL: webhookUrl,
        WEBHOOK_SECRET: secret,
        HTTP_PORT: String(httpPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    },
  );
  let out = '';
  const append = (chunk: string): void => {
    out = (out + chunk).slice(-16_000);
  };
  child.stdout?.setEncoding('utf8').on('data', append);
  child.stderr?.setEncoding('utf8').on('data', append);
  // If this process exits without dispose() (a thrown error, process.exit), the replica goes too.
  const onExit = (): void => {
    if (isRunning(child)) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', onExit);
  const dispose = async (): Promise<void> => {
    await endProcess(child, 0);
    fs.rmSync(dir, { recursive: true, force: true });
    process.off('exit', onExit);
  };
  const pid = child.pid as number;
  try {
    await waitUntil(
      Date.now() + (options.startTimeoutMs ?? 120_000),
      "the profiled replica's /health to answer 200",
      () => out,
      async () => {
        if (!isRunning(child)) throw new Error(`the profiled replica exited while starting:\n${out.slice(-4000)}`);
        return (await status(`http://127.0.0.1:${httpPort}/health`)) === 200;
      },
    );
  } catch (error) {
    await dispose();
    throw error;
  }
  return {
    pid,
    httpPort,
    webhookUrl,
    secret,
    output: () => out,
    async stop(graceMs = 30_000) {
      const { signal } = await endProcess(child, graceMs);
      const mainThread = fs.readdirSync(dir).filter((name) => name.includes(`.${pid}.0.`) && name.endsWith('.cpuprofile'));
      if (signal === 'SIGKILL' || mainThread.length === 0)
        throw new Error(
          `the replica (pid ${pid}) left no main-thread profile in ${dir} (exit signal ${signal ?? 'none'}): ` +
            `--cpu-prof writes it only on a graceful exit. Its last output:\n${out.slice(-4000)}`,
        );
      return path.join(dir, mainThread[0] as string);
    },
    dispose,
  };
}
