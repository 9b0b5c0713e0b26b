/**
 * The metrics' types follow what their figures are (issue 14, "monitoring skews"): a total that
 * only grows is a Counter named `_total`, waits are histograms rather than quantile gauges (which
 * cannot be summed across replicas), and every prom-client metric is defined in
 * src/monitoring/metrics.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { MetricObjectWithValues, MetricValue, Registry } from 'prom-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAnswerCounters, type AnswerCounters } from '../../src/bot/answer-counters.js';
import { IntakeStats } from '../../src/bot/intake/intake-stats.js';
import { createMetricsRegistry } from '../../src/monitoring/metrics.js';
import { createOutboundQueue, type OutboundQueue } from '../../src/queue/outbound-queue.js';
import { createMigratedTestDatabase, storeOnTestDatabase, testLogger } from '../helpers/database.js';

let database: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
let queue: OutboundQueue;
let answers: AnswerCounters;
let registry: Registry;

beforeAll(async () => {
  database = await createMigratedTestDatabase({ poolSize: 1, maxOverflow: 1 });
  const store = storeOnTestDatabase(database.handle);
  queue = createOutboundQueue({ logger: testLogger, workers: 1 });
  answers = createAnswerCounters();
  registry = createMetricsRegistry({ store, queue, answers, intake: new IntakeStats() });
});

afterAll(async () => {
  await queue.close(1_000);
  await database.drop();
});

it('makes every _total a counter, every counter a _total, and no wait a quantile gauge', async () => {
  const metrics = (await registry.getMetricsAsJSON()) as MetricObjectWithValues<MetricValue<string>>[];
  // prom-client's default process metrics (quiz_agent_process_*, quiz_agent_nodejs_*) follow its own naming.
  const ours = metrics.filter((m) => m.name.startsWith('quiz_agent_') && !/^quiz_agent_(process|nodejs)_/.test(m.name));
  expect(ours.length).toBeGreaterThan(20);
  for (const metric of ours) {
    expect(String(metric.type) === 'counter', `${metric.name} is a ${String(metric.type)}`).toBe(metric.name.endsWith('_total'));
    for (const value of metric.values) expect(Object.keys(value.labels), metric.name).not.toContain('quantile');
  }
  const typeOf = (name: string) => String(ours.find((m) => m.name === name)?.type);
  expect(typeOf('quiz_agent_queue_wait_seconds')).toBe('histogram');
  expect(typeOf('quiz_agent_poll_answers_ignored_total')).toBe('counter');
  expect(typeOf('quiz_agent_db_checkouts_total')).toBe('counter');
});

it('keeps a labelled counter growing with the total it follows, never back down', async () => {
  const ignoredClosed = async () => {
    const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === 'quiz_agent_poll_answers_ignored_total') as
      MetricObjectWithValues<MetricValue<string>> | undefined;
    return metric?.values.find((v) => v.labels.reason === 'closed')?.value;
  };
  answers.ignored_closed += 2;
  expect(await ignoredClosed()).toBe(2);
  expect(await ignoredClosed()).toBe(2); // a second scrape adds nothing
  answers.ignored_closed += 1;
  expect(await ignoredClosed()).toBe(3);
});

it('defines prom-client metrics only in src/monitoring/metrics.ts (and its helpers)', () => {
  const root = path.resolve(import.meta.dirname, '../../src');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  const defining = files.filter((file) => /^import (?!type )[^;]*from 'prom-client'/m.test(readFileSync(path.join(root, file), 'utf8')));
  expect(defining.sort()).toEqual(['monitoring/metrics.ts', 'monitoring/prom-helpers.ts']);
});
