/**
 * One Locust step: `locust --headless` with bench/locust/locustfile.py at one rate, its users
 * sending for `durationS` (see GRACE_S), as one process, or as a master and `workers` worker
 * processes (Locust 2.12 has no `--processes`; its distributed mode is the way to use more than
 * one core), all on 127.0.0.1.
 * Resolves with Locust's figures (its final stats CSV), the cores Locust and the stack used, and
 * Locust's warnings; every process it started has exited by then, whatever happened.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../../tests/helpers/free-port.js';
import { startCpuMeter, type CoresByGroup } from './locust-cpu.js';
import { parseLocustFailures, parseLocustStats, type LocustFigures } from './locust-stats.js';

/**
 * Locust runs this much longer than its users send (SEND_SECONDS): when its run time ends, this
 * Locust kills some users in the middle of a request (their answer is stored, and Locust counts
 * neither the request nor its time), so every user stops by itself first and the last answers
 * get their responses; 12 s covers the webhook's longest answer (its 503 comes after 10 s).
 */
const GRACE_S = 12;
/** And then lets a user finish the request it is in, should one still be running. */
const STOP_TIMEOUT_S = 5;
/** Beyond its run time and stop timeout, how long Locust may take to start and write its stats. */
const SLACK_MS = 60_000;

export interface LocustStepOptions {
  /** The locust command [/usr/bin/locust]. */
  locustPath: string;
  locustfile: string;
  /** Where the webhook is: scheme, host and port (the path is in the locustfile's settings). */
  host: string;
  /** The locustfile's settings (QUIZ_LOAD_CONFIG). */
  configPath: string;
  /** Locust users; with the locustfile's RPS_PER_USER of 1, also the asked rate. */
  users: number;
  durationS: number;
  /** Worker processes; 0 runs Locust as one process. */
  workers: number;
  /** This step's own directory: Locust's CSV files and output go there. */
  dir: string;
  /** Processes of the stack whose cores the step reports (name -> pids). */
  stack: Record<string, () => readonly number[]>;
}

export interface LocustStepResult {
  figures: LocustFigures;
  /** Why requests failed, as "<error> × <count>". */
  failures: string[];
  cores: CoresByGroup;
  /** Lines where Locust warned about itself (its CPU above 90%, and the like). */
  warnings: string[];
  /** The locust command line of the master (or only) process, for the report. */
  command: string;
}

/** Runs one step; see the module comment. */
export async function runLocustStep(options: LocustStepOptions): Promise<LocustStepResult> {
  const csvPrefix = path.join(options.dir, 'locust');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: options.dir,
    QUIZ_LOAD_CONFIG: options.configPath,
    SEND_SECONDS: String(options.durationS),
    // No __pycache__ beside the locustfile in the working tree.
    PYTHONDONTWRITEBYTECODE: '1',
  };
  const masterPort = options.workers > 0 ? await freePort() : undefined;
  const args = [
    ...['-f', options.locustfile, '--headless', '--only-summary'],
    ...['-u', String(options.users), '-r', String(options.users), '-t', `${options.durationS + GRACE_S}s`],
    ...['--stop-timeout', String(STOP_TIMEOUT_S), '--host', options.host, '--csv', csvPrefix],
    ...(masterPort === undefined
      ? []
      : [
          '--master',
          '--master-bind-host',
          '127.0.0.1',
          '--master-bind-port',
          String(masterPort),
          '--expect-workers',
          String(options.workers),
        ]),
  ];
  const processes: { child: ChildProcess; output: () => string }[] = [start(options.locustPath, args, env)];
  for (let i = 0; i < options.workers; i++)
    processes.push(
      start(
        options.locustPath,
        ['-f', options.locustfile, '--worker', '--master-host', '127.0.0.1', '--master-port', String(masterPort)],
        env,
      ),
    );
  const pids = processes.map((p) => p.child.pid).filter((pid): pid is number => pid !== undefined);
  const meter = startCpuMeter({ locust: () => pids, ...options.stack });
  const master = processes[0] as (typeof processes)[number];
  // Bounded: a Locust that hangs is ended, and the step fails below for want of its stats.
  const deadline = setTimeout(
    () => processes.forEach((p) => p.child.kill('SIGKILL')),
    (options.durationS + GRACE_S + STOP_TIMEOUT_S) * 1000 + SLACK_MS,
  );
  try {
    await Promise.all(processes.map((p) => exited(p.child)));
  } finally {
    clearTimeout(deadline);
    for (const p of processes) p.child.kill('SIGKILL');
  }
  const cores = meter.stop();
  const output = processes.map((p) => p.output()).join('\n');
  const statsPath = `${csvPrefix}_final_stats.csv`;
  if (!fs.existsSync(statsPath))
    throw new Error(
      `Locust wrote no ${statsPath} (exit ${master.child.exitCode}, signal ${master.child.signalCode}). Its output:\n${output.slice(-4000)}`,
    );
  return {
    figures: parseLocustStats(fs.readFileSync(statsPath, 'utf8')),
    failures: parseLocustFailures(fs.readFileSync(`${csvPrefix}_final_failures.csv`, 'utf8')),
    cores,
    warnings: output.split('\n').filter((line) => /WARNING|CPU usage|Not all users/.test(line)),
    command: `locust ${args.join(' ')}`.replaceAll(options.dir, '<step dir>'),
  };
}

function start(command: string, args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const append = (chunk: string): void => {
    out = (out + chunk).slice(-20_000);
  };
  child.stdout?.setEncoding('utf8').on('data', append);
  child.stderr?.setEncoding('utf8').on('data', append);
  child.once('error', (error) => append(`\nspawn ${command} failed: ${error.message}\n`));
  return { child, output: () => out };
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await once(child, 'exit');
}
