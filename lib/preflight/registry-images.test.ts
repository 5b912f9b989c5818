// The registry check against real HTTP servers: a minimal Docker Registry v2 written here with
// node:http (the manifests of a couple of images; anonymous, Basic auth, and Bearer tokens from
// its own realm), and a closed port. The code under test talks HTTP to them as to any registry.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
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
  it('anonymous: every image found, by tag and by digest, over plain HTTP (marked insecure) after the HTTPS attempt', async () => {
    const s = servers.anonymous;
    s.seen.length = 0;
    const out = await checkManifests(s.host, images(s.host), { login: null, insecure: true });
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
      { login: null, insecure: true },
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
    const out = await checkManifests(s.host, images(s.host), { login, insecure: true });
    expect(kinds(out)).toEqual(['found', 'found', 'found']);
    expect(decideRegistryImages(out, { registry: s.host, credentials: 'inline' }).status).toBe(
      'pass',
    );
  });
  it('Basic auth: no login is denied without credentials, a wrong one with', async () => {
    const s = servers.basic;
    expect(
      await checkManifests(s.host, images(s.host).slice(0, 1), { login: null, insecure: true }),
    ).toEqual([{ image: images(s.host)[0], kind: 'denied', withCredentials: false }]);
    expect(
      await checkManifests(s.host, images(s.host).slice(0, 1), {
        login: { username: USER, password: 'wrong' },
        insecure: true,
      }),
    ).toEqual([{ image: images(s.host)[0], kind: 'denied', withCredentials: true }]);
  });
  it('Bearer: a token from the realm for the repository scope, then found; missing stays missing', async () => {
    const s = servers.bearer;
    s.seen.length = 0;
    const out = await checkManifests(
      s.host,
      [...images(s.host), `${s.host}/mirror/lightruncom/webapp:1.0`],
      { login, insecure: true },
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
          insecure: true,
        }),
      ),
    ).toEqual(['denied']);
  });
  it('a closed port is unreachable: the check is skipped, not failed', async () => {
    const host = `127.0.0.1:${closedPort}`;
    const out = await checkManifests(host, images(host), { login: null, insecure: true });
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
      insecure: true,
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
    a.registry = {
      mode: 'private',
      host: servers.anonymous.host,
      prefix: 'mirror',
      insecure: true,
      tokenHost: '',
    };
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
    a.registry = {
      mode: 'private',
      host: `127.0.0.1:${closedPort}`,
      prefix: '',
      insecure: false,
      tokenHost: '',
    };
    expect(await run(a)).toMatchObject({
      status: 'warn',
      message: `Skipped: 127.0.0.1:${closedPort} is not reachable from this machine (connection refused).`,
    });
  });
});

describe('the login and a token service elsewhere', () => {
  it('a plain-HTTP realm on another host is not followed at all, even for an insecure registry', async () => {
    const seenAuth: (string | undefined)[] = [];
    const tokenServer = http.createServer((req, res) => {
      seenAuth.push(req.headers.authorization);
      res.writeHead(401).end();
    });
    await new Promise<void>((ok) => tokenServer.listen(0, '127.0.0.3', ok));
    const realm = `http://127.0.0.3:${(tokenServer.address() as AddressInfo).port}/token`;
    const reg = http.createServer((req, res) =>
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${realm}",service="s"` }).end(),
    );
    await new Promise<void>((ok) => reg.listen(0, '127.0.0.1', ok));
    const host = `127.0.0.1:${(reg.address() as AddressInfo).port}`;
    const out = await checkManifests(host, [`${host}/a:1`], { login, insecure: true });
    await new Promise((ok) => reg.close(ok));
    await new Promise((ok) => tokenServer.close(ok));
    expect(seenAuth).toEqual([]);
    expect(out).toEqual([
      {
        image: `${host}/a:1`,
        kind: 'realm-refused',
        realm: realm.replace(/\/token$/, ''),
        host: '127.0.0.3',
        why: 'other-host',
      },
    ]);
  });
});

// Credentials only where the admin sent them (issue 26 #4; docs/preflight.md#passwords-only-over-tls):
// HTTPS registries with a test certificate for 127.0.0.1 and 127.0.0.3 (lib/preflight/__fixtures__),
// trusted for these tests only through the global agent.
describe('no credential in clear, none to a host the admin did not name', () => {
  const fixture = (f: string) => readFileSync(path.join(__dirname, '__fixtures__', f), 'utf8');
  const tls = { cert: fixture('registry-tls.crt'), key: fixture('registry-tls.key') };
  const started: (http.Server | https.Server)[] = [];
  let ca: unknown;
  beforeAll(() => {
    ca = https.globalAgent.options.ca;
    https.globalAgent.options.ca = tls.cert;
  });
  afterAll(async () => {
    https.globalAgent.options.ca = ca as string;
    for (const s of started) {
      s.closeAllConnections();
      await new Promise((ok) => s.close(ok));
    }
  });
  const basic = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`;
  /** A server on `addr` recording what it is sent; `handle` answers. */
  async function serve(
    kind: 'http' | 'https',
    addr: string,
    handle: (req: http.IncomingMessage, res: http.ServerResponse, port: number) => void,
  ) {
    const seen: { url: string; auth: string | undefined }[] = [];
    const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
      seen.push({ url: req.url!, auth: req.headers.authorization });
      handle(req, res, (server.address() as AddressInfo).port);
    };
    const server =
      kind === 'https' ? https.createServer(tls, onRequest) : http.createServer(onRequest);
    await new Promise<void>((ok) => server.listen(0, addr, ok));
    started.push(server);
    return { seen, host: `${addr}:${(server.address() as AddressInfo).port}` };
  }
  /** A registry asking for Basic credentials, then serving every manifest. */
  const basicRegistry = (req: http.IncomingMessage, res: http.ServerResponse) =>
    req.headers.authorization === basic
      ? res.writeHead(200).end()
      : res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
  /** A registry whose Bearer realm is `realm(port)`, accepting the token TOKEN. */
  const bearerRegistry =
    (realm: (port: number) => string) =>
    (req: http.IncomingMessage, res: http.ServerResponse, port: number) =>
      req.headers.authorization === `Bearer ${TOKEN}`
        ? res.writeHead(200).end()
        : res
            .writeHead(401, { 'www-authenticate': `Bearer realm="${realm(port)}",service="s"` })
            .end();
  const tokenService = (req: http.IncomingMessage, res: http.ServerResponse) =>
    req.headers.authorization === basic
      ? res.writeHead(200, { 'content-type': 'application/json' }).end(`{"token":"${TOKEN}"}`)
      : res.writeHead(401).end();

  it('a plain-HTTP registry not marked insecure is asked nothing over HTTP: the check says so', async () => {
    const reg = await serve('http', '127.0.0.1', basicRegistry);
    const out = await checkManifests(reg.host, [`${reg.host}/a:1`], { login });
    expect(reg.seen).toEqual([]);
    expect(out).toEqual([{ image: `${reg.host}/a:1`, kind: 'plain-http' }]);
    expect(decideRegistryImages(out, { registry: reg.host, credentials: 'inline' })).toMatchObject({
      status: 'warn',
      fix: expect.stringContaining('registry.insecure'),
    });
  });

  it('marked insecure, the same registry gets the Basic login over HTTP and the image is found', async () => {
    const reg = await serve('http', '127.0.0.1', basicRegistry);
    const out = await checkManifests(reg.host, [`${reg.host}/a:1`], { login, insecure: true });
    expect(out).toEqual([{ image: `${reg.host}/a:1`, kind: 'found' }]);
    // the HTTPS probe reaches no handler (a TLS hello to an HTTP server), then HEAD anonymously and with the login
    expect(reg.seen.map((s) => s.auth)).toEqual([undefined, basic]);
  });

  it('over HTTPS, a token from an HTTPS realm on the registry host (another port) is used', async () => {
    const tokens = await serve('https', '127.0.0.1', tokenService);
    const reg = await serve(
      'https',
      '127.0.0.1',
      bearerRegistry(() => `https://${tokens.host}/token`),
    );
    const out = await checkManifests(reg.host, [`${reg.host}/a:1`], { login });
    expect(out).toEqual([{ image: `${reg.host}/a:1`, kind: 'found' }]);
    expect(tokens.seen.map((s) => s.auth)).toEqual([basic]);
  });

  it('an HTTPS realm on another host gets nothing, not even an anonymous request', async () => {
    const tokens = await serve('https', '127.0.0.3', tokenService);
    const reg = await serve(
      'https',
      '127.0.0.1',
      bearerRegistry(() => `https://${tokens.host}/token`),
    );
    const out = await checkManifests(reg.host, [`${reg.host}/a:1`], { login });
    expect(tokens.seen).toEqual([]);
    expect(out).toEqual([
      {
        image: `${reg.host}/a:1`,
        kind: 'realm-refused',
        realm: `https://${tokens.host}`,
        host: '127.0.0.3',
        why: 'other-host',
      },
    ]);
    const v = decideRegistryImages(out, { registry: reg.host, credentials: 'inline' });
    expect(v).toMatchObject({ status: 'warn', fix: expect.stringContaining('registry.tokenHost') });
    expect(JSON.stringify(v)).not.toContain(PASS);
  });

  it('…unless the admin named that host as the token host', async () => {
    const tokens = await serve('https', '127.0.0.3', tokenService);
    const reg = await serve(
      'https',
      '127.0.0.1',
      bearerRegistry(() => `https://${tokens.host}/token`),
    );
    const out = await checkManifests(reg.host, [`${reg.host}/a:1`], {
      login,
      tokenHost: '127.0.0.3',
    });
    expect(out).toEqual([{ image: `${reg.host}/a:1`, kind: 'found' }]);
    expect(tokens.seen.map((s) => s.auth)).toEqual([basic]);
  });

  it('a plain-HTTP realm on the registry host of an HTTPS registry gets nothing', async () => {
    const tokens = await serve('http', '127.0.0.1', tokenService);
    const reg = await serve(
      'https',
      '127.0.0.1',
      bearerRegistry(() => `http://${tokens.host}/token`),
    );
    const out = await checkManifests(reg.host, [`${reg.host}/a:1`], { login });
    expect(tokens.seen).toEqual([]);
    expect(out[0]).toMatchObject({ kind: 'realm-refused', why: 'plain-http' });
  });
});
