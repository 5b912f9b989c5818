import { defineConfig } from 'vitest/config';
import path from 'node:path';

// The unit tests of the pure cores, for `npm run mutate` (StrykerJS) only. A single project:
// the cluster project fails Stryker's dry run without a cluster. Left out: suites that spawn
// processes (the CLI, helm): a child process runs the unmutated code, so they cannot kill a
// mutant and only slow every run down.
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(__dirname),
      'server-only': path.resolve(__dirname, 'test/server-only-noop.ts'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'scripts/gen/**/*.test.ts'],
    exclude: ['**/*.cluster.test.ts', '**/node_modules/**', 'lib/cli.test.ts', 'lib/cli/**'],
    environment: 'node',
    testTimeout: 60_000,
    // Each mutant reruns the tests that cover it: the round-trip properties run 30 samples here
    // instead of npm test's 150, or one module takes an hour on 2 cores.
    env: { FC_RUNS: '30' },
  },
});
