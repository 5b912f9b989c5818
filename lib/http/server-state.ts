import { createHash } from 'node:crypto';
import type { GuardConfig } from './request-guard';

/**
 * What the wizard's own server (scripts/server.mjs, started by `npm start`) tells the request
 * guard, through one global of the process. Without it (plain `next start` / `next dev`) the
 * guard fails closed: loopback only, no proxy, plain HTTP on PORT, and a token required — the one
 * in LW_ACCESS_TOKEN, else none that could match (every route 401) unless LW_NO_ACCESS_TOKEN
 * carries its consent value (docs/security.md).
 */
export type ServerState = GuardConfig & {
  /**
   * Every route but the login needs a session or the token as a Bearer header: on loopback too,
   * where any user of the machine can connect (off only by LW_NO_ACCESS_TOKEN's consent value).
   */
  requireToken: boolean;
  /** `__Host-lw_session` wherever the cookie can be Secure (HTTPS, and loopback, which browsers trust). */
  cookieName: string;
  /** SHA-256 of the access token (the token itself is never kept). */
  tokenDigest: Uint8Array | null;
  /** Session id -> expiry (ms since epoch). */
  sessions: Map<string, number>;
  /** Failed logins per source (the peer, or the client a trusted proxy names): timestamps of the last minute. */
  failures: Map<string, number[]>;
  /** Served over plain HTTP off loopback because the admin said so (LW_ALLOW_INSECURE_HTTP=1). */
  insecureHttp: boolean;
  /** The server stamps x-lw-peer / x-lw-forwarded-* itself (and removes any the client sent). */
  stampsHeaders: boolean;
};

export const STATE_KEY = Symbol.for('lightrun-wizard.server-state');

/** The one value of LW_NO_ACCESS_TOKEN that turns the token off (scripts/server/config.mjs too). */
export const NO_TOKEN_CONSENT = 'any-local-user-can-use-my-cluster-credentials';

/** The running server's state, or the fail-closed default. */
export function serverState(env: Record<string, string | undefined> = process.env): ServerState {
  const s = (globalThis as Record<symbol, ServerState | undefined>)[STATE_KEY];
  if (s) return s;
  const token = env.LW_ACCESS_TOKEN;
  // Kept like the server's own, so a session made by a login outlives the request.
  return ((globalThis as Record<symbol, ServerState>)[STATE_KEY] = {
    port: Number(env.PORT ?? 3000),
    publicHosts: [],
    scheme: 'http',
    requireToken: env.LW_NO_ACCESS_TOKEN !== NO_TOKEN_CONSENT,
    cookieName: HOST_SESSION_COOKIE,
    tokenDigest: token ? createHash('sha256').update(token, 'utf8').digest() : null,
    sessions: new Map(),
    failures: new Map(),
    insecureHttp: false,
    stampsHeaders: false,
  });
}

/** The session cookie's name where it cannot be Secure (plain HTTP off loopback, by consent). */
export const SESSION_COOKIE = 'lw_session';
/** Its name where it can: the browser then refuses it from any other site or path. */
export const HOST_SESSION_COOKIE = '__Host-lw_session';
export const SESSION_MS = 12 * 60 * 60 * 1000;
/**
 * Failed logins allowed per source per minute. There is no limit over all sources together: one
 * guesser must not lock the admin out, and the right token is never refused (the route checks it
 * before the limit). Guessing stays infeasible because the token is long and random.
 */
export const FAILURES_PER_ADDRESS = 10;
const WINDOW_MS = 60_000;

/** A session id that is known and not expired (expired ones are dropped). */
export function sessionValid(
  state: Pick<ServerState, 'sessions'>,
  id: string | undefined,
  now: number,
): boolean {
  if (!id) return false;
  const exp = state.sessions.get(id);
  if (exp === undefined) return false;
  if (exp <= now) {
    state.sessions.delete(id);
    return false;
  }
  return true;
}

/**
 * Who sent a request, for the per-source limits (wrong tokens, preflight probes): the client a
 * trusted proxy names or the peer, as scripts/server.mjs stamps them (x-lw-client, x-lw-peer).
 * Without that server nothing stamps them, and every request is the one source 'unknown'.
 */
export function requestSource(
  req: Request,
  state: Pick<ServerState, 'stampsHeaders'> = serverState(),
): string {
  if (!state.stampsHeaders) return 'unknown';
  return req.headers.get('x-lw-client') ?? req.headers.get('x-lw-peer') ?? 'unknown';
}

/** Seconds until this source may try a wrong token again, or 0 when it may now. */
export function loginRetryAfter(
  state: Pick<ServerState, 'failures'>,
  address: string,
  now: number,
): number {
  const mine = (state.failures.get(address) ?? []).filter((t) => t > now - WINDOW_MS);
  if (mine.length < FAILURES_PER_ADDRESS) return 0;
  return Math.max(1, Math.ceil((Math.min(...mine) + WINDOW_MS - now) / 1000));
}

/** Records a failed login (and forgets failures older than the window). */
export function recordFailure(
  state: Pick<ServerState, 'failures'>,
  address: string,
  now: number,
): void {
  for (const [a, list] of state.failures) {
    const kept = list.filter((t) => t > now - WINDOW_MS);
    if (kept.length === 0) state.failures.delete(a);
    else state.failures.set(a, kept);
  }
  state.failures.set(address, [...(state.failures.get(address) ?? []), now]);
}
