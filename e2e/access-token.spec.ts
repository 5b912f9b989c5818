import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as pwRequest, test, type APIRequestContext } from '@playwright/test';
import { e2ePort, startServer, type ServerProcess } from './server-process';

// Off loopback the wizard wants an access token. 127.0.0.2/.3 are loopback addresses of this
// machine, but the server treats every bind address other than 127.0.0.1, localhost and ::1 as
// off loopback, so these tests run the real off-loopback code without leaving the machine.
const TOKEN = 'e2e-access-token-5b1f0c9e7d2a4f68';
const HTTP_PORT = e2ePort + 50;
const HTTPS_PORT = e2ePort + 51;
const httpUrl = `http://127.0.0.2:${HTTP_PORT}`;
const httpsUrl = `https://127.0.0.3:${HTTPS_PORT}`;
const SHOTS = path.join(__dirname, '..', 'test-results', 'e2e', 'screenshots');
const json = (origin: string) => ({ 'Content-Type': 'application/json', Origin: origin });

let plain: ServerProcess;
let tls: ServerProcess;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  plain = await startServer(
    {
      HOST: '127.0.0.2',
      PORT: String(HTTP_PORT),
      LW_ALLOW_INSECURE_HTTP: '1',
      LW_ACCESS_TOKEN: TOKEN,
    },
    httpUrl,
  );
  const fixtures = path.join(__dirname, 'fixtures');
  tls = await startServer(
    {
      HOST: '127.0.0.3',
      PORT: String(HTTPS_PORT),
      LW_TLS_CERT: path.join(fixtures, 'server.crt'),
      LW_TLS_KEY: path.join(fixtures, 'server.key'),
      LW_ACCESS_TOKEN: '', // generated: the tests read it from its file
    },
    httpsUrl,
  );
});
test.afterAll(async () => {
  await plain?.stop();
  await tls?.stop();
});

const ctx = (baseURL: string) => pwRequest.newContext({ baseURL, ignoreHTTPSErrors: true });
const login = (r: APIRequestContext, origin: string, token: string) =>
  r.post('/api/login', { headers: json(origin), data: JSON.stringify({ token }) });

test('without a session every route but the login answers 401', async () => {
  const r = await ctx(httpUrl);
  const page = await r.get('/');
  expect(page.status()).toBe(401);
  expect(await page.text()).toContain('<a href="/login">Sign in</a>');
  for (const route of ['/api/validate', '/api/pem']) {
    const api = await r.post(route, { headers: json(httpUrl), data: '{}' });
    expect(api.status(), route).toBe(401);
    expect(await api.json()).toEqual({
      error:
        'Sign in first: open the link the server printed, or send the access token as Authorization: Bearer.',
    });
  }
  expect((await r.get('/no-such-page')).status()).toBe(401);
  expect((await r.get('/', { headers: { Cookie: 'lw_session=made-up' } })).status()).toBe(401);
  expect((await r.get('/login')).status()).toBe(200);
});

test('a wrong token is 401; the right one gives an HttpOnly SameSite=Strict cookie (no Secure over HTTP)', async () => {
  const r = await ctx(httpUrl);
  const wrong = await login(r, httpUrl, `${TOKEN}x`);
  expect(wrong.status()).toBe(401);
  expect(wrong.headers()['set-cookie']).toBeUndefined();
  const ok = await login(r, httpUrl, TOKEN);
  expect(ok.status()).toBe(200);
  expect(ok.headers()['set-cookie']).toMatch(
    /^lw_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
  );
  expect((await r.get('/')).status()).toBe(200);
  expect((await r.post('/api/validate', { headers: json(httpUrl), data: '{}' })).status()).toBe(
    200,
  );
  // the session does not open the door to another host name
  expect((await r.get('/', { headers: { Host: `evil.example:${HTTP_PORT}` } })).status()).toBe(421);
});

test('a login from another origin is refused', async () => {
  const r = await ctx(httpUrl);
  expect((await login(r, 'http://evil.example', TOKEN)).status()).toBe(403);
});

/** The generated token of the HTTPS server: never in its log (no terminal), in its 0600 file. */
function generatedToken(): string {
  const file = path.join(
    process.env.HOME ?? os.homedir(),
    '.cache',
    'lightrun-wizard',
    `access-token-${HTTPS_PORT}`,
  );
  expect(statSync(file).mode & 0o777).toBe(0o600);
  return readFileSync(file, 'utf8').trim();
}

test('a generated token never reaches a log: the server names its 0600 file; over HTTPS the cookie is __Host- and Secure; HSTS is sent', async () => {
  const token = generatedToken();
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(tls.log()).not.toContain(token);
  expect(tls.log()).toContain(`access-token-${HTTPS_PORT} (0600;`);
  const r = await ctx(httpsUrl);
  const ok = await login(r, httpsUrl, token);
  expect(ok.status()).toBe(200);
  expect(ok.headers()['set-cookie']).toMatch(
    /^__Host-lw_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/,
  );
  expect(ok.headers()['strict-transport-security']).toBe('max-age=31536000');
});

test('wrong tokens are limited per source: the 11th within a minute is 429; the right token still signs in', async () => {
  const r = await ctx(httpsUrl);
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++)
    statuses.push((await login(r, httpsUrl, 'wrong-token-guess-00000')).status());
  expect(statuses).toEqual(Array(10).fill(401));
  const limited = await login(r, httpsUrl, 'wrong-token-guess-00000');
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(50);
  expect((await limited.json()).error).toMatch(/^Too many wrong tokens: try again in \d+ s\.$/);
  expect((await login(r, httpsUrl, generatedToken())).status()).toBe(200);
});

test('plain HTTP on a network address is refused unless LW_ALLOW_INSECURE_HTTP=1', () => {
  const r = spawnSync(process.execPath, ['scripts/server.mjs'], {
    cwd: path.join(__dirname, '..'),
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.4',
      PORT: String(e2ePort + 52),
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('Refusing to serve HOST=127.0.0.4 over plain HTTP');
});

test('in the browser: the login page, then the wizard, both with the plain-HTTP banner', async ({
  browser,
}) => {
  const context = await browser.newContext({
    baseURL: httpUrl,
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(`${httpUrl}/login`);
  await expect(page.getByTestId('insecure-banner')).toBeVisible();
  await page.getByTestId('login-token').fill('not-the-token-at-all');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText('That is not the access token.');
  await page.screenshot({ path: path.join(SHOTS, 'login-error-1440.png') });
  await page.getByTestId('login-token').fill(TOKEN);
  await page.screenshot({ path: path.join(SHOTS, 'login-1440.png') });
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(`${httpUrl}/`);
  await expect(page.locator('#step-panel')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('insecure-banner')).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'insecure-banner-1440.png') });
  const cookie = (await context.cookies()).find((c) => c.name === 'lw_session')!;
  expect({ httpOnly: cookie.httpOnly, sameSite: cookie.sameSite, secure: cookie.secure }).toEqual({
    httpOnly: true,
    sameSite: 'Strict',
    secure: false,
  });
  expect(await page.evaluate(() => document.cookie)).toBe('');
  await context.close();
});
