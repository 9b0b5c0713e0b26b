/**
 * CPU time of a fleet's processes: every bot replica together, and the proxy apart, read from
 * /proc/<pid>/stat (e2e-proc.ts) every 250 ms and summed over the windows a scenario asks about
 * (linear between samples). A replica killed on purpose keeps the CPU time it had used until its
 * last sample; what it used after that (at most 250 ms of it) is not counted.
 */
import { readProcessCpuSeconds } from './e2e-proc.js';

/** CPU seconds over some windows. */
export interface FleetCpuSeconds {
  /** All bot replicas together. */
  bots: number;
  proxy: number;
}

/** A running sampler. See {@link startFleetCpuSampler}. */
export interface FleetCpuSampler {
  /** CPU seconds used within `windows` ([from, to] in the `now` clock's ms). */
  over(windows: readonly (readonly [number, number])[]): FleetCpuSeconds;
  stop(): void;
}

interface Sample {
  at: number;
  bots: number;
  proxy: number;
}

/** Samples the processes `botPids` and `proxyPid` every `everyMs`, stamped with `now`. */
export function startFleetCpuSampler(botPids: readonly number[], proxyPid: number, now: () => number, everyMs = 250): FleetCpuSampler {
  const last = new Map<number, number>();
  const read = (pid: number): number => {
    try {
      const seconds = readProcessCpuSeconds(pid);
      last.set(pid, seconds);
      return seconds;
    } catch {
      return last.get(pid) ?? 0; // gone: what it had used
    }
  };
  const samples: Sample[] = [];
  const sample = (): void => {
    samples.push({ at: now(), bots: botPids.reduce((sum, pid) => sum + read(pid), 0), proxy: read(proxyPid) });
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    over(windows) {
      sample();
      const used = { bots: 0, proxy: 0 };
      for (const [from, to] of windows) {
        const a = at(samples, from);
        const b = at(samples, to);
        if (!a || !b || to <= from) continue;
        used.bots += b.bots - a.bots;
        used.proxy += b.proxy - a.proxy;
      }
      return used;
    },
    stop: () => clearInterval(timer),
  };
}

/** The cumulative times at `time`, linear between the samples around it; undefined outside them. */
function at(samples: readonly Sample[], time: number): Omit<Sample, 'at'> | undefined {
  for (let i = 1; i < samples.length; i++) {
    const before = samples[i - 1] as Sample;
    const after = samples[i] as Sample;
    if (time < before.at || time > after.at) continue;
    const f = after.at === before.at ? 0 : (time - before.at) / (after.at - before.at);
    return { bots: before.bots + (after.bots - before.bots) * f, proxy: before.proxy + (after.proxy - before.proxy) * f };
  }
  return undefined;
}
