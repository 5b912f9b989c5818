import { describe, expect, it } from 'vitest';
import { chartOfflineCommands, mirrorCommands, mirrorPairs, shellLine, shellQuote } from './mirror';

const D = 'sha256:' + 'b'.repeat(64);
const reg = { host: 'reg.example.com:5000', prefix: 'mirror' };

describe('shellQuote', () => {
  it.each([
    ['docker.io/library/mysql:8.0.38', 'docker.io/library/mysql:8.0.38'],
    [`a@${D}`, `a@${D}`],
    ['', "''"],
    ['a b', "'a b'"],
    ["it's", `'it'\\''s'`],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
    ['`x`', "'`x`'"],
    ['a;b', "'a;b'"],
    ['*', "'*'"],
    ['~', "'~'"],
    ['a\nb', "'a\nb'"],
    ['-x', '-x'],
  ])('%j -> %s', (arg, out) => {
    expect(shellQuote(arg)).toBe(out);
  });
  it('a quoted word reads back as the same argument in sh', async () => {
    const { execFileSync } = await import('node:child_process');
    const args = ["it's", '$(echo no)', 'a b', '', '\\', '"', '!x', '\t'];
    const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${shellLine(args)}`]).toString();
    expect(out.split('\0').slice(0, -1)).toEqual(args);
  });
});

describe('mirrorCommands', () => {
  const pairs = mirrorPairs(
    ['lightruncom/server:1.50.1', 'mysql:8.0.38', `lightruncom/redis@${D}`],
    reg,
  );
  it('pairs each public image, written out in full, with its place in the registry', () => {
    expect(pairs).toEqual([
      {
        source: 'docker.io/lightruncom/server:1.50.1',
        target: 'reg.example.com:5000/mirror/lightruncom/server:1.50.1',
      },
      {
        source: 'docker.io/library/mysql:8.0.38',
        target: 'reg.example.com:5000/mirror/library/mysql:8.0.38',
      },
      {
        source: `docker.io/lightruncom/redis@${D}`,
        target: `reg.example.com:5000/mirror/lightruncom/redis@${D}`,
      },
    ]);
  });
  it('skopeo: every platform, digests kept', () => {
    expect(mirrorCommands(pairs, 'skopeo')).toEqual([
      'skopeo copy --all --preserve-digests docker://docker.io/lightruncom/server:1.50.1 docker://reg.example.com:5000/mirror/lightruncom/server:1.50.1',
      'skopeo copy --all --preserve-digests docker://docker.io/library/mysql:8.0.38 docker://reg.example.com:5000/mirror/library/mysql:8.0.38',
      `skopeo copy --all --preserve-digests docker://docker.io/lightruncom/redis@${D} docker://reg.example.com:5000/mirror/lightruncom/redis@${D}`,
    ]);
  });
  it('crane', () => {
    expect(mirrorCommands(pairs.slice(0, 2), 'crane')).toEqual([
      'crane copy docker.io/lightruncom/server:1.50.1 reg.example.com:5000/mirror/lightruncom/server:1.50.1',
      'crane copy docker.io/library/mysql:8.0.38 reg.example.com:5000/mirror/library/mysql:8.0.38',
    ]);
  });
  it('docker: pull, tag, push; a digest-only reference gets the note instead', () => {
    expect(mirrorCommands(pairs, 'docker')).toEqual([
      'docker pull docker.io/lightruncom/server:1.50.1',
      'docker tag docker.io/lightruncom/server:1.50.1 reg.example.com:5000/mirror/lightruncom/server:1.50.1',
      'docker push reg.example.com:5000/mirror/lightruncom/server:1.50.1',
      'docker pull docker.io/library/mysql:8.0.38',
      'docker tag docker.io/library/mysql:8.0.38 reg.example.com:5000/mirror/library/mysql:8.0.38',
      'docker push reg.example.com:5000/mirror/library/mysql:8.0.38',
      `# docker.io/lightruncom/redis@${D} is pinned by digest: docker push cannot keep it; copy it with skopeo or crane.`,
    ]);
  });
  it('docker with tag and digest pushes the tag, after the note', () => {
    expect(
      mirrorCommands(mirrorPairs([`a/b:1@${D}`], { host: 'r.io', prefix: '' }), 'docker'),
    ).toEqual([
      `# docker.io/a/b:1@${D} is pinned by digest: docker push cannot keep it; copy it with skopeo or crane.`,
      `docker pull docker.io/a/b:1@${D}`,
      `docker tag docker.io/a/b:1@${D} r.io/a/b:1`,
      'docker push r.io/a/b:1',
    ]);
  });
});

describe('chartOfflineCommands', () => {
  it('pulls the vendor chart, pushes it to the registry, installs from the .tgz', () => {
    expect(
      chartOfflineCommands({
        release: 'lightrun',
        namespace: 'lr ns',
        registry: reg,
        secretsFile: true,
      }),
    ).toEqual({
      fetch: [
        "# on a machine with internet access (or: helm package ./chart for this project's chart)",
        'helm pull oci://registry-1.docker.io/lightruncom/lightrun-helm-chart --version 3.9.4',
        'helm push lightrun-helm-chart-3.9.4.tgz oci://reg.example.com:5000/mirror',
      ],
      install:
        "helm upgrade --install lightrun ./lightrun-helm-chart-3.9.4.tgz --namespace 'lr ns' --create-namespace -f values.yaml -f secrets.yaml",
    });
  });
  it('without a registry nothing is pushed; without a prefix the OCI path is the host', () => {
    expect(
      chartOfflineCommands({ release: 'r', namespace: 'n', registry: null, secretsFile: false })
        .fetch,
    ).toHaveLength(2);
    expect(
      chartOfflineCommands({
        release: 'r',
        namespace: 'n',
        registry: { host: 'h.io', prefix: '' },
        secretsFile: false,
      }).fetch[2],
    ).toBe('helm push lightrun-helm-chart-3.9.4.tgz oci://h.io');
    expect(
      chartOfflineCommands({ release: 'r', namespace: 'n', registry: null, secretsFile: false })
        .install,
    ).toBe(
      'helm upgrade --install r ./lightrun-helm-chart-3.9.4.tgz --namespace n --create-namespace -f values.yaml',
    );
  });
});

// Row found by StrykerJS (bench/mutation.md): a source without a tag or a digest gets neither.
describe('mirrorPairs: no tag, no digest', () => {
  it('writes out only the parts the reference has', () => {
    expect(
      mirrorPairs(['mysql', 'lightruncom/server@sha256:ab', 'reg.io/x:1'], {
        host: 'mirror.local',
        prefix: 'm',
      }),
    ).toEqual([
      { source: 'docker.io/library/mysql', target: 'mirror.local/m/library/mysql' },
      {
        source: 'docker.io/lightruncom/server@sha256:ab',
        target: 'mirror.local/m/lightruncom/server@sha256:ab',
      },
      { source: 'reg.io/x:1', target: 'mirror.local/m/x:1' },
    ]);
  });
});
