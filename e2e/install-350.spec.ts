import { expect, test } from './fixtures';
import { clickInstall, kubectl, removeNamespace, testNamespace } from './install-fixtures';

// Issue 27: a plan for chart 3.50.0 installs from the browser. Review offers the charts of the
// 3.50 profile (the bundled one is chart-3.50/), the preflight passes, helm installs chart-3.50/,
// and the dashboard waits for 3.50's workloads — Keycloak as a StatefulSet (its pod is
// lightrun-keycloak-0), artifacts, router, crons, and the queue 3.50 turns on by default — and
// reaches all Ready. Then it is uninstalled.
// Real API server (the local cluster), real helm, real Chromium; a namespace of its own.
test.describe.configure({ timeout: 300_000 });

/** The components chart-3.50/ renders for the quick path (test/chart/expected-workloads-350.test.ts). */
const COMPONENTS_350 = [
  'artifacts',
  'backend',
  'crons',
  'frontend',
  'keycloak',
  'mq',
  'mysql',
  'redis',
  'router',
];

test('a 3.50 plan installs with the bundled chart-3.50/, reaches all Ready with 3.50’s workloads, and uninstalls', async ({
  wizard,
  page,
}) => {
  const ns = testNamespace('e2e-i350');
  try {
    await wizard.open();
    await wizard.choose('chart', '3.50.0');
    await page.locator('details.more summary', { hasText: 'Release, namespace' }).click();
    await wizard.field('release.namespace').fill(ns);
    await wizard.quickPath();
    await wizard.next('database');
    // the queue, not chosen yet, follows chart 3.50's default: a local RabbitMQ, credentials made
    await wizard.next('message-queue');
    await expect(page.getByTestId('choice-messageQueue.mode-local')).toBeChecked();
    for (const id of ['external-access', 'internal-tls', 'security', 'secrets', 'sizing', 'review'])
      await wizard.next(id);
    await expect(page.getByTestId('review-valid')).toBeVisible();
    await expect(page.getByTestId('install-namespace')).toHaveText(ns);
    await expect(page.getByTestId('cluster-version')).toContainText('v1.', { timeout: 20_000 });
    // Lightrun's chart at the plan's version first; the tests install the bundled chart-3.50/
    await expect(page.getByTestId('chart-version')).toHaveValue('3.50.0');
    await page.getByTestId('chart-source').selectOption('bundled');
    await expect(page.getByTestId('chart-hint')).toContainText('chart-3.50/');
    await expect(page.getByTestId('chart-hint')).toContainText('not Lightrun’s chart');
    await expect(page.getByTestId('install-button')).toBeEnabled({ timeout: 60_000 });
    await wizard.shoot('install350-01-review');
    // the preflight of a 3.50 plan counts 3.50's pods (crons, artifacts, router, queue; no nginx)
    const capacity = page.getByTestId('preflight-check-capacity');
    await expect(capacity).toContainText('crons');
    await expect(capacity).not.toContainText('nginx');
    // and wants no volume for 3.50's queue, which is on an emptyDir
    await expect(page.getByTestId('preflight-check-storage')).not.toContainText('RabbitMQ');
    await page.getByTestId('install-panel').screenshot({
      path: test.info().outputPath('install350-01-panel.png'),
    });

    const jobId = await clickInstall(page);
    expect(jobId).not.toBe('');
    await expect(page.getByTestId('job-bundled-chart')).toBeVisible();
    await expect(page.locator('.job-target code').nth(1)).toHaveText(/\/chart-3\.50$/);
    await expect(page.getByTestId('job-status')).toHaveText('Installed', { timeout: 240_000 });
    await expect(page.getByTestId('success-panel')).toBeVisible();
    // the first-login handoff of a 3.50 plan: the router's Ingress is the way in, and the
    // encryption key is to be backed up now — the command, never the key
    await expect(page.getByTestId('way-in-command')).toHaveText(
      `kubectl get ingress lightrun-router -n ${ns}`,
    );
    await expect(page.getByTestId('way-in')).not.toContainText('nginx');
    await expect(page.getByTestId('key-backup-command')).toHaveText(
      `kubectl get secret lightrun-backend -n ${ns} -o jsonpath='{.data.encryption-key-0}' | base64 -d`,
    );
    const key = Buffer.from(
      kubectl(
        '-n',
        ns,
        'get',
        'secret',
        'lightrun-backend',
        '-o',
        'jsonpath={.data.encryption-key-0}',
      ),
      'base64',
    ).toString();
    expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    await expect(page.getByTestId('success-panel')).not.toContainText(key);
    await page.getByTestId('success-panel').screenshot({
      path: test.info().outputPath('install350-03-success.png'),
    });

    // the dashboard waited for 3.50's workloads, each ready: no nginx, no 3.9.4 name
    const components = await page
      .getByTestId('component')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-component')).sort());
    expect(components).toEqual(COMPONENTS_350);
    for (const c of COMPONENTS_350)
      await expect(page.locator(`[data-testid="component"][data-component="${c}"]`), c).toHaveClass(
        /ready/,
      );
    // Keycloak is a StatefulSet: its pod is lightrun-keycloak-0, and the API agrees
    const pods = await page
      .getByTestId('pod-row')
      .evaluateAll((r) => r.map((x) => x.getAttribute('data-pod') ?? ''));
    expect(pods).toContain('lightrun-keycloak-0');
    expect(pods).toContain('lightrun-mysql-0');
    expect(pods).toContain('lightrun-mq-0');
    for (const d of ['artifacts', 'router', 'crons'])
      expect(pods.some((p) => p.startsWith(`lightrun-${d}-`))).toBe(true);
    expect(pods.some((p) => p.includes('nginx'))).toBe(false);
    expect(
      kubectl('-n', ns, 'get', 'statefulsets', '-o', 'jsonpath={.items[*].metadata.name}')
        .trim()
        .split(/\s+/)
        .sort(),
    ).toEqual(['lightrun-keycloak', 'lightrun-mq', 'lightrun-mysql']);
    const total = (await page.getByTestId('total-progress').textContent()) ?? '';
    const [ready, expected] = total.match(/(\d+) \/ (\d+)/)!.slice(1);
    expect(ready).toBe(expected);
    await expect(page.getByTestId('problems')).toHaveCount(0);
    await wizard.shoot('install350-02-dashboard');

    // uninstall from the dashboard, the release's name typed
    await page.getByTestId('action-uninstall').click();
    await expect(page.getByTestId('confirm-yes')).toBeDisabled({ timeout: 30_000 });
    await page.getByTestId('uninstall-name').fill('lightrun');
    const before = page.url();
    await page.getByTestId('confirm-yes').click();
    await page.waitForURL((u) => u.toString() !== before, { timeout: 30_000 });
    await expect(page.getByTestId('job-status')).toHaveText('Uninstalled', { timeout: 120_000 });
    expect(kubectl('-n', ns, 'get', 'secrets', '-l', 'owner=helm', '-o', 'name').trim()).toBe('');
  } finally {
    removeNamespace(ns);
  }
});
