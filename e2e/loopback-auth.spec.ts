import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { e2ePort, startServer, type ServerProcess } from './server-process';

// On a shared jump host every local user can connect to 127.0.0.1: the wizard holds the admin's
// cluster credentials, so loopback needs the access token too (issue 26 #1). The requests below
// run as the unprivileged user `nobody`, as another user of the machine would.
const PORT = e2ePort + 60;
const base = `http://127.0.0.1:${PORT}`;
const TOKEN = 'lb-Vq3xJr7Wm2Lp9Zt5Kc8Nd4Hs6Fg1Yb0';
const SHOTS = path.join(__dirname, '..', 'test-results', 'e2e', 'screenshots');
const asRoot = process.getuid?.() === 0;

let server: ServerProcess;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  server = await startServer(
    { HOST: '127.0.0.1', PORT: String(PORT), LW_ACCESS_TOKEN: TOKEN },
    base,
  );
});
test.afterAll(async () => server?.stop());

/** curl as user `nobody` (argv only): the HTTP status of one request. */
function asNobody(args: string[]): number {
  const r = spawnSync(
    'runuser',
    ['-u', 'nobody', '--', 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', ...args],
    { encoding: 'utf8', timeout: 20_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  return Number(r.stdout);
}

test('another local user gets 401 for the release Secrets, an uninstall and the wizard page', () => {
  test.skip(!asRoot, 'running a request as another user needs root (runuser)');
  const post = (route: string, body: string) =>
    asNobody([
      '-X',
      'POST',
      '-H',
      'Content-Type: application/json',
      '-H',
      `Origin: ${base}`,
      '--data',
      body,
      `${base}${route}`,
    ]);
  expect(post('/api/releases/values', '{"release":"lightrun","namespace":"lightrun"}')).toBe(401);
  expect(
    post(
      '/api/releases/uninstall',
      '{"release":"lightrun","namespace":"lightrun","confirm":"lightrun"}',
    ),
  ).toBe(401);
  expect(asNobody([`${base}/`])).toBe(401);
  expect(asNobody([`${base}/api/install/jobs`])).toBe(401);
  // …and with the token the same user is the admin: the token is the credential, not the uid
  expect(asNobody(['-H', `Authorization: Bearer ${TOKEN}`, `${base}/api/install/jobs`])).toBe(200);
});

test('a Bearer token is accepted; one in the query string is not', async ({ playwright }) => {
  const r = await playwright.request.newContext({ baseURL: base });
  expect((await r.get('/api/install/jobs')).status()).toBe(401);
  expect((await r.get(`/api/install/jobs?token=${TOKEN}`)).status()).toBe(401);
  expect((await r.get(`/api/install/jobs?access_token=${TOKEN}`)).status()).toBe(401);
  const ok = await r.get('/api/install/jobs', { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(ok.status()).toBe(200);
  expect((await r.get('/', { headers: { Authorization: `Bearer ${TOKEN}x` } })).status()).toBe(401);
  await r.dispose();
});

test('the sign-in link: the token stays in the fragment, the page signs in by itself, the cookie is __Host- and HttpOnly', async ({
  browser,
}) => {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on('request', (req) => urls.push(req.url()));
  await page.goto(`/login#token=${TOKEN}`);
  await expect(page).toHaveURL(`${base}/`);
  await expect(page.locator('#step-panel')).toHaveAttribute('aria-busy', 'false');
  await page.screenshot({ path: path.join(SHOTS, 'signed-in-by-link-1440.png') });
  // the browser never sent the fragment: no request URL holds the token
  expect(urls.filter((u) => u.includes(TOKEN))).toEqual([]);
  expect(await page.evaluate(() => window.location.href)).toBe(`${base}/`);
  const cookie = (await context.cookies()).find((c) => c.name === '__Host-lw_session')!;
  expect({ httpOnly: cookie.httpOnly, sameSite: cookie.sameSite, secure: cookie.secure }).toEqual({
    httpOnly: true,
    sameSite: 'Strict',
    secure: true,
  });
  expect(await page.evaluate(() => document.cookie)).toBe('');
  // back in history is the login page without the token
  await page.goBack();
  expect(page.url()).not.toContain(TOKEN);
  await context.close();
});

test('without a session the page sends the browser to the sign-in page; a wrong link says so', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(`${base}/login`);
  // the link pasted into the open sign-in tab (a same-page navigation, once the page runs)
  await expect(page.getByTestId('login-submit')).toBeEnabled();
  await page.goto('/login#token=not-the-token-at-all');
  await expect(page.getByTestId('login-error')).toHaveText('That is not the access token.');
  expect(page.url()).toBe(`${base}/login`);
  await context.close();
});

test('the login form posts its token in a body, never in a URL, even before React runs', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: base, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/login');
  const form = page.getByTestId('login-form');
  await expect(form).toHaveAttribute('method', 'post');
  // before hydration the button is disabled, so nothing is submitted at all
  await expect(page.getByTestId('login-submit')).toBeDisabled();
  await context.close();
});
