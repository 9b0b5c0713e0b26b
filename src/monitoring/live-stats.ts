/** /health and /monitoring/stats from the running parts. */
import type { AnswerCounters } from '../bot/answer-counters.js';
import type { InboxProcessor } from '../bot/inbox/inbox-processor.js';
import type { IntakeStats } from '../bot/intake/intake-stats.js';
import type { RunEngine } from '../engine/run-engine.js';
import type { OutageBoard } from '../lib/outage-log.js';
import type { OutboundQueue } from '../queue/outbound-queue.js';
import type { Store } from '../store/open-store.js';
import type { HealthReport } from './http-server.js';

/** How long /health waits for the database before calling it down. */
const HEALTH_PING_MS = 2_000;

/** The running parts; the engine and the answer counters exist once the bot runs. */
export interface LiveParts {
  store: Store;
  queue: OutboundQueue;
  engine?: RunEngine;
  answers?: AnswerCounters;
  intake?: IntakeStats;
  inbox?: InboxProcessor;
  /** Parts that are down now (a dependency unreachable): reported by /health. */
  outages?: OutageBoard;
}

export function createLiveStats(parts: LiveParts) {
  return {
    async health(): Promise<HealthReport> {
      const failing: Record<string, string> = {};
      try {
        await parts.store.database.ping(HEALTH_PING_MS);
      } catch (error) {
        failing.database = error instanceof Error ? error.message : String(error);
      }
      if (!parts.queue.stats().running) failing.message_queue = 'stopped';
      // Parts that cannot reach the database (a restart of the bot would not help with Telegram's outages).
      Object.assign(failing, parts.outages?.failing('database'));
      return { healthy: Object.keys(failing).length === 0, failing };
    },
    async stats(): Promise<object> {
      const { inbox, engine } = parts;
      return {
        message_queue: parts.queue.stats(),
        database_pool: await orError(() => parts.store.database.poolStats()),
        answer_writer: parts.store.answerWriter.stats(),
        ...(parts.intake ? { update_intake: parts.intake.snapshot() } : {}),
        ...(inbox ? { inbox: { ...inbox.stats(), ...(await orError(() => inbox.counts())) } } : {}),
        ...(parts.answers ? { poll_answers: { ...parts.answers } } : {}),
        ...(engine ? { quiz_engine: await orError(() => engine.stats()) } : {}),
        ...(parts.outages ? { outages: parts.outages.failing() } : {}),
      };
    },
  };
}

/** A part's figures, or what kept them from being read (the database is down): stats stay available. */
async function orError<T extends object>(read: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await read();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
