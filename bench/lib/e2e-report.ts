/**
 * Turns the runs of bench/e2e.ts into its summary (medians, the issue's targets, the
 * correctness verdict) and the markdown report.
 */
import type { CoresUsed } from './e2e-proc.js';
import type { E2eRunResult } from './e2e-run.js';
import { median, round } from './stats.js';

/** The PostgreSQL server a report was measured on. */
export interface E2eServer {
  source: 'embedded' | 'DATABASE_URL';
  version: string;
  fsync: string;
  synchronousCommit: string;
}

/** One target of the issue; `met` is null when its scenario was not run. */
export interface E2eTarget {
  target: string;
  measured: string;
  met: boolean | null;
}

/** What bench/reports/e2e.json holds. */
export interface E2eSummary {
  at: string;
  command: string;
  machine: { cores: number; memoryGb: number; node: string };
  server: E2eServer;
  /** Settings given to the bot beyond its defaults (--bot-env). */
  botEnv: Record<string, string>;
  /** The code measured: HEAD and the number of files under src/ that differ from it. */
  source: { commit: string; changedSrcFiles: number };
  medians: { latency: ScenarioMedians | null; throughput: ScenarioMedians | null };
  targets: E2eTarget[];
  correctness: { pass: boolean; detail: string };
  runs: { latency: E2eRunResult[]; throughput: E2eRunResult[] };
}

/** Medians over the runs of one scenario; memory is the largest peak of any run. */
export interface ScenarioMedians {
  players: number;
  questions: number;
  openPeriodS: number;
  answers: number;
  p50Ms: number;
  p99Ms: number;
  statementP99Ms: number;
  answersPerSecond: number;
  /** From the second question on (players known); null with one question. */
  answersPerSecondKnownPlayers: number | null;
  botPeakRssMb: number;
  /** Cores in use while answers were in flight (from a question's first hand-out to its last commit). */
  coresDuringBursts: CoresUsed;
}

// 15,000 answers/s: issue 12 (acceptance by group commit lets the offset move as soon as a batch is durable).
const TARGETS = { p99Ms: 250, answersPerSecond: 15_000, rssMb: 250 };

/** Medians, targets and the verdict of the runs. */
export function summarize(input: {
  at: string;
  command: string;
  machine: E2eSummary['machine'];
  server: E2eServer;
  botEnv: Record<string, string>;
  source: E2eSummary['source'];
  results: E2eSummary['runs'];
}): E2eSummary {
  const latency = mediansOf(input.results.latency);
  const throughput = mediansOf(input.results.throughput);
  const all = [...input.results.latency, ...input.results.throughput];
  const failed = all.filter((r) => !r.verification.pass);
  const stored = all.reduce((sum, r) => sum + r.verification.answersStored, 0);
  const targets: E2eTarget[] = [
    latency
      ? {
          target: `p99 hand-out -> commit <= ${TARGETS.p99Ms} ms`,
          measured: `p99 ${latency.p99Ms} ms (p50 ${latency.p50Ms} ms)`,
          met: latency.p99Ms <= TARGETS.p99Ms,
        }
      : { target: `p99 hand-out -> commit <= ${TARGETS.p99Ms} ms`, measured: 'not run', met: null },
    throughput
      ? {
          target: `>= ${TARGETS.answersPerSecond.toLocaleString('en')} answers/s end to end`,
          measured:
            `${throughput.answersPerSecond.toLocaleString('en')} answers/s` +
            (throughput.answersPerSecondKnownPlayers === null
              ? ''
              : ` (${throughput.answersPerSecondKnownPlayers.toLocaleString('en')} from question 2 on, players known)`),
          met: throughput.answersPerSecond >= TARGETS.answersPerSecond,
        }
      : { target: `>= ${TARGETS.answersPerSecond.toLocaleString('en')} answers/s end to end`, measured: 'not run', met: null },
    latency
      ? {
          target: `bot RSS <= ${TARGETS.rssMb} MB`,
          measured: `peak ${latency.botPeakRssMb} MB (worst run)`,
          met: latency.botPeakRssMb <= TARGETS.rssMb,
        }
      : { target: `bot RSS <= ${TARGETS.rssMb} MB`, measured: 'not run', met: null },
  ];
  return {
    at: input.at,
    command: input.command,
    machine: input.machine,
    server: input.server,
    botEnv: input.botEnv,
    source: input.source,
    medians: { latency, throughput },
    targets,
    correctness: {
      pass: failed.length === 0 && all.length > 0,
      detail:
        failed.length === 0
          ? `${all.length} runs, ${stored.toLocaleString('en')} answers stored and scored exactly as the players gave them`
          : `${failed.length} of ${all.length} runs differ from the players' log: ${failed.map((r) => r.name).join(', ')}`,
    },
    runs: input.results,
  };
}

function mediansOf(results: readonly E2eRunResult[]): ScenarioMedians | null {
  const first = results[0];
  if (!first) return null;
  const of = (pick: (r: E2eRunResult) => number, digits = 1): number => round(median(results.map(pick)), digits);
  return {
    players: first.players,
    questions: first.questions,
    openPeriodS: first.openPeriodS,
    answers: first.players * first.questions,
    p50Ms: of((r) => r.latency.p50Ms),
    p99Ms: of((r) => r.latency.p99Ms),
    statementP99Ms: of((r) => r.latencyLowerBound.p99Ms),
    answersPerSecond: Math.round(median(results.map((r) => r.answersPerSecond))),
    answersPerSecondKnownPlayers:
      first.answersPerSecondKnownPlayers === null
        ? null
        : Math.round(median(results.map((r) => r.answersPerSecondKnownPlayers ?? Number.NaN))),
    // The kernel updates VmHWM lazily, so a 250 ms sample can exceed it: the peak is the larger.
    botPeakRssMb: Math.max(...results.map((r) => Math.max(r.memory.hwmMb, r.memory.peakSampledRssMb))),
    coresDuringBursts: {
      bot: of((r) => r.cores.bursts.bot, 2),
      postgres: of((r) => r.cores.bursts.postgres, 2),
      driver: of((r) => r.cores.bursts.driver, 2),
      others: of((r) => r.cores.bursts.others, 2),
    },
  };
}

/** The markdown report. */
export function renderE2eMarkdown(s: E2eSummary): string {
  const met = (m: boolean | null): string => (m === null ? '-' : m ? 'yes' : '**no**');
  const cores = (c: CoresUsed): string => `${c.bot} / ${c.postgres} / ${c.driver} / ${c.others}`;
  const all = [...s.runs.latency, ...s.runs.throughput];
  const l = s.medians.latency;
  const t = s.medians.throughput;
  const lines = [
    '# End-to-end benchmark',
    '',
    `${s.at} · ${s.machine.cores} cores, ${s.machine.memoryGb} GiB · Node ${s.machine.node} · PostgreSQL ${s.server.version} ` +
      `(${s.server.source}; fsync=${s.server.fsync}, synchronous_commit=${s.server.synchronousCommit})`,
    '',
    `Code: ${s.source.commit}${s.source.changedSrcFiles > 0 ? ` with ${s.source.changedSrcFiles} files under src/ changed (work in progress)` : ''}. ` +
      `Command: \`${s.command}\` (DATABASE_URL unset: an embedded server; set: that server, on which each run creates and drops its own database).`,
    '',
    '| target | median | met |',
    '| --- | --- | --- |',
    ...s.targets.map((x) => `| ${x.target} | ${x.measured} | ${met(x.met)} |`),
    '',
    `**Correctness: ${s.correctness.pass ? 'PASS' : 'FAIL'}**: ${s.correctness.detail}.`,
    '',
    '## What runs',
    '',
    '- **The bot** is its own process, `node --import tsx src/main.ts` (what `npm start` runs) with BOT_TOKEN and TELEGRAM_API_ROOT of the ' +
      'simulator, a fresh database per run, LOG_LEVEL=warn and ' +
      (Object.keys(s.botEnv).length > 0
        ? `${Object.entries(s.botEnv)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}; every other setting at its default `
        : 'every other setting at its default ') +
      '(long polling, AnswerWriter batches of up to 500, pool 30 + 50, QUEUE_GROUP_PER_MIN 20). Its memory is read from /proc/<pid>/status: VmRSS every 250 ms ' +
      "and VmHWM, the kernel's high-water mark, at the end of the run; the peak judged is the larger of the two (Linux updates VmHWM " +
      'lazily, so a sample can exceed it).',
    '- **The simulator, the virtual players and the measuring** share the benchmark process. A user creates the quiz with one ' +
      "`/newquiz <title>` message in private; the group's creator sends `/startquiz <id> <N>s`; the bot announces, asks each question " +
      '(group messages 3 s apart at most), closes it 1.5 s after its period and posts the results.',
    l
      ? `- **latency**: ${l.players.toLocaleString('en')} players in one group, ${l.questions} questions of ${l.openPeriodS} s; each player answers ` +
        `every question once after a think time drawn uniformly from [500 ms, period - 1 s], ${l.answers.toLocaleString('en')} answers per run.`
      : '- **latency**: not run.',
    t
      ? `- **throughput**: ${t.players.toLocaleString('en')} players answer each of ${t.questions} questions the instant it appears (think time 0), ` +
        `so ${t.players.toLocaleString('en')} poll_answer updates wait at the simulator per question and the bot takes them as fast as it can. ` +
        'Answers/s = answers of a question / (its last commit - its first hand-out), summed over the questions.'
      : '- **throughput**: not run.',
    "- **Checks** after each run: every player's final answer to every question is in `answers` with the same options, the standings of " +
      "`runLeaderboard` give each player the correct/answered counts of the players' own log, every poll_answer handed out was seen committed.",
    '',
    '## How a commit is timed',
    '',
    "The simulator reports each hand-out (a getUpdates answer) with its update_ids; the driver stamps it. The benchmark's own throwaway " +
      "database (never the bot's real one: the triggers are created after migrating a database the benchmark made, which it drops at the end) " +
      'has two statement-level triggers on `answers` (AFTER INSERT, AFTER UPDATE, with transition tables) that `pg_notify` the update_ids ' +
      "each statement wrote, with the statement's clock_timestamp(). PostgreSQL delivers a notification only once its transaction has " +
      "committed (flushed, visible) and never for a rollback, so its arrival at the driver's LISTEN connection is an upper bound of the " +
      'commit moment, and the statement time a lower bound. Latency is judged on the arrival (never flattering); "statement p99" shows how wide the bracket is. ' +
      'The cost to the bot is a string_agg over a batch of at most 500 rows per statement, and notifying commits queue one behind another ' +
      'on the notification lock, at the tens of commits per second these runs make (writer batches / run time in the table). Clock time in the driver is `performance.timeOrigin + performance.now()`; ' +
      'its event-loop delay is in the table (it delays stamping, both hand-outs and arrivals).',
    '',
    '## Runs',
    '',
    'Cores in use are CPU seconds per second from /proc: the bot process; the PostgreSQL server (its background processes and the ' +
      "backends of the run's database, not other databases' backends); the driver (simulator, players, measuring); others = the whole " +
      'machine minus those three, which shows when something else competed for the cores. "bursts" counts only the time answers were in ' +
      'flight (each question from its first hand-out to its last commit).',
    '',
    '| run | check | answers stored / expected | p50 ms | p90 ms | p99 ms | max ms | statement p99 ms | answers/s (from question 2) | bot RSS idle / sampled peak / VmHWM MB | cores in use, bot / PostgreSQL / driver / others: whole run; bursts | writer batches, mean size | driver loop delay p99 / max ms | run s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...all.map(
      (r) =>
        `| ${r.name} | ${r.verification.pass ? 'PASS' : '**FAIL**'} | ${r.verification.answersStored} / ${r.verification.answersExpected} | ` +
        `${r.latency.p50Ms} | ${r.latency.p90Ms} | ${r.latency.p99Ms} | ${r.latency.maxMs} | ${r.latencyLowerBound.p99Ms} | ${r.answersPerSecond}` +
        `${r.answersPerSecondKnownPlayers === null ? '' : ` (${r.answersPerSecondKnownPlayers})`} | ` +
        `${r.memory.idleRssMb} / ${r.memory.peakSampledRssMb} / ${r.memory.hwmMb} | ${cores(r.cores.run)}; ${cores(r.cores.bursts)} | ` +
        `${r.writer.batches}, ${r.writer.meanBatch} | ${r.driverLoopDelay.p99Ms} / ${r.driverLoopDelay.maxMs} | ${r.runSeconds} |`,
    ),
    '',
  ];
  if (s.runs.throughput.length > 0) {
    lines.push(
      '### Throughput per question',
      '',
      '| run | question: answers in s = answers/s |',
      '| --- | --- |',
      ...s.runs.throughput.map(
        (r) => `| ${r.name} | ${r.bursts.map((b, i) => `${i + 1}: ${b.answers} in ${b.seconds} s = ${b.perSecond}/s`).join('; ')} |`,
      ),
      '',
    );
  }
  const problems = all.filter((r) => r.verification.problems.length > 0);
  if (problems.length > 0) {
    lines.push('### Problems found', '', ...problems.flatMap((r) => r.verification.problems.map((p) => `- ${r.name}: ${p}`)), '');
  }
  const disturbed = busyMachineRuns(all);
  if (disturbed.length > 0) {
    lines.push(
      `**Shared machine**: other programs used ${disturbed.map((r) => `${r.cores.bursts.others} cores in ${r.name}`).join(', ')} while answers ` +
        'were in flight; those runs understate what the bot does on a machine of its own.',
      '',
    );
  }
  const redelivered = all.reduce((sum, r) => sum + r.redeliveries, 0);
  lines.push(`Redelivered poll_answer updates over all runs: ${redelivered}.`, '');
  return lines.join('\n');
}

/** Cores used by other programs during the bursts above which a run counts as disturbed. */
const OTHERS_CORES_MAX = 0.25;

/** Runs during whose bursts other programs used more than {@link OTHERS_CORES_MAX} cores. */
export function busyMachineRuns(runs: readonly E2eRunResult[]): E2eRunResult[] {
  return runs.filter((r) => r.cores.bursts.others > OTHERS_CORES_MAX);
}
