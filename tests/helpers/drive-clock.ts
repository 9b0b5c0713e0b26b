/**
 * Driving a ManualClock that the simulator and the bot share: time moves only when a test says
 * so, in steps, and between steps the bot's real I/O (HTTP to the simulator, PostgreSQL) gets
 * a moment to settle. Conditions are checked after every step, so a test waits for what
 * happens, in clock time, never for a real duration it hopes is long enough.
 */
import type { ManualClock } from 'telegram-sim/clock';

export interface AdvanceOptions {
  /** Clock time per step [100 ms]. */
  stepMs?: number;
  /** Most clock time to advance before giving up [10 minutes]. */
  maxMs?: number;
  /** Real time the bot gets between two steps [5 ms]. */
  settleMs?: number;
  /**
   * The clock does not move while this says so (say, a webhook request is in flight: on a loaded
   * machine a request can take longer in real time than a step, and a timeout of the bot's on
   * the clock would fire at a moment no real Telegram could make it fire). Waited out in real
   * time, at most `holdMaxMs` per step.
   */
  holdWhile?: () => boolean;
  /** Longest real wait for `holdWhile` in one step [30 s]. */
  holdMaxMs?: number;
}

/** Advances `clock` step by step until `check` returns something other than undefined/false. */
export async function advanceUntil<T>(
  clock: ManualClock,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  options: AdvanceOptions = {},
): Promise<T> {
  const stepMs = options.stepMs ?? 100;
  const maxMs = options.maxMs ?? 10 * 60_000;
  const settleMs = options.settleMs ?? 5;
  for (let advanced = 0; ; advanced += stepMs) {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (advanced >= maxMs) throw new Error(`${what} did not happen within ${maxMs} ms of clock time`);
    if (options.holdWhile) await holdWhile(options.holdWhile, options.holdMaxMs ?? 30_000, what);
    clock.advance(stepMs);
  }
}

async function holdWhile(busy: () => boolean, maxMs: number, what: string): Promise<void> {
  const started = performance.now();
  while (busy()) {
    if (performance.now() - started > maxMs) throw new Error(`waiting for ${what}: the clock was held for ${maxMs} ms of real time`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
