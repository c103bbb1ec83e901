import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@laoke/contracts': resolve(import.meta.dirname, 'libs/contracts/src/index.ts'),
  '@laoke/platform': resolve(import.meta.dirname, 'libs/platform/src/index.ts'),
  '@laoke/devstack': resolve(import.meta.dirname, 'libs/devstack/src/index.ts'),
  '@laoke/testing': resolve(import.meta.dirname, 'libs/testing/src/index.ts'),
};

/**
 * `unit` tests pure rules; `integration` runs against one real PostgreSQL and one real Kafka
 * broker, started once per run by the global setup (component tests and end-to-end tests).
 */
export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ['default', './libs/testing/src/summary-reporter.ts'],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: [
            'apps/*/test/**/*.unit.test.ts',
            'libs/*/test/**/*.unit.test.ts',
            'tools/*/test/**/*.unit.test.ts',
          ],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: [
            'apps/*/test/**/*.component.test.ts',
            'libs/*/test/**/*.integration.test.ts',
            'test/integration/**/*.integration.test.ts',
            'test/e2e/**/*.e2e.test.ts',
          ],
          globalSetup: ['libs/testing/src/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // Two cores: one file at a time keeps broker and database latency predictable.
          fileParallelism: false,
        },
      },
    ],
  },
});
