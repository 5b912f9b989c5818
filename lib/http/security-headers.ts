/**
 * Headers every response carries. script-src uses a per-request nonce (Next puts it on its own
 * inline scripts), so neither 'unsafe-inline' nor 'unsafe-eval' is needed for scripts in a
 * production build; `next dev` alone needs 'unsafe-eval' (React's dev tooling). style-src keeps
 * 'unsafe-inline': React renders style attributes, which a nonce cannot cover, and styles cannot
 * run code.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The fixed headers; `no-store` everywhere but Next's content-hashed static files. The APIs also
 * get `no-transform`: Next compresses every response whose Cache-Control does not say so, and a
 * route's own Cache-Control does not replace the one set here. Each open event stream then held its
 * own gzip context (278 KiB of zlib memory per dashboard) and compressed every event again for
 * every viewer, after the events had been encoded once for all of them (lib/sse.ts sharedEncoder).
 * API answers are small JSON, NDJSON or event streams, or an archive already gzipped; the pages
 * and static files stay compressed.
 */
export function securityHeaders(opts: {
  nonce: string;
  dev: boolean;
  https: boolean;
  staticAsset: boolean;
  api?: boolean;
}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(opts.nonce, opts.dev),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    ...(opts.staticAsset
      ? {}
      : { 'Cache-Control': opts.api ? 'no-store, no-transform' : 'no-store' }),
    ...(opts.https ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}
