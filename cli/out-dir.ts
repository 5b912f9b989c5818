import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** A refusal or failure the CLI reports as exit 2: nothing was written. */
export class OutDirError extends Error {}

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
const { O_CREAT, O_EXCL, O_NOFOLLOW, O_WRONLY } = constants;
const errno = (e: unknown) => (e as NodeJS.ErrnoException).code ?? 'error';

type DirStat = Pick<Stats, 'uid' | 'mode'> & { isDirectory: boolean };
const dirStat = (st: Stats): DirStat => ({
  uid: st.uid,
  mode: st.mode,
  isDirectory: st.isDirectory(),
});

/**
 * Pure decision: may secrets be written into a directory with these properties? Only its owner
 * (the user, or root) may write it. A sticky bit does not make a group- or world-writable one
 * safe: the others still create names in it (a file the admin later hands helm with `-f DIR/*`,
 * or the name itself, taken first), so it is refused like a plain one.
 */
export function dirProblem(st: DirStat, uid: number): string | null {
  if (!st.isDirectory) return 'is not a directory';
  if (st.mode & 0o002)
    return 'is writable by every user (anyone could replace the files in it): use a private directory, e.g. --out-dir "$(mktemp -d)"';
  if (st.mode & 0o020)
    return 'is writable by its group (its members could replace the files in it): chmod g-w it, or use a private directory, e.g. --out-dir "$(mktemp -d)"';
  if (st.uid !== uid && st.uid !== 0)
    return 'belongs to another user (they could replace the files in it): use a directory of your own';
  return null;
}

/**
 * Pure decision: may a missing --out-dir be created inside this directory (its nearest existing
 * ancestor)? Whoever may rename entries in it could swap the new directory for one of theirs:
 * its owner (unless the user or root), and any writer, unless the sticky bit (as on /tmp) keeps
 * them to their own entries.
 */
export function parentProblem(st: DirStat, uid: number): string | null {
  if (!st.isDirectory) return 'is not a directory';
  if (st.uid !== uid && st.uid !== 0)
    return 'belongs to another user (they could rename the new directory and put theirs in its place)';
  if (st.mode & 0o022 && !(st.mode & 0o1000))
    return 'is writable by other users without the sticky bit (they could rename the new directory and put theirs in its place)';
  return null;
}

/**
 * Creates the missing `dir` 0700, one level at a time and never recursively, so a name that
 * appears meanwhile fails (EEXIST) instead of being used; first its nearest existing ancestor
 * must be one only the user (or root) can rename entries in.
 */
function createOutDir(dir: string, uid: number): string {
  const missing: string[] = [];
  let at = path.resolve(dir);
  let st: Stats | undefined;
  while (st === undefined) {
    try {
      st = statSync(at);
    } catch (e) {
      if (errno(e) !== 'ENOENT' || path.dirname(at) === at)
        throw new OutDirError(`--out-dir ${dir}: cannot read ${at} (${errno(e)}).`);
      missing.unshift(at);
      at = path.dirname(at);
    }
  }
  const problem = parentProblem(dirStat(st), uid);
  if (problem)
    throw new OutDirError(
      `--out-dir ${dir}: will not create it inside ${at}, which ${problem}. Use a directory of your own, e.g. --out-dir "$(mktemp -d)". Nothing was written.`,
    );
  try {
    for (const d of missing) mkdirSync(d, { mode: DIR_MODE });
  } catch (e) {
    throw new OutDirError(`--out-dir ${dir}: cannot create it (${errno(e)}).`);
  }
  return `created ${dir} (mode 0700)`;
}

/** Creates `dir` 0700 when missing, or checks that an existing one is safe. Returns what it did. */
export function prepareOutDir(dir: string, uid = process.getuid?.() ?? 0): string | null {
  let st: Stats;
  try {
    st = statSync(dir);
  } catch (e) {
    if (errno(e) !== 'ENOENT')
      throw new OutDirError(`--out-dir ${dir}: cannot read it (${errno(e)}).`);
    return createOutDir(dir, uid);
  }
  const problem = dirProblem(dirStat(st), uid);
  if (problem) throw new OutDirError(`--out-dir ${dir} ${problem}. Nothing was written.`);
  return null;
}

/** Whether the name exists at all (a dangling symlink counts: it is never followed). */
function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Creates `file` exclusively (never through a symlink), mode exactly 0600, and writes it whole. */
function writeNew(file: string, content: string | Uint8Array): void {
  const fd = openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, FILE_MODE);
  try {
    fchmodSync(fd, FILE_MODE); // the umask may have taken bits off; never added any
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes one new file (the support bundle's --out): its directory must exist and be safe (as for
 * --out-dir), the file is created with O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600, and an existing name
 * (a symlink included) is refused, never overwritten.
 */
export function writeExclusiveFile(
  file: string,
  content: string | Uint8Array,
  uid = process.getuid?.() ?? 0,
): string {
  checkOutFile(file, uid);
  try {
    writeNew(file, content);
  } catch (e) {
    throw new OutDirError(
      `--out ${file}: ${errno(e) === 'EEXIST' ? 'appeared meanwhile: nothing was written' : `cannot write it (${errno(e)})`}.`,
    );
  }
  return `wrote ${file} (new file, mode 0600)`;
}

/** Refuses (OutDirError) an --out file that exists or lies in an unsafe or missing directory. */
export function checkOutFile(file: string, uid = process.getuid?.() ?? 0): void {
  const dir = path.dirname(path.resolve(file));
  let st: Stats;
  try {
    st = statSync(dir);
  } catch (e) {
    throw new OutDirError(
      `--out ${file}: the directory ${dir} cannot be read (${errno(e)}); create it first.`,
    );
  }
  const problem = dirProblem(dirStat(st), uid);
  if (problem)
    throw new OutDirError(`--out ${file}: the directory ${dir} ${problem}. Nothing was written.`);
  if (exists(file))
    throw new OutDirError(
      `--out ${file} already exists: nothing was written. Choose a new file name (it is never overwritten).`,
    );
}

export type OutFile = { name: string; content: string };

/**
 * Writes each file into `dir` with O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600. An existing name is
 * refused before anything is written, unless `force`: then a fresh 0600 file is written beside it
 * and renamed over it (rename replaces a symlink itself, never its target). Returns one line per
 * action, for the CLI to print.
 */
export function writeOutFiles(dir: string, files: OutFile[], force: boolean): string[] {
  const done: string[] = [];
  const created = prepareOutDir(dir);
  if (created) done.push(created);
  const existing = files.map((f) => path.join(dir, f.name)).filter(exists);
  if (existing.length > 0 && !force) {
    throw new OutDirError(
      `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}: nothing was written. Use --force to replace ${existing.length === 1 ? 'it' : 'them'} with new 0600 files.`,
    );
  }
  for (const f of files) {
    const target = path.join(dir, f.name);
    try {
      if (!existing.includes(target)) {
        writeNew(target, f.content);
        done.push(`wrote ${target} (new file, mode 0600)`);
        continue;
      }
      const tmp = path.join(dir, `.${f.name}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        writeNew(tmp, f.content);
        renameSync(tmp, target);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
      done.push(`replaced ${target} (--force: a new file, mode 0600; the old one is gone)`);
    } catch (e) {
      throw new OutDirError(
        `${target}: cannot write it (${errno(e)}).${done.length ? ` Already done: ${done.join('; ')}.` : ''}`,
      );
    }
  }
  return done;
}
