// Set-up shared by `npm start` and `npm test`: install what is missing, never what is there.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** Runs a command with an argument vector (never a shell); throws on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return r;
}

/**
 * Installs the locked npm packages when node_modules is missing or older than package-lock.json.
 * `npm install`, not `npm ci`: the registry this project is limited to does not serve Next's
 * macOS/Windows SWC binaries, so the lock cannot list them and `npm ci` refuses the lock as out of
 * sync. `npm install` still installs exactly the locked versions of everything it can resolve.
 */
export function ensureNodeModules() {
  const lock = path.join(root, 'package-lock.json');
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.error('[setup] installing npm packages (npm install from package-lock.json)');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

/** Debian's Chromium for Playwright; never a downloaded browser. */
export function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  console.error('[setup] installing Debian chromium (apt-get)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', 'chromium'], { env });
}

/** Whether the Next.js production build is missing or older than a source. */
export function needsBuild() {
  const stamp = path.join(root, '.next', 'BUILD_ID');
  return !existsSync(stamp) || sourcesNewerThan(statSync(stamp).mtimeMs);
}

/** Next.js production build, redone when any source is newer than the last build. */
export function ensureBuild({ force = false } = {}) {
  if (!force && !needsBuild()) return;
  console.error('[setup] building the wizard (next build)');
  run('npx', ['next', 'build'], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
}

function sourcesNewerThan(t) {
  const r = spawnSync(
    'git',
    [
      'ls-files',
      '-m',
      '-o',
      '--exclude-standard',
      '-c',
      'app',
      'components',
      'lib',
      'public',
      'proxy.ts',
      'next.config.js',
      'package-lock.json',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (r.status !== 0) return true;
  for (const f of r.stdout.split('\n').filter(Boolean)) {
    const p = path.join(root, f);
    if (existsSync(p) && statSync(p).mtimeMs > t) return true;
  }
  return false;
}
