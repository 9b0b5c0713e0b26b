/**
 * Every prom-client metric of quiz-agent, defined here and nowhere else: the Prometheus
 * registry of one process with Node's default process metrics, the queue's, the pool's, the
 * answer writer's, intake's, the inbox's and the engine's. Figures are read from the parts' own
 * live counters at each scrape (one source: /metrics and /monitoring/stats agree) or observed as
 * events happen (waits and durations, as histograms). The types follow what a figure is: a
 * total that only grows is a Counter, a wait or a duration a Histogram (buckets add up across
 * replicas, quantiles would not), a level that goes up and down a Gauge. Labels come from small
 * fixed sets (priorities, update types, reasons, states); never a user or a chat.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LiveParts } from './live-stats.js';
import { labelledTotalCounter, liveGauge, totalCounter } from './prom-helpers.js';
import type { OutboundQueue, OutboundQueueStats } from '../queue/outbound-queue.js';
import { PRIORITIES } from '../queue/priorities.js';
import { countActiveRuns } from '../store/queries/runs.js';

/** Update types that get a label of their own; others count as `other`. */
const UPDATE_TYPES = new Set(['message', 'callback_query', 'my_chat_member', 'poll', 'poll_answer']);

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
      // Unreadable while the database is down: the last values stay, and the scrape goes on.
      const pool = await database.poolStats().catch(() => undefined);
      if (!pool) return;
      this.set({ state: 'open' }, pool.total_connections);
      this.set({ state: 'checked_out' }, pool.checked_out_connections);
      this.set({ state: 'idle' }, pool.idle_connections);
      this.set({ state: 'overflow' }, pool.overflow_connections);
      this.set({ state: 'waiting' }, pool.waiting);
      this.set({ state: 'max' }, pool.pool_size + pool.max_overflow);
    },
  });
  totalCounter(
    registry,
    'quiz_agent_db_checkouts_total',
    'Uses of a pool connection started: statements outside transactions, transactions, reservations',
    () => database.uses().started,
  );
  totalCounter(registry, 'quiz_agent_answers_saved_total', 'Answers acknowledged as committed', () => answerWriter.stats().answers_saved);
  totalCounter(
    registry,
    'quiz_agent_answer_batches_total',
    'Answer batches committed (one transaction each)',
    () => answerWriter.stats().batches,
  );
  liveGauge(registry, 'quiz_agent_answer_writer_buffered', 'Answers accepted and not yet committed', () => answerWriter.stats().buffered);
  liveGauge(
    registry,
    'quiz_agent_answer_last_batch_seconds',
    'Duration of the latest answer batch commit',
    () => answerWriter.stats().last_batch_ms / 1000,
  );
  const batchSize = new Histogram({
    name: 'quiz_agent_answer_batch_size',
    help: 'Answers per committed batch (group commit)',
    buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500],
    registers: [registry],
  });
  const batchDuration = new Histogram({
    name: 'quiz_agent_answer_batch_duration_seconds',
    help: 'Time to commit one answer batch (one transaction)',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  answerWriter.onBatch((size, seconds) => {
    batchSize.observe(size);
    batchDuration.observe(seconds);
  });

  const { answers, engine, intake, inbox } = parts;
  if (intake) {
    const duration = new Histogram({
      name: 'quiz_agent_update_duration_seconds',
      help: 'Time from receiving an update to its acceptance (committed: an answer by the AnswerWriter, other updates into the inbox)',
      labelNames: ['type'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    const handled = new Counter({
      name: 'quiz_agent_updates_total',
      help: 'Updates accepted, by type and outcome (error: an acceptance attempt failed and was retried)',
      labelNames: ['type', 'outcome'] as const,
      registers: [registry],
    });
    intake.onHandled((type, seconds, outcome) => {
      duration.observe({ type }, seconds);
      handled.inc({ type, outcome });
    });
    liveGauge(registry, 'quiz_agent_updates_in_flight', 'Updates being accepted now', () => intake.snapshot().in_flight);
    totalCounter(
      registry,
      'quiz_agent_updates_duplicates_dropped_total',
      'Redelivered updates dropped because they were in flight or done',
      () => intake.snapshot().duplicates_dropped,
    );
    labelledTotalCounter(
      registry,
      'quiz_agent_updates_refused_total',
      'Updates refused at intake (forged or malformed: acknowledged, nothing stored), by reason',
      'reason',
      () => intake.snapshot().refused,
    );
  }
  if (answers) {
    totalCounter(registry, 'quiz_agent_poll_answers_received_total', 'poll_answer updates received', () => answers.received);
    labelledTotalCounter(
      registry,
      'quiz_agent_poll_answers_ignored_total',
      'Poll answers dropped, by reason (unknown poll, question closed, anonymous)',
      'reason',
      () => ({
        unknown_poll: answers.ignored_unknown_poll,
        closed: answers.ignored_closed,
        anonymous: answers.ignored_anonymous,
      }),
    );
  }
  if (inbox) {
    totalCounter(
      registry,
      'quiz_agent_inbox_handled_total',
      'Inbox updates whose handlers completed on this instance',
      () => inbox.stats().handled,
    );
    totalCounter(
      registry,
      'quiz_agent_inbox_retries_total',
      'Failed handler attempts scheduled for another try',
      () => inbox.stats().retried,
    );
    const parked = new Counter({
      name: 'quiz_agent_inbox_dead_letters_total',
      help: 'Updates parked as dead letters after their handler failed for good, by update type',
      labelNames: ['type'] as const,
      registers: [registry],
    });
    inbox.onParked((kind) => parked.inc({ type: UPDATE_TYPES.has(kind) ? kind : 'other' }));
    liveGauge(registry, 'quiz_agent_inbox_in_flight', 'Inbox updates being handled by this instance now', () => inbox.stats().in_flight);
    new Gauge({
      name: 'quiz_agent_inbox_open',
      help: 'Inbox updates accepted and not yet handled (all instances)',
      registers: [registry],
      async collect() {
        const counts = await inbox.counts().catch(() => undefined);
        if (counts) this.set(counts.open);
      },
    });
  }
  if (engine) {
    new Gauge({
      name: 'quiz_agent_active_runs',
      help: 'Quiz runs running or finishing (all instances)',
      registers: [registry],
      async collect() {
        // Only the count: engine.stats() would also count the outbox on every scrape.
        const active = await countActiveRuns(database.db).catch(() => undefined);
        if (active !== undefined) this.set(active);
      },
    });
    totalCounter(
      registry,
      'quiz_agent_questions_sent_total',
      'Questions Telegram accepted (this instance)',
      () => engine.counters().questionsSent,
    );
    totalCounter(
      registry,
      'quiz_agent_questions_skipped_total',
      'Questions whose delivery stayed unknown and that the run went on without (never sent twice)',
      () => engine.counters().questionsSkipped,
    );
    totalCounter(
      registry,
      'quiz_agent_questions_reconciled_total',
      'Questions of unknown delivery identified from a poll update',
      () => engine.counters().questionsReconciled,
    );
  }
  if (parts.outages) {
    const outages = parts.outages;
    new Gauge({
      name: 'quiz_agent_part_down',
      help: 'Parts that cannot reach what they depend on right now (1), by part and dependency (database, telegram)',
      labelNames: ['part', 'dependency'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const { part, outage } of outages.down()) this.set({ part, dependency: outage.dependency }, 1);
      },
    });
  }
  return registry;
}

// ------------------------------------------------------------------------------ the outbound queue

type CounterField = keyof Pick<
  OutboundQueueStats,
  'total_processed' | 'total_failed' | 'total_refused' | 'total_cancelled' | 'rate_limit_hits' | 'retries' | 'shared_pauses_received'
>;

const COUNTERS: readonly [name: string, help: string, field: CounterField][] = [
  ['quiz_agent_queue_processed_total', 'Bot API calls that got an ok answer', 'total_processed'],
  ['quiz_agent_queue_failed_total', 'Bot API calls that ended in an error', 'total_failed'],
  ['quiz_agent_queue_refused_total', 'Bot API calls refused because the queue was full or closed', 'total_refused'],
  [
    'quiz_agent_queue_cancelled_total',
    'Bot API calls not sent on purpose: their beforeSend guard declined or threw, or they were aborted',
    'total_cancelled',
  ],
  ['quiz_agent_queue_rate_limit_hits_total', '429 answers from Telegram', 'rate_limit_hits'],
  ['quiz_agent_queue_retries_total', 'Calls repeated after a 429, a 5xx or a network failure', 'retries'],
  [
    'quiz_agent_queue_shared_pauses_received_total',
    '429 pauses another instance saw and this one applied (REDIS_URL: limits shared)',
    'shared_pauses_received',
  ],
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
