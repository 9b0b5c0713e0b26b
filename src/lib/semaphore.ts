/**
 * A counting semaphore: at most `limit` holders at once, the rest wait first come first served.
 * Bounds how many database operations one part of the bot runs at once, so a burst of work in
 * that part cannot take the whole connection pool.
 */
export interface Semaphore {
  /** Resolves with a release function once a permit is free. */
  acquire(): Promise<() => void>;
  /** Permits held now. */
  readonly held: number;
  /** Callers waiting for a permit. */
  readonly waiting: number;
}

export function createSemaphore(limit: number): Semaphore {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`semaphore limit must be a whole number >= 1, got ${limit}`);
  let held = 0;
  const waiters: (() => void)[] = [];
  let head = 0;
  const release = (): void => {
    const next = waiters[head];
    if (next) {
      waiters[head++] = undefined as unknown as () => void;
      if (head > 1024 && head * 2 > waiters.length) {
        waiters.splice(0, head);
        head = 0;
      }
      next();
      return;
    }
    held--;
  };
  const permit = (): (() => void) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  };
  return {
    acquire() {
      if (held < limit) {
        held++;
        return Promise.resolve(permit());
      }
      // The releasing holder hands its permit over: `held` stays the same.
      return new Promise((resolve) => waiters.push(() => resolve(permit())));
    },
    get held() {
      return held;
    },
    get waiting() {
      return waiters.length - head;
    },
  };
}
