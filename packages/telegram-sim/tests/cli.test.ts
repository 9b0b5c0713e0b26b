/**
 * `npm run sim` as a user runs it: a separate process that prints the token and API root to
 * use, answers the Bot API there, and stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Api } from 'grammy';
import { expect, it } from 'vitest';

const TSX = 'node_modules/.bin/tsx';
// The CLI by its path from this file, so the test does not depend on the package's place in the repository.
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

it('prints BOT_TOKEN and TELEGRAM_API_ROOT, serves them, and stops on SIGTERM', async () => {
  const child = spawn(TSX, [CLI, '--port', '0', '--no-flood-limits'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = once(child, 'exit');
  try {
    await expect.poll(() => out, { timeout: 30_000 }).toContain('Ctrl+C stops it.');
    const token = /BOT_TOKEN=(\S+)/.exec(out)?.[1];
    const apiRoot = /TELEGRAM_API_ROOT=(\S+)/.exec(out)?.[1];
    expect(out).toContain('flood limits off');
    const me = await new Api(token as string, { apiRoot: apiRoot as string }).getMe();
    expect(me).toMatchObject({ is_bot: true, username: 'quiz_agent_sim_bot' });
  } finally {
    child.kill('SIGTERM');
  }
  const [code] = (await exited) as [number | null];
  expect(code).toBe(0);
});

it('refuses a bad option with the usage and exit code 2', async () => {
  const child = spawn(TSX, [CLI, '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(2);
  expect(err).toContain('--port must be a port number 0-65535, got "eighty"');
  expect(err).toContain('usage: npm run sim');
});
