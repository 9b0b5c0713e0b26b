/**
 * The bot as a real child process (`node --import tsx src/main.ts`), for what only a process
 * can show: SIGKILL in the middle of a run, a restart, graceful shutdown on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface BotProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote (pino JSON lines), for assertions and failure messages. */
  output(): string;
  /** Resolves once a log line with this `msg` appeared. */
  waitForLog(msg: string, timeoutMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const append = (chunk: string): void => {
    out += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout?.setEncoding('utf8').on('data', append);
  child.stderr?.setEncoding('utf8').on('data', append);
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    child,
    output: () => out,
    waitForLog(msg, timeoutMs = 60_000) {
      const needle = `"msg":${JSON.stringify(msg)}`;
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (out.includes(needle)) done();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`Timed out waiting for the bot to log "${msg}". Output:\n${out.slice(-4000)}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        exited.then(() => {
          if (listeners.has(check)) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`The bot exited before logging "${msg}". Output:\n${out.slice(-4000)}`));
          }
        }, reject);
        check();
      });
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const [code, sig] = await exited;
      return { code, signal: sig };
    },
  };
}
