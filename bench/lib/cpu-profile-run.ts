/**
 * One run of bench:intake-profile: bench:scale's intake scenario (scale-intake.ts) reduced to one
 * replica and its direct blast, with the replica under `--cpu-prof` (cpu-profile-replica.ts).
 *
 * A scratch database (migrated), an empty Redis database for the shared limits (scale-redis.ts),
 * the simulator in this process, the replica in webhook mode; a one-question quiz runs in a group
 * for ten minutes; `warmUp` valid poll answers are posted (JIT, pool; not measured), then
 * `answers` more with scale-blast.ts (`connections` keep-alive connections, one request in
 * flight each), and every answer of the measured blast is looked up in the database. The
 * replica is then stopped gracefully, which writes its profile, and the profile is read over the
 * measured blast only (first write to last answer). `finish()` undoes everything, newest first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import { runMigrations } from '../../src/store/migrate.js';
import { createScratchDatabase } from '../../tools/scratch-database.js';
import { categorize, isOwnFrame } from './cpu-profile-categories.js';
import { monotonicUs, profileWindow, readCpuProfile, type ProfileWindow } from './cpu-profile-read.js';
import { startProfiledReplica, type ProfiledReplica } from './cpu-profile-replica.js';
import { createSourceLineOf } from './cpu-profile-source-lines.js';
import { readCpuTimes } from './e2e-proc.js';
import { blastWebhook, type BlastResult } from './scale-blast.js';
import { answerBodies, countStoredExactly, openPollForBlasts } from './scale-intake.js';
import { takeEmptyRedisDatabase } from './scale-redis.js';

/** What one run does. */
export interface ProfiledIntakePlan {
  answers: number;
  connections: number;
  warmUp: number;
  /** V8's sampling interval, µs. */
  intervalUs: number;
  /** A directory to copy the replica's main-thread profile to (for Chrome DevTools) [none]. */
  keepProfileIn?: string;
}

/** What one run measured. */
export interface ProfiledIntakeRun {
  blast: BlastResult;
  /** Answers of the measured blast found in the database exactly as sent. */
  storedExactly: number;
  /** CPU seconds of the replica's process (every thread) over the measured blast, from /proc. */
  cpuSeconds: number;
  /** The same per update (per answer with 200), ms. */
  cpuMsPerUpdate: number;
  /** The part of cpuMsPerUpdate spent in the kernel (system time: syscalls, loopback TCP), ms. */
  systemCpuMsPerUpdate: number;
  /** CPU of the main thread alone (the event loop, what the profile samples) per update, ms, from /proc/<pid>/task/<pid>. */
  mainThreadCpuMsPerUpdate: number;
  /** Cores the replica used over the blast. */
  cores: number;
  /** Answers per group commit over the measured blast (the AnswerWriter's batches, /monitoring/stats). */
  answersPerCommit: number;
  /** The machine's load averages (1, 5, 15 min) just before and just after the measured blast. */
  load: { before: number[]; after: number[] };
  profile: ProfileWindow;
}

/** finish() of runs not finished yet, for {@link finishEveryRun} (Ctrl+C). */
const unfinished = new Set<() => Promise<void>>();

/** Finishes every run still in progress. */
export async function finishEveryRun(): Promise<void> {
  await Promise.all([...unfinished].map((finish) => finish()));
}

/** Runs one profiled blast on a fresh setup and undoes the setup. */
export async function runProfiledIntake(
  setup: {
    adminUrl: string;
    redisUrl: string;
    logger: Logger;
    /** The checkout whose bot runs (absolute): its src/main.ts, and the root of the profile's paths. */
    root: string;
  },
  plan: ProfiledIntakePlan,
): Promise<ProfiledIntakeRun> {
  const cleanups: (() => Promise<unknown>)[] = [];
  let finishing: Promise<void> | undefined;
  const finish = (): Promise<void> =>
    (finishing ??= (async () => {
      for (const cleanup of cleanups)
        await cleanup().catch((error: unknown) => console.error('bench:intake-profile cleanup failed:', error));
      unfinished.delete(finish);
    })());
  unfinished.add(finish);
  try {
    const scratch = await createScratchDatabase(setup.adminUrl, 'quiz_agent_profile');
    cleanups.unshift(() => scratch.drop());
    await runMigrations({ url: scratch.url, logger: setup.logger });
    const redis = await takeEmptyRedisDatabase(setup.redisUrl);
    cleanups.unshift(() => redis.release());
    const sim = await startSimulator();
    cleanups.unshift(() => sim.close());
    const replica = await startProfiledReplica({
      cwd: setup.root,
      intervalUs: plan.intervalUs,
      env: { BOT_TOKEN: sim.token, TELEGRAM_API_ROOT: sim.apiRoot, DATABASE_URL: scratch.url, REDIS_URL: redis.url, LOG_LEVEL: 'warn' },
    });
    cleanups.unshift(() => replica.dispose());
    await webhookSet(sim, replica.webhookUrl);
    const poll = await openPollForBlasts(sim);

    await blast(replica, answerBodies(poll, plan.warmUp).bodies, plan.connections);
    const loadBefore = os.loadavg();
    const writerBefore = await answerWriterStats(replica.httpPort);
    const cpuBefore = readCpuTimes(`/proc/${replica.pid}/stat`);
    const mainBefore = readCpuTimes(`/proc/${replica.pid}/task/${replica.pid}/stat`);
    const measured = answerBodies(poll, plan.answers);
    const result = await blast(replica, measured.bodies, plan.connections);
    const cpuAfter = readCpuTimes(`/proc/${replica.pid}/stat`);
    const mainAfter = readCpuTimes(`/proc/${replica.pid}/task/${replica.pid}/stat`);
    const systemSeconds = cpuAfter.system - cpuBefore.system;
    const cpuSeconds = cpuAfter.user + systemSeconds - cpuBefore.user;
    const mainThreadCpuSeconds = mainAfter.user + mainAfter.system - mainBefore.user - mainBefore.system;
    const writerAfter = await answerWriterStats(replica.httpPort);
    const load = { before: loadBefore, after: os.loadavg() };
    const storedExactly = await countStoredExactly(scratch.url, measured.firstUser, plan.answers);

    const profileFile = await replica.stop();
    if (plan.keepProfileIn !== undefined) {
      fs.mkdirSync(plan.keepProfileIn, { recursive: true });
      fs.copyFileSync(profileFile, path.join(plan.keepProfileIn, path.basename(profileFile)));
    }
    const profile = profileWindow(readCpuProfile(profileFile), monotonicUs(result.startedAt), monotonicUs(result.endedAt), {
      categorize: (frame) => categorize(frame, setup.root),
      isOwn: (frame) => isOwnFrame(frame, setup.root),
      root: setup.root,
      sourceLineOf: createSourceLineOf(),
    });
    const ok = result.statuses['200'] ?? 0;
    return {
      blast: result,
      storedExactly,
      cpuSeconds,
      cpuMsPerUpdate: (cpuSeconds * 1000) / Math.max(1, ok),
      systemCpuMsPerUpdate: (systemSeconds * 1000) / Math.max(1, ok),
      mainThreadCpuMsPerUpdate: (mainThreadCpuSeconds * 1000) / Math.max(1, ok),
      cores: cpuSeconds / result.seconds,
      answersPerCommit: (writerAfter.answers_saved - writerBefore.answers_saved) / Math.max(1, writerAfter.batches - writerBefore.batches),
      load,
      profile,
    };
  } finally {
    await finish();
  }
}

/** Posts `bodies` (scale-intake.ts's answers) straight to the replica's webhook. */
function blast(replica: ProfiledReplica, bodies: string[], connections: number): Promise<BlastResult> {
  return blastWebhook({ port: replica.httpPort, path: new URL(replica.webhookUrl).pathname, secret: replica.secret, bodies, connections });
}

/** The replica's AnswerWriter counters (GET /monitoring/stats; no MONITORING_TOKEN is set). */
async function answerWriterStats(port: number): Promise<{ batches: number; answers_saved: number }> {
  const response = await fetch(`http://127.0.0.1:${port}/monitoring/stats`, { signal: AbortSignal.timeout(5_000) });
  const body = (await response.json()) as { answer_writer?: { batches?: number; answers_saved?: number } };
  return { batches: body.answer_writer?.batches ?? 0, answers_saved: body.answer_writer?.answers_saved ?? 0 };
}

/** Waits (at most 30 s) until the replica has set its webhook with the simulator. */
async function webhookSet(sim: Simulator, webhookUrl: string): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (sim.updates.getWebhookInfo().url === webhookUrl) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the replica did not set the webhook ${webhookUrl} within 30 s`);
}
