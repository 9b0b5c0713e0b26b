import { configDefaults, defineConfig } from 'vitest/config';
import { E2E_FILES, STACK_FILES, TEST_FILES, UNIT_FILES } from './tests/projects.js';

/**
 * Three projects, chosen by what a file uses (tests/projects.ts says which file is where):
 * - unit: no database, no socket, no child process; no PostgreSQL is started for it, and
 *   tests/helpers/unit-guard.ts makes a socket or a process fail the test that opens it;
 * - integration: the store, the queue and the monitoring server against real things (PostgreSQL,
 *   the simulator over HTTP); every file that is in neither list lands here, so a new test file
 *   always has a database;
 * - e2e: the real bot against the simulator, and tests that start processes.
 * `npm test` runs all three; `npm run test:unit` only the first (seconds, no database).
 */
const shared = {
  pool: 'forks' as const,
  // Vitest's default on this 2-core machine is one worker (cores - 1), so every file waited for
  // the one before it; but the integration and e2e files mostly wait (for the simulator's and
  // the queue's real timers, PostgreSQL, processes starting): measured, four e2e files took
  // 6 s of CPU in 34 s, and the e2e project 91 s with 6 workers instead of ~470 s one by one.
  // Vitest wants one worker count for projects that run together, so unit shares it.
  maxWorkers: 6,
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: [...UNIT_FILES],
          setupFiles: ['tests/helpers/unit-guard.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: [...TEST_FILES],
          exclude: [...configDefaults.exclude, ...UNIT_FILES, ...E2E_FILES, ...STACK_FILES],
          // One PostgreSQL for the run (embedded unless DATABASE_URL is set), shared with e2e;
          // each test file then creates and drops a database of its own.
          globalSetup: ['tests/helpers/global-setup.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: [...E2E_FILES],
          exclude: [...configDefaults.exclude, ...UNIT_FILES, ...STACK_FILES],
          globalSetup: ['tests/helpers/global-setup.ts'],
        },
      },
    ],
  },
});
