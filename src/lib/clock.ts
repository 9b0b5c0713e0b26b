/**
 * Time as quiz-agent reads it. Every part that waits or stamps a time (the run engine, update
 * intake and the inbox, the answer writer, the outbound queue) takes a Clock instead of calling
 * Date.now and setTimeout, so tests can drive hours of quiz time in milliseconds. The Bot API
 * simulator (a workspace package of its own) declares a Clock of the same shape and never
 * imports this one; TypeScript's types are structural, so its ManualClock can be passed wherever
 * the bot takes a Clock, and one clock drives the bot and its Telegram.
 */

/** A scheduled callback; `cancel()` is safe to call more than once or after it ran. */
export interface Timer {
  cancel(): void;
}

/** Milliseconds since the Unix epoch, and timers in that same time. */
export interface Clock {
  now(): number;
  /** Runs `callback` once, `ms` milliseconds from now. */
  setTimeout(callback: () => void, ms: number): Timer;
}

/**
 * The real clock. Its timers are unref'd: a timer never keeps the process alive on its own
 * (the HTTP server and the database pool decide the process's lifetime).
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, Math.max(0, ms));
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};

/**
 * Resolves after `ms` of `clock` time, or at once when `signal` is (or becomes) aborted.
 *
 * @example
 * await sleep(clock, backoff.delayMs(attempt), stopping.signal);
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = (): void => {
      timer.cancel();
      resolve();
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The clock's time as a Date (what the database layer stores). */
export function dateOf(clock: Clock): Date {
  return new Date(clock.now());
}
