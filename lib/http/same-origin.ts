import { sameOrigin } from './request-guard';
import { serverState } from './server-state';

/**
 * State-changing and secret-carrying routes accept only requests from the wizard's own pages:
 * `Origin` must be exactly scheme://host:port of the server (scheme included), `Sec-Fetch-Site`
 * same-origin when sent. `X-Forwarded-Host` counts only when the admin configured a trusted proxy
 * (LW_TRUSTED_PROXY) and the server verified the request came from it. The proxy (proxy.ts) runs
 * the same check first; routes call this too (route.ts does for every JSON route) so a route never
 * depends on the proxy's matcher.
 */
export function isSameOrigin(req: Request): boolean {
  const state = serverState();
  const fwdHost = state.stampsHeaders ? req.headers.get('x-lw-forwarded-host') : null;
  const scheme =
    state.stampsHeaders && req.headers.get('x-lw-forwarded-proto') === 'https'
      ? 'https'
      : state.scheme;
  return sameOrigin(
    {
      origin: req.headers.get('origin'),
      host: fwdHost ?? req.headers.get('host'),
      secFetchSite: req.headers.get('sec-fetch-site'),
    },
    { ...state, scheme },
  );
}
