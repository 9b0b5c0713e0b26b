/**
 * Watching and ending a benchmark's child processes (bot replicas, Caddy): shared by
 * replica-fleet.ts and cpu-profile-replica.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** How often {@link waitUntil} asks again. */
const POLL_MS = 200;

/** Whether the process has neither exited nor been ended by a signal. */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/**
 * SIGTERM, then SIGKILL after `graceMs` (at once when it is 0); resolves once the process is
 * gone, with the signal that ended it (null when it exited by itself).
 */
export async function endProcess(child: ChildProcess, graceMs: number): Promise<{ signal: NodeJS.Signals | null }> {
  if (!isRunning(child)) return { signal: child.signalCode };
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  child.kill(graceMs === 0 ? 'SIGKILL' : 'SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    const [, signal] = await exited;
    return { signal };
  } finally {
    clearTimeout(timer);
  }
}

/** The status of a GET, or undefined when nothing answered within 2 s. */
export async function status(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

/**
 * Asks `ready` every 200 ms until it says true; past `deadline` (epoch ms) throws, with the
 * last lines of `output` (the process waited for). `ready` may throw to give up at once.
 */
export async function waitUntil(deadline: number, what: string, output: () => string, ready: () => Promise<boolean>): Promise<void> {
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}. Its last output:\n${output().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
