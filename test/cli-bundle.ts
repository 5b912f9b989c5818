/**
 * How tests run the headless CLI: the same prebuilt bundle `npm run cli` runs (built or refreshed
 * from the sources by the vitest global set-up, test/global-setup.ts), so the tests exercise what
 * an admin runs and a CLI start costs well under a second instead of a tsx compile.
 */
import path from 'node:path';
import { cliBundle } from '../scripts/lib/cli-bundle.mjs';

export const repoRoot = path.resolve(__dirname, '..');
/** This checkout's bundle (one per checkout: worktrees may share node_modules). */
export const CLI_BUNDLE: string = cliBundle;

/** The argument vector (after `process.execPath`) of one CLI run. */
export const cliArgv = (args: string[]): string[] => [CLI_BUNDLE, ...args];
