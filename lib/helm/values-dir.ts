import 'server-only';
/**
 * Values files for helm: 0600 files in a private 0700 directory, created exclusively (never
 * following a link), removed when the job ends however it ends; leftovers of a killed server are
 * removed at the next start (`sweepLeftovers`, run by instrumentation.ts when the server starts).
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEMP_PREFIX = 'lightrun-wizard-values-';
const OWNER_FILE = 'owner.pid';

/**
 * Who owns a directory: the pid, the process's start time (Linux: /proc/<pid>/stat field 22)
 * and a random id of this process. A pid alone is not enough: in a container the restarted
 * server is pid 1 again, and a pid can be reused by another program.
 */
const g = globalThis as typeof globalThis & { __lightrunInstanceId?: string };
const instanceId = (g.__lightrunInstanceId ??= randomUUID());

/** Start time of a process in clock ticks since boot, or null where /proc is not available. */
export function processStartTime(pid: number | 'self'): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null; // field 22 overall
  } catch {
    return null;
  }
}

/** A temp directory that cannot take the values file, said with the directory and the fix (never the values). */
export class TempDirError extends Error {
  constructor(
    readonly dir: string,
    readonly code: string | undefined,
  ) {
    const why =
      code === 'ENOSPC' || code === 'EDQUOT'
        ? 'the file system holding it is full'
        : code === 'EACCES' || code === 'EPERM'
          ? 'this server may not write there'
          : code === 'EROFS'
            ? 'it is on a read-only file system'
            : code === 'ENOENT' || code === 'ENOTDIR'
              ? 'it does not exist'
              : `writing failed (${code ?? 'unknown error'})`;
    super(
      `Cannot write helm's values file in the temporary directory ${dir}: ${why}. Nothing was sent to the cluster. Free space there, or start the wizard with TMPDIR set to a private writable directory (the file is a few KB), then install again.`,
    );
    this.name = 'TempDirError';
  }
}

export interface ValuesDir {
  dir: string;
  /** Writes one file (0600, O_EXCL|O_NOFOLLOW) and returns its path. */
  write(name: string, text: string): string;
  /** Removes the directory and everything in it (idempotent). */
  remove(): void;
}

/** Writes all of `text` (a nearly full disk can take part of a write without an error). */
function writeExclusive(file: string, text: string): void {
  const fd = openSync(
    file,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
  } finally {
    closeSync(fd);
  }
}

const codeOf = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** Creates a private directory for one job's values files. Throws TempDirError when the temp dir is unusable. */
export function createValuesDir(root: string = os.tmpdir(), prefix = TEMP_PREFIX): ValuesDir {
  let dir: string;
  try {
    dir = mkdtempSync(path.join(/*turbopackIgnore: true*/ root, prefix)); // mkdtemp creates it 0700
  } catch (e) {
    throw new TempDirError(root, codeOf(e));
  }
  try {
    writeExclusive(
      path.join(dir, OWNER_FILE),
      `${process.pid}\n${processStartTime('self') ?? ''}\n${instanceId}\n`,
    );
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new TempDirError(root, codeOf(e));
  }
  let removed = false;
  return {
    dir,
    write(name, text) {
      if (!/^[a-z0-9-]+\.yaml$/.test(name)) throw new Error(`bad values file name ${name}`);
      const file = path.join(dir, name);
      try {
        writeExclusive(file, text);
      } catch (e) {
        rmSync(file, { force: true }); // a full disk must not leave half a file of secrets
        const code = codeOf(e);
        if (code === 'EEXIST' || code === 'ELOOP') throw e; // planted in our own dir: not a temp dir problem
        throw new TempDirError(root, code);
      }
      return file;
    },
    remove() {
      if (removed) return;
      removed = true;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the directory's owner is this process or another one still running. */
function ownerRunning(ownerFile: string): boolean {
  if (!existsSync(ownerFile)) return false;
  const [pidText = '', start = '', id = ''] = readFileSync(ownerFile, 'utf8').split('\n');
  if (id === instanceId) return true;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false; // same pid, another instance: our predecessor (a restarted container)
  if (!alive(pid)) return false;
  // The pid runs: the owner only if it started when the owner did (not a reused pid).
  const now = processStartTime(pid);
  return start === '' || now === null || now === start;
}

/** Prefixes of the directories that hold secrets for helm: the install's values and the preflight's dry run. */
export const SWEPT_PREFIXES = [TEMP_PREFIX, 'lightrun-wizard-dryrun-'] as const;

/** Removes values directories whose owning server process is gone; returns what it removed. */
export function sweepLeftovers(root: string = os.tmpdir()): string[] {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return removed;
  }
  for (const name of entries) {
    if (!SWEPT_PREFIXES.some((p) => name.startsWith(p))) continue;
    const dir = path.join(root, name);
    if (ownerRunning(path.join(dir, OWNER_FILE))) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}
