/**
 * Capped exponential backoff with jitter, the one retry schedule of quiz-agent (database
 * retries, getUpdates, inbox handlers, run steps). Attempt n waits a random time between half
 * and all of min(max, initial * 2^(n-1)) ("equal jitter": never shorter than half the step, so
 * a retry storm spreads out without ever retrying at once).
 */

/** Delays of one retry schedule. */
export interface BackoffOptions {
  /** Delay ceiling of the first retry, in ms. */
  initialMs: number;
  /** Largest delay ceiling, in ms. */
  maxMs: number;
  /** Source of randomness in [0, 1) [Math.random]. */
  random?: () => number;
}

/** A retry schedule: `delayMs(1)` before the first retry, `delayMs(2)` before the second, ... */
export interface Backoff {
  delayMs(attempt: number): number;
  /** The ceiling of attempt n without jitter (what the n-th delay is at most). */
  ceilingMs(attempt: number): number;
}

export function createBackoff(options: BackoffOptions): Backoff {
  const { initialMs, maxMs } = options;
  if (!(initialMs > 0) || !(maxMs >= initialMs)) {
    throw new RangeError(`backoff needs 0 < initialMs <= maxMs, got initialMs ${initialMs} and maxMs ${maxMs}`);
  }
  const random = options.random ?? Math.random;
  const ceilingMs = (attempt: number): number => Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(attempt - 1, 52)));
  return {
    ceilingMs,
    delayMs(attempt) {
      const ceiling = ceilingMs(attempt);
      return Math.round(ceiling / 2 + random() * (ceiling / 2));
    },
  };
}
