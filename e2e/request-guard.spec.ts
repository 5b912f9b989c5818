import { expect, test } from '@playwright/test';
import { e2ePort } from './server-process';

// The production server Playwright starts (scripts/server.mjs on 127.0.0.1:E2E_PORT).
const origin = `http://127.0.0.1:${e2ePort}`;
const json = { 'Content-Type': 'application/json' };
const validBody = '{}';

test.describe('Host: DNS rebinding gets nothing', () => {
  for (const host of [
    `evil.example:${e2ePort}`,
    `localhost.evil.example:${e2ePort}`,
    `127.0.0.1:${e2ePort + 1}`,
    '127.0.0.1',
    `0.0.0.0:${e2ePort}`,
  ]) {
    test(`Host ${host} is refused on the page and the APIs`, async ({ request }) => {
      const page = await request.get('/', { headers: { Host: host } });
      expect(page.status()).toBe(421);
      expect(await page.text()).toBe('This server does not answer to that host name.\n');
      const api = await request.post('/api/validate', {
        headers: { ...json, Host: host, Origin: `http://${host}` },
        data: validBody,
      });
      expect(api.status()).toBe(421);
      expect(await api.json()).toEqual({ error: 'This server does not answer to that host name.' });
    });
  }
  for (const host of [`127.0.0.1:${e2ePort}`, `localhost:${e2ePort}`, `[::1]:${e2ePort}`]) {
    test(`Host ${host} (loopback, own port) is served`, async ({ request }) => {
      expect((await request.get('/', { headers: { Host: host } })).status()).toBe(200);
    });
  }
});

test.describe('state-changing requests come from the wizard’s own origin only', () => {
  const cases: [string, Record<string, string>][] = [
    ['another site', { Origin: 'http://evil.example' }],
    ['the right host with https instead of http', { Origin: `https://127.0.0.1:${e2ePort}` }],
    ['another port', { Origin: `http://127.0.0.1:${e2ePort + 1}` }],
    ['another loopback name', { Origin: `http://localhost:${e2ePort}` }],
    ['no Origin at all', {}],
    ['Origin null (sandboxed frame, file:)', { Origin: 'null' }],
    ['Sec-Fetch-Site cross-site', { Origin: origin, 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site same-site', { Origin: origin, 'Sec-Fetch-Site': 'same-site' }],
    [
      'a spoofed X-Forwarded-Host (no trusted proxy configured)',
      { Origin: 'http://evil.example', 'X-Forwarded-Host': 'evil.example' },
    ],
  ];
  for (const [name, headers] of cases) {
    test(`${name}: 403`, async ({ request }) => {
      for (const route of ['/api/validate', '/api/pem']) {
        const r = await request.post(route, { headers: { ...json, ...headers }, data: validBody });
        expect(r.status(), route).toBe(403);
        expect(await r.json()).toEqual({ error: 'Cross-origin request refused.' });
      }
    });
  }
  test('the own origin (with Sec-Fetch-Site same-origin) is served', async ({ request }) => {
    const r = await request.post('/api/validate', {
      headers: { ...json, Origin: origin, 'Sec-Fetch-Site': 'same-origin' },
      data: validBody,
    });
    expect(r.status()).toBe(200);
  });
});

test.describe('methods', () => {
  test('POST to a page is 405 (pages are GET only)', async ({ request }) => {
    for (const route of ['/', '/login']) {
      const r = await request.post(route, {
        headers: { 'Content-Type': 'application/json', Origin: origin },
        data: '{}',
      });
      expect(r.status(), route).toBe(405);
      expect(r.headers()['allow']).toBe('GET, HEAD');
    }
  });
  for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    test(`${method} is 405 on pages and APIs`, async ({ request }) => {
      for (const route of ['/', '/api/validate', '/login']) {
        const r = await request.fetch(route, { method, headers: { Origin: origin } });
        expect(r.status(), route).toBe(405);
        expect(r.headers()['allow']).toBe('GET, HEAD, POST');
      }
    });
  }
});

test.describe('security headers', () => {
  const expected = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
  for (const [name, get] of [
    ['the page', (r: import('@playwright/test').APIRequestContext) => r.get('/')],
    ['the login page', (r: import('@playwright/test').APIRequestContext) => r.get('/login')],
    ['a 404', (r: import('@playwright/test').APIRequestContext) => r.get('/no-such-page')],
    [
      'an API answer',
      (r: import('@playwright/test').APIRequestContext) =>
        r.post('/api/validate', { headers: { ...json, Origin: origin }, data: validBody }),
    ],
    [
      'a refusal',
      (r: import('@playwright/test').APIRequestContext) =>
        r.post('/api/validate', { headers: json, data: validBody }),
    ],
  ] as const) {
    test(`on ${name}`, async ({ request }) => {
      const h = (await get(request)).headers();
      expect(h).toMatchObject(expected);
      expect(h['cache-control']).toContain('no-store');
      const csp = h['content-security-policy']!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
      expect(csp).not.toContain('unsafe-eval');
      expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain(
        'unsafe-inline',
      );
    });
  }
  test('API answers are sent uncompressed (no-transform), pages compressed', async ({
    request,
  }) => {
    // An answer over the 1 KiB compression threshold: the issues of an empty answers file.
    const api = await request.post('/api/validate', {
      headers: { ...json, Origin: origin, 'Accept-Encoding': 'gzip' },
      data: validBody,
    });
    expect((await api.body()).length).toBeGreaterThan(1024);
    expect(api.headers()['cache-control']).toBe('no-store, no-transform');
    expect(api.headers()['content-encoding']).toBeUndefined();
    const page = await request.get('/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(page.headers()['cache-control']).toBe('no-store');
    expect(page.headers()['content-encoding']).toBe('gzip');
  });
  test('each page view gets a fresh nonce, and Next’s scripts carry it', async ({ request }) => {
    const [a, b] = [await request.get('/'), await request.get('/')];
    const nonce = (r: typeof a) =>
      /'nonce-([^']+)'/.exec(r.headers()['content-security-policy']!)![1];
    expect(nonce(a)).not.toBe(nonce(b));
    const html = await a.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => !s.includes(`nonce="${nonce(a)}"`))).toEqual([]);
  });
});

test('the wizard runs under the CSP: no violation, the form validates', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
      violations.push(m.text());
  });
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico'))
      failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto('/');
  await expect(page.locator('#step-panel')).toHaveAttribute('aria-busy', 'false');
  await page.getByTestId('field-general.endpoint').fill('lightrun.example.com');
  await expect(page.locator('#step-panel')).toHaveAttribute('aria-busy', 'false');
  expect(violations).toEqual([]);
  expect(failed).toEqual([]);
});

test('an incomplete form is a successful validation: 200 with the issues', async ({ request }) => {
  const r = await request.post('/api/validate', {
    headers: { ...json, Origin: origin },
    data: '{"general":{"endpoint":"https://x"}}',
  });
  expect(r.status()).toBe(200);
  const { issues } = (await r.json()) as { issues: { path: string[]; message: string }[] };
  expect(issues.find((i) => i.path.join('.') === 'general.endpoint')?.message).toBe(
    'Enter the host name only, without "https://".',
  );
});
