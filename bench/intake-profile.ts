/**
 * npm run bench:intake-profile [-- --runs 3 --answers 30000 --connections 200 --warm-up 2000
 *                                 --interval 1000 --out bench/reports/intake-profile
 *                                 --compare-dir <another checkout> | --baseline <an earlier report's .json>
 *                                 --keep-profiles <dir> --note "text"]
 *
 * Where one replica's webhook intake spends its CPU (issue 15: the target of 10,000 answers/s on
 * one replica is not met). Each run starts one bot replica in webhook mode under V8's sampling
 * profiler (`node --cpu-prof`), posts `--warm-up` and then `--answers` valid poll answers straight
 * to it over `--connections` keep-alive connections (bench:scale's intake blast), checks every
 * answer in the database, stops the replica gracefully (the profile is written on exit) and reads
 * the profile over the measured blast: self time by category (bench/lib/cpu-profile-categories.ts),
 * the top functions by self time, our functions by inclusive time. Prints the medians and writes
 * `<out>.md` and `<out>.json`. `--compare-dir` measures another revision's bot beside this one in
 * the same command, runs alternating (its first run before this checkout's, then after, and so
 * on): the directory is another checkout of the repository (`git worktree add --detach <dir>
 * <rev>` and a symlink to this node_modules); only the bot under test comes from it, the bench is
 * this checkout's. `--baseline` instead puts an earlier report's figures beside the new ones. DATABASE_URL (required) is the PostgreSQL server the runs
 * create and drop their databases on; REDIS_URL defaults to redis://127.0.0.1:6379. Each run is
 * bounded (the blast ends after 120 s, the replica's start after 120 s, its stop after 30 s);
 * Ctrl+C ends every process and drops every database of the run in progress.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../src/logger.js';
import { wholeNumber } from './lib/args.js';
import { cleanUpOnInterrupt } from './lib/cleanup-on-interrupt.js';
import { renderIntakeProfileMarkdown } from './lib/cpu-profile-markdown.js';
import { summarizeIntakeProfile, type IntakeProfileSummary, type TimeShare } from './lib/cpu-profile-report.js';
import { finishEveryRun, runProfiledIntake, type ProfiledIntakeRun } from './lib/cpu-profile-run.js';
import { describeServer } from './lib/run-setup.js';
import { redisVersion } from './lib/scale-redis.js';
import { machineInfo } from './lib/stats.js';

const DEFAULT_OUT = 'bench/reports/intake-profile';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    answers: { type: 'string', default: '30000' },
    connections: { type: 'string', default: '200' },
    'warm-up': { type: 'string', default: '2000' },
    interval: { type: 'string', default: '1000' },
    out: { type: 'string', default: DEFAULT_OUT },
    baseline: { type: 'string' },
    'compare-dir': { type: 'string' },
    'keep-profiles': { type: 'string' },
    note: { type: 'string' },
  },
});
const runs = wholeNumber('runs', args.runs, 1);
const plan = {
  answers: wholeNumber('answers', args.answers, 1),
  connections: wholeNumber('connections', args.connections, 1),
  warmUp: wholeNumber('warm-up', args['warm-up'], 0),
  // Below 100 µs the profiler's own cost would be a large part of what it measures.
  intervalUs: wholeNumber('interval', args.interval, 100),
};
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) throw new Error('bench:intake-profile needs DATABASE_URL: the PostgreSQL server whose databases the runs create and drop');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (args.baseline !== undefined && args['compare-dir'] !== undefined)
  throw new Error('--baseline and --compare-dir both name a baseline: give one of them');
const baseline = args.baseline === undefined ? undefined : await readBaseline(args.baseline);
const compareDir = args['compare-dir'] === undefined ? undefined : checkoutAt(args['compare-dir']);

const command =
  `npm run bench:intake-profile -- --runs ${runs} --answers ${plan.answers} --connections ${plan.connections} ` +
  `--warm-up ${plan.warmUp} --interval ${plan.intervalUs}` +
  (compareDir === undefined ? '' : ` --compare-dir ${args['compare-dir']}`) +
  (args.out === DEFAULT_OUT ? '' : ` --out ${args.out}`);

// Ctrl+C or SIGTERM: end the replica, the simulator and the database of the run in progress, then exit.
cleanUpOnInterrupt(finishEveryRun);

const logger = createLogger({ level: 'warn', pretty: false });
const server = await describeServer(adminUrl, 'DATABASE_URL');
const here = process.cwd();
const sides = compareDir === undefined ? [here] : [compareDir, here];
const sources = new Map(sides.map((dir) => [dir, describeCheckout(dir)]));
console.log(
  `Intake profile: ${runs} run(s) of ${plan.answers} answers over ${plan.connections} connections (warm-up ${plan.warmUp}); ` +
    `code ${sides.map((dir) => describeRevision(sources.get(dir))).join(' and ')}${compareDir ? ' (alternating)' : ''}; PostgreSQL ${server.version}; ` +
    `${machineInfo().cores} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, Node ${process.version}`,
);
const results = new Map<string, ProfiledIntakeRun[]>(sides.map((dir) => [dir, []]));
for (let run = 1; run <= runs; run++) {
  // Alternating which side goes first, so that neither always follows the other.
  for (const dir of run % 2 === 1 ? sides : [...sides].reverse()) {
    const r = await runProfiledIntake(
      { adminUrl, redisUrl, logger, root: dir },
      { ...plan, ...(args['keep-profiles'] ? { keepProfileIn: args['keep-profiles'] } : {}) },
    );
    results.get(dir)?.push(r);
    const ok = r.blast.statuses['200'] ?? 0;
    console.log(
      `run ${run} of ${describeRevision(sources.get(dir))}: ${r.blast.perSecond} answers/s (${ok}/${r.blast.sent} 200s), ` +
        `p50 ${r.blast.latency.p50Ms} ms p99 ${r.blast.latency.p99Ms} ms, ${r.storedExactly}/${plan.answers} stored exactly; ` +
        `CPU ${r.cpuMsPerUpdate.toFixed(3)} ms per update (main thread ${r.mainThreadCpuMsPerUpdate.toFixed(3)}; ${r.cores.toFixed(2)} cores); ` +
        `profile busy ${(r.profile.busyMs / Math.max(1, ok)).toFixed(3)} ms per update over ${r.profile.samples} samples; ` +
        `${r.answersPerCommit.toFixed(1)} answers per commit; load ${r.load.before[0]?.toFixed(2)}`,
    );
  }
}

const context = {
  at: new Date().toISOString(),
  command,
  machine: { ...machineInfo(), cpu: os.cpus()[0]?.model ?? 'unknown' },
  server: { version: server.version, fsync: server.fsync, synchronousCommit: server.synchronousCommit },
  redis: await redisVersion(redisUrl),
  plan: { runs, ...plan },
};
const summaryOf = (dir: string): IntakeProfileSummary =>
  summarizeIntakeProfile({ ...context, source: sources.get(dir) ?? describeCheckout(dir) }, results.get(dir) ?? []);
const summary = summaryOf(here);
if (compareDir !== undefined) {
  summary.baseline = summaryOf(compareDir);
  summary.baselineHow =
    `Both measured by this one command, ${runs} run(s) each, alternating (run 1: before first; run 2: after first; ...): ` +
    `the bot before the change ran from another checkout of the repository (${args['compare-dir'] ?? ''}: ` +
    `${describeRevision(sources.get(compareDir))}), the bench and everything else being this checkout's.`;
} else if (baseline !== undefined) {
  summary.baseline = baseline;
  summary.baselineHow = `The baseline is an earlier report of this command (${baseline.at}), measured before these runs.`;
}
await fs.mkdir(path.dirname(args.out), { recursive: true });
await fs.writeFile(`${args.out}.json`, `${JSON.stringify(summary, null, 2)}\n`);
await fs.writeFile(`${args.out}.md`, renderIntakeProfileMarkdown(summary, args.note));

const m = summary.medians;
console.log(
  `\nMedians of ${runs} run(s): ${m.answersPerSecond} answers/s, CPU ${m.cpuMsPerUpdate} ms per update (main thread ${m.mainThreadCpuMsPerUpdate}; ` +
    `${m.cores} cores), profile busy ${m.profiledBusyMsPerUpdate} ms per update; target 10,000/s = 0.1 ms per update: ` +
    `${m.cpuMsPerUpdate <= 0.1 ? 'MET' : 'NOT MET'}`,
);
console.log('\nSelf time by category (% of busy, ≈ main-thread CPU µs per update):');
for (const c of summary.categories)
  console.log(`  ${c.name.padEnd(34)} ${c.percentOfBusy.toFixed(1).padStart(5)}%  ${c.cpuUsPerUpdate.toFixed(2).padStart(7)} µs`);
console.log(`\nTop ${summary.topSelf.length} functions by self time (% of busy, ≈ main-thread CPU µs per update):`);
for (const f of summary.topSelf)
  console.log(
    `  ${f.percentOfBusy.toFixed(1).padStart(5)}%  ${f.cpuUsPerUpdate.toFixed(2).padStart(7)} µs  ${f.name}  ${f.location}  [${f.category}]`,
  );
if (summary.baseline) {
  const b = summary.baseline;
  const share = (list: readonly TimeShare[], name: string): string => {
    const found = list.find((entry) => entry.name === name);
    return found ? `${found.percentOfBusy}%` : '-';
  };
  console.log(`\nBefore (${describeRevision(b.source)}) -> after (${describeRevision(summary.source)}), medians:`);
  console.log(`  answers/s ${b.medians.answersPerSecond} -> ${m.answersPerSecond}`);
  console.log(
    `  CPU ms per update ${b.medians.cpuMsPerUpdate} -> ${m.cpuMsPerUpdate}; main thread ${b.medians.mainThreadCpuMsPerUpdate} -> ${m.mainThreadCpuMsPerUpdate}`,
  );
  for (const name of ['node: crypto', 'src/bot/intake'])
    console.log(`  ${name} share of busy ${share(b.categories, name)} -> ${share(summary.categories, name)}`);
}
console.log(`Report: ${args.out}.md, ${args.out}.json (git: ${gitHead()})`);

/** An earlier report of this command, for the before/after table (its own baseline dropped). */
async function readBaseline(file: string): Promise<NonNullable<IntakeProfileSummary['baseline']>> {
  const value = JSON.parse(await fs.readFile(file, 'utf8')) as IntakeProfileSummary;
  if (!value.medians || !Array.isArray(value.categories) || !value.source)
    throw new Error(`--baseline ${file} is not a report of bench:intake-profile (expected medians, categories, source)`);
  const { baseline: _dropped, baselineHow: _how, ...rest } = value;
  return rest;
}

/** `dir` as an absolute path, checked to hold a bot that can start (src/main.ts, node_modules). */
function checkoutAt(dir: string): string {
  const absolute = path.resolve(dir);
  for (const needed of ['src/main.ts', 'node_modules/tsx', 'package.json'])
    if (!existsSync(path.join(absolute, needed)))
      throw new Error(
        `--compare-dir ${dir} has no ${needed}: give a checkout of the repository with node_modules (a symlink to this one's will do)`,
      );
  return absolute;
}

/** The checkout's HEAD and its files under src/ that differ from HEAD (run-setup.ts's describeSource, for any directory). */
function describeCheckout(dir: string): IntakeProfileSummary['source'] {
  const git = (...gitArgs: string[]): string => spawnSync('git', ['-C', dir, ...gitArgs], { encoding: 'utf8' }).stdout ?? '';
  const changed = git('status', '--porcelain', '--untracked-files=all', '--', 'src')
    .split('\n')
    .filter((line) => line.length > 3);
  return { commit: git('rev-parse', '--short', 'HEAD').trim() || 'unknown', changedSrcFiles: changed.map((line) => line.slice(3)) };
}

function describeRevision(source: IntakeProfileSummary['source'] | undefined): string {
  if (!source) return 'unknown';
  return source.changedSrcFiles.length ? `${source.commit} with ${source.changedSrcFiles.join(', ')} changed` : source.commit;
}

function gitHead(): string {
  return (spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout ?? '').trim() || 'unknown';
}
