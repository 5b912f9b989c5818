import { SECRETS, expect, test } from './fixtures';

test('a cross-field error shows on the step it belongs to at once, and the step that caused it names it', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.step('internal-tls');
  await wizard.choose('internalTls.mode', 'self-signed');
  await wizard.step('external-access');
  await wizard.choose('externalAccess.mode', 'load-balancer');
  const message =
    'Internal TLS does not work with the chart-made nginx (it proxies plain HTTP): use an ingress controller, or turn internal TLS off.';
  // named here, on the step whose change broke the rule …
  await expect(page.getByTestId('elsewhere-issues')).toHaveText(
    `Your answers here now conflict with another step:Internal TLS: ${message}`,
  );
  // … and on the field it concerns, without pressing Next there
  await page.getByTestId('elsewhere-issues').getByRole('button', { name: 'Internal TLS' }).click();
  await expect(page.getByTestId('panel-internal-tls')).toBeVisible();
  await expect(wizard.error('internalTls.mode')).toHaveText(`⚠ ${message}`);
  await expect(page.getByTestId('step-internal-tls')).toHaveAttribute('data-state', 'error');
  // fixing the other side of the rule clears it everywhere
  await wizard.step('external-access');
  await wizard.choose('externalAccess.mode', 'ingress-controller');
  await expect(page.getByTestId('elsewhere-issues')).toHaveCount(0);
  await wizard.step('internal-tls');
  await expect(wizard.error('internalTls.mode')).toHaveCount(0);
});

test('an error at another field of the step appears the moment it exists; Next focuses it and says why', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.step('sizing');
  await page.getByTestId('field-sizing.backend.hpa.enabled').check();
  await wizard.field('sizing.backend.replicas').fill('7');
  await expect(wizard.error('sizing.backend.hpa.maxReplicas')).toHaveText(
    '⚠ Must be at least the replica count (7): the autoscaler starts from it.',
  );
  await page.getByTestId('next').click();
  await expect(page.getByTestId('panel-sizing')).toBeVisible();
  await expect(page.getByTestId('next-blocked')).toHaveText(
    'One answer on this step needs fixing before you can go on: each is marked ⚠ above.',
  );
  await expect(wizard.field('sizing.backend.hpa.maxReplicas')).toBeFocused();
  await wizard.field('sizing.backend.hpa.maxReplicas').fill('7');
  await expect(page.getByTestId('next-blocked')).toHaveCount(0);
  await wizard.next('review');
});

test('an issue at a field the step does not render is listed on the step; Next focuses the list', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.field('general.endpoint').fill('e2e.lightrun.example.com');
  await wizard.field('general.name').fill('acme');
  await wizard.upload('upload-license.content', 'license.txt', SECRETS.license);
  await wizard.upload('upload-license.signature', 'license.sig', SECRETS.signature);
  await page.waitForTimeout(400); // the session is saved 150 ms after the last change
  // A session whose cluster domain (no field in the wizard) is broken: its issue must not be invisible.
  await page.evaluate(() => {
    const key = 'lightrun-wizard:v1';
    const s = JSON.parse(localStorage.getItem(key)!);
    s.answers.general.clusterDomain = 'Not A Domain!';
    localStorage.setItem(key, JSON.stringify(s));
  });
  await page.reload();
  await expect(page.locator('#step-panel')).toHaveAttribute('aria-busy', 'false');
  await wizard.upload('upload-license.content', 'license.txt', SECRETS.license);
  await wizard.upload('upload-license.signature', 'license.sig', SECRETS.signature);
  await page.getByTestId('next').click();
  const list = page.getByTestId('step-issues');
  await expect(list).toContainText('This step has a problem that is not tied to one field:');
  await expect(list).toBeFocused();
  await expect(page.getByTestId('panel-endpoint')).toBeVisible();
});

test('warnings show on the step whose answer causes them, not only on Review', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await page.getByText('Release, namespace, version and registry').click();
  await wizard.field('general.lightrunVersion').fill('1.40.2-release.abc');
  await expect(page.getByTestId('step-warnings')).toContainText(
    'With 1.40.2 (below 1.42.0) the chart probes Keycloak on /auth port 9080 instead of its health endpoints on port 9000.',
  );
  await wizard.step('database');
  await expect(page.getByTestId('step-warnings')).toHaveCount(0);
  await wizard.choose('database.storage.kind', 'ephemeral');
  await expect(page.getByTestId('step-warnings')).toHaveText(
    'Read before installingMySQL runs without a volume: every restart of its pod loses all Lightrun data. Use this for trials only.',
  );
});
