/**
 * The monitoring files against the running bot: every metric the alert rules and the Grafana
 * dashboard read is one the app's /metrics really exposes (a labelled metric whose series appear
 * with their first event, such as a dead letter, at least declared); and, where the `prometheus`
 * binary is installed (Debian package `prometheus`), a real Prometheus with docs/monitoring's config
 * scrapes the bot with MONITORING_TOKEN from a credentials file, stores those metrics, accepts
 * every dashboard expression and evaluates every alert rule.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { startBotHarness, type BotHarness } from '../helpers/bot-harness.js';
import {
  dashboardExpressions,
  declaredMetricNames,
  exposedSampleNames,
  metricNames,
  readAlertRules,
  readDashboard,
  readRepoFile,
  ROOT,
  withoutGrafanaVariables,
} from './deploy-files.js';
import { freePort } from '../helpers/free-port.js';

const TOKEN = 'monitoring-token-for-deploy-tests-0123456789';
const alerts = readAlertRules();
const dashboardExprs = dashboardExpressions(readDashboard());
/** Metric names the monitoring files read; `up` is Prometheus' own. */
const used = new Set(
  [...alerts.map((rule) => rule.expr), ...dashboardExprs.map(({ expr }) => expr)].flatMap((expr) => [...metricNames(expr)]),
);
used.delete('up');
/**
 * Labelled metrics with no series until something happens: a dead letter of some update type,
 * a part that loses the database. A healthy bot only declares them.
 */
const EVENT_ONLY = new Set(['quiz_agent_inbox_dead_letters_total', 'quiz_agent_part_down']);

let harness: BotHarness;
let exposition: string;

beforeAll(async () => {
  harness = await startBotHarness({ env: { MONITORING_TOKEN: TOKEN } });
  // One handled update, so that the per-type update series exist, as on any live bot.
  await harness.startUser({ firstName: 'Monitoring' });
  const response = await fetch(`http://127.0.0.1:${harness.app.httpPort}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  exposition = await response.text();
});

afterAll(async () => {
  await harness?.stop();
});

describe('metric names in docs/monitoring', () => {
  it('are all exposed by the running bot', () => {
    expect(used.size).toBeGreaterThanOrEqual(20);
    const exposed = exposedSampleNames(exposition);
    expect([...used].filter((name) => !exposed.has(name) && !EVENT_ONLY.has(name))).toEqual([]);
  });

  it('include the metrics whose series appear with their first event, declared by the running bot', () => {
    const declared = declaredMetricNames(exposition);
    for (const name of EVENT_ONLY) {
      expect([...used], name).toContain(name);
      expect([...declared], name).toContain(name);
    }
  });
});

const hasPrometheus = spawnSync('prometheus', ['--version']).status === 0;

describe.skipIf(!hasPrometheus)('a real Prometheus with docs/monitoring/prometheus.yml (Debian package prometheus)', () => {
  let dir: string;
  let prometheus: ChildProcess | undefined;
  let api: string;
  let output = '';

  const query = async <T>(pathAndQuery: string): Promise<T> => {
    const response = await fetch(`${api}${pathAndQuery}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${pathAndQuery}: ${body.error ?? response.status}`);
    return body.data;
  };

  /** Re-checks `check` until it returns a value, for at most `timeoutMs` (scrapes are 1 s apart). */
  const eventually = async <T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const value = await check();
        if (value !== undefined) return value;
      } catch (error) {
        last = error;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (${String(last)}). Prometheus:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'quiz-agent-prometheus-'));
    // The shipped config with what only the compose stack provides replaced: the replica is
    // found on 127.0.0.1 instead of by DNS, the token file lives here, scrapes are 1 s apart.
    // A second job sends a wrong token and must be refused.
    const config = parse(readRepoFile('docs/monitoring/prometheus.yml')) as {
      global: Record<string, string>;
      scrape_configs: Record<string, unknown>[];
    };
    const job = config.scrape_configs.find((c) => c.job_name === 'quiz-agent') as Record<string, unknown>;
    delete job.dns_sd_configs;
    job.static_configs = [{ targets: [`127.0.0.1:${harness.app.httpPort}`] }];
    job.authorization = { type: 'Bearer', credentials_file: path.join(dir, 'monitoring_token') };
    const wrong = { ...job, job_name: 'wrong-token', authorization: { type: 'Bearer', credentials_file: path.join(dir, 'wrong_token') } };
    config.scrape_configs = [job, wrong];
    config.global = { scrape_interval: '1s', evaluation_interval: '1s' };
    writeFileSync(path.join(dir, 'prometheus.yml'), stringify(config));
    writeFileSync(path.join(dir, 'monitoring_token'), TOKEN);
    writeFileSync(path.join(dir, 'wrong_token'), 'not-the-monitoring-token-0000');
    copyFileSync(path.join(ROOT, 'docs/monitoring/alerts.yml'), path.join(dir, 'alerts.yml'));

    const port = await freePort();
    api = `http://127.0.0.1:${port}/api/v1`;
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prometheus.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    prometheus.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    await eventually('Prometheus to be ready', async () => ((await fetch(`http://127.0.0.1:${port}/-/ready`)).ok ? true : undefined));
  });

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = once(prometheus, 'exit');
      prometheus.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  interface Target {
    labels: { job: string };
    health: string;
    lastError: string;
  }

  /** Both targets once scraped (a target's health is `unknown` until its first scrape). */
  const scrapedOk = () =>
    eventually('both targets scraped', async () => {
      const data = await query<{ activeTargets: Target[] }>('/targets');
      return data.activeTargets.length === 2 && data.activeTargets.every((t) => t.health !== 'unknown') ? data.activeTargets : undefined;
    });

  it('scrapes the bot with the token from the credentials file, and is refused without it', async () => {
    const targets = await scrapedOk();
    expect(targets.find((t) => t.labels.job === 'quiz-agent')).toMatchObject({ health: 'up', lastError: '' });
    expect(targets.find((t) => t.labels.job === 'wrong-token')).toMatchObject({
      health: 'down',
      lastError: expect.stringContaining('401'),
    });
  });

  it('stores every metric the alerts and the dashboard read', async () => {
    const stored = await eventually('the first scrape stored', async () => {
      const names = await query<string[]>('/label/__name__/values');
      return names.includes('quiz_agent_queue_workers') ? new Set(names) : undefined;
    });
    expect([...used].filter((name) => !stored.has(name) && !EVENT_ONLY.has(name))).toEqual([]);
  });

  it('accepts every dashboard expression', async () => {
    for (const { panel, expr } of dashboardExprs) {
      await expect(query(`/query?query=${encodeURIComponent(withoutGrafanaVariables(expr))}`), `${panel}: ${expr}`).resolves.toBeDefined();
    }
    // The instance filter of the dashboard finds the bot.
    const instances = await query<string[]>(`/label/instance/values?match[]=${encodeURIComponent('up{job="quiz-agent"}')}`);
    expect(instances).toEqual([`127.0.0.1:${harness.app.httpPort}`]);
  });

  it('evaluates every alert rule without error, none firing on a healthy bot', async () => {
    interface Rule {
      name: string;
      health: string;
      lastError?: string;
      state: string;
      lastEvaluation: string;
    }
    await scrapedOk();
    // Evaluations from before the first scrape saw no `up` series (QuizAgentNoInstanceUp
    // pending): judge the ones after it.
    const since = Date.now();
    const evaluatedAt = (rule: Rule): number => Date.parse(rule.lastEvaluation.replace(/(\.\d{3})\d*/, '$1'));
    const rules = await eventually('every rule evaluated after the bot was scraped', async () => {
      const data = await query<{ groups: { rules: Rule[] }[] }>('/rules');
      const all = data.groups.flatMap((group) => group.rules);
      return all.length > 0 && all.every((rule) => evaluatedAt(rule) > since) ? all : undefined;
    });
    expect(rules.map((rule) => rule.name).sort()).toEqual(alerts.map((rule) => rule.alert).sort());
    for (const rule of rules) {
      expect({ name: rule.name, health: rule.health, lastError: rule.lastError ?? '' }).toEqual({
        name: rule.name,
        health: 'ok',
        lastError: '',
      });
      expect(rule.state, rule.name).toBe('inactive');
    }
  });
});
