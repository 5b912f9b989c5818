import { describe, expect, it } from 'vitest';
import {
  isInRegistry,
  isMutableTag,
  mirrorOf,
  normaliseImage,
  parseImage,
  registryOfAuthKey,
  rewriteImage,
} from './reference';

const D = 'sha256:' + 'a'.repeat(64);

describe('parseImage / normaliseImage (as containerd reads a reference)', () => {
  it.each([
    ['mysql', 'docker.io/library/mysql'],
    ['mysql:8.0.38', 'docker.io/library/mysql:8.0.38'],
    ['lightruncom/server:1.2', 'docker.io/lightruncom/server:1.2'],
    ['docker.io/mysql:8', 'docker.io/library/mysql:8'],
    ['index.docker.io/lightruncom/server', 'docker.io/lightruncom/server'],
    ['registry-1.docker.io/library/mysql', 'docker.io/library/mysql'],
    ['myregistry/app:1', 'docker.io/myregistry/app:1'], // no "." or ":": a Docker Hub account
    ['localhost/app', 'localhost/app'],
    ['localhost:5000/app:1', 'localhost:5000/app:1'],
    ['Registry.Example.com:5000/a/b/c:t', 'registry.example.com:5000/a/b/c:t'],
    ['registry.example.com:5000/app', 'registry.example.com:5000/app'], // the port is not a tag
    [`mysql@${D}`, `docker.io/library/mysql@${D}`],
    [`quay.io/a/b:1.0@${D}`, `quay.io/a/b:1.0@${D}`],
    [`reg.io:443/a@${D}`, `reg.io:443/a@${D}`],
  ])('%s -> %s', (ref, full) => {
    expect(normaliseImage(ref)).toBe(full);
  });
  it('splits tag and digest apart', () => {
    expect(parseImage(`reg.io:5000/a/b:v1@${D}`)).toEqual({
      domain: 'reg.io:5000',
      path: 'a/b',
      tag: 'v1',
      digest: D,
    });
    expect(parseImage('a/b')).toEqual({
      domain: 'docker.io',
      path: 'a/b',
      tag: null,
      digest: null,
    });
  });
  it('refuses an empty reference', () => {
    expect(() => parseImage('')).toThrow(/empty/);
  });
});

describe('rewriteImage', () => {
  const reg = { host: 'registry.example.com:5000', prefix: 'mirror/lightrun' };
  it.each([
    [
      'lightruncom/server:1.50.1',
      'registry.example.com:5000/mirror/lightrun/lightruncom/server:1.50.1',
    ],
    ['mysql:8.0.38', 'registry.example.com:5000/mirror/lightrun/library/mysql:8.0.38'],
    ['mysql', 'registry.example.com:5000/mirror/lightrun/library/mysql'],
    ['docker.io/library/mysql:8', 'registry.example.com:5000/mirror/lightrun/library/mysql:8'],
    ['quay.io/org/app:2', 'registry.example.com:5000/mirror/lightrun/org/app:2'],
    [`lightruncom/redis@${D}`, `registry.example.com:5000/mirror/lightrun/lightruncom/redis@${D}`],
    [
      `lightruncom/redis:7@${D}`,
      `registry.example.com:5000/mirror/lightrun/lightruncom/redis:7@${D}`,
    ],
  ])('%s -> %s', (ref, out) => {
    expect(rewriteImage(ref, reg)).toBe(out);
  });
  it('without a prefix the path goes right under the host', () => {
    expect(rewriteImage('lightruncom/server:1', { host: 'reg.local:443', prefix: '' })).toBe(
      'reg.local:443/lightruncom/server:1',
    );
    expect(rewriteImage('nginxinc/nginx-unprivileged', { host: 'localhost', prefix: '' })).toBe(
      'localhost/nginxinc/nginx-unprivileged',
    );
  });
});

describe('mirrorOf (the inverse, for import)', () => {
  it.each([
    [
      'registry.example.com:5000/mirror/lightrun/lightruncom/server',
      'lightruncom/server',
      { host: 'registry.example.com:5000', prefix: 'mirror/lightrun' },
    ],
    ['reg.io/lightruncom/server', 'lightruncom/server', { host: 'reg.io', prefix: '' }],
    ['reg.io/p/library/mysql', 'mysql', { host: 'reg.io', prefix: 'p' }],
    ['localhost:5000/library/mysql', 'mysql', { host: 'localhost:5000', prefix: '' }],
    ['docker.io/lightruncom/server', 'lightruncom/server', { host: 'docker.io', prefix: '' }],
  ])('%s mirrors %s', (repo, source, reg) => {
    expect(mirrorOf(repo, source)).toEqual(reg);
    expect(rewriteImage(source, reg)).toBe(repo);
  });
  it.each([
    ['lightruncom/server', 'lightruncom/server'], // the chart's own: no registry host
    ['reg.io/x-lightruncom/server', 'lightruncom/server'], // not on a component boundary
    ['reg.io/mirror/lightruncom/server2', 'lightruncom/server'],
    ['reg.io/p/mysql', 'mysql'], // library/ is part of the path the mirror keeps
    ['myorg/lightruncom/server', 'lightruncom/server'], // first component is a Docker Hub account
    ['reg.io/lightruncom/server:1', 'lightruncom/server'],
    ['reg.io/lightrun/server', 'lightruncom/server'],
  ])('%s is no mirror of %s', (repo, source) => {
    expect(mirrorOf(repo, source)).toBeNull();
  });
});

describe('isInRegistry', () => {
  const reg = { host: 'reg.io:5000', prefix: 'a/b' };
  it.each([
    ['reg.io:5000/a/b/lightruncom/server:1', true],
    ['reg.io:5000/a/b/x', true],
    ['reg.io:5000/a/bc/x', false], // prefix boundary
    ['reg.io:5000/a/b/', false],
    ['reg.io:50001/a/b/x', false], // port boundary
    ['reg.io/a/b/x', false],
    ['docker.io/a/b/x', false],
  ])('%s: %s', (ref, yes) => {
    expect(isInRegistry(ref, reg)).toBe(yes);
  });
  it('no prefix: anything under the host', () => {
    expect(isInRegistry('reg.io/x:1', { host: 'reg.io', prefix: '' })).toBe(true);
    expect(isInRegistry('reg.iox/x:1', { host: 'reg.io', prefix: '' })).toBe(false);
  });
});

describe('registryOfAuthKey', () => {
  it.each([
    ['https://index.docker.io/v1/', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['Registry.Example.com:5000', 'registry.example.com:5000'],
    ['https://registry.example.com/v2/', 'registry.example.com'],
    ['http://localhost:5000', 'localhost:5000'],
  ])('%s -> %s', (key, host) => {
    expect(registryOfAuthKey(key)).toBe(host);
  });
});

// Rows found by StrykerJS (bench/mutation.md): mirrorOf with a tag or a digest on both sides, and
// a digest that differs.
describe('mirrorOf: tags and digests', () => {
  it.each([
    [
      'reg.io/mirror/lightruncom/server:1.2',
      'lightruncom/server:1.2',
      { host: 'reg.io', prefix: 'mirror' },
    ],
    [
      'reg.io:5000/lightruncom/server@sha256:ab',
      'lightruncom/server@sha256:ab',
      { host: 'reg.io:5000', prefix: '' },
    ],
    [
      'reg.io/m/lightruncom/server:1.2@sha256:ab',
      'lightruncom/server:1.2@sha256:ab',
      { host: 'reg.io', prefix: 'm' },
    ],
    ['reg.io/lightruncom/server@sha256:ab', 'lightruncom/server@sha256:cd', null],
    ['reg.io/lightruncom/server:1.2', 'lightruncom/server:1.3', null],
  ])('%s of %s → %j', (repository, source, expected) => {
    expect(mirrorOf(repository, source)).toEqual(expected);
  });
});

describe('isMutableTag (issue 25 #13: latest in the mirror list got no note)', () => {
  it.each([
    ['lightruncom/chart-helper:latest', true],
    ['registry.example.com:5000/app', true],
    ['mysql', true],
    ['mysql:8.0.38', false],
    [`lightruncom/chart-helper:latest@${D}`, false],
    [`mysql@${D}`, false],
    ['registry.example.com:5000/app:latest-1', false],
  ])('%s → %s', (ref, mutable) => expect(isMutableTag(ref)).toBe(mutable));
});
