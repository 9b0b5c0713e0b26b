/**
 * N bot replicas in webhook mode behind a real reverse proxy, Caddy, on 127.0.0.1: what
 * docs/deployment.md section 6 runs in production, on one machine, for benchmarks and load tests.
 *
 * - **The proxy** is `caddy run` with a Caddyfile generated in a temporary directory, in the shape
 *   of deploy/caddy/Caddyfile: POST requests (any path; the replicas serve the webhook path) go to
 *   the replicas round-robin, with `lb_try_duration` (a request whose replica refuses the
 *   connection is tried on another for that long), a 1 s `dial_timeout` and no passive health
 *   checks; everything else is 404. Differences, on purpose: plain http on 127.0.0.1 (no TLS, no
 *   domain); fixed upstreams instead of `dynamic a` (there is no DNS here), with an active health
 *   check of each replica's /health every second in its place: production's `dynamic a` loses a
 *   dead replica within a second because Docker's DNS drops its address, fixed upstreams lose it
 *   through the check (Caddy runs active checks on fixed upstreams only); no access log (a log
 *   line per request would cost the proxy more than proxying); no admin endpoint (other programs
 *   on this machine may use its port 2019).
 * - **Each replica** is `node --import tsx src/main.ts` (`npm start`) with the caller's
 *   environment plus `BOT_MODE=webhook`, `WEBHOOK_URL` (the proxy's), `WEBHOOK_SECRET` and its own
 *   `HTTP_PORT`. The caller gives the rest: BOT_TOKEN, TELEGRAM_API_ROOT, DATABASE_URL,
 *   REDIS_URL (several replicas share Telegram's limits through Redis), LOG_LEVEL...
 * - `startReplicaFleet` resolves once the proxy answers and every replica's `/health` is 200
 *   (the bot has started its parts; it sets its webhook right after), or throws, having torn down
 *   what it started. `stop()` ends everything within its bound (SIGTERM, then SIGKILL) and removes
 *   the directory; if this process exits without it, the children are killed and the directory
 *   removed on the way out (a SIGINT handler of the caller should still call `stop()`).
 *
 * @example
 * const fleet = await startReplicaFleet({
 *   replicas: 3,
 *   env: { BOT_TOKEN: sim.token, TELEGRAM_API_ROOT: sim.apiRoot, DATABASE_URL: url, REDIS_URL: 'redis://127.0.0.1:6379/9' },
 * });
 * fleet.webhookUrl; // http://127.0.0.1:<proxy port>/telegram-webhook: what Telegram POSTs to
 * fleet.replicas[0].httpPort; // its /health, /monitoring/stats, /metrics and webhook, bypassing the proxy
 * await fleet.kill(1); // SIGKILL replica 1 (kill -9)
 * await fleet.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnBot, type BotProcess } from '../../tests/helpers/bot-process.js';
import { freePort } from '../../tests/helpers/free-port.js';
import { endProcess, isRunning, status, waitUntil } from './child-processes.js';

/** Options of {@link startReplicaFleet}. */
export interface ReplicaFleetOptions {
  /** How many bot processes (1 or more). */
  replicas: number;
  /** Environment of every replica: BOT_TOKEN, TELEGRAM_API_ROOT, DATABASE_URL, REDIS_URL, ... */
  env: Record<string, string>;
  /** Path of the webhook URL [/telegram-webhook]. */
  webhookPath?: string;
  /** WEBHOOK_SECRET [random, 32 hex characters]. */
  secret?: string;
  /** Caddy's `lb_try_duration` in seconds, as in deploy/caddy/Caddyfile [5]. */
  lbTryDurationS?: number;
  /**
   * Lines added to the `reverse_proxy` block [none: production's shape], e.g. `['buffer_requests']`
   * (Caddy 2.6; `request_buffers 1MB` from 2.7), without which Caddy before 2.11.2 answers 502 to
   * a POST it retries after a dial error, or `['fail_duration 10s']`, the passive health checks the
   * Caddyfile had before (bench/reports/scale-findings.md, finding 3).
   */
  proxyOptions?: readonly string[];
  /** The caddy binary [/usr/bin/caddy]. */
  caddyPath?: string;
  /** Longest wait for the proxy and every /health to answer [120,000 ms]. */
  startTimeoutMs?: number;
}

/** One bot process of the fleet. */
export interface Replica {
  readonly index: number;
  /** Its own HTTP server: /health, /monitoring/stats, /metrics and the webhook route. */
  readonly httpPort: number;
  readonly pid: number;
  /** The process: its output (pino JSON lines) and its exit. */
  readonly process: BotProcess;
  /** False once it exited (killed, or ended by itself). */
  readonly alive: boolean;
}

/** A running fleet. See {@link startReplicaFleet}. */
export interface ReplicaFleet {
  /** The proxy's webhook URL, which every replica registers with setWebhook. */
  readonly webhookUrl: string;
  readonly secret: string;
  readonly proxy: { readonly port: number; readonly pid: number };
  readonly replicas: readonly Replica[];
  /** The Caddyfile the proxy runs (for a report). */
  readonly caddyfile: string;
  /** SIGKILL replica `index` (kill -9) and wait for it to be gone. */
  kill(index: number): Promise<void>;
  /** SIGTERM every replica and the proxy; SIGKILL what has not exited within `graceMs` [20,000]; removes the directory. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts the proxy and `replicas` bot processes; see the module comment. */
export async function startReplicaFleet(options: ReplicaFleetOptions): Promise<ReplicaFleet> {
  if (!Number.isInteger(options.replicas) || options.replicas < 1)
    throw new RangeError(`replicas must be a whole number >= 1, got ${options.replicas}`);
  const webhookPath = options.webhookPath ?? '/telegram-webhook';
  const secret = options.secret ?? randomBytes(16).toString('hex');
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quiz-agent-fleet-'));
  const children: ChildProcess[] = [];
  // If this process exits without stop() (a thrown error, process.exit), nothing is left behind.
  const onExit = (): void => {
    for (const child of children) if (isRunning(child)) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', onExit);

  const replicas: (Replica & { alive: boolean })[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 20_000): Promise<void> =>
    (stopping ??= (async () => {
      await Promise.all(children.map((child) => endProcess(child, graceMs)));
      fs.rmSync(dir, { recursive: true, force: true });
      process.off('exit', onExit);
    })());

  try {
    const proxyPort = await freePort();
    const ports = await distinctFreePorts(options.replicas, [proxyPort]);
    const caddyfile = renderCaddyfile({
      proxyPort,
      upstreamPorts: ports,
      lbTryDurationS: options.lbTryDurationS ?? 5,
      proxyOptions: options.proxyOptions ?? [],
    });
    const caddyfilePath = path.join(dir, 'Caddyfile');
    fs.writeFileSync(caddyfilePath, caddyfile);
    const proxy = startCaddy(options.caddyPath ?? '/usr/bin/caddy', caddyfilePath, dir);
    children.push(proxy.child);
    const webhookUrl = `http://127.0.0.1:${proxyPort}${webhookPath}`;

    for (const [index, httpPort] of ports.entries()) {
      const bot = spawnBot({
        ...options.env,
        BOT_MODE: 'webhook',
        WEBHOOK_URL: webhookUrl,
        WEBHOOK_SECRET: secret,
        HTTP_PORT: String(httpPort),
      });
      children.push(bot.child);
      const replica = { index, httpPort, pid: bot.child.pid as number, process: bot, alive: true };
      bot.child.once('exit', () => (replica.alive = false));
      replicas.push(replica);
    }
    await waitUntil(deadline, `the proxy on port ${proxyPort} to answer`, proxy.output, async () => {
      if (!isRunning(proxy.child)) throw new Error(`caddy exited while starting:\n${proxy.output()}`);
      return (await status(`http://127.0.0.1:${proxyPort}/`)) === 404;
    });
    await Promise.all(
      replicas.map((r) =>
        waitUntil(
          deadline,
          `replica ${r.index} (pid ${r.pid}, port ${r.httpPort}) to answer /health with 200`,
          () => r.process.output(),
          async () => {
            if (!r.alive) throw new Error(`replica ${r.index} exited while starting:\n${r.process.output().slice(-4000)}`);
            return (await status(`http://127.0.0.1:${r.httpPort}/health`)) === 200;
          },
        ),
      ),
    );
    return {
      webhookUrl,
      secret,
      proxy: { port: proxyPort, pid: proxy.child.pid as number },
      replicas,
      caddyfile,
      async kill(index) {
        const replica = replicas[index];
        if (!replica) throw new RangeError(`no replica ${index}: the fleet has ${replicas.length}`);
        await replica.process.kill('SIGKILL');
      },
      stop,
    };
  } catch (error) {
    await stop(2_000);
    throw new Error(`the replica fleet did not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The Caddyfile of the fleet's proxy (see the module comment for how it differs from production's). */
export function renderCaddyfile(options: {
  proxyPort: number | string;
  upstreamPorts: readonly (number | string)[];
  lbTryDurationS: number;
  proxyOptions?: readonly string[];
}): string {
  const extra = (options.proxyOptions ?? []).map((line) => `\n\t\t\t${line}`).join('');
  const upstreams = options.upstreamPorts.map((port) => `127.0.0.1:${port}`).join(' ');
  return `# Generated by bench/lib/replica-fleet.ts: deploy/caddy/Caddyfile's shape on plain http, 127.0.0.1 only.
{
	admin off
	auto_https off
}

http://127.0.0.1:${options.proxyPort} {
	bind 127.0.0.1
	@webhook method POST
	handle @webhook {
		request_body {
			max_size 1MB
		}
		reverse_proxy ${upstreams} {
			lb_policy round_robin
			lb_try_duration ${options.lbTryDurationS}s
			# In place of production's DNS, which drops a dead replica's address within a second.
			health_uri /health
			health_interval 1s${extra}
			transport http {
				dial_timeout 1s
			}
		}
	}
	handle {
		respond 404
	}
}
`;
}

/** `caddy run` on the file; Caddy's own files (certificates, autosave) stay in `dir`. */
function startCaddy(caddyPath: string, caddyfilePath: string, dir: string): { child: ChildProcess; output: () => string } {
  const child = spawn(caddyPath, ['run', '--adapter', 'caddyfile', '--config', caddyfilePath], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // Only start-up lines matter (there is no access log); keep the last few kB.
  const append = (chunk: string): void => {
    out = (out + chunk).slice(-8_000);
  };
  child.stdout?.setEncoding('utf8').on('data', append);
  child.stderr?.setEncoding('utf8').on('data', append);
  child.once('error', (error) => append(`\nspawn ${caddyPath} failed: ${error.message}\n`));
  return { child, output: () => out };
}

/** `count` free ports, none of them in `taken`. */
async function distinctFreePorts(count: number, taken: readonly number[]): Promise<number[]> {
  const ports = new Set<number>();
  for (let attempt = 0; ports.size < count && attempt < count * 20; attempt++) {
    const port = await freePort();
    if (!taken.includes(port)) ports.add(port);
  }
  if (ports.size < count) throw new Error(`found only ${ports.size} of ${count} free ports`);
  return [...ports];
}
