import { describe, expect, it } from 'vitest';
import { decideRegistryImages, realmProblem, type ManifestOutcome } from './registry-decide';

const ctx = { registry: 'reg.io:5000', credentials: 'inline' as const };
const found = (image: string): ManifestOutcome => ({ image, kind: 'found' });

describe('decideRegistryImages', () => {
  it('passes when every image is found', () => {
    expect(decideRegistryImages([found('a'), found('b')], ctx)).toEqual({
      status: 'pass',
      message: 'All 2 images resolve in reg.io:5000.',
      fix: '',
    });
  });
  it('fails naming each missing image (one and several)', () => {
    expect(decideRegistryImages([found('a'), { image: 'b', kind: 'missing' }], ctx).message).toBe(
      'One image is not in reg.io:5000: b.',
    );
    const v = decideRegistryImages(
      [
        { image: 'a', kind: 'missing' },
        { image: 'b', kind: 'missing' },
      ],
      ctx,
    );
    expect([v.status, v.message]).toEqual(['fail', '2 images are not in reg.io:5000: a and b.']);
  });
  it('unreachable for every image is a skip (warn), never a failure', () => {
    const v = decideRegistryImages(
      [
        { image: 'a', kind: 'unreachable', reason: 'connection refused' },
        { image: 'b', kind: 'unreachable', reason: 'connection refused' },
      ],
      ctx,
    );
    expect([v.status, v.message]).toEqual([
      'warn',
      'Skipped: reg.io:5000 is not reachable from this machine (connection refused).',
    ]);
  });
  it('unreachable for some, found for the rest: a warning naming them', () => {
    const v = decideRegistryImages(
      [found('a'), { image: 'b', kind: 'unreachable', reason: 'no answer within 4 s' }],
      ctx,
    );
    expect([v.status, v.message]).toEqual([
      'warn',
      'One image could not be checked in reg.io:5000: b (no answer within 4 s).',
    ]);
  });
  it('denied: with credentials a failure, with a Secret in the cluster a warning, without any a failure', () => {
    const d = (withCredentials: boolean): ManifestOutcome => ({
      image: 'a',
      kind: 'denied',
      withCredentials,
    });
    expect(decideRegistryImages([d(true)], ctx)).toMatchObject({
      status: 'fail',
      message: "reg.io:5000 refused the pull secret's credentials for a.",
    });
    expect(decideRegistryImages([d(false)], { ...ctx, credentials: 'existing' }).status).toBe(
      'warn',
    );
    expect(decideRegistryImages([d(false)], { ...ctx, credentials: 'none' })).toMatchObject({
      status: 'fail',
      message: 'reg.io:5000 needs credentials for a, and there is no pull secret.',
    });
  });
  it('missing wins over denied and errors', () => {
    expect(
      decideRegistryImages(
        [
          { image: 'x', kind: 'error', reason: 'HTTP 500' },
          { image: 'a', kind: 'denied', withCredentials: true },
          { image: 'b', kind: 'missing' },
        ],
        ctx,
      ).message,
    ).toBe('One image is not in reg.io:5000: b.');
  });
  it('a server error is a warning naming it', () => {
    expect(
      decideRegistryImages([found('a'), { image: 'x', kind: 'error', reason: 'HTTP 500' }], ctx),
    ).toMatchObject({
      status: 'warn',
      message: 'One image could not be checked in reg.io:5000: x (HTTP 500).',
    });
  });
});

describe('realmProblem: where a Bearer challenge may send the login', () => {
  const at = (url: string) => new URL(url);
  const trust = { registry: 'reg.io:5000', tokenHost: '', insecure: false };
  it.each<[string, Partial<typeof trust>, string | null]>([
    ['https://reg.io/token', {}, null],
    ['https://reg.io:443/token', {}, null],
    ['https://REG.io:5001/token', {}, null],
    ['https://auth.reg.io/token', {}, 'other-host'],
    ['https://reg.io.evil.example/token', {}, 'other-host'],
    ['https://evil.example/reg.io', {}, 'other-host'],
    ['https://gitlab.corp/jwt/auth', { tokenHost: 'gitlab.corp' }, null],
    ['https://gitlab.corp.evil/jwt/auth', { tokenHost: 'gitlab.corp' }, 'other-host'],
    ['http://reg.io:5000/token', {}, 'plain-http'],
    ['http://reg.io:5000/token', { insecure: true }, null],
    ['http://gitlab.corp/jwt', { tokenHost: 'gitlab.corp' }, 'plain-http'],
    ['http://gitlab.corp/jwt', { tokenHost: 'gitlab.corp', insecure: true }, null],
    ['http://other.io/token', { insecure: true }, 'other-host'],
    ['ftp://reg.io/token', { insecure: true }, 'plain-http'],
  ])('%s with %j: %s', (realm, edit, want) => {
    expect(realmProblem(at(realm), { ...trust, ...edit })).toBe(want);
  });
});

describe('credentials withheld', () => {
  it('a plain-HTTP registry not marked insecure is skipped (warn), naming the answer', () => {
    expect(decideRegistryImages([{ image: 'a', kind: 'plain-http' }], ctx)).toEqual({
      status: 'warn',
      message:
        'Skipped: reg.io:5000 answers plain HTTP, and the check sends nothing over plain HTTP to a registry not marked insecure.',
      fix: 'If the registry is meant to serve plain HTTP, turn on "Plain HTTP (insecure registry)" on the Endpoint step (registry.insecure); every node\'s container runtime must allow it too. Otherwise serve it over HTTPS.',
    });
  });
  it('a realm on another host, or over plain HTTP, is a warning naming it and the answer to set', () => {
    const other: ManifestOutcome = {
      image: 'a',
      kind: 'realm-refused',
      realm: 'https://auth.example',
      host: 'auth.example',
      why: 'other-host',
    };
    expect(decideRegistryImages([found('b'), other], ctx)).toEqual({
      status: 'warn',
      message:
        "reg.io:5000 sends clients for a token to https://auth.example, which is not the registry's host: not followed (no credentials sent there), so a could not be checked.",
      fix: "If auth.example is the registry's token service (GitLab's registry uses the GitLab host, for one), name it as the token host on the Endpoint step (registry.tokenHost).",
    });
    const v = decideRegistryImages(
      [{ ...other, realm: 'http://reg.io:5001', host: 'reg.io', why: 'plain-http' }],
      ctx,
    );
    expect([v.status, v.message]).toEqual([
      'warn',
      'reg.io:5000 sends clients for a token over plain HTTP (http://reg.io:5001): not followed (no credentials sent in clear), so a could not be checked.',
    ]);
    expect(v.fix).toContain('registry.insecure');
  });
  it('a missing image still fails first', () => {
    expect(
      decideRegistryImages(
        [
          { image: 'm', kind: 'missing' },
          { image: 'a', kind: 'realm-refused', realm: 'https://x', host: 'x', why: 'other-host' },
        ],
        ctx,
      ).status,
    ).toBe('fail');
  });
});
