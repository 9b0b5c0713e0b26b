/**
 * The production stack of docker-compose.production.yml brought up for real, the way
 * docs/deployment.md section 6 tells an operator to (profiles scale and proxy, 3 replicas in
 * webhook mode behind Caddy, Redis for the shared limits), with the Bot API simulator as one more
 * container on the stack's network in Telegram's place.
 *
 * The repository's files are copied to a temporary directory so that the stack's `.env` (which
 * the compose file reads with `env_file: .env`) never touches the checkout; the compose file,
 * Dockerfile, Caddyfile and init scripts are used as they are. Everything it creates (containers,
 * the network, volumes, the temporary directory) is removed by `down()`; the images stay, as
 * Docker's build cache for the next run.
 *
 * Telegram's side: WEBHOOK_URL is https://quiz.localhost/telegram, so Caddy serves it with a
 * certificate of its own local CA (it does so for *.localhost names), and the simulator, started
 * once Caddy has made that CA, trusts it (NODE_EXTRA_CA_CERTS) and resolves quiz.localhost to
 * Caddy's address. Real TLS through the real proxy, and no traffic leaves the machine.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, composeCommand, projectContainers, run, tail, type CommandResult, type ProjectContainer } from './docker.js';

export const REPLICAS = 3;
/** The image tag the test builds: one tag, so runs replace their image instead of piling up. */
const IMAGE = 'quiz-agent:stack-test';
const WEBHOOK_HOST = 'quiz.localhost';
/** The simulator's image: the node image the Dockerfile builds on, with the repository mounted. */
const SIM_IMAGE = 'node:20-bookworm-slim';
/** What of the checkout the stack needs: the build context and the files the compose file mounts. */
export const COPIED = [
  'docker-compose.production.yml',
  'Dockerfile',
  '.dockerignore',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];
/** Directories copied whole; tests/deploy/docker-image.test.ts checks they cover every Dockerfile COPY. */
export const COPIED_DIRS = ['deploy', 'docs/monitoring', 'drizzle', 'locales', 'patches', 'scripts', 'src'];

export interface StackOptions {
  /** The repository root (its node_modules runs the simulator). */
  repo: string;
  /** A contiguous free range of REPLICAS loopback ports for the replicas' HTTP servers. */
  firstHttpPort: number;
  /** A free loopback port for the simulator's control API. */
  simPort: number;
  /** Another Caddyfile to run in place of deploy/caddy/Caddyfile (to compare one with it) [none]. */
  caddyfile?: string;
  log(line: string): void;
}

export class ComposeStack {
  readonly project = `quizstack${randomBytes(3).toString('hex')}`;
  readonly botToken = `${1_000_000 + Math.floor(Math.random() * 1_000_000)}:${randomBytes(20).toString('hex')}`;
  readonly monitoringToken = randomBytes(16).toString('hex');
  readonly postgresPassword = randomBytes(16).toString('hex');
  readonly dir: string;
  #compose: string[] = [];
  readonly #options: StackOptions;

  constructor(options: StackOptions) {
    this.#options = options;
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'quiz-agent-stack-'));
  }

  get simContainer(): string {
    return `${this.project}-telegram-sim`;
  }

  get simRoot(): string {
    return `http://127.0.0.1:${this.#options.simPort}`;
  }

  /** The loopback URL of replica `index` (0-based): each has its own host port. */
  replicaUrl(index: number): string {
    return `http://127.0.0.1:${this.#options.firstHttpPort + index}`;
  }

  /** Copies the files, writes `.env`, builds the image and starts the stack and the simulator. */
  async up(): Promise<void> {
    const { repo, log, caddyfile } = this.#options;
    this.#compose = await composeCommand();
    for (const file of COPIED) cpSync(path.join(repo, file), path.join(this.dir, file));
    for (const dir of COPIED_DIRS) {
      mkdirSync(path.dirname(path.join(this.dir, dir)), { recursive: true });
      cpSync(path.join(repo, dir), path.join(this.dir, dir), { recursive: true });
    }
    writeFileSync(path.join(this.dir, '.env'), this.#envFile(), { mode: 0o600 });
    if (caddyfile !== undefined) {
      cpSync(caddyfile, path.join(this.dir, 'deploy/caddy/Caddyfile'));
      log(`Caddy runs ${caddyfile} instead of deploy/caddy/Caddyfile`);
    }

    log(`building the quiz-agent image (${this.#compose.join(' ')} build)`);
    const previous = await imageId(IMAGE);
    await this.compose(['build', 'quiz-agent'], 900_000);
    // The previous build is now untagged: remove it (vfs stores every layer in full), unless a
    // container still uses it. The new image's layers are the next build's cache.
    if (previous !== undefined && previous !== (await imageId(IMAGE))) await run('docker', ['rmi', previous], { timeoutMs: 120_000 });
    log('starting postgres, redis, 3 replicas and caddy');
    await this.compose(['--profile', 'scale', '--profile', 'proxy', 'up', '-d'], 300_000);
    log('compose up -d returned');
    const caddy = await this.#waitForCaddyCa();
    log(`Caddy is at ${caddy.ip}; starting the simulator as ${this.simContainer}`);
    await this.#startSimulator(caddy.ip);
  }

  /** Runs a compose command on the stack's project; a non-zero exit throws. */
  compose(args: string[], timeoutMs = 120_000): Promise<string> {
    return this.#runCompose(args, timeoutMs).then((result) => {
      if (result.code !== 0)
        throw new Error(`compose ${args.join(' ')} exited ${result.code}:\n${tail(result.stdout)}\n${tail(result.stderr)}`);
      return result.stdout;
    });
  }

  /** A compose command on the stack's project, whatever its exit. */
  #runCompose(args: string[], timeoutMs: number): Promise<CommandResult> {
    const [command = 'docker', ...prefix] = this.#compose;
    return run(command, [...prefix, '-f', 'docker-compose.production.yml', '-p', this.project, ...args], { cwd: this.dir, timeoutMs });
  }

  containers(): Promise<ProjectContainer[]> {
    return projectContainers(this.project);
  }

  /** SQL on the stack's database, as psql in the postgres container prints it unaligned. */
  async sql(query: string): Promise<string> {
    const postgres = (await this.containers()).find((c) => c.service === 'postgres');
    if (!postgres) throw new Error('no postgres container');
    return (await check('docker', ['exec', postgres.id, 'psql', '-U', 'quiz', '-d', 'quiz', '-Atc', query])).trim();
  }

  /** Logs of every service, the last lines of each, for a failure message. */
  async logs(lines = 60): Promise<string> {
    const stack = await this.#runCompose(['logs', '--no-color', '--tail', String(lines)], 60_000);
    const sim = await run('docker', ['logs', '--tail', String(lines), this.simContainer], { timeoutMs: 30_000 });
    return `${tail(stack.stdout, lines * 6)}\n--- simulator ---\n${tail(sim.stdout + sim.stderr, lines)}`;
  }

  /** Removes the simulator, the stack's containers, network and volumes, and the copied files. */
  async down(): Promise<void> {
    await run('docker', ['rm', '-f', '-v', this.simContainer], { timeoutMs: 60_000 });
    if (this.#compose.length > 0) {
      const result = await this.#runCompose(
        ['--profile', 'scale', '--profile', 'proxy', 'down', '-v', '--remove-orphans', '--timeout', '30'],
        180_000,
      );
      if (result.code !== 0) this.#options.log(`compose down failed: ${tail(result.stderr)}`);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  #envFile(): string {
    const { firstHttpPort } = this.#options;
    const webhookSecret = randomBytes(16).toString('hex');
    return [
      `BOT_TOKEN=${this.botToken}`,
      `TELEGRAM_API_ROOT=http://telegram-sim:8081`,
      `POSTGRES_PASSWORD=${this.postgresPassword}`,
      `MONITORING_TOKEN=${this.monitoringToken}`,
      'BOT_MODE=webhook',
      `WEBHOOK_URL=https://${WEBHOOK_HOST}/telegram`,
      `WEBHOOK_SECRET=${webhookSecret}`,
      `QUIZ_AGENT_DOMAIN=${WEBHOOK_HOST}`,
      'REDIS_URL=redis://redis:6379',
      `QUIZ_AGENT_REPLICAS=${REPLICAS}`,
      `QUIZ_AGENT_HTTP_PORTS=${firstHttpPort}-${firstHttpPort + REPLICAS - 1}`,
      'POSTGRES_MAX_CONNECTIONS=280',
      `QUIZ_AGENT_TAG=${IMAGE.split(':')[1] ?? ''}`,
      'LOG_LEVEL=info',
      '',
    ].join('\n');
  }

  /** Waits until Caddy has created its local CA (it does at its first start) and copies the root out. */
  async #waitForCaddyCa(): Promise<ProjectContainer> {
    const deadline = Date.now() + 60_000;
    for (let attempt = 0; Date.now() < deadline && attempt < 120; attempt++) {
      const caddy = (await this.containers()).find((c) => c.service === 'caddy' && c.state === 'running');
      if (caddy) {
        const root = await run('docker', ['exec', caddy.id, 'cat', '/data/caddy/pki/authorities/local/root.crt'], { timeoutMs: 20_000 });
        if (root.code === 0 && root.stdout.includes('BEGIN CERTIFICATE')) {
          mkdirSync(path.join(this.dir, 'ca'), { recursive: true });
          writeFileSync(path.join(this.dir, 'ca', 'root.crt'), root.stdout);
          return caddy;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`Caddy made no local CA within 60 s:\n${await this.logs()}`);
  }

  async #startSimulator(caddyIp: string): Promise<void> {
    const { repo, simPort } = this.#options;
    await check(
      'docker',
      [
        'run',
        '-d',
        '--name',
        this.simContainer,
        '--network',
        `${this.project}_default`,
        '--network-alias',
        'telegram-sim',
        '--add-host',
        `${WEBHOOK_HOST}:${caddyIp}`,
        '-e',
        'NODE_EXTRA_CA_CERTS=/ca/root.crt',
        '-v',
        `${path.join(this.dir, 'ca')}:/ca:ro`,
        '-v',
        `${repo}:/repo:ro`,
        '-w',
        '/repo',
        '-p',
        `127.0.0.1:${simPort}:8081`,
        SIM_IMAGE,
        'node',
        '--import',
        'tsx',
        'packages/telegram-sim/src/cli.ts',
        '--host',
        '0.0.0.0',
        '--port',
        '8081',
        '--token',
        this.botToken,
      ],
      { timeoutMs: 60_000 },
    );
  }
}

/** The id of a local image, or undefined when there is none. */
async function imageId(image: string): Promise<string | undefined> {
  const result = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', image], { timeoutMs: 30_000 });
  return result.code === 0 ? result.stdout.trim() : undefined;
}
