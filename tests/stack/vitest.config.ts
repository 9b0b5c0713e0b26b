import { defineConfig } from 'vitest/config';

/**
 * `npm run test:deploy` (tests/stack/run.sh): the compose stack, one file, one worker, long
 * timeouts (an image build and containers starting). Not part of `npm test` (vitest.config.ts
 * leaves tests/stack out): it needs a Docker Engine and takes minutes.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/stack/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 600_000,
    hookTimeout: 1_500_000,
  },
});
