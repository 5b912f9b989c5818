import type { GuardConfig } from './request-guard';

/**
 * What the wizard's own server (scripts/server.mjs, started by `npm start`) tells the request
 * guard, through one global of the process. Without it (plain `next start` / `next dev`) the
 * guard assumes the safest case: loopback only, no token, no proxy, plain HTTP on PORT.
 */
export type ServerState = GuardConfig & {
  /** Off loopback every route but the login needs a session. */
  requireToken: boolean;
  /** SHA-256 of the access token (the token itself is never kept). */
  tokenDigest: Uint8Array | null;
  /** Session id -> expiry (ms since epoch). */
  sessions: Map<string, number>;
  /** Failed logins per client address: timestamps of the last minute. */
  failures: Map<string, number[]>;
  /** Served over plain HTTP off loopback because the admin said so (LW_ALLOW_INSECURE_HTTP=1). */
  insecureHttp: boolean;
  /** The server stamps x-lw-peer / x-lw-forwarded-* itself (and removes any the client sent). */
  stampsHeaders: boolean;
};

export const STATE_KEY = Symbol.for('lightrun-wizard.server-state');

/** The running server's state, or the loopback-only default. */
export function serverState(env: Record<string, string | undefined> = process.env): ServerState {
  const s = (globalThis as Record<symbol, ServerState | undefined>)[STATE_KEY];
  if (s) return s;
  return {
    port: Number(env.PORT ?? 3000),
    publicHosts: [],
    scheme: 'http',
    requireToken: false,
    tokenDigest: null,
    sessions: new Map(),
    failures: new Map(),
    insecureHttp: false,
    stampsHeaders: false,
  };
}

export const SESSION_COOKIE = 'lw_session';
export const SESSION_MS = 12 * 60 * 60 * 1000;
/** Failed logins allowed per address per minute, and from all addresses together. */
export const FAILURES_PER_ADDRESS = 5;
export const FAILURES_TOTAL = 30;
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

/** Seconds until this address may try again, or 0 when a login attempt is allowed now. */
export function loginRetryAfter(
  state: Pick<ServerState, 'failures'>,
  address: string,
  now: number,
): number {
  const recent = (list: number[] | undefined) => (list ?? []).filter((t) => t > now - WINDOW_MS);
  const mine = recent(state.failures.get(address));
  const all = [...state.failures.values()].flatMap(recent);
  const limited =
    mine.length >= FAILURES_PER_ADDRESS ? mine : all.length >= FAILURES_TOTAL ? all : null;
  if (!limited) return 0;
  return Math.max(1, Math.ceil((Math.min(...limited) + WINDOW_MS - now) / 1000));
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
