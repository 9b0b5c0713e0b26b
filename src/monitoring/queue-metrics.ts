/** The outbound queue's numbers for Prometheus, read from {@link OutboundQueue.stats}. */
import { Gauge, type Registry } from 'prom-client';
import type { OutboundQueue, OutboundQueueStats } from '../queue/outbound-queue.js';
import { PRIORITIES } from '../queue/priorities.js';
import { liveGauge, totalCounter } from './prom-helpers.js';

type CounterField = 'total_processed' | 'total_failed' | 'total_refused' | 'total_cancelled' | 'rate_limit_hits' | 'retries';

const COUNTERS: readonly [name: string, help: string, field: CounterField][] = [
  ['quiz_agent_queue_processed_total', 'Bot API calls that got an ok answer', 'total_processed'],
  ['quiz_agent_queue_failed_total', 'Bot API calls that ended in an error', 'total_failed'],
  ['quiz_agent_queue_refused_total', 'Bot API calls refused because the queue was full or closed', 'total_refused'],
  ['quiz_agent_queue_cancelled_total', 'Bot API calls not sent on purpose: their beforeSend guard declined or threw, or they were aborted', 'total_cancelled'],
  ['quiz_agent_queue_rate_limit_hits_total', '429 answers from Telegram', 'rate_limit_hits'],
  ['quiz_agent_queue_retries_total', 'Calls repeated after a 429, a 5xx or a network failure', 'retries'],
];

const GAUGES: readonly [name: string, help: string, read: (s: OutboundQueueStats) => number][] = [
  ['quiz_agent_queue_workers', 'Calls the queue sends at once (QUEUE_WORKERS)', (s) => s.num_workers],
  ['quiz_agent_queue_size', 'Calls accepted and not yet sent', (s) => s.queue_size],
  ['quiz_agent_queue_in_flight', 'Calls being sent right now', (s) => s.in_flight],
  ['quiz_agent_queue_running', '1 while the queue accepts calls', (s) => (s.running ? 1 : 0)],
];

const QUANTILES = [['p50', '0.5'], ['p95', '0.95'], ['p99', '0.99']] as const;

/** Registers the queue's metrics in `registry` (call once per queue). */
export function registerQueueMetrics(registry: Registry, queue: OutboundQueue): void {
  for (const [name, help, read] of GAUGES) liveGauge(registry, name, help, () => read(queue.stats()));
  for (const [name, help, field] of COUNTERS) totalCounter(registry, name, help, () => queue.stats()[field]);
  new Gauge({
    name: 'quiz_agent_queue_wait_seconds',
    help: 'Wait from submit to send over the latest calls, by priority and quantile',
    labelNames: ['priority', 'quantile'] as const,
    registers: [registry],
    collect() {
      const waits = queue.stats().wait_ms;
      for (const priority of PRIORITIES) {
        for (const [field, quantile] of QUANTILES) this.set({ priority, quantile }, waits[priority][field] / 1000);
      }
    },
  });
}
