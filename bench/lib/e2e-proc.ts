/**
 * Figures of processes from /proc (Linux): the bot's memory from /proc/<pid>/status (VmRSS is
 * the resident set now, VmHWM its high-water mark since the process started, so the true peak,
 * between samples too) and CPU time from /proc/<pid>/stat for the bot and the PostgreSQL
 * server, beside the driver's own (process.cpuUsage) and the whole machine's (/proc/stat), so a
 * report can say where the cores went and whether something else was using them.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on nearly every Linux). */
const TICKS_PER_S = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** Resident memory of a process, in MiB. */
export interface ProcessMemory {
  rssMb: number;
  hwmMb: number;
}

/** VmRSS and VmHWM of `pid`; throws when the process is gone or /proc is not there. */
export function readProcessMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${field} line`);
    return Number(match[1]);
  };
  return { rssMb: kib('VmRSS') / 1024, hwmMb: kib('VmHWM') / 1024 };
}

/** CPU seconds (user + system) `pid` has used since it started; throws when it is gone. */
export function readProcessCpuSeconds(pid: number): number {
  const { user, system } = readCpuTimes(`/proc/${pid}/stat`);
  return user + system;
}

/**
 * User and system CPU seconds of a process (`/proc/<pid>/stat`) or of one of its threads
 * (`/proc/<pid>/task/<tid>/stat`; the main thread's id is the pid); throws when it is gone.
 */
export function readCpuTimes(statPath: string): { user: number; system: number } {
  const stat = readFileSync(statPath, 'utf8');
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
  return { user: Number(fields[11]) / TICKS_PER_S, system: Number(fields[12]) / TICKS_PER_S };
}

/** Busy CPU seconds of the whole machine (every core: user, nice, system, irq, softirq, steal). */
function machineCpuSeconds(): number {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_S;
}

/**
 * CPU seconds used by the PostgreSQL server that holds database `dbName`, since the counter was
 * made: its postmaster and background processes, and the backends connected to `dbName`, but
 * not backends of other databases (on a shared server they are someone else's load). A
 * backend's title is `postgres: [cluster: ]<user> <database> <client>(<port>) <state>`; the
 * server is found as the parent of such a backend. Each call adds what every counted process used
 * since the previous call (all of a new process's time; the last moments of one that exited in
 * between are lost).
 */
function createPostgresCpuCounter(dbName: string): () => number {
  const last = new Map<number, number>();
  let total = 0;
  let first = true;
  return () => {
    const processes: { pid: number; ppid: number; cpu: number; title: string }[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8') !== 'postgres\n') continue;
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        processes.push({ pid, ppid, cpu: readProcessCpuSeconds(pid), title });
      } catch {
        // the process ended between the listing and the read
      }
    }
    const ours = ` ${dbName} `;
    const server = processes.find((p) => p.title.includes(ours))?.ppid;
    const isClientBackend = (title: string): boolean => /\(\d+\)|\[local\]/.test(title);
    for (const p of processes) {
      const counted = p.pid === server || (p.ppid === server && (p.title.includes(ours) || !isClientBackend(p.title)));
      if (!counted) continue;
      if (!first) total += p.cpu - (last.get(p.pid) ?? 0);
      last.set(p.pid, p.cpu);
    }
    first = false;
    return total;
  };
}

/** Cumulative CPU seconds at one moment (`at` in the caller's clock, milliseconds). */
export interface CpuSample {
  at: number;
  bot: number;
  postgres: number;
  driver: number;
  machine: number;
}

/** Cores in use on average over some time: CPU seconds per second. */
export interface CoresUsed {
  bot: number;
  /** The server's processes and the backends of the benchmark's database. */
  postgres: number;
  /** The benchmark process: simulator, virtual players, measuring. */
  driver: number;
  /** Everything else on the machine (other databases' backends, other programs). */
  others: number;
}

/** A running sampler. See {@link startProcessSampler}. */
export interface ProcessSampler {
  /** Largest VmRSS of the bot sampled since the last `resetPeak()` (or the start). */
  readonly peakRssMb: number;
  resetPeak(): void;
  /** Cores used by the bot, PostgreSQL, the driver and the rest over `windows` ([from, to] in `now` ms), together. */
  coresUsed(windows: readonly (readonly [number, number])[]): CoresUsed;
  stop(): void;
}

/**
 * Samples the bot's VmRSS and the CPU times of the bot, the PostgreSQL server of database
 * `dbName`, this process and the whole machine every `everyMs` (250 ms by default) until
 * stopped or the bot exits; `now` stamps the samples.
 */
export function startProcessSampler(botPid: number, dbName: string, now: () => number, everyMs = 250): ProcessSampler {
  let peak = 0;
  const samples: CpuSample[] = [];
  const postgresCpuSeconds = createPostgresCpuCounter(dbName);
  const sample = (): void => {
    try {
      peak = Math.max(peak, readProcessMemory(botPid).rssMb);
      const driver = process.cpuUsage();
      samples.push({
        at: now(),
        bot: readProcessCpuSeconds(botPid),
        postgres: postgresCpuSeconds(),
        driver: (driver.user + driver.system) / 1e6,
        machine: machineCpuSeconds(),
      });
    } catch {
      clearInterval(timer); // the bot ended
    }
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    get peakRssMb() {
      return peak;
    },
    resetPeak: () => {
      peak = 0;
      sample();
    },
    coresUsed(windows) {
      sample();
      const used = { bot: 0, postgres: 0, driver: 0, machine: 0 };
      let seconds = 0;
      for (const [from, to] of windows) {
        const a = interpolate(samples, from);
        const b = interpolate(samples, to);
        if (!a || !b || to <= from) continue;
        seconds += (to - from) / 1000;
        used.bot += b.bot - a.bot;
        used.postgres += b.postgres - a.postgres;
        used.driver += b.driver - a.driver;
        used.machine += b.machine - a.machine;
      }
      if (seconds === 0) return { bot: Number.NaN, postgres: Number.NaN, driver: Number.NaN, others: Number.NaN };
      const others = Math.max(0, used.machine - used.bot - used.postgres - used.driver);
      return { bot: used.bot / seconds, postgres: used.postgres / seconds, driver: used.driver / seconds, others: others / seconds };
    },
    stop: () => clearInterval(timer),
  };
}

/** The cumulative CPU times at `at`, linear between the samples around it; undefined outside them. */
function interpolate(samples: readonly CpuSample[], at: number): Omit<CpuSample, 'at'> | undefined {
  for (let i = 1; i < samples.length; i++) {
    const before = samples[i - 1] as CpuSample;
    const after = samples[i] as CpuSample;
    if (at < before.at || at > after.at) continue;
    const f = after.at === before.at ? 0 : (at - before.at) / (after.at - before.at);
    const mix = (x: number, y: number): number => x + (y - x) * f;
    return {
      bot: mix(before.bot, after.bot),
      postgres: mix(before.postgres, after.postgres),
      driver: mix(before.driver, after.driver),
      machine: mix(before.machine, after.machine),
    };
  }
  return undefined;
}
