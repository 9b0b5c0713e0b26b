/**
 * scripts/start.sh, the Docker CMD, outside Docker: from any directory, with clear exits on a
 * bad configuration or a missing install, and a real start against the simulator and
 * PostgreSQL where the Dockerfile's HEALTHCHECK passes and SIGTERM reaches node (exec), which
 * shuts down gracefully with exit code 0.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from 'telegram-sim/simulator';
import { createEmptyTestDatabase, type TestDatabase } from '../helpers/database.js';
import { execForm, parseDockerfile, readRepoFile, ROOT } from './deploy-files.js';

const SCRIPT = path.join(ROOT, 'scripts/start.sh');
/** Long enough for a cold tsx start on a busy CI machine; a hang fails the test. */
const EXIT_TIMEOUT_MS = 45_000;

/**
 * Settings that a developer's .env in the checkout must not change for these tests (variables
 * set in the environment win over .env, even empty ones).
 */
const ISOLATED = { BOT_MODE: 'polling', MONITORING_TOKEN: '', REDIS_URL: '', HTTP_HOST: '127.0.0.1', WEBHOOK_URL: '', WEBHOOK_SECRET: '' };

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(command: string, env: Record<string, string>, cwd: string): Started {
  const child = spawn(command, [], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that cleanup can end node even if the shell did not exec it.
    detached: true,
  });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exit = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  return { child, output: () => out, exit };
}

/** Ends whatever is left of the process group (nothing, when the test went as it should). */
function killGroup(started: Started): void {
  try {
    if (started.child.pid) process.kill(-started.child.pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is gone already.
  }
}

/** Waits for the process to exit by itself; kills it and fails if it does not. */
async function exitOf(started: Started): Promise<{ code: number | null; output: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      killGroup(started);
      reject(new Error(`start.sh did not exit within ${EXIT_TIMEOUT_MS} ms. Output:\n${started.output()}`));
    }, EXIT_TIMEOUT_MS);
  });
  try {
    const { code } = await Promise.race([started.exit, timeout]);
    return { code, output: started.output() };
  } finally {
    clearTimeout(timer);
  }
}

/** A pino JSON line, or undefined for anything else (a line still arriving, a console message). */
function parseLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Resolves with the first pino line whose msg is `msg`; rejects if the process exits first. */
function logLine(started: Started, msg: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const find = (): boolean => {
      for (const line of started.output().split('\n')) {
        const entry = parseLine(line);
        if (entry?.msg === msg) {
          clearInterval(poll);
          resolve(entry);
          return true;
        }
      }
      return false;
    };
    // Output arrives in chunks; look again on every chunk until the line is there.
    const poll = setInterval(find, 20);
    started.exit.then(() => {
      if (!find()) {
        clearInterval(poll);
        reject(new Error(`start.sh exited before logging "${msg}". Output:\n${started.output()}`));
      }
    }, reject);
  });
}

/** The Dockerfile's HEALTHCHECK command, run here with `HTTP_PORT=port`: its exit code. */
function healthcheck(port: number): number | null {
  const instruction = parseDockerfile(readRepoFile('Dockerfile')).find((i) => i.keyword === 'HEALTHCHECK');
  const [command, ...args] = execForm(instruction?.args.slice(instruction.args.indexOf('CMD')) ?? '');
  const result = spawnSync(command === 'node' ? process.execPath : (command ?? ''), args, {
    env: { PATH: process.env.PATH ?? '', HTTP_PORT: String(port) },
    timeout: 20_000,
  });
  return result.status;
}

describe('scripts/start.sh outside Docker', () => {
  it('exits 78 with the configuration problem, started from another directory', async () => {
    const started = start(SCRIPT, { ...ISOLATED, DB_POOL_SIZE: 'abc', BOT_TOKEN: '' }, os.tmpdir());
    const { code, output } = await exitOf(started);
    expect(output).toContain('quiz-agent cannot start, the configuration is invalid:');
    expect(output).toContain('DB_POOL_SIZE must be a whole number from 1 to 500, got "abc"');
    expect(code).toBe(78);
  });

  it('exits 78 with a clear message when BOT_TOKEN is not set', async () => {
    const started = start('scripts/start.sh', { ...ISOLATED, BOT_TOKEN: '', LOG_LEVEL: 'silent' }, ROOT);
    const { code, output } = await exitOf(started);
    expect(output).toContain('BOT_TOKEN is required to run the bot: get one from @BotFather');
    expect(code).toBe(78);
  });

  it('says to run npm ci when the dependencies are missing', async () => {
    const checkout = mkdtempSync(path.join(os.tmpdir(), 'quiz-agent-no-deps-'));
    try {
      mkdirSync(path.join(checkout, 'scripts'));
      copyFileSync(SCRIPT, path.join(checkout, 'scripts/start.sh'));
      const { code, output } = await exitOf(start(path.join(checkout, 'scripts/start.sh'), {}, os.tmpdir()));
      expect(output).toContain('dependencies are missing');
      expect(output).toContain('run npm ci first');
      expect(code).toBe(1);
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });

  describe('running the bot', () => {
    let sim: Simulator | undefined;
    let database: TestDatabase | undefined;

    afterAll(async () => {
      await sim?.close();
      await database?.drop();
    });

    it('passes the image healthcheck and shuts down gracefully on SIGTERM with exit code 0', async () => {
      sim = await startSimulator();
      database = await createEmptyTestDatabase();
      const started = start(
        SCRIPT,
        {
          ...ISOLATED,
          BOT_TOKEN: sim.token,
          TELEGRAM_API_ROOT: sim.apiRoot,
          DATABASE_URL: database.url,
          HTTP_PORT: '0',
          DB_POOL_SIZE: '2',
          DB_MAX_OVERFLOW: '2',
          LOG_LEVEL: 'info',
        },
        os.tmpdir(),
      );
      try {
        for (const msg of [
          'Sizing settings in force',
          'Database engine created successfully',
          'Message queue started with 10 workers',
          'Long polling started',
        ]) {
          await logLine(started, msg);
        }
        const running = await logLine(started, 'quiz-agent is running');
        const port = Number(running.httpPort);
        expect(port).toBeGreaterThan(0);
        expect(healthcheck(port)).toBe(0);

        // The pid is the shell's, which exec'd node: the signal goes straight to node.
        started.child.kill('SIGTERM');
        const exit = await started.exit;
        expect(started.output()).toContain('"msg":"Shutdown complete"');
        expect(exit).toEqual({ code: 0, signal: null });
        // Nothing listens any more: the same healthcheck now fails.
        expect(healthcheck(port)).toBe(1);
      } finally {
        killGroup(started);
      }
    });
  });
});
