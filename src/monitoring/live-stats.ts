/** /health and /monitoring/stats from the running parts. */
import type { AnswerCounters } from '../bot/answer-counters.js';
import type { IntakeStats } from '../bot/intake/intake-stats.js';
import type { RunEngine } from '../engine/run-engine.js';
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
      return { healthy: Object.keys(failing).length === 0, failing };
    },
    async stats(): Promise<object> {
      return {
        message_queue: parts.queue.stats(),
        database_pool: await parts.store.database.poolStats(),
        answer_writer: parts.store.answerWriter.stats(),
        ...(parts.intake ? { update_intake: parts.intake.snapshot() } : {}),
        ...(parts.answers ? { poll_answers: { ...parts.answers } } : {}),
        ...(parts.engine ? { quiz_engine: await parts.engine.stats() } : {}),
      };
    },
  };
}
