/**
 * How long calls waited in the queue (from submit to the moment they went out), per priority,
 * over the most recent calls: a fixed ring per priority, so memory stays flat.
 */
import { PRIORITIES, type Priority } from './priorities.js';

const WINDOW = 4_096;

export interface WaitPercentiles {
  p50: number;
  p95: number;
  p99: number;
  /** Calls measured (at most the window). */
  count: number;
}

export class WaitTimes {
  readonly #rings = new Map<Priority, { values: Float64Array; next: number; count: number }>(
    PRIORITIES.map((p) => [p, { values: new Float64Array(WINDOW), next: 0, count: 0 }]),
  );

  /** Percentiles as of the last record: stats and every metric of a scrape read them. */
  #cached: Record<Priority, WaitPercentiles> | undefined;

  record(priority: Priority, waitMs: number): void {
    this.#cached = undefined;
    const ring = this.#rings.get(priority);
    if (!ring) return;
    ring.values[ring.next] = waitMs;
    ring.next = (ring.next + 1) % WINDOW;
    ring.count = Math.min(WINDOW, ring.count + 1);
  }

  percentiles(): Record<Priority, WaitPercentiles> {
    return (this.#cached ??= this.#compute());
  }

  #compute(): Record<Priority, WaitPercentiles> {
    const out = {} as Record<Priority, WaitPercentiles>;
    for (const [priority, ring] of this.#rings) {
      const sorted = ring.values.slice(0, ring.count).sort();
      const at = (q: number) =>
        ring.count === 0 ? 0 : Math.round(sorted[Math.min(ring.count - 1, Math.ceil(q * ring.count) - 1)] as number);
      out[priority] = { p50: at(0.5), p95: at(0.95), p99: at(0.99), count: ring.count };
    }
    return out;
  }
}
