/**
 * The deployment files checked by the tools that will read them, where those tools are
 * installed (each test says how to install its tool when it is skipped):
 * promtool (Debian package `prometheus`) for the alert rules, their unit tests and the
 * Prometheus config; docker compose (or docker-compose 1.29, Debian package `docker-compose`)
 * for the compose file; caddy (Debian package `caddy`) for the Caddyfile.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createConfig } from '../../src/config.js';
import { COMPOSE_FILE, parseDockerfile, readRepoFile, ROOT, runtimeEnv, type ComposeFile } from './deploy-files.js';

const works = (command: string, args: string[]): boolean => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const skipNote = (installed: boolean, install: string): string => (installed ? '' : ` [skipped: not installed here; ${install}]`);

/** Runs a tool in the repository; the result, with its output for failure messages. */
function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): { status: number | null; stdout: string; output: string } {
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return {
    status: result.status,
    stdout: result.stdout,
    output: `${command} ${args.join(' ')} (exit ${result.status}):\n${result.stdout}${result.stderr}`,
  };
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'quiz-agent-deploy-tools-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const hasPromtool = works('promtool', ['--version']);

describe('promtool', () => {
  it(`accepts docs/monitoring/alerts.yml${skipNote(hasPromtool, 'apt-get install prometheus')}`, ({ skip }) => {
    if (!hasPromtool) skip();
    const result = run('promtool', ['check', 'rules', 'docs/monitoring/alerts.yml']);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it(`passes the rules' unit tests in tests/deploy/alerts.promtool.yml${skipNote(hasPromtool, 'apt-get install prometheus')}`, ({
    skip,
  }) => {
    if (!hasPromtool) skip();
    const result = run('promtool', ['test', 'rules', 'tests/deploy/alerts.promtool.yml']);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain('SUCCESS');
  });

  it(`accepts docs/monitoring/prometheus.yml as mounted by compose${skipNote(hasPromtool, 'apt-get install prometheus')}`, ({ skip }) => {
    if (!hasPromtool) skip();
    // The container's layout: prometheus.yml and alerts.yml side by side, the token file the
    // entrypoint writes. promtool checks that every file the config names exists.
    const dir = path.join(scratch, 'prometheus');
    mkdirSync(dir, { recursive: true });
    const text = readRepoFile('docs/monitoring/prometheus.yml');
    const tokenFile = /credentials_file: (\S+)/.exec(text)?.[1] ?? '';
    expect(tokenFile).toBe('/prometheus/monitoring_token');
    writeFileSync(path.join(dir, 'prometheus.yml'), text.replace(tokenFile, path.join(dir, 'monitoring_token')));
    writeFileSync(path.join(dir, 'monitoring_token'), 'token');
    copyFileSync(path.join(ROOT, 'docs/monitoring/alerts.yml'), path.join(dir, 'alerts.yml'));
    const result = run('promtool', ['check', 'config', path.join(dir, 'prometheus.yml')]);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain('SUCCESS: 1 rule files found');
  });
});

/** `docker compose` (v2) or `docker-compose` (1.29), whichever is installed. */
const compose: [string, string[]] | undefined = works('docker', ['compose', 'version'])
  ? ['docker', ['compose']]
  : works('docker-compose', ['version'])
    ? ['docker-compose', []]
    : undefined;

describe('docker compose', () => {
  it(`reads the compose file with .env from .env.example, and gives quiz-agent a valid config${skipNote(Boolean(compose), 'apt-get install docker-compose, or the docker compose plugin')}`, ({
    skip,
  }) => {
    if (!compose) return skip();
    // A checkout of its own: env_file .env must exist, and the operator's .env is
    // .env.example with the required values filled in.
    const dir = path.join(scratch, 'compose');
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(ROOT, COMPOSE_FILE), path.join(dir, COMPOSE_FILE));
    const dotenv = readRepoFile('.env.example')
      .replace(/^BOT_TOKEN=$/m, 'BOT_TOKEN=123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0')
      .replace(/^POSTGRES_PASSWORD=$/m, 'POSTGRES_PASSWORD=5f0c3a9e1b7d2c4a8e6f0b1d3c5a7e9f');
    writeFileSync(path.join(dir, '.env'), dotenv);
    const [command, prefix] = compose;
    const base = [...prefix, '-f', COMPOSE_FILE, '--profile', 'scale', '--profile', 'proxy', '--profile', 'monitoring'];

    const quiet = run(command, [...base, 'config', '--quiet'], { cwd: dir });
    expect(quiet.status, quiet.output).toBe(0);

    const resolved = run(command, [...base, 'config'], { cwd: dir });
    expect(resolved.status, resolved.output).toBe(0);
    const file = parse(resolved.stdout) as ComposeFile;
    expect(Object.keys(file.services).sort()).toEqual(['caddy', 'grafana', 'postgres', 'prometheus', 'quiz-agent', 'redis']);
    const environment = file.services['quiz-agent']?.environment ?? {};
    const env = {
      ...runtimeEnv(parseDockerfile(readRepoFile('Dockerfile'))),
      ...Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, String(v ?? '')])),
    };
    const config = createConfig(env);
    expect(config.database.url).toBe('postgres://quiz:5f0c3a9e1b7d2c4a8e6f0b1d3c5a7e9f@postgres:5432/quiz');
    expect(config.http).toMatchObject({ host: '0.0.0.0', port: 8000 });

    // Without POSTGRES_PASSWORD compose refuses, naming it.
    writeFileSync(path.join(dir, '.env'), readRepoFile('.env.example'));
    const refused = run(command, [...base, 'config', '--quiet'], { cwd: dir });
    expect(refused.status, refused.output).not.toBe(0);
    expect(refused.output).toContain('POSTGRES_PASSWORD');
  });
});

const hasCaddy = works('caddy', ['version']);

describe('caddy', () => {
  it(`accepts deploy/caddy/Caddyfile, proxying POSTs to the compose service quiz-agent:8000${skipNote(hasCaddy, 'apt-get install caddy')}`, ({
    skip,
  }) => {
    if (!hasCaddy) skip();
    const home = path.join(scratch, 'caddy');
    mkdirSync(home, { recursive: true });
    const env = { QUIZ_AGENT_DOMAIN: 'bot.example.com', HOME: home, XDG_DATA_HOME: home, XDG_CONFIG_HOME: home };
    const validate = run('caddy', ['validate', '--config', 'deploy/caddy/Caddyfile', '--adapter', 'caddyfile'], { env });
    expect(validate.status, validate.output).toBe(0);
    expect(validate.output).toContain('Valid configuration');

    const adapted = run('caddy', ['adapt', '--config', 'deploy/caddy/Caddyfile', '--adapter', 'caddyfile'], { env });
    expect(adapted.status, adapted.output).toBe(0);
    const json = adapted.stdout;
    expect(json).toContain('"host":["bot.example.com"]');
    expect(json).toContain('"method":["POST"]');
    expect(json).toMatch(/"dynamic_upstreams":\{"name":"quiz-agent","port":"8000"/);
    expect(readFileSync(path.join(ROOT, COMPOSE_FILE), 'utf8')).toContain('./deploy/caddy/Caddyfile:/etc/caddy/Caddyfile:ro');
  });
});
