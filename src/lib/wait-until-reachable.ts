/**
 * Start-up's patience: a dependency that is not reachable yet (the database still booting, a
 * network not up, Telegram's API root unreachable) is tried again with capped, jittered backoff
 * for as long as it takes; the operator, not a timer, decides when to give up (SIGTERM). What it
 * waits for is logged like any outage (one line when waiting starts, a summary a minute, one
 * line when it is reachable) and is on the OutageBoard, so /health says it (503) meanwhile. A
 * failure that waiting cannot cure (a refused password, a token Telegram does not know) ends
 * the wait at once.
 */
import type { Logger } from 'pino';
import { createBackoff, type Backoff } from './backoff.js';
import { sleep, type Clock } from './clock.js';
import { createOutageLog, type OutageBoard } from './outage-log.js';

/** Thrown when the wait is cut short by the abort signal (SIGTERM during start-up). */
export class StartAbortedError extends Error {
  override readonly name = 'StartAbortedError';
  readonly code = 'START_ABORTED';
  /** What start-up was waiting for, e.g. "the database at db:5432 (database quiz)". */
  constructor(readonly waitingFor: string) {
    super(`start-up stopped while waiting for ${waitingFor}`);
  }
}

/** What every start-up wait shares: the clock, the log, /health's board and the operator's signal. */
export type StartWaitOptions = Pick<WaitOptions<unknown>, 'clock' | 'logger' | 'outages' | 'signal' | 'backoff' | 'summaryEveryMs'>;

export interface WaitOptions<T> {
  /** What is awaited, e.g. "database" or "telegram". */
  dependency: string;
  /** Where it is, without secrets, e.g. "db:5432 (database quiz)" or "https://api.telegram.org". */
  target: string;
  /** One try; resolves with what the dependency answered. */
  attempt(signal: AbortSignal): Promise<T>;
  /** True for a failure that waiting cannot cure: thrown at once [none]. */
  isFatal?(error: unknown): boolean;
  /** How an attempt's failure is described in the log and /health (never with a secret in it). */
  describe(error: unknown): string;
  clock: Clock;
  logger: Logger;
  /** Where /health finds the wait. */
  outages?: OutageBoard;
  /** Aborted on SIGTERM: the wait ends with a {@link StartAbortedError}. */
  signal?: AbortSignal;
  /** The retry schedule [0.5 s doubling to 15 s, jittered]. */
  backoff?: Backoff;
  /** Interval of the "still unavailable" summaries [60,000 ms]. */
  summaryEveryMs?: number;
}

/**
 * Tries `attempt` until it succeeds and returns its result.
 *
 * @example
 * const me = await waitUntilReachable({ dependency: 'telegram', target: origin, attempt: () => api.getMe(), describe, clock, logger, outages, signal });
 * @throws {@link StartAbortedError} when `signal` aborts; the fatal error itself when `isFatal` says so
 */
export async function waitUntilReachable<T>(options: WaitOptions<T>): Promise<T> {
  const { clock, signal } = options;
  const backoff = options.backoff ?? createBackoff({ initialMs: 500, maxMs: 15_000 });
  const log = createOutageLog({
    part: 'start-up',
    dependency: options.dependency,
    target: options.target,
    logger: options.logger,
    clock,
    ...(options.summaryEveryMs === undefined ? {} : { summaryEveryMs: options.summaryEveryMs }),
    ...(options.outages ? { board: options.outages } : {}),
  });
  const aborted = (): StartAbortedError => new StartAbortedError(`the ${options.dependency} at ${options.target}`);
  // Bounded by the operator alone (SIGTERM), as documented; each round waits at most backoff's cap.
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw aborted();
    try {
      const result = await untilAborted(options.attempt(signal ?? new AbortController().signal), signal);
      log.success();
      return result;
    } catch (error) {
      if (signal?.aborted) throw aborted();
      if (options.isFatal?.(error)) throw error;
      log.failure(new Error(options.describe(error)));
    }
    await sleep(clock, backoff.delayMs(attempt), signal);
  }
}

/** `work`, or a rejection as soon as `signal` aborts (an attempt may hang for its whole connect timeout). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
