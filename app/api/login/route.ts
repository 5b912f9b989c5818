import { BODY_LIMITS } from '@/lib/http/body-limits';
import { checkToken, newSession, sessionCookie } from '@/lib/http/login';
import { readJsonBody } from '@/lib/http/read-json';
import { crossOrigin, json, problem } from '@/lib/http/respond';
import { isSameOrigin } from '@/lib/http/same-origin';
import {
  HOST_SESSION_COOKIE,
  loginRetryAfter,
  recordFailure,
  requestSource,
  serverState,
} from '@/lib/http/server-state';

export const runtime = 'nodejs';

/**
 * Exchanges the access token for a session cookie (HttpOnly, SameSite=Strict, `__Host-` and
 * Secure wherever the browser takes it). The token is compared in constant time and always
 * accepted; wrong ones are limited per source (10 a minute: 429 with Retry-After), never for
 * everyone. Without a token (LW_NO_ACCESS_TOKEN): 404.
 */
export async function POST(req: Request) {
  const state = serverState();
  if (!state.requireToken || !state.tokenDigest)
    return problem('not_found', 'This server needs no sign-in (its access token is turned off).');
  if (!isSameOrigin(req)) return crossOrigin();
  const source = requestSource(req, state);
  const body = await readJsonBody(req, BODY_LIMITS['/api/login']);
  if (!body.ok) return problem(body.code, body.error);
  const token = (body.value as { token?: unknown } | null)?.token;
  const now = Date.now();
  if (typeof token === 'string' && checkToken(token, state.tokenDigest)) {
    const id = newSession(state, now);
    return json({ ok: true }, 200, {
      'Set-Cookie': sessionCookie(id, state.cookieName === HOST_SESSION_COOKIE),
    });
  }
  const wait = loginRetryAfter(state, source, now);
  if (wait > 0)
    return problem('too_many_requests', `Too many wrong tokens: try again in ${wait} s.`, {
      'Retry-After': String(wait),
    });
  recordFailure(state, source, now);
  return problem('unauthorized', 'That is not the access token.');
}
