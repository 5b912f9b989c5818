// The headless CLI as one prebuilt file. `tsx lib/cli.ts` compiled the whole import graph on every
// start (2.5–5 s before the first line of work on this machine: most of what the install benchmark
// measured as the CLI's overhead over plain helm); the bundle starts in well under a second.
// Rebuilt (esbuild, ~2 s) whenever a file under lib/, package-lock.json or this file is newer than it;
// written to a temp name and renamed, so parallel starts never run a half-written bundle.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliBundle = path.join(root, 'node_modules', '.cache', 'lightrun-wizard', 'cli.mjs');
const self = fileURLToPath(import.meta.url);

/** True when the bundle is missing or any CLI source is newer than it. */
export function cliBundleStale() {
  if (!existsSync(cliBundle)) return true;
  const built = statSync(cliBundle).mtimeMs;
  const r = spawnSync('git', ['ls-files', '-c', '-o', '--exclude-standard', 'lib', 'package-lock.json', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) return true; // not a git checkout: rebuild rather than trust an old bundle
  const files = [self, ...r.stdout.split('\n').filter(Boolean).map((f) => path.join(root, f))];
  return files.some((f) => existsSync(f) && statSync(f).mtimeMs > built);
}

/** Builds the bundle when it is stale; returns its path. */
export async function ensureCliBundle() {
  if (!cliBundleStale()) return cliBundle;
  const { build } = await import('esbuild');
  mkdirSync(path.dirname(cliBundle), { recursive: true });
  const tmp = `${cliBundle}.${process.pid}.tmp`;
  await build({
    entryPoints: [path.join(root, 'lib', 'cli.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // `server-only` resolves to its empty module, as in the server bundle (and `tsx --conditions=react-server`).
    conditions: ['react-server'],
    tsconfig: path.join(root, 'tsconfig.json'),
    // Bundled CommonJS dependencies still call require(): give the ESM file one.
    banner: { js: "import { createRequire as __lwCreateRequire } from 'node:module'; const require = __lwCreateRequire(import.meta.url);" },
    logLevel: 'error',
    legalComments: 'none',
  });
  renameSync(tmp, cliBundle);
  return cliBundle;
}
