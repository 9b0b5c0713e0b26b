/**
 * What a test of several bot instances on one database needs per instance: a pool of its own
 * (through a database proxy when the test cuts that instance off), and a teardown that stops
 * everything the test started while a ManualClock moves (queues drain and engines stop on clock
 * time, which stands still otherwise), each within 5 s of real time.
 */
import type { ManualClock } from 'telegram-sim/clock';
import { createDatabase, type DatabaseHandle } from '../../src/store/database.js';
import { testLogger } from './database.js';
import { startDbProxy, type DbProxy } from './db-proxy.js';

export interface InstanceKit {
  /** Stops with the others at teardown, newest first. */
  own(cleanup: () => Promise<unknown>): void;
  /** Forgets the newest cleanup (the test ran it itself). */
  disown(): void;
  /** A small pool of the instance's own, through `proxy` when given (to cut it off). */
  poolOf(proxy?: DbProxy): DatabaseHandle;
  /** A proxy to the database that the test can switch off. */
  proxy(): Promise<DbProxy>;
  /** Runs every cleanup, newest first, with the clock ticking; for afterEach. */
  tearDown(): Promise<void>;
}

export function instanceKit(clock: ManualClock, databaseUrl: () => string): InstanceKit {
  const cleanups: (() => Promise<unknown>)[] = [];
  return {
    own: (cleanup) => void cleanups.push(cleanup),
    disown: () => void cleanups.pop(),
    poolOf(proxy) {
      const handle = createDatabase({
        url: proxy?.url ?? databaseUrl(),
        poolSize: 3,
        maxOverflow: 2,
        connectTimeoutS: 2,
        idleTimeoutS: 0,
        logger: testLogger,
      });
      cleanups.push(() => handle.close(0));
      return handle;
    },
    async proxy() {
      const started = await startDbProxy(databaseUrl());
      cleanups.push(() => started.close());
      return started;
    },
    async tearDown() {
      const ticking = setInterval(() => clock.advance(100), 5);
      try {
        for (const cleanup of cleanups.splice(0).reverse())
          await Promise.race([cleanup().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      } finally {
        clearInterval(ticking);
      }
    },
  };
}
