// StrykerJS over the pure cores; run it through `npm run mutate` (scripts/mutate/run.mjs), which
// picks the modules, links the reference directory beside the repository (docs/development.md) into the sandbox and writes bench/mutation.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  coverageAnalysis: 'perTest',
  // A shared 2-core machine: one test runner, generous timeouts (other work competes for the CPU).
  concurrency: 1,
  timeoutMS: 20_000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 15,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { reportTests: false, reportMutants: false, logTests: false },
  incrementalFile: 'reports/mutation/incremental.json',
  ignorePatterns: [
    '.stryker-tmp*',
    '.next',
    '.cluster',
    '.node',
    'test-results',
    'playwright-report',
    'blob-report',
    'coverage',
    'reports',
    'bench/mutation.*',
    'e2e/**/*.spec.ts',
  ],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 85, low: 70, break: null },
};
