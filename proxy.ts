import { NextResponse, type NextRequest } from 'next/server';
import {
  ALLOWED_METHODS,
  hostAllowed,
  sameOrigin,
  STATE_CHANGING,
  type GuardConfig,
} from '@/lib/http/request-guard';
import { securityHeaders } from '@/lib/http/security-headers';
import { bearerToken, checkToken } from '@/lib/http/login';
import { serverState, sessionValid, type ServerState } from '@/lib/http/server-state';

/** Reachable without a session: the login page, its POST, and Next's static files. */
const PUBLIC_PATHS = ['/login', '/api/login'];
/** Next's hashed assets and the icons in public/ (the login page asks for them too). */
const isStatic = (p: string) =>
  p.startsWith('/_next/static/') || p === '/favicon.ico' || p === '/icon.svg';

function refuse(
  path: string,
  status: number,
  message: string,
  headers: Record<string, string>,
): NextResponse {
  // Nothing of the app: one sentence (JSON for the APIs, as their callers expect), the usual headers.
  if (path.startsWith('/api/')) return NextResponse.json({ error: message }, { status, headers });
  return new NextResponse(`${message}\n`, {
    status,
    headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * Who is asking: a session cookie from the login, or the access token itself as
 * `Authorization: Bearer` (scripts, benches, tests; never in a URL).
 */
function authenticated(state: ServerState, req: NextRequest): 'session' | 'bearer' | null {
  if (sessionValid(state, req.cookies.get(state.cookieName)?.value, Date.now())) return 'session';
  const bearer = bearerToken(req.headers.get('authorization'));
  return bearer && state.tokenDigest && checkToken(bearer, state.tokenDigest) ? 'bearer' : null;
}

/**
 * The request guard in front of every route and page (Next 16 "proxy"): the Host must be the
 * server's own (DNS rebinding gets 421), state-changing requests must come from its own origin
 * (403), unsupported methods get 405, a session or the token is required (401; on loopback too,
 * where every user of the machine can connect), and every response carries the security headers
 * with a fresh CSP nonce.
 */
export function proxy(req: NextRequest) {
  const state = serverState();
  const path = req.nextUrl.pathname;
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const fwd = state.stampsHeaders ? req.headers.get('x-lw-forwarded-host') : null;
  const cfg: GuardConfig = {
    ...state,
    scheme:
      state.stampsHeaders && req.headers.get('x-lw-forwarded-proto') === 'https'
        ? 'https'
        : state.scheme,
  };
  const host = fwd ?? req.headers.get('host');
  const headers = securityHeaders({
    nonce,
    dev: process.env.NODE_ENV === 'development',
    https: cfg.scheme === 'https',
    staticAsset: isStatic(path),
    api: path.startsWith('/api/'),
  });

  if (!hostAllowed(host, cfg))
    return refuse(path, 421, 'This server does not answer to that host name.', headers);
  if (!ALLOWED_METHODS.includes(req.method))
    return refuse(path, 405, 'Method not allowed.', {
      ...headers,
      Allow: ALLOWED_METHODS.join(', '),
    });
  // Pages are GET only (the wizard has no server actions); POST exists for the API routes alone.
  if (req.method === 'POST' && !path.startsWith('/api/'))
    return refuse(path, 405, 'Method not allowed.', { ...headers, Allow: 'GET, HEAD' });
  // Every API takes JSON; Next would take a form POST or a Next-Action header for a server action.
  if (
    req.method === 'POST' &&
    (req.headers.has('next-action') ||
      /^(multipart\/form-data|application\/x-www-form-urlencoded|text\/plain)\b/i.test(
        req.headers.get('content-type') ?? '',
      ))
  ) {
    return refuse(path, 415, 'Send the request as Content-Type: application/json.', headers);
  }
  // Every state-changing request, Bearer ones too, names the server's own origin: one rule.
  if (
    STATE_CHANGING(req.method) &&
    !sameOrigin(
      { origin: req.headers.get('origin'), host, secFetchSite: req.headers.get('sec-fetch-site') },
      cfg,
    )
  )
    return refuse(path, 403, 'Cross-origin request refused.', headers);
  const who = state.requireToken ? authenticated(state, req) : 'session';
  if (state.requireToken && !PUBLIC_PATHS.includes(path) && !isStatic(path) && !who) {
    if (req.method === 'GET' && !path.startsWith('/api/')) {
      // 401 like every other route; the page (no script) sends the browser on to the login
      const page =
        '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=/login"><title>Sign in</title><p><a href="/login">Sign in</a> with the access token first.</p>';
      return new NextResponse(page, {
        status: 401,
        headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
      });
    }
    return NextResponse.json(
      {
        error:
          'Sign in first: open the link the server printed, or send the access token as Authorization: Bearer.',
      },
      { status: 401, headers },
    );
  }

  const forwarded = new Headers(req.headers);
  forwarded.set('x-nonce', nonce);
  forwarded.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  const res = NextResponse.next({ request: { headers: forwarded } });
  Object.entries(headers).forEach(([k, v]) => res.headers.set(k, v));
  return res;
}
