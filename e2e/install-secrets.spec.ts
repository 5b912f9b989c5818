import path from 'node:path';
import { expect, root, test } from './fixtures';
import {
  clickInstall,
  kubectl,
  removeNamespace,
  testNamespace,
  chooseBundledChart,
} from './install-fixtures';

// Secrets kept outside the chart (examples/secrets-outside): the admin chooses who creates them.
test.describe.configure({ timeout: 240_000 });

const BACKEND = 'lightrun-backend-secrets';

test('outside Secrets: download the manifest to apply yourself, or have the wizard create them now', async ({
  wizard,
  page,
}) => {
  const ns = testNamespace('e2e-secrets');
  try {
    // The example's values imported (its license is a secret: the session does not keep it, so
    // each attempt imports again), in this test's namespace. Again, the import replaces the
    // restored session: it asks first.
    const toReview = async (again = false) => {
      await wizard.open();
      await page
        .getByTestId('import-values')
        .setInputFiles(path.join(root, 'examples', 'secrets-outside', 'values.yaml'));
      if (again) await page.getByTestId('replace-confirm').click();
      await expect(page.getByTestId('panel-review')).toBeVisible();
      await wizard.step('endpoint');
      await page.locator('details.more summary', { hasText: 'Release, namespace' }).click();
      await wizard.field('release.namespace').fill(ns);
      await wizard.step('review');
      await expect(page.getByTestId('install-namespace')).toHaveText(ns);
      await chooseBundledChart(page);
    };
    await toReview();

    const choice = page.getByTestId('secrets-choice');
    await expect(choice).toBeVisible();
    await expect(page.getByTestId('secrets-mode-manifest')).toBeChecked();
    // Manifest: the five Secrets with their exact names and keys, no values.
    const manifest = await wizard.download('secrets-manifest-download');
    for (const name of [
      BACKEND,
      'lightrun-keycloak-secrets',
      'lightrun-aes-key',
      'lightrun-server-tls',
      'lightrun-registry',
    ])
      expect(manifest).toContain(`name: ${name}`);
    expect(manifest).toContain(`namespace: ${ns}`);
    expect(manifest).toContain('KEYSTORE_PASSWORD: ""');
    await wizard.shoot('install-08-secrets-manifest');

    // The preflight may fail checks this cluster cannot pass for that example: override them all.
    await expect(page.getByTestId('preflight-panel')).toHaveAttribute('data-done', 'true', {
      timeout: 120_000,
    });
    for (const box of await page.locator('[data-testid^="preflight-override-"]').all())
      await box.check();
    await expect(page.getByTestId('install-button')).toBeEnabled({ timeout: 30_000 });

    // With "manifest" the install only checks the Secrets exist: here they do not, and it says which.
    await clickInstall(page);
    await expect(page.getByTestId('job-status')).toHaveText('Failed', { timeout: 60_000 });
    await expect(page.getByTestId('failure-summary')).toContainText(
      `Secret ${BACKEND} (Opaque) is missing in namespace ${ns}`,
    );
    expect(kubectl('-n', ns, 'get', 'secrets', '-o', 'name')).not.toContain(BACKEND);

    // "Create these Secrets now": every key gets a field; typed values are what the Secrets hold.
    await toReview(true);
    await page.getByTestId('secrets-mode-create').check();
    await expect(page.getByTestId('secrets-values')).toBeVisible();
    const fields = page.locator(
      '[data-testid="secrets-values"] input, [data-testid="secrets-values"] textarea',
    );
    const n = await fields.count();
    expect(n).toBe(9 + 4 + 1 + 2 + 1);
    for (let i = 0; i < n; i++) {
      const f = fields.nth(i);
      if ((await f.inputValue()) === '') await f.fill(`typed-${i}`);
    }
    await page.getByTestId(`secret-${BACKEND}-KEYSTORE_PASSWORD`).fill('Keystore-Typed-7');
    // The API server checks a dockerconfigjson Secret holds JSON.
    await page.getByTestId('secret-lightrun-registry-.dockerconfigjson').fill('{"auths":{}}');
    await wizard.shoot('install-09-secrets-create');
    for (const box of await page.locator('[data-testid^="preflight-override-"]').all())
      await box.check();
    await expect(page.getByTestId('install-button')).toBeEnabled({ timeout: 60_000 });
    await clickInstall(page);
    await expect(page.locator('[data-testid="step"][data-step="secrets"]')).toHaveAttribute(
      'data-state',
      'done',
      { timeout: 60_000 },
    );
    await expect(page.locator('[data-testid="step"][data-step="secrets"]')).toContainText(
      `Created ${BACKEND}`,
    );
    const stored = Buffer.from(
      kubectl('-n', ns, 'get', 'secret', BACKEND, '-o', 'jsonpath={.data.KEYSTORE_PASSWORD}'),
      'base64',
    ).toString();
    expect(stored).toBe('Keystore-Typed-7');
    expect(
      kubectl('-n', ns, 'get', 'secret', 'lightrun-server-tls', '-o', 'jsonpath={.type}'),
    ).toBe('kubernetes.io/tls');
    // The values never reached the page's storage or its URL.
    const storage = await page.evaluate(
      () =>
        JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href,
    );
    expect(storage).not.toContain('Keystore-Typed-7');
  } finally {
    removeNamespace(ns);
  }
});
