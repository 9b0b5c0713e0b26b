/**
 * How a part of the bot reports that something it depends on (the database, Telegram) is
 * failing, without a log line per retry: one warning when the part goes down, a summary every
 * `summaryEveryMs` while it stays down, one line when it is back. /health reads the same state
 * (see {@link OutageBoard}), so the operator sees which part fails and since when.
 */
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import { describeError } from './describe-error.js';

/** A part that is down right now. */
export interface OutageState {
  /** What fails, e.g. "database" or "telegram". */
  dependency: string;
  /** Where it is, when the log names it (a host and port, an origin; never a secret). */
  target?: string;
  /** Clock ms of the first failure of this outage. */
  since: number;
  /** Failed attempts since then. */
  attempts: number;
  /** The latest error, described without the data it was about (see describeError). */
  lastError: string;
}

/** One part's outage reporting. See {@link createOutageLog}. */
export interface OutageLog {
  readonly part: string;
  /** An attempt failed; logs only the first failure and the periodic summaries. */
  failure(error: unknown): void;
  /** An attempt succeeded; logs once if the part was down. */
  success(): void;
  /** The current outage, or undefined while the part works. */
  state(): OutageState | undefined;
}

export interface OutageLogOptions {
  /** The part that reports, e.g. "answer-writer", "engine", "intake". */
  part: string;
  /** What it depends on that fails ["database"]. */
  dependency?: string;
  /** Where that is, for the log lines and /health, e.g. "db:5432 (database quiz)" [not named]. */
  target?: string;
  logger: Logger;
  clock: Clock;
  /** Interval of the summaries while down [60,000 ms]. */
  summaryEveryMs?: number;
  /** Where /health finds this part [none]. */
  board?: OutageBoard;
}

export function createOutageLog(options: OutageLogOptions): OutageLog {
  const { part, logger, clock } = options;
  const dependency = options.dependency ?? 'database';
  const target = options.target;
  // "database" or "database at db:5432 (database quiz)": how the lines name it.
  const what = target === undefined ? dependency : `${dependency} at ${target}`;
  const where = target === undefined ? {} : { target };
  const summaryEveryMs = options.summaryEveryMs ?? 60_000;
  let down: (OutageState & { lastSummaryAt: number; attemptsAtSummary: number }) | undefined;
  const log: OutageLog = {
    part,
    failure(error) {
      const now = clock.now();
      const message = describeError(error);
      if (!down) {
        down = { dependency, ...where, since: now, attempts: 1, lastError: message, lastSummaryAt: now, attemptsAtSummary: 1 };
        logger.warn(
          { part, dependency, ...where, error: message },
          `${part}: ${what} unavailable, retrying with backoff (one line per minute until it is back)`,
        );
        return;
      }
      down.attempts++;
      down.lastError = message;
      if (now - down.lastSummaryAt >= summaryEveryMs) {
        logger.warn(
          {
            part,
            dependency,
            ...where,
            downForS: Math.round((now - down.since) / 1000),
            attempts: down.attempts,
            attemptsSinceLastSummary: down.attempts - down.attemptsAtSummary,
            lastError: message,
          },
          `${part}: ${what} still unavailable`,
        );
        down.lastSummaryAt = now;
        down.attemptsAtSummary = down.attempts;
      }
    },
    success() {
      if (!down) return;
      const outage = down;
      down = undefined;
      logger.info(
        { part, dependency, ...where, downForS: Math.round((clock.now() - outage.since) / 1000), attempts: outage.attempts },
        `${part}: ${what} available again`,
      );
    },
    state() {
      if (!down) return undefined;
      const { dependency: d, target: t, since, attempts, lastError } = down;
      return { dependency: d, ...(t === undefined ? {} : { target: t }), since, attempts, lastError };
    },
  };
  options.board?.add(log);
  return log;
}

/** Every part's outage state in one place, for /health and /monitoring/stats. */
export class OutageBoard {
  readonly #logs = new Set<OutageLog>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  add(log: OutageLog): void {
    this.#logs.add(log);
  }

  /** The parts down now, each with its outage. */
  down(): { part: string; outage: OutageState }[] {
    const down: { part: string; outage: OutageState }[] = [];
    for (const log of this.#logs) {
      const outage = log.state();
      if (outage) down.push({ part: log.part, outage });
    }
    return down;
  }

  /** Part -> what fails and since when, for the parts that are down now (only those depending on `dependency`, if given). */
  failing(dependency?: string): Record<string, string> {
    const failing: Record<string, string> = {};
    for (const log of this.#logs) {
      const state = log.state();
      if (!state || (dependency !== undefined && state.dependency !== dependency)) continue;
      const forS = Math.round((this.#clock.now() - state.since) / 1000);
      const key = failing[log.part] === undefined ? log.part : `${log.part} (${state.dependency})`;
      const what = state.target === undefined ? state.dependency : `${state.dependency} at ${state.target}`;
      failing[key] = `${what} unavailable for ${forS} s (${state.attempts} attempts): ${state.lastError}`;
    }
    return failing;
  }
}
