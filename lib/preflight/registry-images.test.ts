// The registry check against real HTTP servers: a minimal Docker Registry v2 written here with
// node:http (the manifests of a couple of images; anonymous, Basic auth, and Bearer tokens from
// its own realm), and a closed port. The code under test talks HTTP to them as to any registry.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkManifests, loginFor, parseChallenge } from './registry-images';
import { decideRegistryImages } from './registry-decide';

type Mode = 'anonymous' | 'basic' | 'bearer';
const MANIFESTS = new Set([
  'mirror/lightruncom/server/manifests/1.0',
  'mirror/library/mysql/manifests/8.0.38',
  `mirror/lightruncom/redis/manifests/sha256:${'c'.repeat(64)}`,
]);
const USER = 'puller';
const PASS = 'p@ss:word';
const TOKEN = 'token-123';

type Seen = { method: string; url: string; auth: string | undefined; accept: string | undefined };

function registry(mode: Mode) {
  const seen: Seen[] = [];
  const basicOk = (h: string | undefined) =>
    h === `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`;
  const server = http.createServer((req, res) => {
    seen.push({
      method: req.method!,
      url: req.url!,
      auth: req.headers.authorization,
      accept: req.headers.accept,
    });
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/token') {
      if (!basicOk(req.headers.authorization)) return res.writeHead(401).end();
      if (
        url.searchParams.get('service') !== 'test-registry' ||
        !/^repository:[a-z/]+:pull$/.test(url.searchParams.get('scope') ?? '')
      )
        return res.writeHead(400).end();
      return res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token: TOKEN }));
    }
    const authorised =
      mode === 'anonymous' ||
      (mode === 'basic' && basicOk(req.headers.authorization)) ||
      (mode === 'bearer' && req.headers.authorization === `Bearer ${TOKEN}`);
    if (!authorised) {
      const port = (server.address() as AddressInfo).port;
      const challenge =
        mode === 'basic'
          ? 'Basic realm="test"'
          : `Bearer realm="http://127.0.0.1:${port}/token",service="test-registry",scope="repository:x:pull"`;
      return res
        .writeHead(401, {
          'www-authenticate': challenge,
          'docker-distribution-api-version': 'registry/2.0',
        })
        .end();
    }
    if (url.pathname === '/v2/')
      return res.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0' }).end('{}');
    const name = url.pathname.replace(/^\/v2\//, '');
    if (req.method === 'HEAD' && MANIFESTS.has(name))
      return res
        .writeHead(200, {
          'content-type': 'application/vnd.oci.image.index.v1+json',
          'docker-content-digest': 'sha256:x',
        })
        .end();
    if (name.startsWith('broken/')) return res.writeHead(500).end();
    return res
      .writeHead(404, { 'content-type': 'application/json' })
      .end(req.method === 'HEAD' ? undefined : '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
  });
  return { server, seen };
}

const servers: Record<Mode, ReturnType<typeof registry> & { host: string }> = {} as never;
let closedPort = 0;

beforeAll(async () => {
  for (const mode of ['anonymous', 'basic', 'bearer'] as Mode[]) {
    const r = registry(mode);
    await new Promise<void>((ok) => r.server.listen(0, '127.0.0.1', ok));
    servers[mode] = { ...r, host: `127.0.0.1:${(r.server.address() as AddressInfo).port}` };
  }
  const tmp = http.createServer();
  await new Promise<void>((ok) => tmp.listen(0, '127.0.0.1', ok));
  closedPort = (tmp.address() as AddressInfo).port;
  await new Promise((ok) => tmp.close(ok));
});
afterAll(async () => {
  for (const s of Object.values(servers)) await new Promise((ok) => s.server.close(ok));
});

const images = (host: string) => [
  `${host}/mirror/lightruncom/server:1.0`,
  `${host}/mirror/library/mysql:8.0.38`,
  `${host}/mirror/lightruncom/redis@sha256:${'c'.repeat(64)}`,
];
const login = { username: USER, password: PASS };
const kinds = (o: { kind: string }[]) => o.map((x) => x.kind);

describe('checkManifests against a real v2 registry', () => {
  it('anonymous: every image found, by tag and by digest, over plain HTTP after the HTTPS attempt', async () => {
    const s = servers.anonymous;
    s.seen.length = 0;
    const out = await checkManifests(s.host, images(s.host), { login: null });
    expect(kinds(out)).toEqual(['found', 'found', 'found']);
    const heads = s.seen
      .filter((x) => x.method === 'HEAD')
      .map((x) => x.url)
      .sort();
    expect(heads).toEqual([
      '/v2/mirror/library/mysql/manifests/8.0.38',
      `/v2/mirror/lightruncom/redis/manifests/sha256:${'c'.repeat(64)}`,
      '/v2/mirror/lightruncom/server/manifests/1.0',
    ]);
    expect(s.seen.find((x) => x.method === 'HEAD')!.accept).toContain(
      'application/vnd.oci.image.index.v1+json',
    );
    expect(s.seen.every((x) => x.auth === undefined)).toBe(true);
  });
  it('a missing tag is missing; a 500 is an error', async () => {
    const s = servers.anonymous;
    const out = await checkManifests(
      s.host,
      [`${s.host}/mirror/lightruncom/server:2.0`, `${s.host}/broken/x:1`],
      { login: null },
    );
    expect(out).toEqual([
      { image: `${s.host}/mirror/lightruncom/server:2.0`, kind: 'missing' },
      { image: `${s.host}/broken/x:1`, kind: 'error', reason: 'HTTP 500' },
    ]);
    expect(decideRegistryImages(out, { registry: s.host, credentials: 'none' }).status).toBe(
      'fail',
    );
  });
  it('Basic auth: the pull secret login is sent after the challenge, and found', async () => {
    const s = servers.basic;
    const out = await checkManifests(s.host, images(s.host), { login });
    expect(kinds(out)).toEqual(['found', 'found', 'found']);
    expect(decideRegistryImages(out, { registry: s.host, credentials: 'inline' }).status).toBe(
      'pass',
    );
  });
  it('Basic auth: no login is denied without credentials, a wrong one with', async () => {
    const s = servers.basic;
    expect(await checkManifests(s.host, images(s.host).slice(0, 1), { login: null })).toEqual([
      { image: images(s.host)[0], kind: 'denied', withCredentials: false },
    ]);
    expect(
      await checkManifests(s.host, images(s.host).slice(0, 1), {
        login: { username: USER, password: 'wrong' },
      }),
    ).toEqual([{ image: images(s.host)[0], kind: 'denied', withCredentials: true }]);
  });
  it('Bearer: a token from the realm for the repository scope, then found; missing stays missing', async () => {
    const s = servers.bearer;
    s.seen.length = 0;
    const out = await checkManifests(
      s.host,
      [...images(s.host), `${s.host}/mirror/lightruncom/webapp:1.0`],
      { login },
    );
    expect(kinds(out)).toEqual(['found', 'found', 'found', 'missing']);
    const tokenCall = s.seen.find((x) => x.url.startsWith('/token'))!;
    expect(new URL(tokenCall.url, 'http://x').searchParams.get('scope')).toMatch(
      /^repository:mirror\/[a-z/]+:pull$/,
    );
    expect(s.seen.filter((x) => x.method === 'HEAD' && x.auth === `Bearer ${TOKEN}`)).toHaveLength(
      4,
    );
  });
  it('Bearer with a refused login is denied with credentials', async () => {
    const s = servers.bearer;
    expect(
      kinds(
        await checkManifests(s.host, images(s.host).slice(0, 1), {
          login: { username: 'x', password: 'y' },
        }),
      ),
    ).toEqual(['denied']);
  });
  it('a closed port is unreachable: the check is skipped, not failed', async () => {
    const host = `127.0.0.1:${closedPort}`;
    const out = await checkManifests(host, images(host), { login: null });
    expect(out.map((o) => o.kind === 'unreachable' && o.reason)).toEqual([
      'connection refused',
      'connection refused',
      'connection refused',
    ]);
    expect(decideRegistryImages(out, { registry: host, credentials: 'none' })).toMatchObject({
      status: 'warn',
      message: `Skipped: ${host} is not reachable from this machine (connection refused).`,
    });
  });
  it('a server that never answers is unreachable at the deadline', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    const host = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const t0 = Date.now();
    const out = await checkManifests(host, images(host).slice(0, 1), {
      login: null,
      timeoutMs: 300,
    });
    silent.closeAllConnections();
    await new Promise((ok) => silent.close(ok));
    expect(out[0]).toMatchObject({ kind: 'unreachable', reason: 'no answer within 0.3 s' });
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});

describe('loginFor / parseChallenge', () => {
  const cfg = (auths: unknown) => Buffer.from(JSON.stringify({ auths })).toString('base64');
  it('reads auth (user:pass, a colon in the password kept) or username/password for that registry only', () => {
    expect(
      loginFor(
        cfg({ 'https://reg.io:5000/v2/': { auth: Buffer.from('u:p:q').toString('base64') } }),
        'reg.io:5000',
      ),
    ).toEqual({ username: 'u', password: 'p:q' });
    expect(loginFor(cfg({ 'reg.io': { username: 'a', password: 'b' } }), 'reg.io')).toEqual({
      username: 'a',
      password: 'b',
    });
    expect(loginFor(cfg({ 'reg.io': { username: 'a', password: 'b' } }), 'reg.io:5000')).toBeNull();
    expect(loginFor(cfg({ 'reg.io': {} }), 'reg.io')).toBeNull();
    expect(loginFor('not base64 json', 'reg.io')).toBeNull();
  });
  it('parses a Bearer challenge', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.io/token",service="registry.io",scope="repository:a/b:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.io/token',
        service: 'registry.io',
        scope: 'repository:a/b:pull',
      },
    });
    expect(parseChallenge('Basic realm="x"').scheme).toBe('basic');
    expect(
      parseChallenge(
        'Bearer realm="https://a/t", scope="repository:a:pull,push",error=insufficient_scope',
      ).params,
    ).toEqual({
      realm: 'https://a/t',
      scope: 'repository:a:pull,push',
      error: 'insufficient_scope',
    });
    expect(parseChallenge('Bearer').params).toEqual({});
  });
});

describe('the registry-images preflight check', async () => {
  const { preflightChecks } = await import('./index');
  const { validAnswers } = await import('../answers/__fixtures__/valid-answers');
  const { predictImages, parseImage } = await import('../images');
  const { renderValues } = await import('../values');
  const run = async (a: ReturnType<typeof validAnswers>) => {
    const c = preflightChecks(
      { answers: a, context: null, namespace: 'lightrun', release: 'lightrun' },
      { kube: { error: 'no cluster in this test' } },
    ).find((x) => x.id === 'registry-images');
    return c ? c.run(new AbortController().signal) : null;
  };
  it('is planned only with a private registry', async () => {
    expect(await run(validAnswers())).toBeNull();
  });
  it('passes once every image of the release is in the registry, and names the one that is not', async () => {
    const a = validAnswers();
    a.registry = { mode: 'private', host: servers.anonymous.host, prefix: 'mirror' };
    const wanted = predictImages(renderValues(a, { full: true }).values as Record<string, unknown>);
    const missing = wanted.find((i) => i.includes('/lightruncom/redis:'))!;
    for (const i of wanted.filter((x) => x !== missing)) {
      const r = parseImage(i);
      MANIFESTS.add(`${r.path}/manifests/${r.tag}`);
    }
    expect(await run(a)).toEqual({
      status: 'fail',
      message: `One image is not in ${servers.anonymous.host}: ${missing}.`,
      fix: expect.stringContaining('mirror commands'),
    });
    const r = parseImage(missing);
    MANIFESTS.add(`${r.path}/manifests/${r.tag}`);
    expect(await run(a)).toEqual({
      status: 'pass',
      message: `All ${wanted.length} images resolve in ${servers.anonymous.host}.`,
      fix: '',
    });
  });
  it('with the registry unreachable it is skipped', async () => {
    const a = validAnswers();
    a.registry = { mode: 'private', host: `127.0.0.1:${closedPort}`, prefix: '' };
    expect(await run(a)).toMatchObject({
      status: 'warn',
      message: `Skipped: 127.0.0.1:${closedPort} is not reachable from this machine (connection refused).`,
    });
  });
});

describe('the login and a token service elsewhere', () => {
  it('is not sent over plain HTTP to a realm on another host', async () => {
    const seenAuth: (string | undefined)[] = [];
    const tokenServer = http.createServer((req, res) => {
      seenAuth.push(req.headers.authorization);
      res.writeHead(401).end();
    });
    await new Promise<void>((ok) => tokenServer.listen(0, '127.0.0.1', ok));
    const realm = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token`;
    const reg = http.createServer((req, res) =>
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${realm}",service="s"` }).end(),
    );
    await new Promise<void>((ok) => reg.listen(0, '127.0.0.1', ok));
    const host = `127.0.0.1:${(reg.address() as AddressInfo).port}`;
    const out = await checkManifests(host, [`${host}/a:1`], { login });
    await new Promise((ok) => reg.close(ok));
    await new Promise((ok) => tokenServer.close(ok));
    expect(seenAuth).toEqual([undefined]);
    expect(out).toEqual([{ image: `${host}/a:1`, kind: 'denied', withCredentials: false }]);
  });
});
