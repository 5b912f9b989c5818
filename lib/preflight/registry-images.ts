import 'server-only';
/**
 * Asks the private registry for each image's manifest (Docker Registry HTTP API v2):
 * `HEAD /v2/<name>/manifests/<tag|digest>`, anonymously first, then with the pull secret's login
 * the way the registry asks for it (`WWW-Authenticate: Basic`, or `Bearer` with a token from its
 * realm). HTTPS only; plain HTTP only to a registry the admin marked insecure (`registry.insecure`,
 * as containerd must be told too). A Bearer realm is followed only to the registry's own host or
 * the token host the admin named, over HTTPS (`realmProblem`). Every request has a short deadline.
 * (docs/preflight.md#passwords-only-over-tls)
 */
import http from 'node:http';
import https from 'node:https';
import { parseImage } from '../images/reference';
import { registryOfAuthKey } from '../images/reference';
import { realmProblem, type ManifestOutcome, type RealmProblem } from './registry-decide';
import { pool } from '../pool';

export type Login = { username: string; password: string };

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** The login for `registry` in a base64 `.dockerconfigjson`, or null (no entry, or no usable credentials). */
export function loginFor(configBase64: string, registry: string): Login | null {
  try {
    const cfg = JSON.parse(Buffer.from(configBase64, 'base64').toString('utf8')) as {
      auths?: Record<string, { auth?: string; username?: string; password?: string }>;
    };
    for (const [key, entry] of Object.entries(cfg.auths ?? {})) {
      if (registryOfAuthKey(key) !== registry || !entry) continue;
      if (entry.username && entry.password)
        return { username: entry.username, password: entry.password };
      if (entry.auth) {
        const text = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = text.indexOf(':');
        if (colon > 0) return { username: text.slice(0, colon), password: text.slice(colon + 1) };
      }
    }
  } catch {
    // not a docker config: validation reports it
  }
  return null;
}

/** `Bearer realm="…",service="…",scope="…"` -> its scheme and parameters. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  // key="value" pairs separated by commas; a quoted value may hold commas (plain code: no regex to backtrack)
  const rest = space < 0 ? '' : header.slice(space + 1);
  let i = 0;
  while (i < rest.length) {
    const eq = rest.indexOf('=', i);
    if (eq < 0) break;
    const key = rest.slice(i, eq).trim().toLowerCase();
    let value: string;
    if (rest[eq + 1] === '"') {
      const close = rest.indexOf('"', eq + 2);
      value = rest.slice(eq + 2, close < 0 ? rest.length : close);
      i = close < 0 ? rest.length : close + 1;
    } else {
      const comma = rest.indexOf(',', eq + 1);
      value = rest.slice(eq + 1, comma < 0 ? rest.length : comma).trim();
      i = comma < 0 ? rest.length : comma;
    }
    if (key) params[key] = value;
    while (rest[i] === ',' || rest[i] === ' ') i++;
  }
  return { scheme, params };
}

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

function request(
  url: URL,
  opts: {
    method: string;
    headers: Record<string, string>;
    timeoutMs: number;
    signal?: AbortSignal;
  },
): Promise<Reply> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      { method: opts.method, headers: opts.headers, signal: opts.signal, timeout: opts.timeoutMs },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          if (body.length < 65536) body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(
        Object.assign(new Error(`no answer within ${opts.timeoutMs / 1000} s`), {
          code: 'ETIMEDOUT',
        }),
      ),
    );
    req.on('error', reject);
    req.end();
  });
}

const code = (e: unknown) => String((e as { code?: unknown }).code ?? '');
/** The TLS handshake met a plain-HTTP server. */
const speaksPlainHttp = (e: unknown) =>
  /ERR_SSL_WRONG_VERSION_NUMBER|EPROTO|ERR_SSL_PACKET_LENGTH_TOO_LONG/.test(code(e)) ||
  /wrong version number|packet length too long/i.test(String((e as Error).message));

/** Why a connection failed, in words (no URL, no header: nothing secret). */
export function unreachableReason(e: unknown): string {
  const c = code(e);
  if (c === 'ECONNREFUSED') return 'connection refused';
  if (c === 'ENOTFOUND' || c === 'EAI_AGAIN') return 'the name does not resolve';
  if (c === 'ETIMEDOUT' || c === 'ABORT_ERR')
    return (e as Error).message.startsWith('no answer')
      ? (e as Error).message
      : 'no answer in time';
  if (c === 'EHOSTUNREACH' || c === 'ENETUNREACH') return 'no route to the host';
  if (c === 'ECONNRESET') return 'the connection was reset';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(c))
    return `its TLS certificate is not trusted by this machine (${c})`;
  return c || 'connection failed';
}

export type RegistryClientOptions = {
  login: Login | null;
  /** The admin marked the registry insecure (plain HTTP): only then is HTTP spoken, credentials included. */
  insecure?: boolean;
  /** A host name besides the registry's own whose token service may get the login (`registry.tokenHost`). */
  tokenHost?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
};

/** One registry, as every image's check asks it: the scheme probed once, tokens kept per scope. */
interface RegistryClient {
  registry: string;
  login: Login | null;
  trust: { registry: string; tokenHost?: string; insecure?: boolean };
  send(url: URL, headers: Record<string, string>, method?: string): Promise<Reply>;
  /** https: or, for a registry marked insecure that answers plain HTTP on that port, http:. */
  scheme(): Promise<'https:' | 'http:'>;
  tokens: Map<string, string>;
}

function registryClient(registry: string, opts: RegistryClientOptions): RegistryClient {
  const timeoutMs = opts.timeoutMs ?? 4000;
  let scheme: Promise<'https:' | 'http:'> | null = null;
  const send: RegistryClient['send'] = (url, headers, method = 'HEAD') =>
    request(url, { method, headers, timeoutMs, signal: opts.signal });
  return {
    registry,
    login: opts.login,
    trust: { registry, tokenHost: opts.tokenHost, insecure: opts.insecure },
    send,
    // One probe of the scheme for the whole registry, shared by every image.
    scheme: () =>
      (scheme ??= send(new URL(`https://${registry}/v2/`), {}, 'GET').then(
        () => 'https:' as const,
        (e: unknown) => {
          if (!speaksPlainHttp(e)) throw e;
          if (opts.insecure) return 'http:' as const;
          throw new PlainHttpOnly();
        },
      )),
    tokens: new Map(),
  };
}

/** The registry answers plain HTTP, and it is not marked insecure. */
class PlainHttpOnly extends Error {}

/**
 * What asking again with credentials gave: the new reply (null: nothing to ask with), a refused
 * login, or a realm the check would not follow.
 */
type Retried = {
  res: Reply | null;
  withCredentials: boolean;
  refused?: true;
  realm?: { realm: string; host: string; why: RealmProblem };
};

/**
 * Answers a 401 the way its challenge asks: the login as Basic to the registry, or a Bearer token
 * from the realm — only a realm `realmProblem` allows, with or without a login.
 */
async function retryWithAuth(
  c: RegistryClient,
  url: URL,
  headers: Record<string, string>,
  path: string,
  wwwAuthenticate: string,
): Promise<Retried> {
  const challenge = parseChallenge(wwwAuthenticate);
  const basic = c.login
    ? `Basic ${Buffer.from(`${c.login.username}:${c.login.password}`).toString('base64')}`
    : null;
  if (challenge.scheme === 'basic' && basic)
    return { res: await c.send(url, { ...headers, Authorization: basic }), withCredentials: true };
  if (challenge.scheme !== 'bearer' || !challenge.params.realm)
    return { res: null, withCredentials: false };
  const scope = `repository:${path}:pull`;
  const realm = URL.canParse(challenge.params.realm) ? new URL(challenge.params.realm) : null;
  if (!realm) return { res: null, withCredentials: false };
  const why = realmProblem(realm, c.trust);
  if (why)
    return {
      res: null,
      withCredentials: false,
      realm: { realm: `${realm.protocol}//${realm.host}`, host: realm.hostname, why },
    };
  if (challenge.params.service) realm.searchParams.set('service', challenge.params.service);
  realm.searchParams.set('scope', scope);
  const withCredentials = !!basic;
  let token = c.tokens.get(scope);
  if (!token) {
    const t = await c.send(realm, basic ? { Authorization: basic } : {}, 'GET');
    if (t.status === 401 || t.status === 403) return { res: null, withCredentials, refused: true };
    if (t.status === 200) {
      const body = JSON.parse(t.body) as { token?: string; access_token?: string };
      token = body.token ?? body.access_token;
      if (token) c.tokens.set(scope, token);
    }
  }
  const res = token ? await c.send(url, { ...headers, Authorization: `Bearer ${token}` }) : null;
  return { res, withCredentials };
}

/** One image's manifest: anonymously first, then as the registry's challenge asks. */
async function manifestOutcome(c: RegistryClient, image: string): Promise<ManifestOutcome> {
  const r = parseImage(image);
  const reference = r.digest ?? r.tag ?? 'latest';
  let proto: 'https:' | 'http:';
  try {
    proto = await c.scheme();
  } catch (e) {
    if (e instanceof PlainHttpOnly) return { image, kind: 'plain-http' };
    return { image, kind: 'unreachable', reason: unreachableReason(e) };
  }
  const url = new URL(`${proto}//${c.registry}/v2/${r.path}/manifests/${reference}`);
  const headers: Record<string, string> = { Accept: ACCEPT };
  try {
    let res = await c.send(url, headers);
    let withCredentials = false;
    if (res.status === 401) {
      const auth = String(res.headers['www-authenticate'] ?? '');
      const retried = await retryWithAuth(c, url, headers, r.path, auth);
      if (retried.realm) return { image, kind: 'realm-refused', ...retried.realm };
      if (retried.refused)
        return { image, kind: 'denied', withCredentials: retried.withCredentials };
      withCredentials = retried.withCredentials;
      res = retried.res ?? res;
    }
    if (res.status === 200) return { image, kind: 'found' };
    if (res.status === 404) return { image, kind: 'missing' };
    if (res.status === 401 || res.status === 403) return { image, kind: 'denied', withCredentials };
    return { image, kind: 'error', reason: `HTTP ${res.status}` };
  } catch (e) {
    return { image, kind: 'unreachable', reason: unreachableReason(e) };
  }
}

/** Checks one registry's manifests for a list of image references in that registry. */
export async function checkManifests(
  registry: string,
  images: string[],
  opts: RegistryClientOptions,
): Promise<ManifestOutcome[]> {
  const c = registryClient(registry, opts);
  // A few at a time: a registry is asked as a node would, not flooded.
  return pool(
    images.map((image) => () => manifestOutcome(c, image)),
    4,
  );
}
