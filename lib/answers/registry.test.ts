import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { completeAnswers } from './branches';
import { registryHostSchema, registryPrefixSchema, tokenHostSchema } from './fields';
import { validateAnswers } from './schema';
import { warningsFor } from './warnings';

const msg = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? null : r.error!.issues[0]!.message;

describe('registry host', () => {
  it.each([
    'registry.example.com',
    'registry.example.com:5000',
    'reg:5000',
    'localhost',
    'localhost:5000',
    '10.0.0.5:443',
    'a.b',
    'docker.io',
    'reg.io:65535',
    'reg.io:1',
  ])('accepts %s', (h) => {
    expect(registryHostSchema.safeParse(h).success).toBe(true);
  });
  it.each([
    ['', /Required/],
    ['https://reg.io', /without "https:\/\/"/],
    ['reg.io/mirror', /Path prefix/],
    ['Reg.io', /lowercase/],
    ['myregistry', /Docker Hub account/],
    ['reg.io:0', /port \(1-65535\)/],
    ['reg.io:65536', /port \(1-65535\)/],
    ['reg.io:', /port \(1-65535\)/],
    ['reg.io:05', /port \(1-65535\)/],
    ['-reg.io', /host name or IPv4/],
    ['reg..io', /host name or IPv4/],
    ['reg io', /host name or IPv4/],
    [`${'a'.repeat(64)}.io`, /host name or IPv4/],
  ])('refuses %j', (h, m) => {
    expect(msg(registryHostSchema.safeParse(h))).toMatch(m);
  });
});

describe('registry token host (the preflight sends the login to no other host)', () => {
  it.each(['', 'gitlab.example.com', 'auth', '10.0.0.5', `${'a'.repeat(63)}.io`])(
    'accepts %j',
    (h) => {
      expect(tokenHostSchema.safeParse(h).success).toBe(true);
    },
  );
  it.each([
    ['https://gitlab.example.com', /without "https:\/\/"/],
    ['gitlab.example.com:443', /without a port or a path/],
    ['gitlab.example.com/jwt', /without a port or a path/],
    ['git lab', /without a port or a path/],
    ['Gitlab.example.com', /lowercase/],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`, /at most 253/],
  ])('refuses %j', (h, m) => {
    expect(msg(tokenHostSchema.safeParse(h))).toMatch(m);
  });
  it('a file naming a private registry without them gets their defaults: HTTPS only, no token host', () => {
    const a = completeAnswers({ registry: { mode: 'private', host: 'reg.io', prefix: '' } });
    expect((a as { registry: unknown }).registry).toEqual({
      mode: 'private',
      host: 'reg.io',
      prefix: '',
      insecure: false,
      tokenHost: '',
    });
  });
});

describe('registry path prefix', () => {
  it.each(['', 'mirror', 'mirror/lightrun', 'a.b/c_d/e-f', 'a__b', 'a--b', '0'])(
    'accepts %j',
    (p) => {
      expect(registryPrefixSchema.safeParse(p).success).toBe(true);
    },
  );
  it.each([
    ['/mirror', /leading or trailing/],
    ['mirror/', /leading or trailing/],
    ['a//b', /lowercase path components/],
    ['Mirror', /lowercase path components/],
    ['-a', /lowercase path components/],
    ['a-', /lowercase path components/],
    ['a b', /lowercase path components/],
    ['a'.repeat(201), /at most 200/],
  ])('refuses %j', (p, m) => {
    expect(msg(registryPrefixSchema.safeParse(p))).toMatch(m);
  });
  it('200 characters pass, 201 do not', () => {
    expect(registryPrefixSchema.safeParse('a'.repeat(200)).success).toBe(true);
  });
});

const config = (auths: Record<string, unknown>) => btoa(JSON.stringify({ auths }));
const issuesOf = (a: ReturnType<typeof validAnswers>) => {
  const r = validateAnswers(a);
  return r.success ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the pull secret names the private registry', () => {
  const withRegistry = (auths: Record<string, unknown>) => {
    const a = validAnswers();
    a.registry = {
      mode: 'private',
      host: 'reg.example.com:5000',
      prefix: 'mirror',
      insecure: false,
      tokenHost: '',
    };
    a.pullSecret = { mode: 'inline', configContent: config(auths) };
    return a;
  };
  it('passes with an entry for host:port, also written as a URL', () => {
    expect(issuesOf(withRegistry({ 'reg.example.com:5000': { auth: 'dTpw' } }))).toEqual([]);
    expect(
      issuesOf(withRegistry({ 'https://reg.example.com:5000/v2/': { auth: 'dTpw' } })),
    ).toEqual([]);
  });
  it('fails naming the registry and what the file has', () => {
    expect(issuesOf(withRegistry({ 'https://index.docker.io/v1/': { auth: 'dTpw' } }))).toEqual([
      'pullSecret.configContent: The .dockerconfigjson has no entry for the private registry reg.example.com:5000 (it names docker.io): run `docker login reg.example.com:5000` and upload the config again, or choose "no pull secret" if the registry allows anonymous pulls.',
    ]);
    expect(issuesOf(withRegistry({ 'reg.example.com': { auth: 'dTpw' } }))[0]).toContain(
      '(it names reg.example.com)',
    ); // the port counts
    expect(issuesOf(withRegistry({}))[0]).toContain('(it names no registry)');
  });
  it('without a private registry any registry will do', () => {
    const a = withRegistry({ 'quay.io': { auth: 'dTpw' } });
    a.registry = { mode: 'public' };
    expect(issuesOf(a)).toEqual([]);
  });
  it('a private registry needs its host', () => {
    const a = validAnswers();
    a.registry = { mode: 'private', host: '', prefix: '', insecure: false, tokenHost: '' };
    expect(issuesOf(a)).toEqual([
      'registry.host: Required: enter the registry host the cluster pulls from, e.g. registry.example.com or registry.example.com:5000.',
    ]);
  });
});

describe('registry warnings', () => {
  const w = (a: ReturnType<typeof validAnswers>) =>
    warningsFor(a)
      .filter((x) => /reg\.io|artifacts\.lightrun\.com/.test(x.message))
      .map((x) => x.path.join('.'));
  it('no pull secret, an existing one, and the artifacts download', () => {
    const a = validAnswers();
    a.registry = { mode: 'private', host: 'reg.io', prefix: '', insecure: false, tokenHost: '' };
    expect(w(a)).toEqual(['pullSecret.mode', 'general.artifactsDownload']);
    a.pullSecret = { mode: 'existing', name: 'regcred' };
    a.general.artifactsDownload = false;
    expect(w(a)).toEqual(['pullSecret.name']);
    expect(warningsFor(a).find((x) => x.path[0] === 'pullSecret')!.message).toBe(
      'The Secret regcred must hold a .dockerconfigjson with credentials for reg.io: every image now comes from there.',
    );
    a.pullSecret = { mode: 'inline', configContent: config({ 'reg.io': { auth: 'dTpw' } }) };
    expect(w(a)).toEqual([]);
  });
  it('none without a private registry', () => {
    expect(w(validAnswers())).toEqual([]);
  });
});
