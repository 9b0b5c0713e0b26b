import type { TestProject } from 'vitest/node';
import { createLogger } from '../../src/logger.js';
import { startTemporaryEmbeddedPostgres, type EmbeddedPostgres } from '../../src/store/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL on the test server; test files create their own databases through it. */
    adminDatabaseUrl: string;
  }
}

let server: EmbeddedPostgres | undefined;

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
  server = await startTemporaryEmbeddedPostgres({
    logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', pretty: false }),
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
  });
  project.provide('adminDatabaseUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
