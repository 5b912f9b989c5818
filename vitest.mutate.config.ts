import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import path from 'node:path';

/**
 * Stryker bails at the first failing test and runs the files one after another: the exact,
 * fast tables go first so a killed mutant stops within a second; the property suites go last.
 */
class PreciseFirst extends BaseSequencer {
  private rank = (f: string) =>
    /\.(table|golden|cases|schema)\.test\.ts$/.test(f)
      ? 0
      : /roundtrip|key-paths|shape|generate/.test(f)
        ? 2
        : 1;
  override async sort(files: TestSpecification[]) {
    return [...files].sort(
      (a, b) =>
        this.rank(a.moduleId) - this.rank(b.moduleId) || a.moduleId.localeCompare(b.moduleId),
    );
  }
}

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
    include: ['lib/**/*.test.ts', 'scripts/gen/**/*.test.ts', 'test/bench/**/*.test.ts'],
    exclude: ['**/*.cluster.test.ts', '**/node_modules/**', 'cli/**'],
    environment: 'node',
    testTimeout: 60_000,
    // Each mutant reruns the tests that cover it: the round-trip properties run 30 samples here
    // instead of npm test's 150, or one module takes an hour on 2 cores.
    env: { FC_RUNS: '30' },
    // One module graph for all test files (Stryker runs them in one worker): re-importing zod, yaml
    // and the chart defaults for every file of every mutant costs more than the tests themselves.
    // The suites are pure; Stryker switches mutants through a global, not by reloading modules.
    isolate: false,
    sequence: { sequencer: PreciseFirst },
  },
});
