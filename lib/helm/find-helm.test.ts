// helmAt asks a binary its version once, and again when the file changes (a real script as "helm").
import { chmodSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { helmAt } from './find-helm';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-find-helm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeHelm(name: string, version: string): { bin: string; calls: () => number } {
  const bin = path.join(dir, name);
  const count = path.join(dir, `${name}.calls`);
  writeFileSync(count, '');
  writeFileSync(bin, `#!/bin/sh\necho x >> '${count}'\necho '${version}'\n`);
  chmodSync(bin, 0o755);
  return { bin, calls: () => readFileSync(count, 'utf8').split('\n').filter(Boolean).length };
}

describe('helmAt', () => {
  it('reads the version once per binary file', async () => {
    const h = fakeHelm('helm-a', 'v4.3.1+g0123abc');
    expect((await helmAt(h.bin, 'HELM')).version.raw).toBe('v4.3.1+g0123abc');
    expect(await helmAt(h.bin, 'PATH')).toMatchObject({ path: h.bin, source: 'PATH', version: { major: 4, minor: 3, patch: 1 } });
    expect(h.calls()).toBe(1);
  });

  it('a binary replaced in place is asked again', async () => {
    const h = fakeHelm('helm-b', 'v3.22.0+gfeed');
    expect((await helmAt(h.bin, 'HELM')).version.major).toBe(3);
    writeFileSync(h.bin, `#!/bin/sh\necho x >> '${path.join(dir, 'helm-b.calls')}'\necho 'v4.0.0+gabc'\n`);
    utimesSync(h.bin, new Date(), new Date(Date.now() + 5000));
    expect((await helmAt(h.bin, 'HELM')).version.major).toBe(4);
    expect(h.calls()).toBe(2);
  });

  it('an unsupported version is refused every time, never remembered', async () => {
    const h = fakeHelm('helm-c', 'v2.17.0+gold');
    await expect(helmAt(h.bin, 'HELM')).rejects.toThrow(/helm-c \(from HELM\)/);
    await expect(helmAt(h.bin, 'HELM')).rejects.toThrow(/helm-c \(from HELM\)/);
    expect(h.calls()).toBe(2);
  });
});
