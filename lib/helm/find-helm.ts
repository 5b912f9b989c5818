import 'server-only';
/**
 * Finds the helm binary: `HELM` env, then `helm` on PATH, then the one `npm run cluster -- build`
 * caches (~/.cache/lightrun-wizard-cluster/bin/helm-v*), and reads its version.
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VERSION_ARGS } from './args';
import { runProcess } from './spawn';
import { parseHelmVersion, type HelmVersion } from './version';

export interface HelmBinary {
  path: string;
  version: HelmVersion;
  /** Where it was found. */
  source: 'HELM' | 'PATH' | 'cluster cache';
}

export class HelmNotFoundError extends Error {}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, 'helm');
    if (executable(p)) return p;
  }
  return null;
}

/** The cluster script's cached helm v4 (newest first), built by `npm run cluster -- build`. */
export function cachedHelm(env: NodeJS.ProcessEnv = process.env): string | null {
  const bin = path.join(
    env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
    'lightrun-wizard-cluster',
    'bin',
  );
  if (!existsSync(bin)) return null;
  const dirs = readdirSync(bin)
    .filter((d) => /^helm-v\d+\.\d+\.\d+$/.test(d) && existsSync(path.join(bin, d, '.ok')))
    .sort()
    .reverse();
  for (const d of dirs) if (executable(path.join(bin, d, 'helm'))) return path.join(bin, d, 'helm');
  return null;
}

/**
 * Versions already read, by binary: a server asks for helm on every install and action, and each
 * `helm version` is a process (~50-100 ms here). Keyed by the file's identity and change time, so
 * a binary replaced or upgraded in place is asked again.
 */
const versions = new Map<string, HelmVersion>();
const identity = (p: string): string | null => {
  try {
    const st = statSync(p);
    return `${p}\0${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch {
    return null;
  }
};

/**
 * The same answers on disk, for the CLI: every `npm run cli -- install` is a new process, and its
 * `helm version` (~85 ms, bench "install") sat before the first API call. The same identity keys;
 * the file holds helm's own output, parsed again when read (an entry that does not parse is
 * asked again), at most VERSION_CACHE_ENTRIES binaries, written 0600 to a temp name and renamed.
 * Reading or writing it never fails a command: it then costs the process.
 */
export const VERSION_CACHE_ENTRIES = 32;
export function versionCacheFile(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  return path.join(
    env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
    'lightrun-wizard',
    'helm-versions.json',
  );
}
function readVersionCache(file: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}
function rememberVersion(file: string, key: string, output: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const entries = Object.entries(readVersionCache(file)).filter(
      ([k, v]) => k !== key && typeof v === 'string',
    );
    const kept = Object.fromEntries([
      ...entries.slice(-(VERSION_CACHE_ENTRIES - 1)),
      [key, output],
    ]);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(tmp, JSON.stringify(kept), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/**
 * Reads `helm version --short` of one binary (once per binary file: in memory, then in
 * `cacheFile`, null for none); throws HelmNotFoundError with the fix when unsupported.
 */
export async function helmAt(
  p: string,
  source: HelmBinary['source'],
  cacheFile: string | null = versionCacheFile(),
): Promise<HelmBinary> {
  const key = identity(p);
  const known = key === null ? undefined : versions.get(key);
  if (known) return { path: p, version: known, source };
  if (key !== null && cacheFile !== null) {
    const stored = readVersionCache(cacheFile)[key];
    const v = typeof stored === 'string' ? parseHelmVersion(stored) : null;
    if (v?.ok) {
      versions.set(key, v.version);
      return { path: p, version: v.version, source };
    }
  }
  const r = await runProcess(p, VERSION_ARGS);
  if (r.code !== 0)
    throw new HelmNotFoundError(
      `${p} (from ${source}) did not run: ${r.stderr.trim().slice(0, 200) || `exit ${r.code}`}`,
    );
  const v = parseHelmVersion(r.stdout);
  if (!v.ok) throw new HelmNotFoundError(`${p} (from ${source}): ${v.message}`);
  if (key !== null) {
    versions.set(key, v.version);
    if (cacheFile !== null) rememberVersion(cacheFile, key, r.stdout.slice(0, 200));
  }
  return { path: p, version: v.version, source };
}

/** The helm the wizard uses, with its version; throws HelmNotFoundError saying how to get one. */
export async function findHelm(env: NodeJS.ProcessEnv = process.env): Promise<HelmBinary> {
  const cache = versionCacheFile(env);
  if (env.HELM) return helmAt(env.HELM, 'HELM', cache);
  const p = onPath(env);
  if (p) return helmAt(p, 'PATH', cache);
  const c = cachedHelm(env);
  if (c) return helmAt(c, 'cluster cache', cache);
  throw new HelmNotFoundError(
    'No helm found: set HELM to the binary, put helm 3.12+ or helm 4 on PATH, or run `npm run cluster -- build`.',
  );
}
