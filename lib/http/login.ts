import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { HOST_SESSION_COOKIE, SESSION_COOKIE, SESSION_MS, type ServerState } from './server-state';

/** SHA-256 of a token: what the server keeps instead of the token. */
export const tokenDigest = (token: string): Uint8Array =>
  createHash('sha256').update(token, 'utf8').digest();

/** Constant-time: both sides are 32-byte digests, whatever the candidate's length. */
export function checkToken(candidate: string, digest: Uint8Array): boolean {
  return (
    candidate.length > 0 &&
    candidate.length <= 1024 &&
    timingSafeEqual(tokenDigest(candidate), digest)
  );
}

/** A new random session id, valid for SESSION_MS. */
export function newSession(state: Pick<ServerState, 'sessions'>, now: number): string {
  const id = randomBytes(32).toString('base64url');
  state.sessions.set(id, now + SESSION_MS);
  return id;
}

/**
 * The Set-Cookie value: HttpOnly, SameSite=Strict, Path=/, 12 h; Secure (and `__Host-`) wherever
 * the browser allows it — over HTTPS, and on loopback, which browsers count as a secure origin.
 */
export function sessionCookie(id: string, secure: boolean): string {
  const name = secure ? HOST_SESSION_COOKIE : SESSION_COOKIE;
  return `${name}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MS / 1000}${secure ? '; Secure' : ''}`;
}

/** The token of an `Authorization: Bearer <token>` header (scripts and tests), or null. */
export function bearerToken(header: string | null): string | null {
  const m = /^Bearer ([\x21-\x7e]{1,1024})$/.exec(header ?? '');
  return m ? m[1]! : null;
}
