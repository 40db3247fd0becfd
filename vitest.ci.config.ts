import { defineConfig } from 'vitest/config';

/**
 * CI-only suites (`npm run test:ci`): slow or heavy tests kept out of `npm test`, run by .ci/run on both engines.
 * Same harness as the main suite (test/support/global-setup.ts picks the engine from RELAIS_TEST_ENGINE).
 */
export default defineConfig({
  test: {
    include: ['test/ci-only/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    passWithNoTests: true,
    reporters: ['default'],
  },
});
