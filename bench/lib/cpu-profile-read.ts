/**
 * Reading a V8 `.cpuprofile` (what `node --cpu-prof` writes) over a time window: which function
 * was on top of the main thread's stack at each sample (self time), and which of our own
 * functions were anywhere on it (inclusive time).
 *
 * The format: `nodes` is the call tree (each node a call frame and its children's ids),
 * `samples[i]` the node on top at sample i, `timeDeltas[i]` the µs since the previous sample,
 * `startTime`/`endTime` in µs of the monotonic clock, the one `process.hrtime()` reads on Linux
 * (CLOCK_MONOTONIC for both), so a window measured in another process on the same machine maps
 * onto the profile with {@link monotonicUs}. Sample i lasts until sample i+1 (the last one until
 * `endTime`), which is how Chrome DevTools counts it too.
 *
 * V8's positions are those of the code it ran: for our TypeScript, tsx's output, one line per
 * module; `sourceLineOf` (cpu-profile-source-lines.ts) turns them into source lines.
 */
import fs from 'node:fs';
import type { SourceLineOf } from './cpu-profile-source-lines.js';

/** A call frame as V8 reports it (`lineNumber` and `columnNumber` from 0). */
export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

/** The parts of a `.cpuprofile` read here. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Time of one function (all its call sites together). */
export interface FrameTime {
  functionName: string;
  /** `file:line` (1-based) relative to the project, or the node: module, or `(native)`. */
  location: string;
  category: string;
  ms: number;
  /**
   * For a native or `node:` function: who it worked for, by time, largest first (the nearest
   * frame up its stack that is neither native nor Node's own: `nextWrite (postgres.js)`).
   */
  callers?: { name: string; ms: number }[];
}

/** What a window of the profile shows. */
export interface ProfileWindow {
  /** The window's length, ms (clipped to the profile's own span). */
  wallMs: number;
  /** Time of samples other than `(idle)`: the main thread's CPU as the profiler saw it. */
  busyMs: number;
  idleMs: number;
  samples: number;
  /** Self time per category (idle included, under its own category). */
  byCategory: Record<string, number>;
  /** Self time per function, largest first. */
  selfByFunction: FrameTime[];
  /** Inclusive time of each function of `isOwn` frames (counted once per sample), largest first. */
  ownInclusive: FrameTime[];
}

/** Reads and checks the shape of a `.cpuprofile` file. */
export function readCpuProfile(file: string): CpuProfile {
  const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CpuProfile>;
  if (!Array.isArray(value.nodes) || !Array.isArray(value.samples) || !Array.isArray(value.timeDeltas))
    throw new Error(`${file} is not a V8 CPU profile (expected nodes, samples and timeDeltas)`);
  if (value.samples.length !== value.timeDeltas.length)
    throw new Error(`${file}: ${value.samples.length} samples but ${value.timeDeltas.length} time deltas`);
  return value as CpuProfile;
}

/**
 * The monotonic clock in µs at `driverMs`, a time of this process's `performance.timeOrigin +
 * performance.now()` clock (bench/lib/e2e-commits.ts's driverNow).
 */
export function monotonicUs(driverMs: number): number {
  const hrNowMs = Number(process.hrtime.bigint()) / 1e6;
  const driverNowMs = performance.timeOrigin + performance.now();
  return (driverMs + (hrNowMs - driverNowMs)) * 1000;
}

/**
 * Self and inclusive times of the samples within [fromUs, toUs] (monotonic µs), each frame put
 * in a category by `categorize`; `isOwn` picks the frames whose inclusive time is wanted.
 */
export function profileWindow(
  profile: CpuProfile,
  fromUs: number,
  toUs: number,
  options: {
    categorize(frame: CallFrame): string;
    isOwn(frame: CallFrame): boolean;
    /** The project's directory: locations are given relative to it. */
    root: string;
    /** The source line of a frame in compiled TypeScript (cpu-profile-source-lines.ts) [V8's line]. */
    sourceLineOf?: SourceLineOf;
  },
): ProfileWindow {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, FrameTime>();
  const inclusive = new Map<string, FrameTime>();
  const byCategory: Record<string, number> = {};
  const describe = (frame: CallFrame): FrameTime => ({
    functionName: frame.functionName || '(anonymous)',
    location: locationOf(frame, options.root, options.sourceLineOf),
    category: options.categorize(frame),
    ms: 0,
  });
  // The nearest frame above `id` that is neither native nor Node's own, as `name (category)`.
  const callerOf = (id: number): string => {
    for (let up = parent.get(id); up !== undefined; up = parent.get(up)) {
      const frame = (byId.get(up) as ProfileNode).callFrame;
      if (frame.functionName === '(root)') break;
      if (!isRuntime(frame)) return `${frame.functionName || '(anonymous)'} (${options.categorize(frame)})`;
    }
    return '(event loop)';
  };
  let at = profile.startTime;
  let samples = 0;
  let idleMs = 0;
  let busyMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] as number;
    const next = i + 1 < profile.samples.length ? at + (profile.timeDeltas[i + 1] as number) : profile.endTime;
    // The part of this sample's span inside the window.
    const ms = Math.max(0, Math.min(next, toUs) - Math.max(at, fromUs)) / 1000;
    if (ms <= 0) continue;
    const node = byId.get(profile.samples[i] as number);
    if (!node) continue;
    samples++;
    const top = describe(node.callFrame);
    byCategory[top.category] = (byCategory[top.category] ?? 0) + ms;
    if (node.callFrame.functionName === '(idle)') idleMs += ms;
    else busyMs += ms;
    const key = frameKey(node.callFrame);
    const entry = self.get(key) ?? top;
    entry.ms += ms;
    self.set(key, entry);
    if (isRuntime(node.callFrame)) addCaller(entry, callerOf(node.id), ms);
    // Inclusive: each own function once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = (byId.get(id) as ProfileNode).callFrame;
      if (!options.isOwn(frame)) continue;
      const ownKey = frameKey(frame);
      if (seen.has(ownKey)) continue;
      seen.add(ownKey);
      const own = inclusive.get(ownKey) ?? describe(frame);
      own.ms += ms;
      inclusive.set(ownKey, own);
    }
  }
  const largestFirst = (times: Iterable<FrameTime>): FrameTime[] => [...times].sort((a, b) => b.ms - a.ms);
  return {
    wallMs: Math.max(0, Math.min(toUs, profile.endTime) - Math.max(fromUs, profile.startTime)) / 1000,
    busyMs,
    idleMs,
    samples,
    byCategory,
    selfByFunction: largestFirst(self.values()).map((f) => (f.callers ? { ...f, callers: f.callers.sort((a, b) => b.ms - a.ms) } : f)),
    ownInclusive: largestFirst(inclusive.values()),
  };
}

/** A frame of the runtime: a native one (no script) or one of Node's own modules. */
function isRuntime(frame: CallFrame): boolean {
  return frame.url === '' || frame.url.startsWith('node:');
}

function addCaller(entry: FrameTime, name: string, ms: number): void {
  const callers = (entry.callers ??= []);
  const known = callers.find((caller) => caller.name === name);
  if (known) known.ms += ms;
  else callers.push({ name, ms });
}

function frameKey(frame: CallFrame): string {
  return `${frame.functionName}\u0000${frame.url}\u0000${frame.lineNumber}\u0000${frame.columnNumber}`;
}

/** `src/bot/intake/webhook.ts:57`, `node:_http_server:1120`, `node_modules/zod/...:12`, or `(native)`. */
function locationOf(frame: CallFrame, root: string, sourceLineOf: SourceLineOf | undefined): string {
  if (!frame.url) return '(native)';
  const rootUrl = `file://${root.endsWith('/') ? root : `${root}/`}`;
  const file = frame.url.startsWith(rootUrl) ? frame.url.slice(rootUrl.length) : frame.url;
  const line =
    sourceLineOf?.(frame.url, frame.lineNumber, frame.columnNumber) ?? (frame.lineNumber >= 0 ? frame.lineNumber + 1 : undefined);
  return line === undefined ? file : `${file}:${line}`;
}
