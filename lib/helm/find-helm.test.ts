// helmAt asks a binary its version once, and again when the file changes (a real script as "helm"),
// in one process and, through the version cache file, across processes (a fresh module instance).
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { helmAt, VERSION_CACHE_ENTRIES, versionCacheFile } from './find-helm';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-find-helm-'));
const cache = path.join(dir, 'cache', 'helm-versions.json');
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
    expect((await helmAt(h.bin, 'HELM', cache)).version.raw).toBe('v4.3.1+g0123abc');
    expect(await helmAt(h.bin, 'PATH', cache)).toMatchObject({
      path: h.bin,
      source: 'PATH',
      version: { major: 4, minor: 3, patch: 1 },
    });
    expect(h.calls()).toBe(1);
  });

  it('a binary replaced in place is asked again', async () => {
    const h = fakeHelm('helm-b', 'v3.22.0+gfeed');
    expect((await helmAt(h.bin, 'HELM', cache)).version.major).toBe(3);
    writeFileSync(
      h.bin,
      `#!/bin/sh\necho x >> '${path.join(dir, 'helm-b.calls')}'\necho 'v4.0.0+gabc'\n`,
    );
    utimesSync(h.bin, new Date(), new Date(Date.now() + 5000));
    expect((await helmAt(h.bin, 'HELM', cache)).version.major).toBe(4);
    expect(h.calls()).toBe(2);
  });

  it('an unsupported version is refused every time, never remembered', async () => {
    const h = fakeHelm('helm-c', 'v2.17.0+gold');
    await expect(helmAt(h.bin, 'HELM', cache)).rejects.toThrow(/helm-c \(from HELM\)/);
    await expect(helmAt(h.bin, 'HELM', cache)).rejects.toThrow(/helm-c \(from HELM\)/);
    expect(h.calls()).toBe(2);
  });
});

/** helmAt of a new module instance: a second CLI process, with nothing in memory. */
async function freshHelmAt(): Promise<typeof helmAt> {
  vi.resetModules();
  return (await import('./find-helm')).helmAt;
}

describe('the version cache file (a new process asks no helm it already knows)', () => {
  it('a second process reads the version from the file and runs no helm; the file is 0600', async () => {
    const h = fakeHelm('helm-d', 'v4.3.1+gd');
    expect((await (await freshHelmAt())(h.bin, 'HELM', cache)).version.raw).toBe('v4.3.1+gd');
    expect(await (await freshHelmAt())(h.bin, 'PATH', cache)).toMatchObject({
      path: h.bin,
      source: 'PATH',
      version: { major: 4, minor: 3, patch: 1, raw: 'v4.3.1+gd' },
    });
    expect(h.calls()).toBe(1);
    expect(statSync(cache).mode & 0o777).toBe(0o600);
  });

  it('a binary replaced in place is asked again by the next process too', async () => {
    const h = fakeHelm('helm-e', 'v3.22.0+ge');
    expect((await (await freshHelmAt())(h.bin, 'HELM', cache)).version.major).toBe(3);
    writeFileSync(
      h.bin,
      `#!/bin/sh\necho x >> '${path.join(dir, 'helm-e.calls')}'\necho 'v4.1.0+ge'\n`,
    );
    utimesSync(h.bin, new Date(), new Date(Date.now() + 5000));
    expect((await (await freshHelmAt())(h.bin, 'HELM', cache)).version.raw).toBe('v4.1.0+ge');
    expect((await (await freshHelmAt())(h.bin, 'HELM', cache)).version.raw).toBe('v4.1.0+ge');
    expect(h.calls()).toBe(2);
  });

  it('an entry that does not parse, or a file that is not JSON, is asked again and repaired', async () => {
    const h = fakeHelm('helm-f', 'v4.0.2+gf');
    await (
      await freshHelmAt()
    )(h.bin, 'HELM', cache);
    const stored = JSON.parse(readFileSync(cache, 'utf8')) as Record<string, string>;
    const key = Object.keys(stored).find((k) => k.startsWith(`${h.bin}\0`))!;
    writeFileSync(cache, JSON.stringify({ ...stored, [key]: 'v2.17.0' }));
    expect((await (await freshHelmAt())(h.bin, 'HELM', cache)).version.raw).toBe('v4.0.2+gf');
    expect(h.calls()).toBe(2);
    expect((JSON.parse(readFileSync(cache, 'utf8')) as Record<string, string>)[key]).toBe(
      'v4.0.2+gf\n',
    );
    writeFileSync(cache, '{not json');
    expect((await (await freshHelmAt())(h.bin, 'HELM', cache)).version.raw).toBe('v4.0.2+gf');
    expect(h.calls()).toBe(3);
    expect((await (await freshHelmAt())(h.bin, 'HELM', cache)).version.raw).toBe('v4.0.2+gf');
    expect(h.calls()).toBe(3);
  });

  it('an unsupported helm is never written; no cache file (null) writes nothing', async () => {
    const own = path.join(dir, 'own', 'v.json');
    const old = fakeHelm('helm-g', 'v2.17.0+gold');
    await expect((await freshHelmAt())(old.bin, 'HELM', own)).rejects.toThrow(
      /helm-g \(from HELM\)/,
    );
    expect(existsSync(own)).toBe(false);
    const h = fakeHelm('helm-h', 'v4.3.1+gh');
    await (
      await freshHelmAt()
    )(h.bin, 'HELM', null);
    await (
      await freshHelmAt()
    )(h.bin, 'HELM', null);
    expect(h.calls()).toBe(2);
    expect(existsSync(own)).toBe(false);
  });

  it(`keeps the ${VERSION_CACHE_ENTRIES} binaries asked last: one more drops the oldest`, async () => {
    const own = path.join(dir, 'many', 'v.json');
    const bins = Array.from({ length: VERSION_CACHE_ENTRIES + 1 }, (_, i) =>
      fakeHelm(`helm-m${i}`, `v4.0.${i}`),
    );
    for (const b of bins.slice(0, VERSION_CACHE_ENTRIES))
      await (
        await freshHelmAt()
      )(b.bin, 'HELM', own);
    const full = Object.keys(JSON.parse(readFileSync(own, 'utf8')) as object);
    expect(full).toHaveLength(VERSION_CACHE_ENTRIES);
    expect(full[0]!.startsWith(`${bins[0]!.bin}\0`)).toBe(true);
    await (
      await freshHelmAt()
    )(bins[VERSION_CACHE_ENTRIES]!.bin, 'HELM', own);
    const after = Object.keys(JSON.parse(readFileSync(own, 'utf8')) as object);
    expect(after).toHaveLength(VERSION_CACHE_ENTRIES);
    expect(after.some((k) => k.startsWith(`${bins[0]!.bin}\0`))).toBe(false);
    expect(after.at(-1)!.startsWith(`${bins[VERSION_CACHE_ENTRIES]!.bin}\0`)).toBe(true);
    // The oldest is asked again; the second oldest still comes from the file.
    await (
      await freshHelmAt()
    )(bins[1]!.bin, 'HELM', own);
    await (
      await freshHelmAt()
    )(bins[0]!.bin, 'HELM', own);
    expect([bins[0]!.calls(), bins[1]!.calls()]).toEqual([2, 1]);
  });

  it('lives under XDG_CACHE_HOME when set, else ~/.cache', () => {
    expect(versionCacheFile({ XDG_CACHE_HOME: '/x/c' })).toBe(
      '/x/c/lightrun-wizard/helm-versions.json',
    );
    expect(versionCacheFile({})).toBe(
      path.join(os.homedir(), '.cache', 'lightrun-wizard', 'helm-versions.json'),
    );
  });
});
