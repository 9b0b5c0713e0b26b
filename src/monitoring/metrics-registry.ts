/**
 * The Prometheus registry of one process: Node's default process metrics, the queue's, the
 * pool's and the answer writer's, all read from the parts' own live counters at each scrape.
 * No per-user or per-chat labels.
 */
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { LiveParts } from './live-stats.js';
import { liveGauge, totalCounter } from './prom-helpers.js';
import { registerQueueMetrics } from './queue-metrics.js';

export function createMetricsRegistry(parts: LiveParts): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'quiz_agent_' });
  registerQueueMetrics(registry, parts.queue);

  const { database, answerWriter } = parts.store;
  new Gauge({
    name: 'quiz_agent_db_connections',
    help: 'Pool connections by state (counted in pg_stat_activity and at the pool)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const pool = await database.poolStats();
      this.set({ state: 'open' }, pool.total_connections);
      this.set({ state: 'checked_out' }, pool.checked_out_connections);
      this.set({ state: 'idle' }, pool.idle_connections);
      this.set({ state: 'overflow' }, pool.overflow_connections);
      this.set({ state: 'waiting' }, pool.waiting);
      this.set({ state: 'max' }, pool.pool_size + pool.max_overflow);
    },
  });
  totalCounter(registry, 'quiz_agent_answers_saved_total', 'Answers acknowledged as committed', () => answerWriter.stats().answers_saved);
  totalCounter(registry, 'quiz_agent_answer_batches_total', 'Answer batches committed (one transaction each)', () => answerWriter.stats().batches);
  liveGauge(registry, 'quiz_agent_answer_writer_buffered', 'Answers accepted and not yet committed', () => answerWriter.stats().buffered);
  liveGauge(registry, 'quiz_agent_answer_last_batch_seconds', 'Duration of the latest answer batch commit', () => answerWriter.stats().last_batch_ms / 1000);
  const { answers, engine } = parts;
  if (answers) {
    totalCounter(registry, 'quiz_agent_poll_answers_received_total', 'poll_answer updates received', () => answers.received);
    new Gauge({
      name: 'quiz_agent_poll_answers_ignored',
      help: 'Poll answers dropped since start, by reason (unknown poll, question closed, anonymous)',
      labelNames: ['reason'] as const,
      registers: [registry],
      collect() {
        this.set({ reason: 'unknown_poll' }, answers.ignored_unknown_poll);
        this.set({ reason: 'closed' }, answers.ignored_closed);
        this.set({ reason: 'anonymous' }, answers.ignored_anonymous);
      },
    });
  }
  if (engine) {
    new Gauge({
      name: 'quiz_agent_active_runs',
      help: 'Quiz runs running or finishing (all instances)',
      registers: [registry],
      async collect() {
        this.set((await engine.stats()).active_runs);
      },
    });
  }
  return registry;
}
