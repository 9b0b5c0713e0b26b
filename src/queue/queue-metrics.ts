/**
 * The queue's numbers for Prometheus (prom-client), read from {@link OutboundQueue.stats} at
 * each scrape, so the queue keeps one set of counters and /metrics and /monitoring/stats agree.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { OutboundQueue, OutboundQueueStats } from './outbound-queue.js';
import { PRIORITIES } from './priorities.js';

type CounterField = 'total_processed' | 'total_failed' | 'total_refused' | 'rate_limit_hits' | 'retries';

const COUNTERS: readonly [name: string, help: string, field: CounterField][] = [
  ['quiz_agent_queue_processed_total', 'Bot API calls that got an ok answer', 'total_processed'],
  ['quiz_agent_queue_failed_total', 'Bot API calls that ended in an error', 'total_failed'],
  ['quiz_agent_queue_refused_total', 'Bot API calls refused because the queue was full or closed', 'total_refused'],
  ['quiz_agent_queue_rate_limit_hits_total', '429 answers from Telegram', 'rate_limit_hits'],
  ['quiz_agent_queue_retries_total', 'Calls repeated after a 429, a 5xx or a network failure', 'retries'],
];

const QUANTILES = [['p50', '0.5'], ['p95', '0.95'], ['p99', '0.99']] as const;

/** Registers the queue's metrics in `registry` (call once per queue). */
export function registerQueueMetrics(registry: Registry, queue: OutboundQueue): void {
  const stats = (): OutboundQueueStats => queue.stats(); // cheap: counters and three small sorts
  const gauge = (name: string, help: string, read: (s: OutboundQueueStats) => number) =>
    new Gauge({ name, help, registers: [registry], collect() { this.set(read(stats())); } });

  gauge('quiz_agent_queue_workers', 'Calls the queue sends at once (QUEUE_WORKERS)', (s) => s.num_workers);
  gauge('quiz_agent_queue_size', 'Calls accepted and not yet sent', (s) => s.queue_size);
  gauge('quiz_agent_queue_in_flight', 'Calls being sent right now', (s) => s.in_flight);
  gauge('quiz_agent_queue_running', '1 while the queue accepts calls', (s) => (s.running ? 1 : 0));
  for (const [name, help, field] of COUNTERS) {
    let reported = 0;
    new Counter({
      name, help, registers: [registry],
      collect() {
        const now = stats()[field];
        this.inc(now - reported);
        reported = now;
      },
    });
  }
  new Gauge({
    name: 'quiz_agent_queue_wait_seconds',
    help: 'Wait from submit to send over the latest calls, by priority and quantile',
    labelNames: ['priority', 'quantile'] as const,
    registers: [registry],
    collect() {
      const waits = stats().wait_ms;
      for (const priority of PRIORITIES) {
        for (const [field, quantile] of QUANTILES) this.set({ priority, quantile }, waits[priority][field] / 1000);
      }
    },
  });
}
