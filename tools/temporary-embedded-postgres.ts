/**
 * A throwaway embedded PostgreSQL for development and tests: what the test run, the demo and
 * the benchmarks use when DATABASE_URL is unset. It lives in tools/, not src/, because the bot
 * itself only ever starts the persistent one (src/store/open-store.ts, ./.data/postgres).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from '../src/store/embedded-postgres.js';

/**
 * A server in a fresh temporary directory that `stop()` removes again.
 *
 * @example
 * const server = await startTemporaryEmbeddedPostgres({ logger, settings: { fsync: 'off' } });
 * // ... connect to server.url ...
 * await server.stop();
 */
export async function startTemporaryEmbeddedPostgres(options: Omit<EmbeddedPostgresOptions, 'dataDir'>): Promise<EmbeddedPostgres> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'quiz-agent-tmp-pg-'));
  const removeRoot = (): Promise<void> => fs.rm(root, { recursive: true, force: true });
  try {
    await fs.chmod(root, 0o755); // mkdtemp makes it 0700; as root, the server's own user must reach in
    const server = await startEmbeddedPostgres({ ...options, dataDir: path.join(root, 'postgres') });
    return { ...server, stop: () => server.stop().then(removeRoot) };
  } catch (error) {
    await removeRoot();
    throw error;
  }
}
