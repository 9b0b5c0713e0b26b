/**
 * Reading the deployment files the way their tools do: the compose file parsed as YAML with
 * compose's `${...}` interpolation, `.env` files as compose reads them, the Dockerfile's
 * instructions, PromQL metric names. Shared by the tests in tests/deploy/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The repository's root directory. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const COMPOSE_FILE = 'docker-compose.production.yml';

/** A file of the repository as text. */
export function readRepoFile(relative: string): string {
  return readFileSync(path.join(ROOT, relative), 'utf8');
}

/** What the tests read of a compose service (the rest stays `unknown`). */
export interface ComposeService {
  image?: string;
  build?: unknown;
  profiles?: string[];
  environment?: Record<string, string | number | boolean | null>;
  env_file?: string | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  ports?: string[];
  volumes?: string[];
  command?: string[] | string;
  entrypoint?: string[] | string;
  healthcheck?: { test?: string[] | string };
  stop_grace_period?: string;
  deploy?: { replicas?: number | string };
  [key: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/**
 * Every string value of a parsed YAML document (keys and comments excluded): what compose
 * interpolates.
 */
export function stringValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringValues);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringValues);
  return [];
}

/** The compose file as written (before interpolation). */
export function readCompose(): ComposeFile {
  return parse(readRepoFile(COMPOSE_FILE)) as ComposeFile;
}

/** A compose service that the file must have. */
export function service(compose: ComposeFile, name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`${COMPOSE_FILE} has no service "${name}"`);
  return found;
}

// `$$` (a literal dollar) or `${NAME}` with compose's modifiers: :- - :? ? :+ +
const INTERPOLATION = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}/g;

/** Every variable name interpolated in `text` (`$${...}` is an escape, not a variable). */
export function interpolatedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(INTERPOLATION)) if (match[1]) names.add(match[1]);
  return names;
}

/** `$NAME` without braces: compose would interpolate it, and these tests would not see it. */
export function unbracedReferences(text: string): string[] {
  return [...text.replaceAll('$$', '').matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[0]);
}

/**
 * Compose's interpolation of one string with `vars` (what .env and the shell give compose).
 * @throws when a `${NAME:?message}` or `${NAME?message}` variable is missing, like compose.
 */
export function interpolate(text: string, vars: Record<string, string | undefined>): string {
  return text.replace(INTERPOLATION, (whole, name: string | undefined, op: string | undefined, arg: string | undefined) => {
    if (name === undefined) return '$';
    const value = vars[name];
    const set = value !== undefined;
    const nonEmpty = set && value !== '';
    switch (op) {
      case undefined:
        return value ?? '';
      case ':-':
        return nonEmpty ? value : (arg ?? '');
      case '-':
        return set ? value : (arg ?? '');
      case ':?':
      case '?':
        if (op === ':?' ? nonEmpty : set) return value as string;
        throw new Error(`required variable ${name} is missing a value: ${arg ?? ''}`);
      case ':+':
        return nonEmpty ? (arg ?? '') : '';
      case '+':
        return set ? (arg ?? '') : '';
      default:
        throw new Error(`unsupported interpolation ${whole}`);
    }
  });
}

/** A service's `environment` after interpolation, as the container gets it (values as strings). */
export function interpolatedEnvironment(svc: ComposeService, vars: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(svc.environment ?? {})) {
    out[name] = interpolate(value === null ? '' : String(value), vars);
  }
  return out;
}

/** A dotenv file the way docker compose reads it: `NAME=value` lines; blank and `#` lines skipped. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match?.[1]) out[match[1]] = (match[2] ?? '').trim();
  }
  return out;
}

/** Every variable .env.example documents: set (`NAME=`) or commented out (`# NAME=`). */
export function documentedNames(envExample: string): Set<string> {
  return new Set([...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] as string));
}

/** One Dockerfile instruction: keyword and its arguments, continuation lines joined. */
export interface DockerInstruction {
  keyword: string;
  args: string;
}

export function parseDockerfile(text: string): DockerInstruction[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  const out: DockerInstruction[] = [];
  for (const line of joined.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = /^([A-Za-z]+)\s+(.*)$/.exec(trimmed);
    if (match?.[1]) out.push({ keyword: match[1].toUpperCase(), args: (match[2] ?? '').trim() });
  }
  return out;
}

/** The exec-form array of an instruction's arguments (`["a", "b"]`). */
export function execForm(args: string): string[] {
  const start = args.indexOf('[');
  if (start < 0) throw new Error(`not in exec form: ${args}`);
  return JSON.parse(args.slice(start)) as string[];
}

/** The ENV of the Dockerfile's last stage (the runtime image), `NAME=value` pairs. */
export function runtimeEnv(instructions: DockerInstruction[]): Record<string, string> {
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  const env: Record<string, string> = {};
  for (const { keyword, args } of instructions.slice(lastFrom)) {
    if (keyword !== 'ENV') continue;
    for (const pair of args.split(/\s+/)) {
      const [name, ...value] = pair.split('=');
      if (name) env[name] = value.join('=');
    }
  }
  return env;
}

/** The metric names a PromQL expression reads (`quiz_agent_*` and `up`), label matchers ignored. */
export function metricNames(expr: string): Set<string> {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const names = new Set<string>();
  for (const match of withoutStrings.matchAll(/\b(quiz_agent_[a-z0-9_]+|up)\b(?!\s*\()/g)) names.add(match[1] as string);
  return names;
}

/** Sample names in Prometheus text exposition (histogram `_bucket`, `_sum`, `_count` included). */
export function exposedSampleNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}

/**
 * Metric names the exposition declares (`# TYPE` lines), with or without samples: a labelled
 * metric has no sample until its first labelled value is set.
 */
export function declaredMetricNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const match of exposition.matchAll(/^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) /gm)) names.add(match[1] as string);
  return names;
}

/** The alert rules of docs/monitoring/alerts.yml. */
export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function readAlertRules(): AlertRule[] {
  const file = parse(readRepoFile('docs/monitoring/alerts.yml')) as { groups: { rules: AlertRule[] }[] };
  return file.groups.flatMap((group) => group.rules);
}

/** Every PromQL expression of the Grafana dashboard, with Grafana's variables still in. */
export function dashboardExpressions(dashboard: DashboardJson): { panel: string; expr: string }[] {
  return dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })));
}

export interface DashboardJson {
  uid: string;
  title: string;
  panels: {
    type: string;
    title: string;
    datasource?: { type: string; uid: string };
    targets?: { expr: string; datasource?: { uid: string } }[];
  }[];
  templating: { list: { name: string; type: string; query?: unknown; current?: { value?: unknown } }[] };
}

export function readDashboard(): DashboardJson {
  return JSON.parse(readRepoFile('docs/monitoring/grafana-dashboard.json')) as DashboardJson;
}

/** A dashboard expression made plain PromQL: Grafana's variables replaced by what they stand for. */
export function withoutGrafanaVariables(expr: string, rateInterval = '5m'): string {
  return expr.replaceAll('$__rate_interval', rateInterval).replaceAll('$instance', '.*');
}
