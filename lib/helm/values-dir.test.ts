import { afterEach, describe, expect, it } from 'vitest';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  createValuesDir,
  processStartTime,
  sweepLeftovers,
  TEMP_PREFIX,
  TempDirError,
} from './values-dir';

const roots: string[] = [];
const root = () => {
  const r = mkdtempSync(path.join(os.tmpdir(), 'lw-temp-test-'));
  roots.push(r);
  return r;
};
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

describe('createValuesDir', () => {
  it('makes a 0700 directory with 0600 files and removes it all', () => {
    const v = createValuesDir(root());
    const f = v.write('values.yaml', 'a: 1\n');
    expect(statSync(v.dir).mode & 0o777).toBe(0o700);
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(readFileSync(f, 'utf8')).toBe('a: 1\n');
    v.remove();
    v.remove();
    expect(existsSync(v.dir)).toBe(false);
  });

  it('refuses to write through a planted symlink or over an existing file', () => {
    const r = root();
    const v = createValuesDir(r);
    const target = path.join(r, 'target');
    writeFileSync(target, 'x');
    symlinkSync(target, path.join(v.dir, 'secrets.yaml'));
    expect(() => v.write('secrets.yaml', 'secret')).toThrow(/EEXIST|ELOOP/);
    expect(readFileSync(target, 'utf8')).toBe('x');
    v.write('values.yaml', '1');
    expect(() => v.write('values.yaml', '2')).toThrow(/EEXIST/);
    expect(() => v.write('../escape.yaml', '2')).toThrow('bad values file name ../escape.yaml');
  });

  it('fails clearly, naming the directory and the fix, when the temp root is unusable', () => {
    expect(() => createValuesDir('/nonexistent-root-dir')).toThrow(
      new TempDirError('/nonexistent-root-dir', 'ENOENT'),
    );
    expect(new TempDirError('/t', 'ENOENT').message).toBe(
      "Cannot write helm's values file in the temporary directory /t: it does not exist. Nothing was sent to the cluster. Free space there, or start the wizard with TMPDIR set to a private writable directory (the file is a few KB), then install again.",
    );
    const file = path.join(root(), 'a-file');
    writeFileSync(file, '');
    expect(() => createValuesDir(file)).toThrow(new TempDirError(file, 'ENOTDIR'));
    expect(new TempDirError('/t', 'ENOSPC').message).toContain(
      '/t: the file system holding it is full.',
    );
    expect(new TempDirError('/t', 'EROFS').message).toContain(
      '/t: it is on a read-only file system.',
    );
    expect(new TempDirError('/t', 'EACCES').message).toContain(
      '/t: this server may not write there.',
    );
  });

  // A real full file system (a 64 KiB tmpfs; this machine's tests run as root). A write larger than
  // the space left is taken in part without an error: the file must never be left truncated.
  it('a full file system: ENOSPC named, no partial file left (a partial write is not success)', () => {
    expect(process.getuid?.(), 'needs root to mount a tmpfs').toBe(0);
    const mnt = root();
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', mnt], {
      encoding: 'utf8',
    });
    expect(m.status, m.stderr).toBe(0);
    try {
      const v = createValuesDir(mnt);
      const big = 'x'.repeat(200 * 1024);
      let err: unknown;
      try {
        v.write('values.yaml', big);
      } catch (e) {
        err = e;
      }
      expect(err).toEqual(new TempDirError(mnt, 'ENOSPC'));
      expect(readdirSync(v.dir).sort()).toEqual(['owner.pid']);
      v.remove();
      expect(readdirSync(mnt)).toEqual([]);
    } finally {
      spawnSync('umount', [mnt]);
    }
  });
});

describe('sweepLeftovers', () => {
  it('removes dirs of dead owners and of no owner, keeps live ones and foreign dirs', () => {
    const r = root();
    const mine = createValuesDir(r);
    const dead = path.join(r, `${TEMP_PREFIX}dead`);
    mkdirSync(dead);
    writeFileSync(path.join(dead, 'owner.pid'), '999999999');
    const orphan = path.join(r, `${TEMP_PREFIX}orphan`);
    mkdirSync(orphan);
    const live = path.join(r, `${TEMP_PREFIX}live`);
    mkdirSync(live);
    writeFileSync(
      path.join(live, 'owner.pid'),
      `${process.ppid}\n${processStartTime(process.ppid)}\nother-instance\n`,
    );
    const foreign = path.join(r, 'something-else');
    mkdirSync(foreign);
    expect(sweepLeftovers(r).sort()).toEqual([dead, orphan].sort());
    expect([existsSync(mine.dir), existsSync(live), existsSync(foreign)]).toEqual([
      true,
      true,
      true,
    ]);
  });
});

describe('sweepLeftovers: who counts as the owner', () => {
  const plant = (r: string, name: string, owner: string) => {
    const d = path.join(r, `${TEMP_PREFIX}${name}`);
    mkdirSync(d);
    writeFileSync(path.join(d, 'owner.pid'), owner);
    writeFileSync(path.join(d, 'values.yaml'), 'secret: x');
    return d;
  };
  it("a predecessor with this very pid (a restarted container is pid 1 again) is swept; this process's own dir is kept", () => {
    const r = root();
    const mine = createValuesDir(r);
    const predecessor = plant(
      r,
      'pred',
      `${process.pid}\n${processStartTime('self')}\nan-earlier-instance\n`,
    );
    expect(sweepLeftovers(r)).toEqual([predecessor]);
    expect(existsSync(mine.dir)).toBe(true);
  });
  it('a live pid that started at another time is a reused pid: swept; the same start time: kept', () => {
    const r = root();
    const start = processStartTime(process.ppid);
    expect(start).toMatch(/^\d+$/);
    const reused = plant(r, 'reused', `${process.ppid}\n${Number(start) + 1}\nx\n`);
    const same = plant(r, 'same', `${process.ppid}\n${start}\nx\n`);
    const dryRun = path.join(r, 'lightrun-wizard-dryrun-dead');
    mkdirSync(dryRun);
    expect(sweepLeftovers(r).sort()).toEqual([dryRun, reused].sort());
    expect(existsSync(same)).toBe(true);
  });
  it('the own-file names three lines: pid, start time, instance', () => {
    const v = createValuesDir(root());
    const [pid, start, id] = readFileSync(path.join(v.dir, 'owner.pid'), 'utf8').split('\n');
    expect([Number(pid), start, id!.length]).toEqual([process.pid, processStartTime('self'), 36]);
  });
});
