/** Small figures and waits shared by the scenarios of bench:scale. */
import type { Simulator } from 'telegram-sim/simulator';
import type { Spread } from './groups-run.js';
import { quantile, round } from './stats.js';

export type { Spread };

/** p50, p90, p99 and max of `values` (ms), and their count. */
export function spread(values: readonly number[]): Spread {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number): number => (sorted.length === 0 ? Number.NaN : round(quantile(sorted, q), 1));
  return { count: sorted.length, p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), maxMs: at(1) };
}

/** `promise`'s value, or undefined once `ms` have passed (the timer does not outlive it). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits until the simulator has no update left to deliver (at most `maxMs`, 130 s by default:
 * a delivery that failed five times in a row waits 1 + 2 + 4 + 8 + 16 s, and more in between).
 */
export async function deliveredAll(sim: Simulator, maxMs = 130_000): Promise<void> {
  for (let waited = 0; waited < maxMs && sim.updates.pendingCount > 0; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
