import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security-headers';

describe('security headers', () => {
  it('the production CSP: nonce for scripts, no eval, no framing', () => {
    expect(contentSecurityPolicy('N0nce', false)).toBe(
      "default-src 'self'; script-src 'self' 'nonce-N0nce' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
  });
  it('only next dev gets unsafe-eval', () => {
    expect(contentSecurityPolicy('n', true)).toContain(
      "script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval';",
    );
  });
  it.each([
    [
      { staticAsset: false, https: false },
      { 'Cache-Control': 'no-store' },
      ['Strict-Transport-Security'],
    ],
    [
      { staticAsset: false, https: false, api: false },
      { 'Cache-Control': 'no-store' },
      ['Strict-Transport-Security'],
    ],
    // an API answer is never compressed by the server (event streams would hold a gzip context each)
    [
      { staticAsset: false, https: false, api: true },
      { 'Cache-Control': 'no-store, no-transform' },
      ['Strict-Transport-Security'],
    ],
    [
      { staticAsset: true, https: true },
      { 'Strict-Transport-Security': 'max-age=31536000' },
      ['Cache-Control'],
    ],
  ])('%j', (opts, has, lacks) => {
    const h = securityHeaders({ nonce: 'n', dev: false, ...opts });
    expect(h).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      ...has,
    });
    for (const k of lacks) expect(h).not.toHaveProperty(k);
  });
});
