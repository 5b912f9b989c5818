import 'server-only';
/**
 * Values files for helm: 0600 files in a private 0700 directory, created exclusively (never
 * following a link), removed when the job ends however it ends; leftovers of a killed server are
 * removed at the next start (`sweepLeftovers`).
 */
import { closeSync, constants, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEMP_PREFIX = 'lightrun-wizard-values-';
const OWNER_FILE = 'owner.pid';

export interface ValuesDir {
  dir: string;
  /** Writes one file (0600, O_EXCL|O_NOFOLLOW) and returns its path. */
  write(name: string, text: string): string;
  /** Removes the directory and everything in it (idempotent). */
  remove(): void;
}

function writeExclusive(file: string, text: string): void {
  const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** Creates a private directory for one job's values files. Throws with the reason when the temp dir is unusable. */
export function createValuesDir(root: string = os.tmpdir()): ValuesDir {
  const dir = mkdtempSync(path.join(root, TEMP_PREFIX)); // mkdtemp creates it 0700
  writeExclusive(path.join(dir, OWNER_FILE), String(process.pid));
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
        throw e;
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
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const dir = path.join(root, name);
    const owner = path.join(dir, OWNER_FILE);
    const pid = existsSync(owner) ? Number(readFileSync(owner, 'utf8')) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) continue;
    if (pid === process.pid) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}
