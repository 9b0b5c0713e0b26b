/** /health and /monitoring/stats from the running parts. */
import type { OutboundQueue } from '../queue/outbound-queue.js';
import type { Store } from '../store/open-store.js';
import type { HealthReport } from './http-server.js';

/** How long /health waits for the database before calling it down. */
const HEALTH_PING_MS = 2_000;

export function createLiveStats(parts: { store: Store; queue: OutboundQueue }) {
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
      };
    },
  };
}
