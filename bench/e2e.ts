/**
 * npm run bench:e2e [-- --runs 3 --players 2000 --questions 10 --open 8
 *                      --throughput-players 10000 --throughput-questions 3 --scenarios latency,throughput
 *                      --bot-env NAME=value ...]
 *
 * The whole bot end to end on this machine: the Bot API simulator and virtual players in this
 * process, the bot as its own process (long polling, exactly `npm start`), PostgreSQL
 * (DATABASE_URL, or an embedded server with default durability). Each run gets a fresh
 * database; a user creates the quiz with /newquiz in private and the group's creator starts it
 * with /startquiz.
 * - latency: `--players` in one group answer `--questions` questions of `--open` seconds, each
 *   after a think time spread over the open period; p50/p99 from the simulator handing out a
 *   poll_answer to the answer being committed (lib/e2e-commits.ts says how commits are seen),
 *   the bot's peak RSS; targets p99 <= 250 ms, RSS <= 250 MB;
 * - throughput: `--throughput-players` answer each of `--throughput-questions` questions the
 *   moment it arrives, so answers wait for the bot, not the other way round; answers committed
 *   per second from a question's first hand-out to its last commit; target >= 15,000 answers/s.
 * Every run checks every stored answer and every player's score against the players' own log
 * (PASS/FAIL; the process exits 1 on FAIL). Scenarios alternate for `--runs` runs; the report
 * quotes medians. `--bot-env` (repeatable) gives the bot a setting beyond its defaults, e.g.
 * `--bot-env ANSWER_WRITER_CONCURRENCY=8`. Writes bench/reports/e2e.json and bench/reports/e2e.md.
 */
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createLogger } from '../src/logger.js';
import type { EmbeddedPostgres } from '../src/store/embedded-postgres.js';
import { startTemporaryEmbeddedPostgres } from '../tools/temporary-embedded-postgres.js';
import { busyMachineRuns, renderE2eMarkdown, summarize } from './lib/e2e-report.js';
import { runE2eScenario, type E2eRunResult } from './lib/e2e-run.js';
import { machineInfo } from './lib/stats.js';
import { envPair, listOf, wholeNumber } from './lib/args.js';
import { describeServer, describeSource } from './lib/run-setup.js';

const SCENARIOS = ['latency', 'throughput'] as const;
type ScenarioName = (typeof SCENARIOS)[number];

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    players: { type: 'string', default: '2000' },
    questions: { type: 'string', default: '10' },
    open: { type: 'string', default: '8' },
    'throughput-players': { type: 'string', default: '10000' },
    'throughput-questions': { type: 'string', default: '3' },
    scenarios: { type: 'string', default: SCENARIOS.join(',') },
    'bot-env': { type: 'string', multiple: true, default: [] },
  },
});
const runs = wholeNumber('runs', args.runs, 1);
const players = wholeNumber('players', args.players, 1);
const questions = wholeNumber('questions', args.questions, 1);
// 5 s is Telegram's shortest open period; the think times need at least 1.5 s of it.
const openPeriodS = wholeNumber('open', args.open, 5);
const throughputPlayers = wholeNumber('throughput-players', args['throughput-players'], 1);
const throughputQuestions = wholeNumber('throughput-questions', args['throughput-questions'], 1);
const scenarios = listOf('scenarios', args.scenarios, SCENARIOS);
const botEnv = Object.fromEntries(args['bot-env'].map(envPair));

const logger = createLogger({ level: 'warn', pretty: false });
const embedded = process.env.DATABASE_URL ? undefined : await startTemporaryEmbeddedPostgres({ logger });
try {
  const adminUrl = process.env.DATABASE_URL ?? (embedded as EmbeddedPostgres).url;
  const server = await describeServer(adminUrl, embedded ? 'embedded' : 'DATABASE_URL');
  const command =
    `npm run bench:e2e -- --runs ${runs} --players ${players} --questions ${questions} --open ${openPeriodS} ` +
    `--throughput-players ${throughputPlayers} --throughput-questions ${throughputQuestions} --scenarios ${scenarios.join(',')}` +
    args['bot-env'].map((pair) => ` --bot-env ${pair}`).join('');
  console.log(
    `End-to-end benchmark: bot process + simulator + PostgreSQL ${server.version} (${server.source}, fsync=${server.fsync}, ` +
      `synchronous_commit=${server.synchronousCommit}); ${machineInfo().cores} cores, Node ${process.version}`,
  );

  const results: Record<ScenarioName, E2eRunResult[]> = { latency: [], throughput: [] };
  for (let run = 1; run <= runs; run++) {
    for (const scenario of scenarios) {
      const result = await runE2eScenario({
        name: `${scenario} #${run}`,
        adminUrl,
        logger,
        seed: run,
        botEnv,
        ...(scenario === 'latency'
          ? { players, questions, openPeriodS, thinkTimeMs: [500, openPeriodS * 1000 - 1000] as const }
          : { players: throughputPlayers, questions: throughputQuestions, openPeriodS, thinkTimeMs: [0, 0] as const }),
      });
      results[scenario].push(result);
      console.log(describe(result));
    }
  }

  const summary = summarize({
    at: new Date().toISOString(),
    command,
    machine: machineInfo(),
    server,
    botEnv,
    source: sourceCounted(),
    results,
  });
  await fs.mkdir('bench/reports', { recursive: true });
  await fs.writeFile('bench/reports/e2e.json', `${JSON.stringify(summary, null, 2)}\n`);
  await fs.writeFile('bench/reports/e2e.md', renderE2eMarkdown(summary));
  console.log(`\nMedians of ${runs} runs:`);
  for (const t of summary.targets) console.log(`  ${t.met === null ? '-   ' : t.met ? 'MET ' : 'MISS'} ${t.target}: ${t.measured}`);
  console.log(`Correctness: ${summary.correctness.pass ? 'PASS' : 'FAIL'} (${summary.correctness.detail})`);
  const disturbed = busyMachineRuns([...results.latency, ...results.throughput]);
  if (disturbed.length > 0)
    console.log(
      `Warning: other programs competed for the cores in ${disturbed.map((r) => r.name).join(', ')} (see "others" in the report)`,
    );
  console.log('Report: bench/reports/e2e.md, bench/reports/e2e.json');
  if (!summary.correctness.pass) process.exitCode = 1;
} finally {
  await embedded?.stop();
}

function describe(r: E2eRunResult): string {
  const v = r.verification;
  const lines = [
    `${r.name.padEnd(14)} ${v.pass ? 'PASS' : 'FAIL'} ${v.answersStored}/${v.answersExpected} answers stored, ${v.playersRanked} ranked; ` +
      `hand-out->commit p50 ${r.latency.p50Ms} ms p99 ${r.latency.p99Ms} ms (statement p99 ${r.latencyLowerBound.p99Ms} ms); ` +
      `${r.answersPerSecond.toLocaleString('en')} answers/s from first hand-out to last commit; bot RSS peak ${Math.max(r.memory.hwmMb, r.memory.peakSampledRssMb)} MB (idle ${r.memory.idleRssMb}), ` +
      `cores in use during the bursts: bot ${r.cores.bursts.bot}, PostgreSQL ${r.cores.bursts.postgres}, driver ${r.cores.bursts.driver}, others ${r.cores.bursts.others}; run ${r.runSeconds} s`,
  ];
  for (const problem of v.problems) lines.push(`    ${problem}`);
  return lines.join('\n');
}

/** The commit measured, and how many files under src/ differ from it (work in progress shows). */
function sourceCounted(): { commit: string; changedSrcFiles: number } {
  const source = describeSource();
  return { commit: source.commit, changedSrcFiles: source.changedSrcFiles.length };
}
