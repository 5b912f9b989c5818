import { BODY_LIMITS } from '@/lib/http/body-limits';
import { checkToken, newSession, sessionCookie } from '@/lib/http/login';
import { readJsonBody } from '@/lib/http/read-json';
import { crossOrigin, json, problem } from '@/lib/http/respond';
import { isSameOrigin } from '@/lib/http/same-origin';
import { loginRetryAfter, recordFailure, serverState } from '@/lib/http/server-state';

export const runtime = 'nodejs';

/**
 * Exchanges the access token for a session cookie (HttpOnly, SameSite=Strict, Secure over
 * HTTPS). The token is compared in constant time; 5 failures a minute from one address (30 from
 * all) answer 429 with Retry-After. On loopback there is no token: 404.
 */
export async function POST(req: Request) {
  const state = serverState();
  if (!state.requireToken || !state.tokenDigest)
    return problem('not_found', 'This server needs no sign-in (it listens on loopback only).');
  if (!isSameOrigin(req)) return crossOrigin();
  const address = (state.stampsHeaders ? req.headers.get('x-lw-peer') : null) ?? 'unknown';
  const now = Date.now();
  const wait = loginRetryAfter(state, address, now);
  if (wait > 0)
    return problem('too_many_requests', `Too many failed sign-ins: try again in ${wait} s.`, {
      'Retry-After': String(wait),
    });
  const body = await readJsonBody(req, BODY_LIMITS['/api/login']);
  if (!body.ok) return problem(body.code, body.error);
  const token = (body.value as { token?: unknown } | null)?.token;
  if (typeof token !== 'string' || !checkToken(token, state.tokenDigest)) {
    recordFailure(state, address, now);
    return problem('unauthorized', 'That is not the access token.');
  }
  const id = newSession(state, now);
  return json({ ok: true }, 200, { 'Set-Cookie': sessionCookie(id, state.scheme === 'https') });
}
