/**
 * npm run bench:ingest [-- --runs 3 --answers 200000 --sweep]
 *
 * Measures the AnswerWriter against a real PostgreSQL (DATABASE_URL, or an embedded server with
 * default durability: fsync and synchronous_commit on): answers/s and record-to-commit latency
 * with the default settings versus batch size 1 (one transaction per answer, the design it
 * replaces), alternating runs in one invocation; latency at a fixed offered load; optionally a
 * sweep of batch size x concurrency that the defaults were chosen from. Writes
 * bench/reports/ingest.json and bench/reports/ingest.md.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createDatabase } from '../src/store/database.js';
import type { EmbeddedPostgres } from '../src/store/embedded-postgres.js';
import { startTemporaryEmbeddedPostgres } from '../tools/temporary-embedded-postgres.js';
import { runMigrations } from '../src/store/migrate.js';
import { createRunFixture } from '../tests/helpers/fixtures.js';
import type { Scenario, ScenarioResult } from './ingest-scenario.js';
import { machineInfo, median, round } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    answers: { type: 'string', default: '200000' },
    'offered-rate': { type: 'string', default: '5000' },
    'offered-seconds': { type: 'string', default: '10' },
    sweep: { type: 'boolean', default: false },
  },
});
const runs = Number(args.runs);
const totalAnswers = Number(args.answers);
const offeredRate = Number(args['offered-rate']);
const offeredSeconds = Number(args['offered-seconds']);
const QUESTIONS = 20;
const PRODUCERS = 50;
const WINDOW = 40; // 50 producers x 40 = 2,000 records in flight, as a busy update runner has
// Exactly what a deployment that sets only the (required) token runs; this bench calls no Bot API.
const DEFAULTS = { ...createConfig({ BOT_TOKEN: '7000000001:INGEST-bench-token-never-sent-anywhere' }).answerWriter };
const BATCH_OF_ONE = { batchSize: 1, flushMs: 0, concurrency: PRODUCERS, bufferLimit: 20_000 };

const logger = createLogger({ level: 'warn', pretty: false });
const embedded = process.env.DATABASE_URL ? undefined : await startTemporaryEmbeddedPostgres({ logger });
const adminUrl = process.env.DATABASE_URL ?? (embedded as EmbeddedPostgres).url;

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const benchDb = `quiz_agent_bench_${process.pid}`;
await admin.unsafe(`create database ${benchDb}`);
const url = Object.assign(new URL(adminUrl), { pathname: `/${benchDb}` }).toString();
try {
  await runMigrations({ url, logger });
  const server = await describeServer(url);
  const fixture = await createFixture(url);
  console.log(
    `PostgreSQL ${server.version} (${embedded ? 'embedded' : 'DATABASE_URL'}), fsync=${server.fsync}, synchronous_commit=${server.synchronousCommit}; ${os.cpus().length} cores`,
  );

  let updateIdBase = 1;
  const measure = async (name: string, overrides: Partial<Scenario>): Promise<ScenarioResult> => {
    await truncateAnswers(url);
    const scenario: Scenario = {
      name,
      url,
      ...fixture,
      answers: totalAnswers,
      producers: PRODUCERS,
      window: WINDOW,
      writer: DEFAULTS,
      updateIdBase,
      ...overrides,
    };
    updateIdBase += 1_000_000_000;
    const result = await runScenario(scenario);
    console.log(
      `${name.padEnd(28)} ${String(result.answersPerSecond).padStart(7)} answers/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  ` +
        `mean batch ${result.meanBatch}  peak buffered ${result.peakBuffered}  peak RSS ${result.peakRssMb} MB`,
    );
    return result;
  };

  const defaults: ScenarioResult[] = [];
  const batchOfOne: ScenarioResult[] = [];
  const offered: ScenarioResult[] = [];
  const flood: ScenarioResult[] = [];
  for (let run = 1; run <= runs; run++) {
    defaults.push(await measure(`defaults #${run}`, {}));
    batchOfOne.push(await measure(`batch size 1 #${run}`, { writer: BATCH_OF_ONE }));
    offered.push(
      await measure(`${offeredRate}/s offered #${run}`, { offeredPerSecond: offeredRate, answers: offeredRate * offeredSeconds }),
    );
    // 50 producers x 1,000 in flight: far more than the buffer holds, so backpressure must hold it.
    flood.push(await measure(`flood (50,000 in flight) #${run}`, { window: 1_000 }));
  }
  const sweep: ScenarioResult[] = [];
  if (args.sweep) {
    for (const batchSize of [100, 250, 500, 1000, 2000]) {
      for (const concurrency of [1, 2, 4]) {
        sweep.push(await measure(`sweep batch ${batchSize} x${concurrency}`, { writer: { ...DEFAULTS, batchSize, concurrency } }));
      }
    }
  }

  const summary = {
    date: new Date().toISOString(),
    server: { ...server, source: embedded ? 'embedded' : 'DATABASE_URL' },
    machine: machineInfo(),
    setup: {
      answers: totalAnswers,
      producers: PRODUCERS,
      window: WINDOW,
      questions: QUESTIONS,
      runs,
      defaults: DEFAULTS,
      batchOfOne: BATCH_OF_ONE,
    },
    medians: {
      defaults: medians(defaults),
      batchOfOne: medians(batchOfOne),
      offered: { rate: offeredRate, seconds: offeredSeconds, ...medians(offered) },
      flood: medians(flood),
      speedup: round(median(defaults.map((d, i) => d.answersPerSecond / (batchOfOne[i]?.answersPerSecond ?? Number.NaN))), 1),
    },
    targets: {} as Record<string, { target: string; measured: string; met: boolean }>,
    runs: { defaults, batchOfOne, offered, flood, sweep },
  };
  const m = summary.medians;
  summary.targets = {
    throughput: {
      target: '>= 50,000 answers/s with defaults',
      measured: `${m.defaults.answersPerSecond} answers/s`,
      met: m.defaults.answersPerSecond >= 50_000,
    },
    speedup: { target: '>= 10x batch size 1', measured: `${m.speedup}x`, met: m.speedup >= 10 },
    latency: {
      target: `p99 <= 50 ms at ${offeredRate} answers/s offered`,
      measured: `p99 ${m.offered.p99Ms} ms`,
      met: m.offered.p99Ms <= 50,
    },
    memory: {
      target: `writer memory bounded with 50,000 answers in flight (buffer limit ${DEFAULTS.bufferLimit})`,
      measured: `peak buffered ${m.flood.peakBuffered}, peak RSS ${m.flood.peakRssMb} MB (${m.defaults.peakRssMb} MB with 2,000 in flight)`,
      met: m.flood.peakBuffered <= DEFAULTS.bufferLimit,
    },
  };
  await fs.mkdir('bench/reports', { recursive: true });
  await fs.writeFile('bench/reports/ingest.json', `${JSON.stringify(summary, null, 2)}\n`);
  await fs.writeFile('bench/reports/ingest.md', toMarkdown(summary));
  console.log('\nMedians of', runs, 'runs:');
  for (const [name, t] of Object.entries(summary.targets))
    console.log(`  ${t.met ? 'MET ' : 'MISS'} ${name}: ${t.target}; measured ${t.measured}`);
  console.log('Report: bench/reports/ingest.md, bench/reports/ingest.json');
} finally {
  await admin.unsafe(`drop database if exists ${benchDb} with (force)`);
  await admin.end();
  await embedded?.stop();
}

function medians(results: ScenarioResult[]) {
  const of = (pick: (r: ScenarioResult) => number): number => round(median(results.map(pick)), 2);
  return {
    answersPerSecond: Math.round(median(results.map((r) => r.answersPerSecond))),
    p50Ms: of((r) => r.p50Ms),
    p99Ms: of((r) => r.p99Ms),
    meanBatch: of((r) => r.meanBatch),
    peakBuffered: Math.max(...results.map((r) => r.peakBuffered)),
    peakRssMb: of((r) => r.peakRssMb),
  };
}

function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ingest-scenario.ts', JSON.stringify(scenario)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = output.trim().split('\n').pop();
      if (code !== 0 || !last) return reject(new Error(`scenario ${scenario.name} failed (exit ${code})`));
      resolve(JSON.parse(last) as ScenarioResult);
    });
  });
}

async function describeServer(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1 });
  try {
    const [row] = await sql<{ version: string; fsync: string; synchronous_commit: string }[]>`
      select current_setting('server_version') as version, current_setting('fsync') as fsync,
             current_setting('synchronous_commit') as synchronous_commit`;
    return { version: row!.version, fsync: row!.fsync, synchronousCommit: row!.synchronous_commit };
  } finally {
    await sql.end();
  }
}

async function truncateAnswers(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1 });
  await sql`truncate answers`;
  await sql`vacuum analyze answers`;
  await sql.end();
}

/** One group, one quiz of QUESTIONS questions, one running run: what every scenario answers. */
async function createFixture(databaseUrl: string): Promise<{ runId: number; questionIds: number[] }> {
  const database = createDatabase({ url: databaseUrl, poolSize: 2, maxOverflow: 0, connectTimeoutS: 10, idleTimeoutS: 30, logger });
  try {
    const { runId, questionIds } = await createRunFixture(database.db, QUESTIONS, ['A', 'B', 'C', 'D']);
    return { runId, questionIds };
  } finally {
    await database.close();
  }
}

function toMarkdown(s: {
  date: string;
  server: { version: string; fsync: string; synchronousCommit: string; source: string };
  machine: { cores: number; memoryGb: number; node: string };
  setup: { answers: number; producers: number; window: number; runs: number };
  medians: Record<string, unknown> & { speedup: number };
  targets: Record<string, { target: string; measured: string; met: boolean }>;
  runs: Record<string, ScenarioResult[]>;
}): string {
  const lines = [
    '# Answer ingest benchmark',
    '',
    `${s.date} · PostgreSQL ${s.server.version} (${s.server.source}; fsync=${s.server.fsync}, synchronous_commit=${s.server.synchronousCommit}) · ${s.machine.cores} cores, ${s.machine.memoryGb} GiB · Node ${s.machine.node}`,
    '',
    `${s.setup.answers.toLocaleString('en')} answers from ${s.setup.producers} producers (each with ${s.setup.window} records in flight), medians of ${s.setup.runs} runs, defaults and batch size 1 alternating in one invocation. Command: \`npm run bench:ingest -- --sweep\` (DATABASE_URL set to the server above; unset, it starts an embedded one).`,
    '',
    '| target | measured | met |',
    '| --- | --- | --- |',
    ...Object.values(s.targets).map((t) => `| ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`),
    '',
    '| run | answers | answers/s | p50 ms | p99 ms | max ms | mean batch | peak buffered | peak RSS MB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...Object.values(s.runs)
      .flat()
      .map(
        (r) =>
          `| ${r.name} | ${r.answers} | ${r.answersPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.meanBatch} | ${r.peakBuffered} | ${r.peakRssMb} |`,
      ),
    '',
  ];
  return lines.join('\n');
}
