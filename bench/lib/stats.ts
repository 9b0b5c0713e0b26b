import os from 'node:os';

/** The value at quantile `q` (0..1) of sorted `values` (nearest rank). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] as number;
}

/** Median of a few run results. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Rounds for a report: `digits` decimals. */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The machine a report was measured on. */
export function machineInfo(): { cores: number; memoryGb: number; node: string } {
  return { cores: os.cpus().length, memoryGb: round(os.totalmem() / 2 ** 30, 1), node: process.version };
}

/**
 * Counts of events per fixed time bin: `times` (ms, any origin) counted into bins of `binMs`
 * starting at `startMs`, as many bins as it takes to cover `endMs`. Events outside
 * [startMs, endMs) are left out. With the default 1,000 ms bins each count is a rate per second.
 *
 * @example
 * countPerBin([0, 10, 1500], 0, 2000); // [2, 1]
 */
export function countPerBin(times: readonly number[], startMs: number, endMs: number, binMs = 1000): number[] {
  if (!(binMs > 0)) throw new RangeError(`countPerBin: binMs must be > 0, got ${binMs}`);
  const bins = new Array<number>(Math.max(0, Math.ceil((endMs - startMs) / binMs))).fill(0);
  for (const time of times) {
    if (time < startMs || time >= endMs) continue;
    const index = Math.floor((time - startMs) / binMs);
    bins[index] = (bins[index] ?? 0) + 1;
  }
  return bins;
}
