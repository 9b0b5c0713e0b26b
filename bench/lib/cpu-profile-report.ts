/**
 * bench:intake-profile's figures over its runs: medians of each run's throughput, CPU per update
 * and per-category profile time, the functions with the most self time, and our own functions'
 * inclusive time; optionally the same figures of a baseline report (an earlier revision measured
 * by the same command) beside them.
 */
import type { FrameTime } from './cpu-profile-read.js';
import { CATEGORY_ORDER } from './cpu-profile-categories.js';
import type { ProfiledIntakeRun } from './cpu-profile-run.js';
import { median, round } from './stats.js';

/** The idle category: waiting, not CPU; left out of the shares of busy time. */
const IDLE = 'idle';
/** Functions listed in each table. */
const TOP_SELF = 25;
const TOP_OWN = 30;

/** One run as the report keeps it. */
export interface RunFigures {
  answersPerSecond: number;
  statuses: Record<string, number>;
  latencyMs: { p50: number; p99: number; max: number };
  storedExactly: number;
  answers: number;
  /** CPU of the replica's process (every thread), /proc, per answer with 200. */
  cpuMsPerUpdate: number;
  /** The kernel's part of cpuMsPerUpdate (system time). */
  systemCpuMsPerUpdate: number;
  /** CPU of the main thread alone, /proc, per answer with 200. */
  mainThreadCpuMsPerUpdate: number;
  cores: number;
  /** The main thread's non-idle time as the profiler saw it, per answer with 200. */
  profiledBusyMsPerUpdate: number;
  samples: number;
  /** Answers per group commit of the AnswerWriter over the blast. */
  answersPerCommit: number;
  load: { before: number[]; after: number[] };
}

/** A category's or a function's time: medians over the runs. */
export interface TimeShare {
  name: string;
  /** Profile time per answer, µs (wall time: inflated when the machine is loaded, see cpuUsPerUpdate). */
  usPerUpdate: number;
  /** % of the main thread's busy (non-idle) profile time. */
  percentOfBusy: number;
  /** Its share of the main thread's CPU per answer (the share times /proc's main-thread CPU), µs: comparable across loads. */
  cpuUsPerUpdate: number;
}

export interface FunctionShare extends TimeShare {
  location: string;
  category: string;
  /** For a native or node: function: whom its time was for, over all runs (`nextWrite (postgres.js) 96%`). */
  calledFrom?: string;
}

/** Everything intake-profile.json holds. */
export interface IntakeProfileSummary {
  at: string;
  command: string;
  source: { commit: string; changedSrcFiles: string[] };
  machine: { cores: number; memoryGb: number; node: string; cpu: string };
  server: { version: string; fsync: string; synchronousCommit: string };
  redis: string;
  plan: { runs: number; answers: number; connections: number; warmUp: number; intervalUs: number };
  runs: RunFigures[];
  medians: {
    answersPerSecond: number;
    cpuMsPerUpdate: number;
    systemCpuMsPerUpdate: number;
    mainThreadCpuMsPerUpdate: number;
    cores: number;
    profiledBusyMsPerUpdate: number;
    p50Ms: number;
    p99Ms: number;
    answersPerCommit: number;
  };
  /** Self time by category (idle apart), medians. */
  categories: TimeShare[];
  /** Idle time of the main thread per answer, µs (median). */
  idleUsPerUpdate: number;
  topSelf: FunctionShare[];
  ownInclusive: FunctionShare[];
  /** The same figures of another revision: runs alternating with these (`--compare-dir`) or an earlier report (`--baseline`). */
  baseline?: Omit<IntakeProfileSummary, 'baseline' | 'baselineHow'>;
  /** How the baseline was measured, for the report. */
  baselineHow?: string;
}

/** The report's summary of `runs`. */
export function summarizeIntakeProfile(
  context: Omit<
    IntakeProfileSummary,
    'runs' | 'medians' | 'categories' | 'idleUsPerUpdate' | 'topSelf' | 'ownInclusive' | 'baseline' | 'baselineHow'
  >,
  runs: readonly ProfiledIntakeRun[],
): IntakeProfileSummary {
  const figures = runs.map(runFigures);
  const perUpdate = (run: ProfiledIntakeRun, ms: number): number => (ms * 1000) / Math.max(1, run.blast.statuses['200'] ?? 0);
  const ofBusy = (run: ProfiledIntakeRun, ms: number): number => (100 * ms) / Math.max(1e-9, run.profile.busyMs);
  const ofCpu = (run: ProfiledIntakeRun, ms: number): number => (ofBusy(run, ms) / 100) * run.mainThreadCpuMsPerUpdate * 1000;
  const categoryNames = CATEGORY_ORDER.filter((name) => name !== IDLE && runs.some((run) => (run.profile.byCategory[name] ?? 0) > 0));
  const categories = categoryNames
    .map((name) => ({
      name,
      usPerUpdate: round(median(runs.map((run) => perUpdate(run, run.profile.byCategory[name] ?? 0))), 2),
      percentOfBusy: round(median(runs.map((run) => ofBusy(run, run.profile.byCategory[name] ?? 0))), 1),
      cpuUsPerUpdate: round(median(runs.map((run) => ofCpu(run, run.profile.byCategory[name] ?? 0))), 2),
    }))
    .sort((a, b) => b.percentOfBusy - a.percentOfBusy);
  const functions = (pick: (run: ProfiledIntakeRun) => readonly FrameTime[], top: number): FunctionShare[] => {
    const known = new Map<string, FrameTime>();
    for (const run of runs) for (const frame of pick(run).slice(0, top * 4)) known.set(keyOf(frame), frame);
    return [...known.entries()]
      .map(([key, frame]) => {
        const msIn = (run: ProfiledIntakeRun): number => pick(run).find((f) => keyOf(f) === key)?.ms ?? 0;
        const calledFrom = callersOf(runs.map((run) => pick(run).find((f) => keyOf(f) === key)));
        return {
          ...(calledFrom ? { calledFrom } : {}),
          name: frame.functionName,
          location: frame.location,
          category: frame.category,
          usPerUpdate: round(median(runs.map((run) => perUpdate(run, msIn(run)))), 2),
          percentOfBusy: round(median(runs.map((run) => ofBusy(run, msIn(run)))), 1),
          cpuUsPerUpdate: round(median(runs.map((run) => ofCpu(run, msIn(run)))), 2),
        };
      })
      .sort((a, b) => b.percentOfBusy - a.percentOfBusy)
      .slice(0, top);
  };
  return {
    ...context,
    runs: figures,
    medians: {
      answersPerSecond: round(median(figures.map((f) => f.answersPerSecond)), 0),
      cpuMsPerUpdate: round(median(figures.map((f) => f.cpuMsPerUpdate)), 3),
      systemCpuMsPerUpdate: round(median(figures.map((f) => f.systemCpuMsPerUpdate)), 3),
      mainThreadCpuMsPerUpdate: round(median(figures.map((f) => f.mainThreadCpuMsPerUpdate)), 3),
      cores: round(median(figures.map((f) => f.cores)), 2),
      profiledBusyMsPerUpdate: round(median(figures.map((f) => f.profiledBusyMsPerUpdate)), 3),
      p50Ms: round(median(figures.map((f) => f.latencyMs.p50)), 1),
      p99Ms: round(median(figures.map((f) => f.latencyMs.p99)), 1),
      answersPerCommit: round(median(figures.map((f) => f.answersPerCommit)), 1),
    },
    categories,
    idleUsPerUpdate: round(median(runs.map((run) => perUpdate(run, run.profile.idleMs))), 1),
    topSelf: functions((run) => run.profile.selfByFunction.filter((f) => f.category !== IDLE), TOP_SELF),
    ownInclusive: functions((run) => run.profile.ownInclusive, TOP_OWN),
  };
}

function runFigures(run: ProfiledIntakeRun): RunFigures {
  const ok = run.blast.statuses['200'] ?? 0;
  return {
    answersPerSecond: run.blast.perSecond,
    statuses: run.blast.statuses,
    latencyMs: { p50: run.blast.latency.p50Ms, p99: run.blast.latency.p99Ms, max: run.blast.latency.maxMs },
    storedExactly: run.storedExactly,
    answers: run.blast.sent,
    cpuMsPerUpdate: round(run.cpuMsPerUpdate, 3),
    systemCpuMsPerUpdate: round(run.systemCpuMsPerUpdate, 3),
    mainThreadCpuMsPerUpdate: round(run.mainThreadCpuMsPerUpdate, 3),
    cores: round(run.cores, 2),
    profiledBusyMsPerUpdate: round(run.profile.busyMs / Math.max(1, ok), 3),
    samples: run.profile.samples,
    answersPerCommit: round(run.answersPerCommit, 1),
    load: { before: run.load.before.map((l) => round(l, 2)), after: run.load.after.map((l) => round(l, 2)) },
  };
}

/** The two largest callers of a function over the runs, with their share of its time. */
function callersOf(frames: readonly (FrameTime | undefined)[]): string | undefined {
  const byName = new Map<string, number>();
  for (const frame of frames)
    for (const caller of frame?.callers ?? []) byName.set(caller.name, (byName.get(caller.name) ?? 0) + caller.ms);
  const total = [...byName.values()].reduce((sum, ms) => sum + ms, 0);
  if (total <= 0) return undefined;
  return [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([name, ms]) => `${name} ${Math.round((100 * ms) / total)}%`)
    .join(', ');
}

function keyOf(frame: FrameTime): string {
  return `${frame.functionName} ${frame.location}`;
}
