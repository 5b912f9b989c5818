// The wizard server's settings from the environment (docs/security.md, "Settings"). Pure:
// file reading is passed in, so every rule is unit-tested (config.test.ts).
import { isIP } from 'node:net';

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];
const WILDCARD = ['0.0.0.0', '::', ''];
const MIN_TOKEN = 16;
/** Guessing a token must be infeasible: at least this many bits by the characters' spread. */
const MIN_TOKEN_BITS = 72;
/**
 * The only value that turns the access token off (on loopback only): the setting says what it
 * gives away, so nobody sets it by accident or copies it without reading it.
 */
export const NO_TOKEN_CONSENT = 'any-local-user-can-use-my-cluster-credentials';

/**
 * @param {Record<string, string | undefined>} env
 * @param {(file: string) => string} readFile
 * @returns {{ ok: true, config: object } | { ok: false, error: string }}
 */
export function serverConfig(env, readFile) {
  const host = env.HOST ?? '127.0.0.1';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return fail(`PORT=${env.PORT} is not a port number (1-65535).`);
  const loopback = LOOPBACK.includes(host);
  const [certFile, keyFile] = [env.LW_TLS_CERT, env.LW_TLS_KEY];
  if (Boolean(certFile) !== Boolean(keyFile))
    return fail('Set both LW_TLS_CERT and LW_TLS_KEY (PEM files), or neither.');
  let tls = null;
  if (certFile) {
    try {
      tls = { cert: readFile(certFile), key: readFile(keyFile) };
    } catch (e) {
      return fail(
        `Cannot read the TLS certificate or key (${e.code ?? e.message}): check LW_TLS_CERT and LW_TLS_KEY.`,
      );
    }
  }
  const insecureHttp = !loopback && !tls;
  if (insecureHttp && env.LW_ALLOW_INSECURE_HTTP !== '1') {
    return fail(
      `Refusing to serve HOST=${host} over plain HTTP: licenses, keys and the access token would cross the network in clear. Give a certificate (LW_TLS_CERT, LW_TLS_KEY), use an SSH tunnel to 127.0.0.1, or set LW_ALLOW_INSECURE_HTTP=1 to accept the risk.`,
    );
  }
  const publicHosts = (env.LW_PUBLIC_HOST ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  if (!loopback && publicHosts.length === 0) {
    if (WILDCARD.includes(host))
      return fail(
        `HOST=${host} listens on every address: set LW_PUBLIC_HOST to the name(s) browsers use to reach the wizard (e.g. wizard.example.com or wizard.example.com:8443).`,
      );
    publicHosts.push(isIP(host) === 6 ? `[${host}]` : host.toLowerCase());
  }
  const trustedProxy = env.LW_TRUSTED_PROXY?.trim() || null;
  if (trustedProxy && isIP(trustedProxy) === 0)
    return fail(
      `LW_TRUSTED_PROXY=${trustedProxy} is not an IP address: give the address the proxy connects from.`,
    );
  const noToken = env.LW_NO_ACCESS_TOKEN;
  if (noToken !== undefined && noToken !== NO_TOKEN_CONSENT)
    return fail(
      `LW_NO_ACCESS_TOKEN turns the access token off and takes one value only, ${NO_TOKEN_CONSENT}: every user of this machine could then read the Secrets your kubeconfig reaches and install or uninstall releases through the wizard.`,
    );
  if (noToken !== undefined && !loopback)
    return fail(
      `LW_NO_ACCESS_TOKEN is for a wizard on loopback only: HOST=${host} is reachable from other machines.`,
    );
  const requireToken = noToken === undefined;
  const token = requireToken ? accessToken(env, readFile) : { ok: true, value: null };
  if (!token.ok) return token;
  return {
    ok: true,
    config: {
      host,
      port,
      loopback,
      tls,
      insecureHttp,
      publicHosts,
      trustedProxy,
      requireToken,
      token: token.value,
      tokenGenerated: requireToken && !env.LW_ACCESS_TOKEN && !env.LW_ACCESS_TOKEN_FILE,
    },
  };
}

function accessToken(env, readFile) {
  let token = env.LW_ACCESS_TOKEN;
  if (!token && env.LW_ACCESS_TOKEN_FILE) {
    try {
      token = readFile(env.LW_ACCESS_TOKEN_FILE).replace(/\r?\n$/, '');
    } catch (e) {
      return fail(`Cannot read LW_ACCESS_TOKEN_FILE (${e.code ?? e.message}).`);
    }
  }
  if (token === undefined || token === '') return { ok: true, value: null }; // generated at start
  if (token.length < MIN_TOKEN || token.length > 1024)
    return fail(
      `The access token must have ${MIN_TOKEN} to 1024 characters (\`openssl rand -base64 32\` makes a good one).`,
    );
  if (tokenBits(token) < MIN_TOKEN_BITS)
    return fail(
      `The access token is too easy to guess (its characters repeat or follow a pattern): use a random one, e.g. \`openssl rand -base64 32\`.`,
    );
  return { ok: true, value: token };
}

/**
 * A lower bound on how hard a token is to guess: its length times the Shannon entropy of its
 * characters, counting runs and steps (aaaa, abcd, 1234) once. 16 × "a" is 0 bits; 32 random
 * base64 characters are about 150; 43 from `openssl rand -base64 32` about 200.
 * @param {string} token
 */
export function tokenBits(token) {
  const chars = [...token];
  const steps = chars.filter((c, i) => {
    if (i === 0) return true;
    const d = c.codePointAt(0) - chars[i - 1].codePointAt(0);
    return Math.abs(d) > 1;
  });
  const counts = new Map();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / chars.length) * Math.log2(n / chars.length);
  return perChar * steps.length;
}

const fail = (error) => ({ ok: false, error });
