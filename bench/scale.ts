/**
 * npm run bench:scale [-- --runs 3 --replicas 1,3 --scenarios storm,throughput,intake,failover
 *                        --groups 200 --players 10 --questions 3 --open 10 --budget <s>
 *                        --throughput-players 5000 --throughput-questions 3
 *                        --intake-answers 30000 --intake-connections 200 --kill-after 10
 *                        --failover --out bench/reports/scale --note "text" --bot-env NAME=value ...
 *                        --proxy-option "buffer_requests" ...]
 * npm run bench:scale -- --render bench/reports/scale.json [--note "text"]
 *
 * One bot replica, then three, in webhook mode behind a real reverse proxy (Caddy, in the shape
 * of deploy/caddy/Caddyfile) on this machine (issue 15, part 1): the Bot API simulator in this
 * process delivers every update by webhook to the proxy; the replicas share a scratch PostgreSQL
 * database (DATABASE_URL, required: the server the runs create and drop their databases on) and
 * Redis (REDIS_URL, default redis://127.0.0.1:6379, a free database of it per run). Scenarios
 * per replica count and run: the many-groups storm (bench:groups'), the throughput scenario
 * (bench:e2e's) and webhook blasts (valid poll answers posted straight to one replica and through
 * the proxy); then `failover`: the storm on three replicas with one killed by SIGKILL
 * `--kill-after` seconds in (`--failover` runs only that). Every answer is checked in the
 * database and every group's questions in the simulator's transcript. Prints one `MET` /
 * `NOT MET` line per target (medians of `--runs` for figures, sums over every run for counts)
 * and writes `<out>.md` and `<out>.json`. `--proxy-option` (repeatable) adds a line to the proxy's
 * reverse_proxy block (replica-fleet.ts), to measure a Caddyfile other than production's (whose
 * shape the proxy has by default, with an active /health check every second standing in for the
 * DNS lookups that drop a dead replica; `--proxy-option "fail_duration 10s"` adds back the passive
 * checks of finding 3 in bench/reports/scale-findings.md). A missed target is a finding: the exit code is 0
 * unless the benchmark could not run. Ctrl+C ends every process, directory and database it made.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../src/logger.js';
import { envPair, listOf, wholeNumber } from './lib/args.js';
import { cleanUpOnInterrupt } from './lib/cleanup-on-interrupt.js';
import { renderCaddyfile } from './lib/replica-fleet.js';
import { describeServer, describeSource } from './lib/run-setup.js';
import { runScaleIntake } from './lib/scale-intake.js';
import { readLocustGateReport } from './lib/scale-locust.js';
import { renderScaleMarkdown } from './lib/scale-markdown.js';
import { redisVersion } from './lib/scale-redis.js';
import { summarizeScale, targetLine, type ScaleRuns, type ScaleSummary } from './lib/scale-report.js';
import { finishEverySetup } from './lib/scale-setup.js';
import { runScaleStorm, type ScaleStormResult } from './lib/scale-storm.js';
import { runScaleThroughput } from './lib/scale-throughput.js';
import { machineInfo } from './lib/stats.js';

const SCENARIOS = ['storm', 'throughput', 'intake', 'failover'] as const;

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    replicas: { type: 'string', default: '1,3' },
    scenarios: { type: 'string', default: SCENARIOS.join(',') },
    failover: { type: 'boolean', default: false },
    groups: { type: 'string', default: '200' },
    players: { type: 'string', default: '10' },
    questions: { type: 'string', default: '3' },
    open: { type: 'string', default: '10' },
    budget: { type: 'string' },
    'throughput-players': { type: 'string', default: '5000' },
    'throughput-questions': { type: 'string', default: '3' },
    'intake-answers': { type: 'string', default: '30000' },
    'intake-connections': { type: 'string', default: '200' },
    'kill-after': { type: 'string', default: '10' },
    out: { type: 'string', default: 'bench/reports/scale' },
    note: { type: 'string' },
    'bot-env': { type: 'string', multiple: true, default: [] },
    'proxy-option': { type: 'string', multiple: true, default: [] },
    render: { type: 'string' },
  },
});
if (args.render !== undefined) {
  // Only writes the markdown of a report again from its JSON, with the latest Locust figures
  // (bench:locust writes them; it runs after bench:scale, each needing the machine to itself).
  const summary = JSON.parse(await fs.readFile(args.render, 'utf8')) as ScaleSummary;
  const out = args.render.replace(/\.json$/, '.md');
  await fs.writeFile(out, renderScaleMarkdown(summary, args.note, readLocustGateReport()));
  console.log(`Report: ${out}`);
  process.exit(0);
}
const runs = wholeNumber('runs', args.runs, 1);
const replicaCounts = args.replicas.split(',').map((n) => wholeNumber('replicas', n.trim(), 1));
const scenarios = args.failover ? ['failover' as const] : listOf('scenarios', args.scenarios, SCENARIOS);
const storm = {
  groups: wholeNumber('groups', args.groups, 1),
  players: wholeNumber('players', args.players, 1),
  questions: wholeNumber('questions', args.questions, 1),
  // 5 s is Telegram's shortest open period; the players' think times need at least 1.5 s of it.
  openPeriodS: wholeNumber('open', args.open, 5),
};
// As bench:groups: four times the global-limit floor of the messages, each group's chain, 10 minutes.
const budgetS =
  args.budget === undefined
    ? Math.ceil((4 * storm.groups * (storm.questions + 4)) / 30 + 3 + storm.questions * (storm.openPeriodS + 4.5) + 600)
    : wholeNumber('budget', args.budget, 10);
const throughput = {
  players: wholeNumber('throughput-players', args['throughput-players'], 1),
  questions: wholeNumber('throughput-questions', args['throughput-questions'], 1),
};
const intake = {
  answers: wholeNumber('intake-answers', args['intake-answers'], 1),
  connections: wholeNumber('intake-connections', args['intake-connections'], 1),
};
const killAfterS = wholeNumber('kill-after', args['kill-after'], 1);
const botEnv = Object.fromEntries(args['bot-env'].map(envPair));
const proxyOptions = args['proxy-option'];
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) throw new Error('bench:scale needs DATABASE_URL: the PostgreSQL server whose databases the runs create and drop');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const command =
  `npm run bench:scale -- --runs ${runs} --replicas ${replicaCounts.join(',')} --scenarios ${scenarios.join(',')} ` +
  `--groups ${storm.groups} --players ${storm.players} --questions ${storm.questions} --open ${storm.openPeriodS} --budget ${budgetS} ` +
  `--throughput-players ${throughput.players} --throughput-questions ${throughput.questions} ` +
  `--intake-answers ${intake.answers} --intake-connections ${intake.connections} --kill-after ${killAfterS}` +
  (args.out === 'bench/reports/scale' ? '' : ` --out ${args.out}`) +
  args['bot-env'].map((pair) => ` --bot-env ${pair}`).join('') +
  proxyOptions.map((line) => ` --proxy-option ${JSON.stringify(line)}`).join('');

// Ctrl+C or SIGTERM: end every process, directory and database of the runs in progress, then exit.
cleanUpOnInterrupt(finishEverySetup);

const logger = createLogger({ level: 'warn', pretty: false });
const server = await describeServer(adminUrl, 'DATABASE_URL');
const setup = { adminUrl, redisUrl, logger, botEnv, proxyOptions };
const loadBefore = os.loadavg();
console.log(
  `Scale: ${replicaCounts.join(' and ')} replica(s) behind Caddy, ${scenarios.join(', ')}, ${runs} run(s); PostgreSQL ${server.version}, ` +
    `${machineInfo().cores} cores, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}`,
);
const results: ScaleRuns = { storm: [], throughput: [], intake: [], failover: [] };
for (let run = 1; run <= runs; run++) {
  for (const replicas of replicaCounts) {
    const on = { ...setup, replicas };
    if (scenarios.includes('storm')) {
      const r = await runScaleStorm(on, { name: `storm ${replicas}x #${run}`, ...storm, seed: run, budgetS });
      results.storm.push(r);
      console.log(describeStorm(r));
    }
    if (scenarios.includes('throughput')) {
      const r = await runScaleThroughput(on, { name: `throughput ${replicas}x #${run}`, ...throughput, openPeriodS: 10, seed: run });
      results.throughput.push(r);
      console.log(
        `${r.name}: ${r.answersPerSecond} answers/s, hand-out -> commit p50 ${r.handOutToCommit.p50Ms} ms p99 ${r.handOutToCommit.p99Ms} ms, ` +
          `CPU ${r.cpuPer1000Answers.bots} s / 1,000 answers (proxy ${r.cpuPer1000Answers.proxy}); ${r.verification.pass ? 'PASS' : 'FAIL'}`,
      );
    }
    if (scenarios.includes('intake')) {
      const blasts = await runScaleIntake(on, intake);
      results.intake.push({ replicas, name: `intake ${replicas}x #${run}`, blasts });
      for (const b of blasts)
        console.log(
          `intake ${replicas}x #${run} ${b.target}: ${b.result.perSecond} answers/s, p99 ${b.result.latency.p99Ms} ms, ` +
            `${b.storedExactly}/${b.answers} stored exactly, ${b.botCores} cores`,
        );
    }
  }
  if (scenarios.includes('failover')) {
    const r = await runScaleStorm({ ...setup, replicas: 3 }, { name: `failover 3x #${run}`, ...storm, seed: run, budgetS, killAfterS });
    results.failover.push(r);
    console.log(describeStorm(r));
  }
}

const summary = summarizeScale(
  {
    at: new Date().toISOString(),
    command,
    machine: { ...machineInfo(), cpu: os.cpus()[0]?.model ?? 'unknown' },
    load: { before: loadBefore, after: os.loadavg() },
    server,
    tools: { caddy: `Caddy ${caddyVersion()}`, redis: await redisVersion(redisUrl) },
    botEnv,
    source: describeSource(),
    caddyfile: renderCaddyfile({
      proxyPort: '<proxy port>',
      upstreamPorts: ['<port 1>', '<port 2>', '<port 3>'],
      lbTryDurationS: 5,
      proxyOptions,
    }),
    runs: results,
  },
  scenarios.some((s) => s !== 'failover') ? replicaCounts : [],
);
await fs.mkdir(path.dirname(args.out), { recursive: true });
await fs.writeFile(`${args.out}.json`, `${JSON.stringify(summary, null, 2)}\n`);
await fs.writeFile(`${args.out}.md`, renderScaleMarkdown(summary, args.note, readLocustGateReport()));
console.log(`\nTargets (medians of ${runs} run(s); counts summed over every run):`);
for (const target of summary.targets) console.log(targetLine(target));
for (const f of summary.perReplicas)
  console.log(
    `Database connections at peak, ${f.replicas} replica(s): ${f.connections.peak} (busy ${f.connections.peakBusy}); ` +
      `the whole server ${f.connections.peakServer} of max_connections ${f.connections.maxConnections}`,
  );
console.log(`Report: ${args.out}.md, ${args.out}.json`);

function describeStorm(r: ScaleStormResult): string {
  const lines = [
    `${r.name}: ${r.groupsFinished}/${r.groups} groups finished in ${r.stormS} s; ${r.answersStored}/${r.answersExpected} answers; ` +
      `hand-out -> commit p50 ${r.handOutToCommit.p50Ms} ms p99 ${r.handOutToCommit.p99Ms} ms (${r.handOutToCommit.unseen} never committed); ` +
      `429s ${r.limits.tooManyRequests}; doubled ${r.doubledQuestions}; out of order ${r.groupsOutOfOrder}; max pause ${r.maxPauseS} s; ` +
      `${r.verification.pass ? 'PASS' : 'FAIL'} ${r.verification.groupsCorrect}/${r.verification.groups}` +
      (r.kill
        ? `; killed replica ${r.kill.replica} at ${r.kill.atS} s holding ${r.kill.affectedRuns} runs, worst pause ${r.kill.maxPauseAffectedS} s`
        : ''),
  ];
  for (const problem of r.verification.problems.slice(0, 3)) lines.push(`    ${problem}`);
  return lines.join('\n');
}

function caddyVersion(): string {
  return (spawnSync('/usr/bin/caddy', ['version'], { encoding: 'utf8' }).stdout ?? '').trim().split(/\s+/)[0] || 'unknown';
}
