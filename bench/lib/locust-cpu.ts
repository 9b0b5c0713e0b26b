/**
 * Where the cores went during one Locust step: CPU seconds of named groups of processes (Locust,
 * the replicas, the proxy) and of the whole machine, read from /proc and os.cpus() at the start
 * and the end of the step, as cores in use (CPU seconds per second). A process that exits during
 * the step (Locust itself, at its end) is read every half second, so its last reading counts.
 */
import os from 'node:os';
import { readProcessCpuSeconds } from './e2e-proc.js';

/** Cores in use per named group, plus `machine` (every process) and `rest` (machine minus the groups). */
export type CoresByGroup = Record<string, number> & { machine: number; rest: number };

/** Busy CPU seconds of every core together (user, nice, system, irq), from os.cpus(). */
function machineCpuSeconds(): number {
  return os.cpus().reduce((sum, cpu) => sum + (cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq) / 1000, 0);
}

/** A CPU meter over one step; `pids()` of a group is asked again at every reading (workers come and go). */
export interface CpuMeter {
  /** Stops reading and returns the cores each group used since the meter started. */
  stop(): CoresByGroup;
}

/** Starts reading the CPU seconds of each group of `groups` (name -> its pids now) every `everyMs`. */
export function startCpuMeter(groups: Record<string, () => readonly number[]>, everyMs = 500): CpuMeter {
  const started = performance.now();
  const machineAtStart = machineCpuSeconds();
  // Per pid: CPU seconds at its first reading (0 for a process born after the start) and at its latest.
  const first = new Map<number, number>();
  const latest = new Map<number, number>();
  const read = (initial: boolean): void => {
    for (const pids of Object.values(groups))
      for (const pid of pids()) {
        try {
          const seconds = readProcessCpuSeconds(pid);
          if (!first.has(pid)) first.set(pid, initial ? seconds : 0);
          latest.set(pid, seconds);
        } catch {
          // exited: its latest reading stands
        }
      }
  };
  read(true);
  const timer = setInterval(() => read(false), everyMs);
  return {
    stop() {
      clearInterval(timer);
      read(false);
      const seconds = (performance.now() - started) / 1000;
      const machine = (machineCpuSeconds() - machineAtStart) / seconds;
      const cores: Record<string, number> = {};
      let grouped = 0;
      for (const [name, pids] of Object.entries(groups)) {
        const used = pids().reduce((sum, pid) => sum + (latest.get(pid) ?? 0) - (first.get(pid) ?? 0), 0) / seconds;
        cores[name] = used;
        grouped += used;
      }
      return { ...cores, machine, rest: Math.max(0, machine - grouped) } as CoresByGroup;
    },
  };
}
