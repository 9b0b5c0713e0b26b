/**
 * Turns the runs of bench/scale.ts into its summary (medians per replica count, counts summed
 * over every run, the targets as MET / NOT MET) and the markdown report.
 */
import type { E2eServer } from './e2e-report.js';
import type { IntakeBlast } from './scale-intake.js';
import type { ScaleStormResult } from './scale-storm.js';
import type { ScaleThroughputResult } from './scale-throughput.js';
import { median, round } from './stats.js';

/** Every run, by scenario. */
export interface ScaleRuns {
  storm: ScaleStormResult[];
  throughput: ScaleThroughputResult[];
  intake: { replicas: number; name: string; blasts: IntakeBlast[] }[];
  failover: ScaleStormResult[];
}

/** Medians (figures) and sums over runs (counts) of one replica count. */
export interface ReplicaFigures {
  replicas: number;
  storm: ScenarioFigures | null;
  throughput: ScenarioFigures | null;
  /** Webhook blasts: straight to one replica, and through the proxy. */
  intake: { direct: ScenarioFigures; proxy: ScenarioFigures } | null;
  counts: Counts;
  /** Peaks over the runs: the fleet's connections (all, busy), the whole server's, its max_connections. */
  connections: { peak: number; peakBusy: number; peakServer: number; maxConnections: number };
}

export interface ScenarioFigures {
  answersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuPer1000: { bots: number; proxy: number };
  botCores: number;
}

/** Summed over runs. */
export interface Counts {
  tooManyRequests: number;
  violations: { global: number; group: number; chat: number };
  doubledQuestions: number;
  /** Groups whose questions were not 1..n once each in order (transcript). */
  outOfOrder: number;
  /** Answers handed out or posted but not stored as given, and groups whose stored answers or scores differ from the players' log. */
  lostAnswers: number;
  groupsWithAnswerProblems: number;
  answersChecked: number;
  doubledReplies: number;
}

export interface ScaleTarget {
  target: string;
  measured: string;
  met: boolean;
}

/** What bench/reports/scale.json holds. */
export interface ScaleSummary {
  at: string;
  command: string;
  machine: { cores: number; memoryGb: number; node: string; cpu: string };
  /** os.loadavg() before the first run and after the last. */
  load: { before: number[]; after: number[] };
  server: E2eServer;
  tools: { caddy: string; redis: string };
  botEnv: Record<string, string>;
  source: { commit: string; changedSrcFiles: string[] };
  caddyfile: string;
  perReplicas: ReplicaFigures[];
  targets: ScaleTarget[];
  runs: ScaleRuns;
}

const INTAKE_TARGET_PER_S = 10_000;
const PAUSE_TARGET_S = 5;

/** Medians, counts and targets of the runs. */
export function summarizeScale(input: Omit<ScaleSummary, 'perReplicas' | 'targets'>, replicaCounts: readonly number[]): ScaleSummary {
  const perReplicas = replicaCounts.map((n) => figuresOf(n, input.runs));
  return { ...input, perReplicas, targets: targetsOf(perReplicas, input.runs.failover) };
}

function figuresOf(replicas: number, runs: ScaleRuns): ReplicaFigures {
  const storms = runs.storm.filter((r) => r.replicas === replicas);
  const throughputs = runs.throughput.filter((r) => r.replicas === replicas);
  const blasts = runs.intake.filter((r) => r.replicas === replicas).flatMap((r) => r.blasts);
  const connections = [...storms, ...throughputs].map((r) => r.connections);
  const peak = (pick: (c: (typeof connections)[number]) => number): number => Math.max(0, ...connections.map(pick));
  return {
    replicas,
    storm: storms.length === 0 ? null : scenario(storms.map(runFigures)),
    throughput: throughputs.length === 0 ? null : scenario(throughputs.map(runFigures)),
    intake:
      blasts.length === 0
        ? null
        : {
            direct: scenario(blasts.filter((b) => b.target === 'direct').map(blastFigures)),
            proxy: scenario(blasts.filter((b) => b.target === 'proxy').map(blastFigures)),
          },
    counts: countsOf(storms, throughputs, blasts),
    connections: {
      peak: peak((c) => c.peak),
      peakBusy: peak((c) => c.peakBusy),
      peakServer: peak((c) => c.peakServer),
      maxConnections: connections[0]?.maxConnections ?? Number.NaN,
    },
  };
}

/** A storm's or throughput run's figures (latency: hand-out -> commit). */
function runFigures(r: ScaleStormResult | ScaleThroughputResult): ScenarioFigures {
  const { answersPerSecond, cpuPer1000Answers: cpuPer1000, botCores } = r;
  return { answersPerSecond, p50Ms: r.handOutToCommit.p50Ms, p99Ms: r.handOutToCommit.p99Ms, cpuPer1000, botCores };
}

/** A blast's figures (latency: write -> 200, which the webhook answers once committed). */
function blastFigures(b: IntakeBlast): ScenarioFigures {
  const { p50Ms, p99Ms } = b.result.latency;
  return { answersPerSecond: b.result.perSecond, p50Ms, p99Ms, cpuPer1000: b.cpuPer1000Answers, botCores: b.botCores };
}

/** Medians over runs. */
function scenario(runs: readonly ScenarioFigures[]): ScenarioFigures {
  const med = (pick: (r: ScenarioFigures) => number): number => round(median(runs.map(pick)), 3);
  return {
    answersPerSecond: Math.round(med((r) => r.answersPerSecond)),
    p50Ms: med((r) => r.p50Ms),
    p99Ms: med((r) => r.p99Ms),
    cpuPer1000: { bots: med((r) => r.cpuPer1000.bots), proxy: med((r) => r.cpuPer1000.proxy) },
    botCores: med((r) => r.botCores),
  };
}

/** The counts of storms (failover runs too, when given) and throughput runs and blasts, summed. */
export function countsOf(
  storms: readonly ScaleStormResult[],
  throughputs: readonly ScaleThroughputResult[] = [],
  blasts: readonly IntakeBlast[] = [],
): Counts {
  const sum = <T>(items: readonly T[], pick: (item: T) => number): number => items.reduce((total, item) => total + pick(item), 0);
  return {
    tooManyRequests: sum(storms, (r) => r.limits.tooManyRequests) + sum(throughputs, (r) => r.tooManyRequests),
    violations: {
      global: sum(storms, (r) => r.limits.byScope.global) + sum(throughputs, (r) => r.floodRefusals),
      group: sum(storms, (r) => r.limits.byScope.group),
      chat: sum(storms, (r) => r.limits.byScope.chat),
    },
    doubledQuestions: sum(storms, (r) => r.doubledQuestions),
    outOfOrder: sum(storms, (r) => r.groupsOutOfOrder) + sum(throughputs, (r) => (r.questionsInOrder ? 0 : 1)),
    lostAnswers:
      sum(storms, (r) => r.handOutToCommit.unseen + Math.max(0, r.answersExpected - r.answersStored)) +
      sum(throughputs, (r) => r.handOutToCommit.unseen + Math.max(0, r.verification.answersExpected - r.verification.answersStored)) +
      sum(blasts, (b) => b.answers - b.storedExactly),
    groupsWithAnswerProblems:
      sum(storms, (r) => r.verification.failures.database + r.verification.failures.resultsText) +
      sum(throughputs, (r) => (r.verification.pass ? 0 : 1)),
    answersChecked:
      sum(storms, (r) => r.answersExpected) + sum(throughputs, (r) => r.verification.answersExpected) + sum(blasts, (b) => b.answers),
    doubledReplies: sum(storms, (r) => r.replies.answeredTwice),
  };
}

function targetsOf(per: readonly ReplicaFigures[], failover: readonly ScaleStormResult[]): ScaleTarget[] {
  const targets: ScaleTarget[] = [];
  const each = (describe: (f: ReplicaFigures) => string): string => per.map((f) => `${f.replicas} replica(s): ${describe(f)}`).join('; ');
  const all = (ok: (f: ReplicaFigures) => boolean): boolean => per.every(ok);
  if (per.length > 0)
    targets.push(
      {
        target: "0 429s from Telegram's simulator, all replicas together",
        measured: each((f) => `${f.counts.tooManyRequests}`),
        met: all((f) => f.counts.tooManyRequests === 0),
      },
      {
        target: '0 violations of the global, per-group and per-chat limits, all replicas together',
        measured: each((f) => `global ${f.counts.violations.global}, group ${f.counts.violations.group}, chat ${f.counts.violations.chat}`),
        met: all((f) => f.counts.violations.global + f.counts.violations.group + f.counts.violations.chat === 0),
      },
      {
        target: '0 doubled questions (and each group asked 1..n once, in order)',
        measured: each((f) => `${f.counts.doubledQuestions} doubled, ${f.counts.outOfOrder} runs out of order`),
        met: all((f) => f.counts.doubledQuestions + f.counts.outOfOrder === 0),
      },
      {
        target: '0 lost answers (every answer checked in the database)',
        measured: each(
          (f) =>
            `${f.counts.lostAnswers} lost of ${f.counts.answersChecked.toLocaleString('en')}, ${f.counts.groupsWithAnswerProblems} runs with answers or scores unlike the players' log`,
        ),
        met: all((f) => f.counts.lostAnswers + f.counts.groupsWithAnswerProblems === 0),
      },
    );
  const one = per.find((f) => f.replicas === 1);
  const three = per.find((f) => f.replicas === 3);
  if (one?.throughput && three?.throughput) {
    const blasts =
      one.intake && three.intake ? `; proxy blast ${three.intake.proxy.answersPerSecond} vs ${one.intake.proxy.answersPerSecond}/s` : '';
    targets.push({
      target: "3 replicas' intake throughput >= 1 replica's (throughput scenario, the simulator's webhook delivery through the proxy)",
      measured: `${three.throughput.answersPerSecond} vs ${one.throughput.answersPerSecond} answers/s; CPU per 1,000 answers ${three.throughput.cpuPer1000.bots} vs ${one.throughput.cpuPer1000.bots} s${blasts}`,
      met: three.throughput.answersPerSecond >= one.throughput.answersPerSecond,
    });
  }
  const direct = (one ?? per[0])?.intake?.direct;
  if (direct) {
    targets.push({
      target: `webhook intake of one replica >= ${INTAKE_TARGET_PER_S.toLocaleString('en')} answers/s (posted straight to its webhook)`,
      measured: `${direct.answersPerSecond.toLocaleString('en')} answers/s, p50 ${direct.p50Ms} ms, p99 ${direct.p99Ms} ms, ${direct.botCores} cores`,
      met: direct.answersPerSecond >= INTAKE_TARGET_PER_S,
    });
  }
  if (failover.length > 0) {
    const pauses = failover.map((r) => r.kill?.maxPauseAffectedS ?? Infinity);
    const counts = countsOf(failover);
    targets.push(
      {
        target: `failover: the runs the killed replica held paused <= ${PAUSE_TARGET_S} s (their first message after the kill; worst run, median of runs)`,
        measured: failover
          .map((r) =>
            r.kill
              ? `${r.name}: ${r.kill.affectedRuns} runs held, worst ${r.kill.maxPauseAffectedS ?? '-'} s (others ${r.kill.maxPauseOthersS} s)`
              : `${r.name}: no kill`,
          )
          .join('; '),
        met: median(pauses) <= PAUSE_TARGET_S,
      },
      {
        target: 'failover: no question lost or doubled, every answer stored once, every run finished',
        measured:
          `${counts.doubledQuestions} doubled, ${counts.outOfOrder} runs out of order, ${counts.lostAnswers} answers lost, ` +
          `${counts.groupsWithAnswerProblems} runs unlike the log, ${failover.reduce((n, r) => n + r.groups - r.groupsFinished, 0)} unfinished`,
        met:
          counts.doubledQuestions + counts.outOfOrder + counts.lostAnswers + counts.groupsWithAnswerProblems === 0 &&
          failover.every((r) => r.groupsFinished === r.groups),
      },
    );
  }
  return targets;
}

/** `MET` / `NOT MET` and the target, as the script prints it. */
export function targetLine(t: ScaleTarget): string {
  return `${t.met ? 'MET' : 'NOT MET'} ${t.target}: ${t.measured}`;
}
