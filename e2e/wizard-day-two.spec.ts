import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SECRETS, expect, root, test } from './fixtures';
import { e2ePort, startServer, type ServerProcess } from './server-process';

// Issue 25, the wizard's part of an outside admin's day-two review (#9, #12, #13); each test
// failed before its fix. #1 (the way back keeps the secrets) is e2e/install-way-back.spec.ts.

test('#13 a reload of an untouched form loses nothing: the passwords of steps never opened are made up again', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.field('general.endpoint').fill('e2e.lightrun.example.com');
  await page.waitForTimeout(400); // saved 150 ms after the last change
  await page.reload();
  await expect(page.locator('#step-panel')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('lost-secrets')).toHaveCount(0);
  await expect(wizard.field('general.endpoint')).toHaveValue('e2e.lightrun.example.com');
  await wizard.step('database');
  await expect(wizard.field('database.password')).toHaveValue(/^[A-Za-z0-9]{24}$/);
  await expect(page.locator('#f-database-password-hint')).toHaveText(
    'Generated in your browser; MySQL is created with it at the first install and keeps it.',
  );
  // Once a step that shows a password was opened, a reload asks for it (it may be in use).
  await page.waitForTimeout(400);
  await page.reload();
  await expect(page.getByTestId('lost-secrets-list').getByRole('listitem')).toHaveText([
    'Database password',
    'Database user',
  ]);
  await wizard.step('secrets');
  await expect(wizard.field('secrets.keycloakPassword')).toHaveValue(/^[A-Za-z0-9]{24}$/);
});

test('#13 a step opens without errors; they show once Next is pressed or the step is left', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.field('general.endpoint').fill('e2e.lightrun.example.com');
  await wizard.field('general.name').fill('acme');
  await wizard.upload('upload-license.content', 'license.txt', SECRETS.license);
  await wizard.upload('upload-license.signature', 'license.sig', SECRETS.signature);
  await wizard.next('certificate');
  await page.waitForTimeout(500); // the server's issues for the new step have arrived
  await expect(page.getByTestId('error-certificate.crt')).toHaveCount(0);
  await expect(page.locator('#step-panel [aria-invalid="true"]')).toHaveCount(0);
  await expect(page.getByTestId('step-certificate')).toHaveAttribute('data-state', 'untouched');
  await expect(page.getByTestId('step-endpoint')).toHaveAttribute('data-state', 'valid');
  await wizard.shoot('d13-certificate-opened');
  await page.getByTestId('next').click();
  await expect(page.getByTestId('error-certificate.crt')).toContainText('Required');
  await expect(page.getByTestId('step-certificate')).toHaveAttribute('data-state', 'error');
});

test('#13 the first tab stop skips to the step: one Tab and Enter, then the first field (the chart choice), then the endpoint', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('skip-link')).toBeFocused();
  await expect(page.getByTestId('skip-link')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#step-title')).toBeFocused();
  // the step's first field is the chart version (a radio group: Tab reaches its checked choice)
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('choice-chart-3.9.4')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(wizard.field('general.endpoint')).toBeFocused();
});

test('#13 at 800 px: Start over and the preview stay, and each rail step has its name', async ({
  wizard,
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 900 });
  await wizard.open();
  await expect(page.getByTestId('start-over')).toBeVisible();
  await expect(page.getByTestId('yaml-preview')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Server certificate, not visited' })).toHaveCount(
    1,
  );
  await expect(
    page.getByRole('button', { name: 'Endpoint & license, not visited' }),
  ).toHaveAttribute('aria-current', 'step');
  await page.screenshot({
    path: path.join(root, 'test-results/e2e/screenshots/d13-800px.png'),
    fullPage: true,
  });
  await page.setViewportSize({ width: 375, height: 812 });
  await expect(page.getByTestId('start-over')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test('#13 an import asks before it replaces answers the admin entered, and keeps them on "Keep"', async ({
  wizard,
  page,
}) => {
  const file = {
    name: 'values.yaml',
    mimeType: 'text/yaml',
    buffer: readFileSync(path.join(root, 'examples/quick-default/values.yaml')),
  };
  await wizard.open();
  await wizard.field('general.endpoint').fill('mine.lightrun.example.com');
  await page.getByTestId('import-values').setInputFiles(file);
  const dialog = page.getByTestId('replace-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(
    'Every answer and every secret in this page is replaced by those of values.yaml',
  );
  await wizard.shoot('d13-import-asks');
  await page.getByTestId('replace-cancel').click();
  await expect(dialog).toBeHidden();
  await expect(wizard.field('general.endpoint')).toHaveValue('mine.lightrun.example.com');
  await page.getByTestId('import-values').setInputFiles(file);
  await page.getByTestId('replace-confirm').click();
  await expect(page.getByTestId('panel-review')).toBeVisible();
  await expect(page.getByTestId('import-summary')).toContainText('Imported from values.yaml');
});

test('#12 #13 the vendor placeholders are refused on import, each message naming its field', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await page.getByTestId('import-values').setInputFiles({
    name: 'values.yaml',
    mimeType: 'text/yaml',
    buffer: readFileSync(path.join(root, 'chart/values.yaml')),
  });
  const errors = page.getByTestId('review-errors');
  await expect(errors).toContainText(
    'general.name: Organisation name: "client-name" is the placeholder of the vendor’s values.yaml, not a real value — enter your organisation’s name in lowercase, e.g. acme.',
  );
  await expect(errors).toContainText(
    'general.endpoint: Endpoint host name: "lightrun.example.com" is the placeholder of the vendor’s values.yaml',
  );
  // every message of the list names the answer it concerns
  const items = await errors.locator('li li').allTextContents();
  expect(items.length).toBeGreaterThan(2);
  for (const t of items) expect(t).toMatch(/^[a-zA-Z]+(\.[a-zA-Z0-9]+)+: /);
  await wizard.shoot('d12-review-placeholders');
});

test('#12 a new plan starts with no organisation: "Required", and the placeholder is refused', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await expect(wizard.field('general.name')).toHaveValue('');
  await page.getByTestId('next').click();
  await expect(wizard.error('general.name')).toHaveText(
    '⚠ Required: enter your organisation’s name in lowercase (letters, digits, "-" or "_"), e.g. acme.',
  );
  await wizard.field('general.name').fill('client-name');
  await expect(wizard.error('general.name')).toContainText('"client-name" is the placeholder');
});

test('#13 a wrong CIDR is said once, and the exposure table never repeats it', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.quickPath();
  await wizard.step('external-access');
  await wizard.field('externalAccess.adminAllowCidrs').fill('10.1.0.0/16\noffice-vpn');
  const error = wizard.error('externalAccess.adminAllowCidrs');
  await expect(error).toHaveText(
    '⚠ office-vpn: Use CIDR notation, e.g. 10.0.0.0/8, 203.0.113.7/32 or fd00::/8.',
  );
  await wizard.step('review');
  const admin = page.getByTestId('exposure-Keycloak admin console');
  await expect(admin).toContainText('Only 10.1.0.0/16');
  await expect(admin).toContainText('One entry of the allow-list is not a CIDR and not counted');
  await expect(page.getByTestId('exposure-summary')).not.toContainText('office-vpn');
});

test('#13 texts: the retention default says what it is, the product has one name, an empty registry host is not a blank, latest gets a note', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await expect(page).toHaveTitle('Lightrun Server install wizard');
  await expect(page.locator('.topbar .brand')).toContainText('Lightrun Server install wizard');
  await wizard.step('database');
  await expect(page.locator('#f-database-storage-whenDeleted option[value=""]')).toHaveText(
    'Not set: Kubernetes keeps the volume (Retain)',
  );
  await wizard.step('endpoint');
  await page.getByText('Release, namespace, version and registry').click();
  await wizard.choose('registry.mode', 'private');
  await wizard.step('review');
  const warnings = page.getByTestId('review-warnings');
  await expect(warnings).toContainText(
    'No image pull secret: every pod pulls from the private registry without credentials.',
  );
  await expect(warnings).not.toContainText('from  without');
  await expect(page.getByTestId('images-mutable')).toContainText('lightruncom/chart-helper:latest');
  await wizard.shoot('d13-review-images-latest');
});

test.describe('#9 the cluster is asked again on request', () => {
  const PORT = e2ePort + 63;
  const URL = `http://127.0.0.1:${PORT}`;
  let server: ServerProcess | null = null;
  let dir = '';
  test.afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('a kubeconfig that appears while the page is open is found by "Check again"; planning without one is said once', async ({
    page,
  }) => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'wizard-e2e-kube-'));
    const kubeconfig = path.join(dir, 'config');
    server = await startServer(
      { HOST: '127.0.0.1', PORT: String(PORT), KUBECONFIG: kubeconfig, HOME: dir },
      URL,
    );
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${URL}/`);
    await expect(page.locator('#step-panel')).toHaveAttribute('aria-busy', 'false');
    await page.getByTestId('step-review').click();
    const none = page.getByTestId('no-kubeconfig');
    await expect(none).toContainText('No cluster to install on.');
    expect((await none.textContent())!.match(/without (one|a cluster)/g)).toEqual(['without one']);
    // the admin writes a kubeconfig (to a server that refuses) and asks again, without a reload
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]',
        'users: [{name: u, user: {token: t}}]',
        'contexts: [{name: day-two, context: {cluster: c, user: u}}]',
        'current-context: day-two',
      ].join('\n'),
      { mode: 0o600 },
    );
    await page.getByTestId('cluster-retry').click();
    await expect(page.getByTestId('context-select')).toHaveValue('day-two');
    await expect(page.getByTestId('cluster-server')).toHaveText('https://127.0.0.1:9');
    await expect(page.getByTestId('cluster-unreachable')).toBeVisible({ timeout: 15_000 });
    await expect(
      page.getByTestId('cluster-unreachable').getByTestId('cluster-retry'),
    ).toBeVisible();
    await page.screenshot({
      path: path.join(root, 'test-results/e2e/screenshots/d09-check-again.png'),
      fullPage: true,
    });
  });
});
