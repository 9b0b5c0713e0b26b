/**
 * npm run bench:locust [-- --replicas 3 --rates 100,200,300,400,600,800,1000,1200,1600,2000 --duration 30 --workers 0]
 *
 * The seed deployments' release gate, run with Locust against quiz-agent as deployed: >= 300
 * req/s of poll answers posted to the webhook through the proxy, with p50 < 50 ms, p95 < 100 ms
 * and p99 < 150 ms. On this machine: a scratch database (DATABASE_URL's server, or an embedded
 * one), the Bot API simulator, `--replicas` bot processes in webhook mode behind Caddy with Redis
 * (REDIS_URL, database 13 unless the URL names one). For each rate of `--rates`: a quiz run with
 * its poll open, `locust --headless -u <rate>` of bench/locust/locustfile.py for `--duration`
 * seconds (`--workers` Locust worker processes beside its master; 0: one process), Locust's
 * figures judged against the gate, every 200-answered answer checked in the database; one line
 * per step, until two steps in a row miss. Then a `MET`/`NOT MET` line, the highest rate that
 * meets the gate, and bench/reports/locust.md. The process exits 1 when a database check fails.
 * Not part of `npm test`. Against a real deployment: bench/locust/README.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { startSimulator } from 'telegram-sim/simulator';
import { createLogger } from '../src/logger.js';
import { runMigrations } from '../src/store/migrate.js';
import { createScratchDatabase } from '../tools/scratch-database.js';
import { startTemporaryEmbeddedPostgres } from '../tools/temporary-embedded-postgres.js';
import { wholeNumber } from './lib/args.js';
import { cleanUpOnInterrupt } from './lib/cleanup-on-interrupt.js';
import { createLoadQuiz } from './lib/locust-quiz.js';
import { describeStep, renderLocustMarkdown, verdictLine, highestMeetingRate, type LocustStepRow } from './lib/locust-report.js';
import { shortfalls } from './lib/locust-stats.js';
import { startReplicaMetrics } from './lib/locust-metrics.js';
import { runLocustStep } from './lib/locust-step.js';
import { verifyStep } from './lib/locust-verify.js';
import { startReplicaFleet } from './lib/replica-fleet.js';
import { LOCUST_JSON, locustGateReport } from './lib/scale-locust.js';
import { describeServer, describeSource } from './lib/run-setup.js';
import { machineInfo } from './lib/stats.js';

const LOCUSTFILE = 'bench/locust/locustfile.py';
const LOCUST = '/usr/bin/locust';
/** Consecutive steps that miss the gate before the search stops: one may be a hiccup, two are a trend. */
const MISSES_TO_STOP = 2;
/** Player and update ids of step k start at FIRST_ID + k * ID_STRIDE: far above the simulator's, disjoint per step. */
const FIRST_ID = 1_000_000_000_000;
const ID_STRIDE = 100_000_000_000;

const { values: args } = parseArgs({
  options: {
    replicas: { type: 'string', default: '3' },
    rates: { type: 'string', default: '100,200,300,400,600,800,1000,1200,1600,2000' },
    duration: { type: 'string', default: '30' },
    workers: { type: 'string', default: '0' },
  },
});
const replicas = wholeNumber('replicas', args.replicas, 1);
const rates = args.rates.split(',').map((rate) => wholeNumber('rates', rate.trim(), 1));
const durationS = wholeNumber('duration', args.duration, 5);
const workers = wholeNumber('workers', args.workers, 0);
if (rates.length > 20) throw new RangeError(`--rates: at most 20 steps, got ${rates.length}`);
// Telegram's longest open period bounds a step: its poll must stay open through it.
if (durationS > 540) throw new RangeError(`--duration must be at most 540 s (the poll is open 600 s), got ${durationS}`);
if (!fs.existsSync(LOCUST)) throw new Error(`${LOCUST} is missing: install Debian's python3-locust (apt-get install python3-locust)`);

const command = `npm run bench:locust -- --replicas ${replicas} --rates ${rates.join(',')} --duration ${durationS} --workers ${workers}`;
const logger = createLogger({ level: 'warn', pretty: false });
const uptimeBefore = uptime();
const cleanups: (() => Promise<unknown>)[] = [];
const cleanUp = async (): Promise<void> => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => console.error('cleanup failed:', error));
};
// Ctrl+C or SIGTERM: undo what was set up so far, then exit.
cleanUpOnInterrupt(cleanUp);

try {
  const embedded = process.env.DATABASE_URL ? undefined : await startTemporaryEmbeddedPostgres({ logger });
  if (embedded) cleanups.push(() => embedded.stop());
  const adminUrl = process.env.DATABASE_URL ?? (embedded as NonNullable<typeof embedded>).url;
  const server = await describeServer(adminUrl, embedded ? 'embedded' : 'DATABASE_URL');
  const scratch = await createScratchDatabase(adminUrl, 'quiz_agent_locust');
  cleanups.push(() => scratch.drop());
  await runMigrations({ url: scratch.url, logger });
  const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
  cleanups.push(() => sql.end());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quiz-agent-locust-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const sim = await startSimulator();
  cleanups.push(() => sim.close());
  const redisUrl = benchRedisUrl(process.env.REDIS_URL);
  const fleet = await startReplicaFleet({
    replicas,
    env: { BOT_TOKEN: sim.token, TELEGRAM_API_ROOT: sim.apiRoot, DATABASE_URL: scratch.url, REDIS_URL: redisUrl, LOG_LEVEL: 'warn' },
  });
  cleanups.push(() => fleet.stop());
  const webhook = new URL(fleet.webhookUrl);
  console.log(
    `Locust load test: ${replicas} replicas behind Caddy at ${webhook.origin}, PostgreSQL ${server.version} (${server.source}), ` +
      `Redis ${redisUrl}; ${machineInfo().cores} cores; uptime: ${uptimeBefore}`,
  );
  const quiz = await createLoadQuiz(sim.world);

  const steps: LocustStepRow[] = [];
  let locustCommand = '';
  let misses = 0;
  for (const [k, rate] of rates.entries()) {
    const poll = await quiz.openPoll(k + 1);
    const stepDir = path.join(dir, `step-${k + 1}`);
    fs.mkdirSync(stepDir);
    const configPath = path.join(stepDir, 'settings.json');
    fs.writeFileSync(
      configPath,
      JSON.stringify({
        webhook_secret: fleet.secret,
        webhook_path: webhook.pathname,
        poll_ids: [`${poll.pollId}:${poll.optionCount}`],
        user_id_base: FIRST_ID + k * ID_STRIDE,
        update_id_base: FIRST_ID + k * ID_STRIDE,
        rps_per_user: 1,
        ack_dir: stepDir,
      }),
    );
    const metrics = await startReplicaMetrics(fleet.replicas.map((r) => r.httpPort));
    const run = await runLocustStep({
      locustPath: LOCUST,
      locustfile: LOCUSTFILE,
      host: webhook.origin,
      configPath,
      users: rate,
      durationS,
      workers,
      dir: stepDir,
      stack: { replicas: () => fleet.replicas.map((r) => r.pid), caddy: () => [fleet.proxy.pid], driver: () => [process.pid] },
    });
    const replicaFigures = await metrics.finish();
    locustCommand = run.command;
    const verification = await verifyStep(sql, poll.pollId, stepDir);
    await quiz.stop(poll);
    const step = {
      askedRps: rate,
      users: rate,
      figures: run.figures,
      failures: run.failures,
      shortfalls: shortfalls(run.figures, rate),
      verification,
      replicaFigures,
      cores: run.cores,
      warnings: run.warnings,
    };
    steps.push(step);
    console.log(describeStep(step));
    misses = step.shortfalls.length === 0 ? 0 : misses + 1;
    if (misses >= MISSES_TO_STOP) break;
  }

  const verdict = verdictLine(steps, replicas);
  console.log(verdict);
  const best = highestMeetingRate(steps);
  console.log(`Highest rate meeting the gate with ${replicas} replicas: ${best === undefined ? 'none' : `${best} req/s`}`);
  const source = describeSource();
  const summary = {
    at: new Date().toISOString(),
    command,
    locustCommand,
    commit: source.commit,
    changedSrcFiles: source.changedSrcFiles,
    machine: machineInfo(),
    uptimeBefore,
    uptimeAfter: uptime(),
    postgres: `PostgreSQL ${server.version} (${server.source}; fsync=${server.fsync}, synchronous_commit=${server.synchronousCommit})`,
    replicas,
    workers,
    durationS,
    redisUrl,
    caddyfile: fleet.caddyfile,
    steps,
  };
  fs.mkdirSync('bench/reports', { recursive: true });
  fs.writeFileSync('bench/reports/locust.md', renderLocustMarkdown(summary));
  // bench:scale's report quotes these figures (scale-locust.ts).
  fs.writeFileSync(LOCUST_JSON, `${JSON.stringify(locustGateReport(summary, steps), null, 2)}\n`);
  console.log(`Report: bench/reports/locust.md, ${LOCUST_JSON}`);
  if (steps.some((step) => !step.verification.pass)) {
    console.log('Database check: FAIL (an acknowledged answer is missing or doubled; see the report)');
    process.exitCode = 1;
  }
} finally {
  await cleanUp();
}

/** REDIS_URL (or the local server) on database 13 unless it names one: the shared limits of this run alone. */
function benchRedisUrl(fromEnv: string | undefined): string {
  const url = new URL(fromEnv ?? 'redis://127.0.0.1:6379');
  if (url.pathname === '' || url.pathname === '/') url.pathname = '/13';
  return url.toString();
}

function uptime(): string {
  return spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();
}
