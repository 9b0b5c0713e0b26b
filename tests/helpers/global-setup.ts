import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../../src/logger.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/store/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL on the test server; test files create their own databases through it. */
    adminDatabaseUrl: string;
  }
}

let server: EmbeddedPostgres | undefined;
let dataRoot: string | undefined;

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
  dataRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'quiz-agent-test-'));
  await fs.chmod(dataRoot, 0o755); // as root, the server runs as "postgres" and must reach it
  server = await startEmbeddedPostgres({
    dataDir: path.join(dataRoot, 'postgres'),
    logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', pretty: false }),
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
  });
  project.provide('adminDatabaseUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dataRoot) await fs.rm(dataRoot, { recursive: true, force: true });
}
