/**
 * The outbound queue's numbers for Prometheus: gauges and counters read from
 * {@link OutboundQueue.stats} at each scrape, waits observed as each one ends (event `waited`).
 */
import { Histogram, type Registry } from 'prom-client';
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

/**
 * Bucket bounds (seconds) for a call's wait in the queue, set by Telegram's pace rather than by
 * the machine: an idle queue sends within milliseconds (0.005-0.1); a private chat is spaced about
 * 1 s (1, 2); a group 20 messages a minute, one every 3 s (3, 5, 10); a backlog in one group or a
 * 429's retry_after puts calls tens of seconds to minutes behind (30, 60, 120, 300).
 */
export const QUEUE_WAIT_BUCKETS = [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60, 120, 300];

/** Registers the queue's metrics in `registry` (call once per queue). */
export function registerQueueMetrics(registry: Registry, queue: OutboundQueue): void {
  for (const [name, help, read] of GAUGES) liveGauge(registry, name, help, () => read(queue.stats()));
  for (const [name, help, field] of COUNTERS) totalCounter(registry, name, help, () => queue.stats()[field]);
  // A histogram, not quantile gauges: buckets add up across instances (histogram_quantile over
  // their sum), and every wait counts, not only the latest window's.
  const waits = new Histogram({
    name: 'quiz_agent_queue_wait_seconds',
    help: 'Wait of each call from submit to its first send, by priority (observed when the wait ends)',
    labelNames: ['priority'] as const,
    buckets: QUEUE_WAIT_BUCKETS,
    registers: [registry],
  });
  // Every priority from the first scrape on, so rate() and alerts see zeros rather than nothing.
  for (const priority of PRIORITIES) waits.zero({ priority });
  queue.on('waited', (priority, seconds) => waits.observe({ priority }, seconds));
}
