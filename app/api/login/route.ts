import { BODY_LIMITS } from '@/lib/http/body-limits';
import { checkToken, newSession, sessionCookie } from '@/lib/http/login';
import { readJsonBody } from '@/lib/http/read-json';
import { loginRetryAfter, recordFailure, serverState } from '@/lib/http/server-state';
import { isSameOrigin } from '@/lib/http/same-origin';

export const runtime = 'nodejs';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * Exchanges the access token for a session cookie (HttpOnly, SameSite=Strict, Secure over
 * HTTPS). The token is compared in constant time; 5 failures a minute from one address (30 from
 * all) answer 429 with Retry-After. On loopback there is no token: 404.
 */
export async function POST(req: Request) {
  const state = serverState();
  if (!state.requireToken || !state.tokenDigest)
    return Response.json(
      { error: 'This server needs no sign-in (it listens on loopback only).' },
      { status: 404, headers: NO_STORE },
    );
  if (!isSameOrigin(req))
    return Response.json(
      { error: 'Cross-origin request refused.' },
      { status: 403, headers: NO_STORE },
    );
  const address = (state.stampsHeaders ? req.headers.get('x-lw-peer') : null) ?? 'unknown';
  const now = Date.now();
  const wait = loginRetryAfter(state, address, now);
  if (wait > 0)
    return Response.json(
      { error: `Too many failed sign-ins: try again in ${wait} s.` },
      { status: 429, headers: { ...NO_STORE, 'Retry-After': String(wait) } },
    );
  const body = await readJsonBody(req, BODY_LIMITS.login);
  if (!body.ok)
    return Response.json({ error: body.error }, { status: body.status, headers: NO_STORE });
  const token = (body.value as { token?: unknown } | null)?.token;
  if (typeof token !== 'string' || !checkToken(token, state.tokenDigest)) {
    recordFailure(state, address, now);
    return Response.json(
      { error: 'That is not the access token.' },
      { status: 401, headers: NO_STORE },
    );
  }
  const id = newSession(state, now);
  return Response.json(
    { ok: true },
    {
      status: 200,
      headers: { ...NO_STORE, 'Set-Cookie': sessionCookie(id, state.scheme === 'https') },
    },
  );
}
