import { CLI_BUNDLE } from '../test/cli-bundle';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dirProblem, parentProblem } from './out-dir';

const root = path.resolve(__dirname, '..');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd: root, encoding: 'utf8' });
const answers = path.join(root, 'examples', 'external-db', 'answers.yaml');
const made: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'cli-out-'));
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const mode = (p: string) => statSync(p).mode & 0o777;
const render = (dir: string, ...extra: string[]) =>
  cli('render', '--answers', answers, '--out-dir', dir, '--split-secrets', ...extra);

describe('render --out-dir', () => {
  it('creates a missing directory 0700 and both files 0600, and says so', () => {
    const dir = path.join(tmp(), 'new', 'out');
    const r = render(dir);
    expect(r.status).toBe(0);
    expect(mode(dir)).toBe(0o700);
    expect([mode(path.join(dir, 'values.yaml')), mode(path.join(dir, 'secrets.yaml'))]).toEqual([
      0o600, 0o600,
    ]);
    expect(r.stderr.split('\n')).toEqual([
      `created ${dir} (mode 0700)`,
      `wrote ${dir}/values.yaml (new file, mode 0600)`,
      `wrote ${dir}/secrets.yaml (new file, mode 0600)`,
      'keep secrets.yaml out of version control',
      '',
    ]);
  });

  it('refuses an existing file and writes nothing (not even the files that do not exist yet)', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'secrets.yaml'), 'old', { mode: 0o644 });
    const r = render(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `${dir}/secrets.yaml already exists: nothing was written. Use --force to replace it with new 0600 files.\n`,
    );
    expect(existsSync(path.join(dir, 'values.yaml'))).toBe(false);
    expect(readFileSync(path.join(dir, 'secrets.yaml'), 'utf8')).toBe('old');
  });

  it('--force replaces an existing 0644 file with a fresh 0600 one', () => {
    const dir = tmp();
    const file = path.join(dir, 'secrets.yaml');
    writeFileSync(file, 'old', { mode: 0o644 });
    chmodSync(file, 0o644);
    const r = render(dir, '--force');
    expect(r.status).toBe(0);
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^# /);
    expect(r.stderr).toContain(
      `replaced ${file} (--force: a new file, mode 0600; the old one is gone)`,
    );
  });

  it('never follows a planted symlink: refused, and with --force the link itself is replaced', () => {
    const dir = tmp();
    const target = path.join(tmp(), 'victim.txt');
    writeFileSync(target, 'victim');
    symlinkSync(target, path.join(dir, 'secrets.yaml'));
    const r = render(dir);
    expect(r.status).toBe(2);
    expect(readlinkSync(path.join(dir, 'secrets.yaml'))).toBe(target);
    const f = render(dir, '--force');
    expect(f.status).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('victim');
    expect(lstatSync(path.join(dir, 'secrets.yaml')).isSymbolicLink()).toBe(false);
    expect(mode(path.join(dir, 'secrets.yaml'))).toBe(0o600);
  });

  it('a dangling symlink counts as an existing file (it would create the target elsewhere)', () => {
    const dir = tmp();
    const target = path.join(tmp(), 'created-elsewhere.yaml');
    symlinkSync(target, path.join(dir, 'values.yaml'));
    expect(render(dir).status).toBe(2);
    expect(existsSync(target)).toBe(false);
  });

  it('--out-dir pointing at a file exits 2 with a message', () => {
    const file = path.join(tmp(), 'a-file');
    writeFileSync(file, 'x');
    const r = render(file);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`--out-dir ${file} is not a directory. Nothing was written.\n`);
  });

  it('refuses a world-writable directory', () => {
    const dir = tmp();
    chmodSync(dir, 0o777);
    const r = render(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is writable by every user/);
    mkdirSync(path.join(dir, 'ok'), { mode: 0o700 });
  });

  it('refuses a group-writable directory, sticky or not, and accepts one only its owner writes', () => {
    for (const m of [0o770, 0o1770]) {
      const dir = tmp();
      chmodSync(dir, m);
      const r = render(dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `--out-dir ${dir} is writable by its group (its members could replace the files in it): chmod g-w it, or use a private directory, e.g. --out-dir "$(mktemp -d)". Nothing was written.\n`,
      );
      expect(existsSync(path.join(dir, 'values.yaml'))).toBe(false);
    }
    const ok = tmp();
    chmodSync(ok, 0o750);
    expect(render(ok).status).toBe(0);
  });

  it("never creates the directory inside another user's directory (root's excepted)", () => {
    const theirs = tmp();
    chmodSync(theirs, 0o755);
    chownSync(theirs, 65534, 65534);
    for (const dir of [path.join(theirs, 'out'), path.join(theirs, 'a', 'b')]) {
      const r = render(dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `--out-dir ${dir}: will not create it inside ${theirs}, which belongs to another user (they could rename the new directory and put theirs in its place). Use a directory of your own, e.g. --out-dir "$(mktemp -d)". Nothing was written.\n`,
      );
      expect(existsSync(path.join(theirs, 'out'))).toBe(false);
      expect(existsSync(path.join(theirs, 'a'))).toBe(false);
    }
    chownSync(theirs, 0, 0); // root's (here: the user's own) directory: created
    expect(render(path.join(theirs, 'out')).status).toBe(0);
    expect(mode(path.join(theirs, 'out'))).toBe(0o700);
  });

  it('creates it inside a directory others can write only when that one is sticky (as /tmp)', () => {
    for (const m of [0o770, 0o777]) {
      const parent = tmp();
      chmodSync(parent, m);
      const r = render(path.join(parent, 'out'));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/, which is writable by other users without the sticky bit \(/);
      expect(existsSync(path.join(parent, 'out'))).toBe(false);
    }
    for (const m of [0o1770, 0o1777]) {
      const parent = tmp();
      chmodSync(parent, m);
      expect(render(path.join(parent, 'out')).status).toBe(0);
      expect(mode(path.join(parent, 'out'))).toBe(0o700);
    }
  });
});

describe('dirProblem', () => {
  it.each([
    [{ uid: 1000, mode: 0o40700, isDirectory: true }, 1000, null],
    [{ uid: 1000, mode: 0o40755, isDirectory: true }, 1000, null],
    [{ uid: 1000, mode: 0o40775, isDirectory: true }, 1000, 'group'],
    [{ uid: 1000, mode: 0o41770, isDirectory: true }, 1000, 'group'],
    [{ uid: 1000, mode: 0o40720, isDirectory: true }, 1000, 'group'],
    [{ uid: 0, mode: 0o40755, isDirectory: true }, 1000, null],
    [{ uid: 1000, mode: 0o41777, isDirectory: true }, 1000, 'world'],
    [{ uid: 1000, mode: 0o40702, isDirectory: true }, 1000, 'world'],
    [{ uid: 1001, mode: 0o40700, isDirectory: true }, 1000, 'foreign'],
    [{ uid: 1000, mode: 0o100600, isDirectory: false }, 1000, 'file'],
  ])('%j as uid %i → %s', (st, uid, kind) => {
    const p = dirProblem(st, uid);
    const got =
      p === null
        ? null
        : p.startsWith('is writable by every user')
          ? 'world'
          : p.startsWith('is writable by its group')
            ? 'group'
            : p.startsWith('belongs')
              ? 'foreign'
              : p === 'is not a directory'
                ? 'file'
                : p;
    expect(got).toBe(kind);
  });
});

describe('parentProblem (where a missing --out-dir may be created)', () => {
  it.each([
    [{ uid: 1000, mode: 0o40755, isDirectory: true }, 1000, null],
    [{ uid: 0, mode: 0o40755, isDirectory: true }, 1000, null],
    [{ uid: 0, mode: 0o41777, isDirectory: true }, 1000, null],
    [{ uid: 1000, mode: 0o41770, isDirectory: true }, 1000, null],
    [{ uid: 1001, mode: 0o40755, isDirectory: true }, 1000, 'foreign'],
    [{ uid: 1001, mode: 0o41777, isDirectory: true }, 1000, 'foreign'],
    [{ uid: 1000, mode: 0o40770, isDirectory: true }, 1000, 'others'],
    [{ uid: 0, mode: 0o40777, isDirectory: true }, 1000, 'others'],
    [{ uid: 1000, mode: 0o40702, isDirectory: true }, 1000, 'others'],
    [{ uid: 1000, mode: 0o100600, isDirectory: false }, 1000, 'file'],
  ])('%j as uid %i → %s', (st, uid, kind) => {
    const p = parentProblem(st, uid);
    const got =
      p === null
        ? null
        : p.startsWith('belongs')
          ? 'foreign'
          : p.startsWith('is writable by other users')
            ? 'others'
            : p === 'is not a directory'
              ? 'file'
              : p;
    expect(got).toBe(kind);
  });
});

describe('messages never quote the answers file', () => {
  it.each([
    ['a.json', '{"license": {"content": Sup3rSecretLicense}}'],
    ['a.yaml', 'general:\n  MIIsecretKeyLine: 1\n'],
    ['b.yaml', 'x: !Sup3rSecretTag 1\n'],
  ])('%s', (name, text) => {
    const file = path.join(tmp(), name);
    writeFileSync(file, text);
    const r = cli('validate', '--answers', file);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/Sup3rSecret|MIIsecret/);
  });
});
