import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * The corpus suite (test/corpora, reads ../shared/corpora) is CI-only: declared only when RELAIS_CORPORA=1, which
 * `npm run test:corpora` sets, so `npm test` (a plain `vitest run`, every declared project) never runs it.
 */
const corpora = process.env.RELAIS_CORPORA === '1';

export default defineConfig({
  test: {
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/ci-only/**', 'node_modules/**', 'dist/**'],
          globalSetup: ['test/support/global-setup.ts'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          include: ['web/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['web/src/test/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 240_000,
        },
      },
      ...(corpora
        ? [{
            test: {
              name: 'corpora',
              include: ['test/corpora/**/*.corpus.ts'],
              globalSetup: ['test/support/global-setup.ts'],
              pool: 'forks' as const,
              testTimeout: 600_000,
              hookTimeout: 900_000,
            },
          }]
        : []),
    ],
  },
});
