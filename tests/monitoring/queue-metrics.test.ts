import { Api } from 'grammy';
import { Registry } from 'prom-client';
import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createOutboundQueue, type OutboundQueue } from '../../src/queue/outbound-queue.js';
import { registerQueueMetrics } from '../../src/monitoring/metrics.js';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';

let sim: Simulator;
let queue: OutboundQueue;

afterEach(async () => {
  await queue.close(5_000);
  await sim.close();
});

it('exposes the queue stats as Prometheus metrics that agree with stats()', async () => {
  sim = await startSimulator();
  queue = createOutboundQueue({ logger: createLogger({ level: 'silent', pretty: false }), workers: 4, retryBaseMs: 10 });
  const registry = new Registry();
  registerQueueMetrics(registry, queue);
  const api = new Api(sim.token, { apiRoot: sim.apiRoot });
  api.config.use(queue.transformer);
  const user = sim.world.createStartedUser({ firstName: 'Alice' });
  sim.faults.add({ kind: 'server_error', status: 502, methods: ['sendMessage'], times: 1 });
  await api.sendMessage(user.id, 'hello');
  await api.sendMessage(-1, 'nowhere').catch(() => undefined);

  const first = await registry.metrics();
  expect(first).toContain('quiz_agent_queue_workers 4');
  expect(first).toContain('quiz_agent_queue_processed_total 1');
  expect(first).toContain('quiz_agent_queue_failed_total 1');
  expect(first).toContain('quiz_agent_queue_retries_total 1');
  // Waits are a histogram: two interactive calls went out (the 502's repeat is not a new wait).
  expect(first).toMatch(/quiz_agent_queue_wait_seconds_count\{priority="interactive"\} 2\n/);
  expect(first).toMatch(/quiz_agent_queue_wait_seconds_count\{priority="bulk"\} 0\n/);
  await api.sendMessage(user.id, 'again');
  // Counters keep counting across scrapes rather than restarting.
  expect(await registry.metrics()).toContain('quiz_agent_queue_processed_total 2');
  expect(queue.stats()).toMatchObject({ total_processed: 2, total_failed: 1, retries: 1 });
});
