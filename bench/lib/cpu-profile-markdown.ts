/** bench/reports/intake-profile.md from bench:intake-profile's summary (cpu-profile-report.ts). */
import type { FunctionShare, IntakeProfileSummary, TimeShare } from './cpu-profile-report.js';
import { round } from './stats.js';

/** The target of issue 15: 10,000 answers/s on one replica, that is at most 0.1 ms of one core per update. */
const TARGET_PER_SECOND = 10_000;
const TARGET_US_PER_UPDATE = 1_000_000 / TARGET_PER_SECOND;

/** How the categories add up into the groups of the budget section. */
const GROUPS: readonly { name: string; test: (category: string) => boolean }[] = [
  { name: 'our code (src/)', test: (c) => c === 'src' || c.startsWith('src/') },
  {
    name: 'libraries (grammy, zod, drizzle, postgres.js, pino, prom-client, queue/redis, others)',
    test: (c) =>
      !c.startsWith('src') && !c.startsWith('node:') && !['gc', 'program', 'native (V8 builtins, bindings)', 'other'].includes(c),
  },
  { name: 'Node itself (node: modules: http, net, streams, crypto, timers, promises)', test: (c) => c.startsWith('node:') },
  {
    name: 'native: syscalls, V8 builtins, microtasks, libuv, (program)',
    test: (c) => c === 'native (V8 builtins, bindings)' || c === 'program' || c === 'other',
  },
  { name: 'garbage collection', test: (c) => c === 'gc' },
];

export function renderIntakeProfileMarkdown(s: IntakeProfileSummary, note?: string): string {
  const m = s.medians;
  const cpuUs = m.cpuMsPerUpdate * 1000;
  const lines = [
    "# Where one replica's webhook intake spends its CPU (bench:intake-profile)",
    '',
    `Measured ${s.at} on ${s.machine.cores} cores (${s.machine.cpu}), ${s.machine.memoryGb} GB, Node ${s.machine.node}; ` +
      `PostgreSQL ${s.server.version} (fsync ${s.server.fsync}, synchronous_commit ${s.server.synchronousCommit}), Redis ${s.redis}.`,
    `Code: ${s.source.commit}${s.source.changedSrcFiles.length ? ` with uncommitted changes in ${s.source.changedSrcFiles.join(', ')}` : ''}. ` +
      `Command: \`${s.command}\`.`,
    `Machine load (1-minute average, os.loadavg) around the measured blasts: ${s.runs.map((r) => `${r.load.before[0]} -> ${r.load.after[0]}`).join('; ')} ` +
      '(other sessions run benchmarks on the same cores: every figure here shares them).',
    ...(note ? ['', note] : []),
    '',
    `## Result (medians of ${s.runs.length} run(s))`,
    '',
    '| figure | value |',
    '|---|---|',
    `| answers/s with 200 (${s.plan.answers.toLocaleString('en-US')} valid poll answers, ${s.plan.connections} connections, straight to the replica) | ${m.answersPerSecond.toLocaleString('en-US')} |`,
    `| latency write -> answer p50 / p99 | ${m.p50Ms} / ${m.p99Ms} ms |`,
    `| CPU per update, the replica's process (every thread, /proc) | **${m.cpuMsPerUpdate} ms** (${m.cores} cores), of which the kernel (system time) ${m.systemCpuMsPerUpdate} ms |`,
    `| CPU per update, its main thread alone (the event loop, what the profile samples) | ${m.mainThreadCpuMsPerUpdate} ms |`,
    `| answers per group commit (the AnswerWriter's batches) | ${m.answersPerCommit} |`,
    `| main thread busy per update, as the profiler saw it | ${m.profiledBusyMsPerUpdate} ms (idle ${s.idleUsPerUpdate} µs) |`,
    `| target: ${TARGET_PER_SECOND.toLocaleString('en-US')}/s on one core | at most ${TARGET_US_PER_UPDATE / 1000} ms per update: ${round(cpuUs / TARGET_US_PER_UPDATE, 1)}x too much |`,
    '',
    ...(s.baseline ? renderComparison(s, s.baseline) : []),
    '## How it was measured',
    '',
    "- One bot replica (`node --cpu-prof --import tsx src/main.ts`: `npm start` plus V8's sampling profiler, every " +
      `${s.plan.intervalUs} µs) in webhook mode on its own port, with a scratch PostgreSQL database and a Redis database of its own, ` +
      "the Bot API simulator in the benchmark's process (bench/lib/cpu-profile-run.ts, cpu-profile-replica.ts).",
    "- As bench:scale's intake scenario (bench/lib/scale-intake.ts): a one-question quiz runs in a group for ten minutes; " +
      `${s.plan.warmUp.toLocaleString('en-US')} valid poll answers warm the replica up (not measured), then ` +
      `${s.plan.answers.toLocaleString('en-US')} more (a new user each, one vote, unique update_ids) are posted with scale-blast.ts ` +
      `over ${s.plan.connections} keep-alive connections, one request in flight each. A 200 means the answer was committed; every answer ` +
      'is then looked up in the database (one row for its user, the option sent). Unlike bench:scale there is no proxy, no commit ' +
      'triggers and no second replica.',
    "- The replica is stopped with SIGTERM (graceful shutdown: the profile is written on exit) and its main thread's profile is read " +
      "over the measured blast only (first write to last answer; the profile's clock is CLOCK_MONOTONIC, as process.hrtime). " +
      "Each sample's time goes to the function on top of the stack (self time) and to the category of that function " +
      '(bench/lib/cpu-profile-categories.ts documents them); our own functions also get inclusive time (anywhere on the stack, once per sample).',
    '- "CPU per update" is the replica process\'s user+system CPU (/proc, every thread: GC helpers and libuv\'s pool included) over ' +
      'the blast, per answer with 200. The profile\'s "busy" is wall time of the main thread not waiting in the event loop: on a loaded ' +
      'machine a thread that is runnable but not running counts as busy, so shares are the reliable part, not the absolute profile times.',
    "- Source lines of our TypeScript are mapped back from tsx's compiled code (bench/lib/cpu-profile-source-lines.ts); " +
      '`(native)` frames are V8 builtins and C++ bindings (socket writes, microtask runs) that the profiler names on their own; ' +
      "the top functions table says whom such a frame worked for (the nearest caller that is neither native nor one of Node's own modules).",
    '- The profiler itself costs some CPU (a signal and a stack walk per sample), which the CPU per update here includes. ' +
      "bench:scale's intake figure (bench/reports/scale.md) comes from another setup (a fleet behind a proxy, commit triggers, its " +
      "own revision and load): compare this report's runs with each other, not with it.",
    '',
    '## Self time by category',
    '',
    '| category | % of busy | ≈ main-thread CPU µs per update | profile µs per update |',
    '|---|---|---|---|',
    ...s.categories.map((c) => `| ${c.name} | ${c.percentOfBusy} | ${c.cpuUsPerUpdate} | ${c.usPerUpdate} |`),
    '',
    ...renderBudget(s),
    `## Top ${s.topSelf.length} functions by self time`,
    '',
    ...functionTable(s.topSelf),
    '',
    `## Our functions by inclusive time (top ${s.ownInclusive.length})`,
    '',
    "Time with the function anywhere on the main thread's stack (what it and everything it called took). Anonymous functions are " +
      "closures at that line: in webhook.ts the request handler, in http-server.ts the server's request listener.",
    '',
    ...functionTable(s.ownInclusive, false),
    '',
    '## Runs',
    '',
    '| run | answers/s | statuses | p50 / p99 / max ms | stored exactly | CPU ms / update (kernel) | cores | profiled busy ms / update | samples | answers / commit | load 1 min before -> after |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...s.runs.map(
      (r, i) =>
        `| ${i + 1} | ${r.answersPerSecond.toLocaleString('en-US')} | ${Object.entries(r.statuses)
          .map(([k, v]) => `${k}: ${v}`)
          .join(
            ', ',
          )} | ${r.latencyMs.p50} / ${r.latencyMs.p99} / ${r.latencyMs.max} | ${r.storedExactly}/${r.answers} | ${r.cpuMsPerUpdate} (${r.systemCpuMsPerUpdate}) | ${r.cores} | ${r.profiledBusyMsPerUpdate} | ${r.samples} | ${r.answersPerCommit} | ${r.load.before[0]} -> ${r.load.after[0]} |`,
    ),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

function functionTable(functions: readonly FunctionShare[], withCallers = true): string[] {
  if (!withCallers)
    return [
      '| function | where | category | % of busy | ≈ main-thread CPU µs per update | profile µs per update |',
      '|---|---|---|---|---|---|',
      ...functions.map(
        (f) => `| \`${f.name}\` | ${f.location} | ${f.category} | ${f.percentOfBusy} | ${f.cpuUsPerUpdate} | ${f.usPerUpdate} |`,
      ),
    ];
  return [
    '| function | where | category | for (native and node: frames: the nearest caller outside them) | % of busy | ≈ main-thread CPU µs per update | profile µs per update |',
    '|---|---|---|---|---|---|---|',
    ...functions.map(
      (f) =>
        `| \`${f.name}\` | ${f.location} | ${f.category} | ${f.calledFrom ?? ''} | ${f.percentOfBusy} | ${f.cpuUsPerUpdate} | ${f.usPerUpdate} |`,
    ),
  ];
}

/** What would have to go: the groups' shares applied to the main thread's CPU per update, against the target. */
function renderBudget(s: IntakeProfileSummary): string[] {
  const m = s.medians;
  const processUs = m.cpuMsPerUpdate * 1000;
  const mainUs = m.mainThreadCpuMsPerUpdate * 1000;
  const share = (test: (category: string) => boolean): number =>
    s.categories.filter((c) => test(c.name)).reduce((sum, c) => sum + c.percentOfBusy, 0);
  const rows = GROUPS.map((g) => ({ name: g.name, percent: share(g.test) }));
  const ours = rows[0]?.percent ?? 0;
  const oursUs = (ours / 100) * mainUs;
  const target = TARGET_PER_SECOND.toLocaleString('en-US');
  return [
    `## What would have to go for ${target} answers/s`,
    '',
    `${target} answers/s on one replica is at most ${TARGET_US_PER_UPDATE} µs of CPU per update on one core. Two limits (medians):`,
    '',
    `- **the event loop** (the main thread: JS, the HTTP parser, the syscalls it makes; at most one core): ${round(mainUs, 0)} µs per update, ` +
      `so at most ≈ ${Math.round(1e6 / Math.max(1, mainUs)).toLocaleString('en-US')} answers/s even with a core of its own;`,
    `- **the whole process** (the main thread plus V8's GC helper threads and libuv's threads): ${round(processUs, 0)} µs per update ` +
      `(the kernel's part, system time: ${round(m.systemCpuMsPerUpdate * 1000, 0)} µs), that is ${round(processUs / TARGET_US_PER_UPDATE, 2)} ` +
      `cores at ${target}/s; ${round(Math.max(0, 1 - TARGET_US_PER_UPDATE / processUs) * 100, 0)}% of it would have to go to fit one core.`,
    '',
    `In these blasts the replica used ${m.cores} of the machine's ${s.machine.cores} cores (shared with PostgreSQL, the load generator ` +
      "and other sessions' benchmarks)" +
      (m.cores < 0.9 ? ": below one core, so the machine, not the replica's event loop, bounded the answers/s measured. " : '. ') +
      "What the main thread's time goes to, grouped (shares of its busy profile time, times its CPU per update):",
    '',
    '| group | % of busy | ≈ main-thread CPU µs per update |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${round(r.percent, 1)} | ${round((r.percent / 100) * mainUs, 0)} |`),
    `| (beside the main thread: the process's other threads, /proc) | | ${round(processUs - mainUs, 0)} |`,
    '',
    `Our own code's self time is ${round(ours, 1)}% of the main thread (≈ ${round(oursUs, 0)} µs): without any of it the process would still ` +
      `need ≈ ${round(processUs - oursUs, 0)} µs per update (${round((processUs - oursUs) / TARGET_US_PER_UPDATE, 2)}x the target). ` +
      'The rest is the price of one HTTP request per update in Node (a read and a write on a loopback socket, the HTTP parser, the ' +
      "response), the promises and timers around it, the database driver's writes of the group commit, and garbage collection: " +
      `${target}/s per replica needs fewer of those per answer (updates in batches, which Telegram's webhook does not send) or more ` +
      'processes (replicas, each with its own core).',
    '',
  ];
}

function renderComparison(s: IntakeProfileSummary, before: NonNullable<IntakeProfileSummary['baseline']>): string[] {
  const pick = (list: readonly TimeShare[], name: string): string => describeShare(list.find((entry) => entry.name === name));
  const mainCpu = (summary: Omit<IntakeProfileSummary, 'baseline'>): string =>
    summary.medians.mainThreadCpuMsPerUpdate === undefined ? '-' : `${summary.medians.mainThreadCpuMsPerUpdate} ms`;
  return [
    `## Before and after (${codeOf(before.source)} and ${codeOf(s.source)}, the same command)`,
    '',
    s.baselineHow ?? '',
    '',
    `| figure (medians) | before: ${codeOf(before.source)} | after: ${codeOf(s.source)} |`,
    '|---|---|---|',
    `| answers/s | ${before.medians.answersPerSecond.toLocaleString('en-US')} | ${s.medians.answersPerSecond.toLocaleString('en-US')} |`,
    `| CPU per update, the process (/proc) | ${before.medians.cpuMsPerUpdate} ms | ${s.medians.cpuMsPerUpdate} ms |`,
    `| of which the kernel (system time) | ${before.medians.systemCpuMsPerUpdate ?? '-'} ms | ${s.medians.systemCpuMsPerUpdate} ms |`,
    `| CPU per update, the main thread (/proc) | ${mainCpu(before)} | ${mainCpu(s)} |`,
    `| main thread busy per update (profile, wall) | ${before.medians.profiledBusyMsPerUpdate} ms | ${s.medians.profiledBusyMsPerUpdate} ms |`,
    `| category node: crypto (self) | ${pick(before.categories, 'node: crypto')} | ${pick(s.categories, 'node: crypto')} |`,
    `| category src/bot/intake (self) | ${pick(before.categories, 'src/bot/intake')} | ${pick(s.categories, 'src/bot/intake')} |`,
    `| the secret check, src/lib/same-secret.ts (inclusive) | ${ownIn(before, 'src/lib/same-secret.ts')} | ${ownIn(s, 'src/lib/same-secret.ts')} |`,
    `| the webhook request handler, webhook.ts (inclusive) | ${handler(before)} | ${handler(s)} |`,
    `| load (1 min) before each blast | ${before.runs.map((r) => r.load.before[0]).join(', ')} | ${s.runs.map((r) => r.load.before[0]).join(', ')} |`,
    '',
    'Shares are of the main thread\'s busy profile time; "≈ µs" is the share times the main thread\'s CPU per update. ' +
      "On a machine shared with other sessions' benchmarks, throughput and CPU per update move with the load; the shares are the steadier comparison.",
    '',
  ];
}

/** A revision, and the files under src/ that differed from it when it was measured. */
function codeOf(source: IntakeProfileSummary['source']): string {
  return source.changedSrcFiles.length ? `${source.commit} with ${source.changedSrcFiles.join(', ')} changed` : source.commit;
}

/** `3.1% ≈ 4.2 µs` of a category or function; '-' when it is not there. */
function describeShare(entry: TimeShare | undefined): string {
  if (!entry) return '- (below the cut)';
  return entry.cpuUsPerUpdate === undefined ? `${entry.percentOfBusy}%` : `${entry.percentOfBusy}% ≈ ${entry.cpuUsPerUpdate} µs`;
}

/** The request handler's inclusive time: the largest anonymous function of webhook.ts. */
function handler(summary: Omit<IntakeProfileSummary, 'baseline'>): string {
  return describeShare(summary.ownInclusive.find((f) => f.name === '(anonymous)' && f.location.startsWith('src/bot/intake/webhook.ts')));
}

/** The largest inclusive time of a function of `file` (ownInclusive is largest first). */
function ownIn(summary: Omit<IntakeProfileSummary, 'baseline'>, file: string): string {
  return describeShare(summary.ownInclusive.find((f) => f.location.startsWith(`${file}:`)));
}
