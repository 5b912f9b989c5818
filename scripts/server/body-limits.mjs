// Request-body limits enforced before Next sees a request: Next buffers every body for proxy.ts
// (up to proxyClientMaxBodySize) before any route can refuse it. Mirrors lib/http/body-limits.ts
// (the routes enforce those again while reading; a unit test keeps the two equal).
export const ROUTE_BODY_LIMITS = {
  '/api/validate': 2 * 1_048_576,
  '/api/pem': 2 * (65_536 + 16_384),
  '/api/login': 4096,
  '/api/install': 2 * 1_048_576,
  '/api/preflight': 2 * 1_048_576,
  '/api/support-bundle': 2 * 1_048_576,
  '/api/gitops-export': 2 * 1_048_576,
  '/api/releases/diff': 2 * 1_048_576,
  '/api/releases/rollback': 32_768,
  '/api/releases/status': 32_768,
  '/api/releases/uninstall': 65_536,
  '/api/releases/history': 32_768,
  '/api/releases/leftovers': 32_768,
  '/api/releases/values': 32_768,
  '/api/releases/list': 32_768,
  '/api/releases/upgrade-plan': 32_768,
  '/api/releases/upgrade-values': 32_768,
  '/api/releases/upgrade-secrets': 32_768,
  '/api/releases/database-backup': 32_768,
  '/api/releases/upgrade-run': 32_768,
};
/** Another API route (e.g. a job's cancel, whose body is not read): the answers' maximum. */
export const API_BODY_LIMIT = 2 * 1_048_576;
/** Anything else that may carry a body (refused later by the guard: 405, 421, 403). */
export const OTHER_BODY_LIMIT = 65_536;

/**
 * @param {string} method
 * @param {string} url  origin-form request target
 * @param {string | undefined} contentLength
 * @param {boolean} chunked
 * @returns {null | { status: 411 | 413, message: string }}
 */
export function bodyRefusal(method, url, contentLength, chunked) {
  if (method === 'GET' || method === 'HEAD') return null;
  const path = url.split('?')[0];
  const limit =
    ROUTE_BODY_LIMITS[path] ?? (path.startsWith('/api/') ? API_BODY_LIMIT : OTHER_BODY_LIMIT);
  if (chunked || contentLength === undefined) {
    if (method === 'POST') return { status: 411, message: 'Send the body with a Content-Length.' };
    return null;
  }
  const n = Number(contentLength);
  if (!/^\d{1,15}$/.test(contentLength))
    return { status: 411, message: 'Send the body with a valid Content-Length.' };
  if (n > limit)
    return {
      status: 413,
      message: `The request is larger than ${limit >= 1_048_576 ? `${limit / 1_048_576} MiB` : `${limit / 1024} KiB`}, the most ${path} takes.`,
    };
  return null;
}
