import { defineConfig } from 'vitest/config';
import path from 'node:path';

const alias = {
  '@': path.resolve(__dirname),
  // `server-only` throws outside a React Server bundle; node-side tests import server code directly.
  'server-only': path.resolve(__dirname, 'test/server-only-noop.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          globalSetup: ['test/global-setup.ts'],
          include: [
            'lib/**/*.test.ts',
            'cli/**/*.test.ts',
            'scripts/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: [
            '**/*.cluster.test.ts',
            '**/*.services.test.ts',
            '**/node_modules/**',
            '**/.stryker-tmp*/**',
          ],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'cluster',
          globalSetup: ['test/global-setup.ts'],
          // Suites that need the real local cluster (KUBECONFIG from `npm run cluster -- up`).
          include: ['**/*.cluster.test.ts'],
          exclude: ['**/node_modules/**', '**/.stryker-tmp*/**'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'services',
          // Suites that need the real MariaDB/RabbitMQ that scripts/lib/services.mjs starts (LW_SERVICES_FILE).
          include: ['**/*.services.test.ts'],
          exclude: ['**/node_modules/**', '**/.stryker-tmp*/**'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
    ],
  },
});
