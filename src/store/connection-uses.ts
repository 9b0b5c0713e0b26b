/**
 * Counts uses of pooled connections (a statement, a transaction, a reservation) from the moment
 * one is asked for until it is given back: postgres.js exposes no pool statistics, so the
 * executor boundary counts them (statement-boundary.ts, and database.ts for the raw client).
 */
import type { ConnectionUse } from './statement-boundary.js';

/** What {@link countConnectionUses} has seen. */
export interface ConnectionUses {
  /** Uses started and not finished: holding a connection, or waiting for one. */
  inUse: number;
  /** Uses started since the pool was created (only grows: a Prometheus counter). */
  started: number;
}

export function countConnectionUses() {
  let inUse = 0;
  let started = 0;
  /** Marks one use as started; call the returned function once when it ends (later calls do nothing). */
  const start = (): (() => void) => {
    inUse++;
    started++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      inUse--;
    };
  };
  const around: ConnectionUse = async (use) => {
    const end = start();
    try {
      return await use();
    } finally {
      end();
    }
  };
  return { start, around, uses: (): ConnectionUses => ({ inUse, started }) };
}
