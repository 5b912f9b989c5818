import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createValuesDir, sweepLeftovers, TEMP_PREFIX } from './temp-values';

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

  it('fails clearly when the temp root is not writable', () => {
    expect(() => createValuesDir('/nonexistent-root-dir')).toThrow(/ENOENT/);
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
    writeFileSync(path.join(live, 'owner.pid'), String(process.ppid));
    const foreign = path.join(r, 'something-else');
    mkdirSync(foreign);
    expect(sweepLeftovers(r).sort()).toEqual([dead, orphan].sort());
    expect([existsSync(mine.dir), existsSync(live), existsSync(foreign)]).toEqual([true, true, true]);
  });
});
