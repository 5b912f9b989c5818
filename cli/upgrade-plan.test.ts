import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { RELEASES_394 } from '../lib/upgrade/__fixtures__/releases';
import { translateTo350 } from '../lib/upgrade/translate';
import { runUpgradePlan } from './upgrade-plan';

const dir = mkdtempSync(path.join(tmpdir(), 'lw-upgrade-plan-'));
const file = (name: string, v: unknown) => {
  const f = path.join(dir, name);
  writeFileSync(f, stringify(v));
  return f;
};
const run = (...args: string[]) => {
  let out = '';
  let err = '';
  const code = runUpgradePlan(
    ['upgrade-plan', ...args],
    (s) => void (out += s),
    (s) => void (err += s),
  );
  return { code, out, err };
};

describe('cli upgrade-plan', () => {
  it('prints the plan of a release and writes the translated values 0600 with --out-dir', () => {
    const out = path.join(dir, 'out');
    const r = run('--values', file('u4.yaml', RELEASES_394.U4), '--out-dir', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Upgrade plan: chart 3\.9\.4 → 3\.50\.0/);
    expect(r.out).toContain('Scale StatefulSet <release>-mq to 0');
    expect(r.out).toContain('What cannot be undone:');
    const written = path.join(out, 'values-3.50.yaml');
    expect(statSync(written).mode & 0o777).toBe(0o600);
    expect(parse(readFileSync(written, 'utf8'))).toEqual(translateTo350(RELEASES_394.U4).values);
    expect(r.err).toContain('keep it out of version control');
  });

  it('never prints a value of the release (passwords, license, certificate)', () => {
    const v = RELEASES_394.U1 as { secrets: { db: { password: string } } };
    const r = run('--values', file('u1.yaml', v));
    expect(r.code).toBe(0);
    expect(v.secrets.db.password.length).toBeGreaterThan(4);
    expect(r.out + r.err).not.toContain(v.secrets.db.password);
  });

  it('refuses what is no 3.9.4 release: no file, a 3.50 file, an unknown flag', () => {
    expect(run()).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^--values: needs the file/),
    });
    const r350 = run('--values', file('new.yaml', { general: { crons: { enabled: true } } }));
    expect(r350.code).toBe(2);
    expect(r350.err).toContain('already for chart 3.50');
    expect(r350.out).toBe('');
    expect(run('--value', 'x')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^--value: unknown option/),
    });
  });

  it('does not replace an existing values-3.50.yaml without --force', () => {
    const out = path.join(dir, 'twice');
    const f = file('u2.yaml', RELEASES_394.U2);
    expect(run('--values', f, '--out-dir', out).code).toBe(0);
    const again = run('--values', f, '--out-dir', out);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists: nothing was written');
    expect(run('--values', f, '--out-dir', out, '--force').code).toBe(0);
  });
});
