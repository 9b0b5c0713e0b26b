/**
 * Which test file runs in which vitest project (vitest.config.ts). Decided by what a file uses,
 * not by its folder: a file is a unit test only if neither it nor anything it imports opens a
 * database, a socket or a child process (tests/helpers/unit-guard.ts enforces that at run time);
 * e2e files run the bot against the simulator or start processes; everything else, including
 * any new file not named here, is an integration test with a PostgreSQL of its own.
 */

/** Every test file of the repository (the simulator's tests live in its workspace package). */
export const TEST_FILES = ['tests/**/*.test.ts', 'packages/telegram-sim/tests/**/*.test.ts'] as const;

const SIM_TESTS = 'packages/telegram-sim/tests';

/**
 * The compose stack brought up with Docker (`npm run test:deploy`, tests/stack/vitest.config.ts):
 * minutes long and needs a Docker Engine, so no project of `npm test` runs it.
 */
export const STACK_FILES = ['tests/stack/**'] as const;

/** Pure in-process tests: parsing, scoring, ordering, config, clocked queues, the simulator's parts. */
export const UNIT_FILES = [
  'tests/quiz/**/*.test.ts',
  'tests/i18n/**/*.test.ts',
  'tests/config.test.ts',
  'tests/bot/start-arguments.test.ts',
  'tests/bot/update-tracker.test.ts',
  'tests/bot/update-validation.test.ts',
  'tests/deploy/compose-config.test.ts',
  'tests/deploy/docker-image.test.ts',
  'tests/deploy/monitoring-config.test.ts',
  'tests/engine/reconcile.test.ts',
  'tests/bot/callback-data.test.ts',
  'tests/bot/texts.test.ts',
  'tests/lib/bounded-cache.test.ts',
  'tests/lib/same-secret.test.ts',
  'tests/lib/semaphore.test.ts',
  'tests/lib/wait-until-reachable.test.ts',
  'tests/queue/arrival-limiter.test.ts',
  'tests/queue/before-send.test.ts',
  'tests/queue/chat-lanes.test.ts',
  'tests/queue/delivery.test.ts',
  'tests/queue/due-order.test.ts',
  'tests/queue/fair-order.test.ts',
  'tests/queue/queue-timing.test.ts',
  'tests/queue/retry-policy.test.ts',
  `${SIM_TESTS}/fault-plan.test.ts`,
  `${SIM_TESTS}/flood-limits.test.ts`,
  `${SIM_TESTS}/params.test.ts`,
  `${SIM_TESTS}/random.test.ts`,
  `${SIM_TESTS}/update-hub.test.ts`,
  `${SIM_TESTS}/validation.test.ts`,
  `${SIM_TESTS}/virtual-players.test.ts`,
] as const;

/** The bot against the simulator (bot-harness), and tests that start processes. */
export const E2E_FILES = [
  'tests/bot/**/*.test.ts',
  'tests/security/**/*.test.ts',
  'tests/deploy/monitoring-live.test.ts',
  'tests/deploy/start-script.test.ts',
  'tests/deploy/tools.test.ts',
  `${SIM_TESTS}/cli.test.ts`,
] as const;
