/**
 * How tests run the headless CLI: the same prebuilt bundle `npm run cli` runs (built or refreshed
 * from the sources by the vitest global set-up, test/global-setup.ts), so the tests exercise what
 * an admin runs and a CLI start costs well under a second instead of a tsx compile.
 */
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..');
export const CLI_BUNDLE = path.join(
  repoRoot,
  'node_modules',
  '.cache',
  'lightrun-wizard',
  'cli.cjs',
);

/** The argument vector (after `process.execPath`) of one CLI run. */
export const cliArgv = (args: string[]): string[] => [CLI_BUNDLE, ...args];
