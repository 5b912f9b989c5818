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

/** Pure decision: may secrets be written into a directory with these properties? */
export function dirProblem(
  st: Pick<Stats, 'uid' | 'mode'> & { isDirectory: boolean },
  uid: number,
): string | null {
  if (!st.isDirectory) return 'is not a directory';
  if (st.mode & 0o002)
    return 'is writable by every user (anyone could replace the files in it): use a private directory, e.g. --out-dir "$(mktemp -d)"';
  if (st.uid !== uid && st.uid !== 0)
    return 'belongs to another user (they could replace the files in it): use a directory of your own';
  return null;
}

/** Creates `dir` 0700 when missing, or checks that an existing one is safe. Returns what it did. */
export function prepareOutDir(dir: string, uid = process.getuid?.() ?? 0): string | null {
  let st: Stats;
  try {
    st = statSync(dir);
  } catch (e) {
    if (errno(e) !== 'ENOENT')
      throw new OutDirError(`--out-dir ${dir}: cannot read it (${errno(e)}).`);
    try {
      mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    } catch (e2) {
      throw new OutDirError(`--out-dir ${dir}: cannot create it (${errno(e2)}).`);
    }
    return `created ${dir} (mode 0700)`;
  }
  const problem = dirProblem({ uid: st.uid, mode: st.mode, isDirectory: st.isDirectory() }, uid);
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
  const problem = dirProblem({ uid: st.uid, mode: st.mode, isDirectory: st.isDirectory() }, uid);
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
