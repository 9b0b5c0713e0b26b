/**
 * Queue waits as a Prometheus histogram (summable across instances, unlike quantile gauges):
 * on a ManualClock, calls to one private chat leave one second apart, and each wait lands in
 * the bucket of the time it actually waited, counted once, under its priority.
 */
import { Registry, type MetricObjectWithValues, type MetricValueWithName } from 'prom-client';
import { afterEach, expect, it } from 'vitest';
import { QUEUE_WAIT_BUCKETS, registerQueueMetrics } from '../../src/monitoring/metrics.js';
import { clockedQueue, errorAnswer, type ClockedQueue } from '../queue/clocked-queue.js';

let clocked: ClockedQueue;

afterEach(async () => {
  await clocked.close();
});

async function histogram(registry: Registry): Promise<MetricValueWithName<string>[]> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === 'quiz_agent_queue_wait_seconds') as
    MetricObjectWithValues<MetricValueWithName<string>> | undefined;
  expect(metric?.type).toBe('histogram');
  return metric?.values ?? [];
}

it("counts each call's wait from submit to first send in the bucket it fell into", async () => {
  clocked = clockedQueue();
  const registry = new Registry();
  registerQueueMetrics(registry, clocked.queue);
  // Three messages to one private chat at once: Telegram's 1/s per chat spaces them. The first
  // answer is a 502, so it is sent twice: a repeat is not a second wait.
  let failedOnce = false;
  const flaky = () => {
    if (failedOnce) return { ok: true as const, result: true };
    failedOnce = true;
    return errorAnswer(502, 'Bad Gateway');
  };
  const sends = [
    clocked.send(42, 'one', { priority: 'question' }, flaky),
    clocked.send(42, 'two', { priority: 'question' }),
    clocked.send(42, 'three', { priority: 'question' }),
  ];
  await clocked.advance(10_000);
  await Promise.all(sends);

  const firstSends = new Map<string, number>();
  for (const request of clocked.sent) if (!firstSends.has(request.text)) firstSends.set(request.text, request.at / 1000);
  const waits = [...firstSends.values()];
  expect(waits).toHaveLength(3);
  expect(clocked.sent).toHaveLength(4);
  expect(Math.max(...waits)).toBeGreaterThanOrEqual(1); // spacing made someone wait

  const values = await histogram(registry);
  const question = values.filter((v) => v.labels.priority === 'question');
  const byName = (suffix: string) => question.find((v) => v.metricName === `quiz_agent_queue_wait_seconds${suffix}`)?.value;
  expect(byName('_count')).toBe(3);
  expect(byName('_sum')).toBeCloseTo(
    waits.reduce((a, b) => a + b, 0),
    6,
  );
  for (const le of QUEUE_WAIT_BUCKETS) {
    const bucket = question.find((v) => v.metricName === 'quiz_agent_queue_wait_seconds_bucket' && v.labels.le === le);
    expect(bucket?.value, `bucket le=${le}`).toBe(waits.filter((w) => w <= le).length);
  }
  // Other priorities are there from the start, at zero.
  expect(values.find((v) => v.labels.priority === 'bulk' && v.metricName === 'quiz_agent_queue_wait_seconds_count')?.value).toBe(0);
});
