// The headless CLI as one prebuilt file. `tsx cli/main.ts` compiled the whole import graph on every
// start (2.5–5 s before the first line of work on this machine: most of what the install benchmark
// measured as the CLI's overhead over plain helm); the bundle starts in well under a second, and in
// about half of that again through V8's code cache (cli-loader.cjs, copied beside it as `cli.cjs`:
// what runs). Rebuilt (esbuild, ~2 s) whenever a file under cli/ or lib/, package-lock.json, this file or
// the loader is newer than it; written to temp names and renamed, so parallel starts never run a
// half-written bundle.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// One bundle per checkout: git worktrees that share one node_modules (a symlink) would otherwise
// run each other's CLI, built from the other checkout's sources and newer than this one's.
const checkout = createHash('sha256').update(root).digest('hex').slice(0, 12);
const dir = path.join(root, 'node_modules', '.cache', 'lightrun-wizard', `cli-${checkout}`);
/** What runs: the loader (cli-loader.cjs), which starts `cli-bundle.cjs` beside it. */
export const cliBundle = path.join(dir, 'cli.cjs');
const bundle = path.join(dir, 'cli-bundle.cjs');
const self = fileURLToPath(import.meta.url);
const loader = path.join(path.dirname(self), 'cli-loader.cjs');

/** True when the bundle is missing or any CLI source is newer than it. */
export function cliBundleStale() {
  if (!existsSync(cliBundle) || !existsSync(bundle)) return true;
  const built = Math.min(statSync(cliBundle).mtimeMs, statSync(bundle).mtimeMs);
  const r = spawnSync(
    'git',
    [
      'ls-files',
      '-c',
      '-o',
      '--exclude-standard',
      'cli',
      'lib',
      'package-lock.json',
      'tsconfig.json',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (r.status !== 0) return true; // not a git checkout: rebuild rather than trust an old bundle
  const files = [
    self,
    loader,
    ...r.stdout
      .split('\n')
      .filter(Boolean)
      .map((f) => path.join(root, f)),
  ];
  return files.some((f) => existsSync(f) && statSync(f).mtimeMs > built);
}

/** Builds the bundle when it is stale; returns its path. */
export async function ensureCliBundle() {
  if (!cliBundleStale()) return cliBundle;
  const { build } = await import('esbuild');
  mkdirSync(dir, { recursive: true });
  const tmp = `${bundle}.${process.pid}.tmp`;
  await build({
    entryPoints: [path.join(root, 'cli', 'main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    // CommonJS: the loader compiles it as one vm.Script, the form V8's code cache takes.
    format: 'cjs',
    // package.json's engines floor (Node 22.19).
    target: 'node22',
    // `server-only` resolves to its empty module, as in the server bundle (and `tsx --conditions=react-server`).
    conditions: ['react-server'],
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'error',
    legalComments: 'none',
    // Whitespace and syntax only (names kept, so stack traces still name functions): the file
    // is half the size, and reading it and V8's check of the code cache against it take ~0.1 s
    // less of every start (bench "install").
    minifyWhitespace: true,
    minifySyntax: true,
  });
  // The code caches of older builds go first (their keys can never match again).
  for (const f of readdirSync(dir))
    if (f.endsWith('.v8cache') || f === 'cli.mjs') rmSync(path.join(dir, f), { force: true });
  renameSync(tmp, bundle);
  const loaderTmp = `${cliBundle}.${process.pid}.tmp`;
  copyFileSync(loader, loaderTmp);
  renameSync(loaderTmp, cliBundle);
  return cliBundle;
}
