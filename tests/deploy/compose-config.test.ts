/**
 * docker-compose.production.yml, .env.example and src/config.ts agree: the compose file names
 * only variables quiz-agent reads or .env.example documents, every variable is documented, and
 * what compose gives the container (Dockerfile ENV + .env + environment) is a valid config.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, createConfig } from '../../src/config.js';
import {
  documentedNames,
  interpolate,
  interpolatedEnvironment,
  interpolatedNames,
  parseDockerfile,
  parseEnvFile,
  readCompose,
  readRepoFile,
  runtimeEnv,
  service,
  stringValues,
  unbracedReferences,
} from './deploy-files.js';

const compose = readCompose();
/** The values compose interpolates (comments and keys are not). */
const composeText = stringValues(compose).join('\n');
const envExample = readRepoFile('.env.example');
const configNames = new Set(CONFIG_VARIABLES);
const composeNames = interpolatedNames(composeText);
/** Variables only the compose file uses (credentials of its postgres, image tag, ports...). */
const composeOnly = [...composeNames].filter((name) => !configNames.has(name));
const documented = documentedNames(envExample);

/** The .env an operator writes: .env.example with the required values filled in. */
function operatorEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...parseEnvFile(envExample),
    BOT_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0',
    POSTGRES_PASSWORD: '5f0c3a9e1b7d2c4a8e6f0b1d3c5a7e9f',
    MONITORING_TOKEN: 'a3f1c9e7b5d3f1a9c7e5b3d1f9a7c5e3',
    ...extra,
  };
}

/** The environment the quiz-agent container starts with, for the operator's `.env`. */
function containerEnv(dotenv: Record<string, string>): Record<string, string> {
  const image = runtimeEnv(parseDockerfile(readRepoFile('Dockerfile')));
  const svc = service(compose, 'quiz-agent');
  // Docker: image ENV, then env_file, then environment (each wins over the one before).
  return { ...image, ...dotenv, ...interpolatedEnvironment(svc, dotenv) };
}

describe('the compose file', () => {
  it('has the services of the deployment guide, quiz-agent and postgres always on', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['caddy', 'grafana', 'postgres', 'prometheus', 'quiz-agent', 'redis']);
    expect(service(compose, 'quiz-agent').profiles).toBeUndefined();
    expect(service(compose, 'postgres').profiles).toBeUndefined();
    expect(service(compose, 'redis').profiles).toEqual(['scale']);
    expect(service(compose, 'caddy').profiles).toEqual(['proxy']);
    expect(service(compose, 'prometheus').profiles).toEqual(['monitoring']);
    expect(service(compose, 'grafana').profiles).toEqual(['monitoring']);
  });

  it('runs quiz-agent from .env, restarted, after a healthy postgres, on 127.0.0.1 only', () => {
    const svc = service(compose, 'quiz-agent');
    expect(svc.build).toBe('.');
    expect(svc.env_file).toBe('.env');
    expect(svc.restart).toBe('unless-stopped');
    expect(svc.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(svc.ports).toEqual(['127.0.0.1:${QUIZ_AGENT_HTTP_PORTS:-8000}:8000']);
    expect(interpolate(svc.ports?.[0] ?? '', {})).toBe('127.0.0.1:8000:8000');
    // Longer than the app's 25 s shutdown deadline, or Docker kills it mid-shutdown.
    expect(Number.parseInt(svc.stop_grace_period ?? '0', 10)).toBeGreaterThan(25);
  });

  it('gives quiz-agent only variables that src/config.ts reads', () => {
    const names = Object.keys(service(compose, 'quiz-agent').environment ?? {});
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !configNames.has(name))).toEqual([]);
  });

  it('interpolates only variables that src/config.ts reads or .env.example documents', () => {
    expect(unbracedReferences(composeText)).toEqual([]);
    expect(composeNames.size).toBeGreaterThan(0);
    expect([...composeNames].filter((name) => !configNames.has(name) && !documented.has(name))).toEqual([]);
  });

  it('has a postgres max_connections above two replicas at the default pool, with headroom', () => {
    const command = service(compose, 'postgres').command as string[];
    expect(command).toContain('shared_preload_libraries=pg_stat_statements');
    const setting = command.find((arg) => arg.startsWith('max_connections='));
    const maxConnections = Number(interpolate(setting?.split('=')[1] ?? '', {}));
    const { poolSize, maxOverflow } = createConfig({ BOT_TOKEN: operatorEnv().BOT_TOKEN }).database;
    expect(maxConnections).toBeGreaterThanOrEqual(2 * (poolSize + maxOverflow) + 20);
    expect(service(compose, 'postgres').volumes).toContain('./deploy/postgres/init.sql:/docker-entrypoint-initdb.d/10-init.sql:ro');
    expect(readRepoFile('deploy/postgres/init.sql')).toMatch(/CREATE EXTENSION IF NOT EXISTS pg_stat_statements;/);
  });

  it('refuses to start without POSTGRES_PASSWORD, as the guide says', () => {
    const { POSTGRES_PASSWORD: _omitted, ...withoutPassword } = operatorEnv();
    expect(() => containerEnv(withoutPassword)).toThrow(/POSTGRES_PASSWORD/);
  });
});

describe('.env.example', () => {
  it('documents every variable src/config.ts reads', () => {
    expect(CONFIG_VARIABLES.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('documents only variables quiz-agent reads or the compose file uses', () => {
    const allowed = new Set([...configNames, ...composeOnly]);
    expect([...documented].filter((name) => !allowed.has(name))).toEqual([]);
    expect(composeOnly).toEqual(expect.arrayContaining(['POSTGRES_PASSWORD', 'QUIZ_AGENT_TAG']));
  });
});

describe('the environment compose gives quiz-agent', () => {
  it('is a valid config with .env.example and the required values filled in', () => {
    const config = createConfig(containerEnv(operatorEnv()));
    expect(config.http).toMatchObject({ host: '0.0.0.0', port: 8000 });
    expect(config.database.url).toBe('postgres://quiz:5f0c3a9e1b7d2c4a8e6f0b1d3c5a7e9f@postgres:5432/quiz');
    expect(config.env).toBe('production');
    expect(config.bot.mode).toBe('polling');
  });

  it('keeps its address, port and database when .env sets them for running outside Docker', () => {
    const env = containerEnv(operatorEnv({ HTTP_HOST: '127.0.0.1', HTTP_PORT: '9000', DATABASE_URL: 'postgres://me@localhost/dev' }));
    expect(createConfig(env).http).toMatchObject({ host: '0.0.0.0', port: 8000 });
    expect(createConfig(env).database.url).toMatch(/@postgres:5432\/quiz$/);
  });

  it('is valid with the .env of the guide for several replicas behind the proxy', () => {
    const guide = readRepoFile('docs/deployment.md');
    const block = /In `\.env`[^\n]*\n\n```sh\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(block, 'docs/deployment.md: the .env block of section 6').toBeDefined();
    const scale: Record<string, string> = {};
    for (const line of (block ?? '').split('\n')) {
      const match = /^([A-Z][A-Z0-9_]*)=(\S+)/.exec(line);
      // Placeholders like <openssl rand -hex 32> stand for such a value.
      if (match?.[1]) scale[match[1]] = (match[2] ?? '').startsWith('<') ? 'f'.repeat(64) : (match[2] ?? '');
    }
    expect(Object.keys(scale)).toEqual(
      expect.arrayContaining(['BOT_MODE', 'WEBHOOK_URL', 'WEBHOOK_SECRET', 'REDIS_URL', 'QUIZ_AGENT_REPLICAS']),
    );
    expect(Object.keys(scale).filter((name) => !configNames.has(name) && !documented.has(name))).toEqual([]);

    const dotenv = operatorEnv(scale);
    const config = createConfig(containerEnv(dotenv));
    expect(config.bot).toMatchObject({ mode: 'webhook', webhookUrl: 'https://bot.example.com/telegram' });
    expect(config.redisUrl).toBe('redis://redis:6379');
    // The guide's POSTGRES_MAX_CONNECTIONS fits its replicas at the default pool.
    const replicas = Number(interpolate(String(service(compose, 'quiz-agent').deploy?.replicas), dotenv));
    const { poolSize, maxOverflow } = config.database;
    expect(replicas).toBe(3);
    expect(Number(dotenv.POSTGRES_MAX_CONNECTIONS)).toBeGreaterThanOrEqual(replicas * (poolSize + maxOverflow) + 20);
    expect(interpolate(service(compose, 'quiz-agent').ports?.[0] ?? '', dotenv)).toBe('127.0.0.1:8000-8002:8000');
  });
});
