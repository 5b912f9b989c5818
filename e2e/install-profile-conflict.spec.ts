// Issue 27: a plan for one chart over a release of the other. The job refuses it before anything
// reaches the cluster (lib/install/profile-guard.ts); Review now says so before Install is
// clicked — from 3.9.4 the way to 3.50 is the upgrade plan, which opens from the warning, and a
// 3.50 release cannot go back to 3.9.4 — and Install stays disabled. The releases are installed
// with helm (no wait: only their records matter) into namespaces of the test's own. These tests
// failed before the warning existed (no `profile-conflict` on Review, Install enabled).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { stringify } from 'yaml';
import { RELEASES_394 } from '../lib/upgrade/__fixtures__/releases';
import { chart350Dir, chartDir, fixturesDir, helmBinaries, runHelmAsync } from '../test/chart/helm';
import { expect, test, type Wizard } from './fixtures';
import { chooseBundledChart, cluster, removeNamespace, testNamespace } from './install-fixtures';

test.describe.configure({ timeout: 240_000 });

const REL = 'lightrun';

/** `helm install` of chart (3.9.4's chart/ or chart-3.50/) as release `lightrun` in `ns`. */
async function helmInstall(ns: string, chart: string, values: string[]) {
  const bins = helmBinaries();
  const helm = bins.find((b) => b.name === 'helm v4') ?? bins[0]!;
  const r = await runHelmAsync(helm, [
    'install',
    REL,
    chart,
    '--namespace',
    ns,
    '--create-namespace',
    '--kubeconfig',
    cluster.kubeconfig,
    ...values.flatMap((v) => ['--values', v]),
  ]);
  expect(r.code, r.stderr).toBe(0);
}

/** The quick path for `chart` in `ns`, to Review with a reachable cluster and the bundled chart. */
async function planToReview(wizard: Wizard, page: Page, ns: string, chart: '3.9.4' | '3.50.0') {
  await wizard.open();
  if (chart === '3.50.0') await wizard.choose('chart', '3.50.0');
  await page.locator('details.more summary', { hasText: 'Release, namespace' }).click();
  await wizard.field('release.namespace').fill(ns);
  await wizard.quickPath();
  await wizard.nextToReview();
  await expect(page.getByTestId('review-valid')).toBeVisible();
  await expect(page.getByTestId('cluster-version')).toContainText('v1.', { timeout: 20_000 });
  await chooseBundledChart(page);
}

test('a 3.50 plan over a 3.9.4 release: Review says so, opens the upgrade plan, and Install stays off', async ({
  wizard,
  page,
}) => {
  const ns = testNamespace('e2e-pc394');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-e2e-pc-'));
  try {
    const values = path.join(dir, 'values.yaml');
    writeFileSync(values, stringify(RELEASES_394.U2), { mode: 0o600 });
    await helmInstall(ns, chartDir, [
      values,
      path.join(fixturesDir, 'chart-3.50', 'kwok-small.yaml'),
    ]);

    await planToReview(wizard, page, ns, '3.50.0');
    const conflict = page.getByTestId('profile-conflict');
    await expect(conflict).toBeVisible({ timeout: 30_000 });
    await expect(conflict).toContainText(
      `Release ${REL} in namespace ${ns} runs chart 3.9.4, and this plan is for chart 3.50.0: the install would be refused.`,
    );
    await expect(conflict).toContainText('the upgrade plan lists them');
    await expect(page.getByTestId('install-blocked')).toHaveText(
      `Release ${REL} runs chart 3.9.4: see above.`,
    );
    await expect(page.getByTestId('install-button')).toBeDisabled();
    await wizard.shoot('profile-conflict-01-to-350');

    // the upgrade plan of this very release opens from the warning
    await page.getByTestId('profile-conflict-plan').click();
    const plan = page.getByTestId('upgrade-plan');
    await expect(plan).toBeVisible({ timeout: 30_000 });
    await expect(plan.locator('h2')).toContainText(`${REL} in ${ns}, chart 3.9.4 → 3.50.0`);
    // against the wizard's test chart chart-3.50/ (Lightrun's published one is out of reach here)
    await page.getByTestId('plan-chart').selectOption('bundled');
    await expect(page.getByTestId('plan-verdict')).toBeVisible({ timeout: 90_000 });
    await page.getByRole('button', { name: 'Close the plan' }).click();
    await expect(plan).toHaveCount(0);

    // the plan back on 3.9.4, the release's own chart: no warning, an upgrade as before
    await wizard.step('endpoint');
    await wizard.choose('chart', '3.9.4');
    await wizard.step('review');
    await expect(page.getByTestId('install-button')).toHaveText(/^Upgrade/, { timeout: 30_000 });
    await expect(page.getByTestId('profile-conflict')).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    removeNamespace(ns);
  }
});

test('a 3.9.4 plan over a 3.50 release: Review says it cannot go back, and offers to start from the release', async ({
  wizard,
  page,
}) => {
  const ns = testNamespace('e2e-pc350');
  try {
    await helmInstall(ns, chart350Dir, [
      path.join(fixturesDir, 'chart-3.50', 'minimal.yaml'),
      path.join(fixturesDir, 'chart-3.50', 'kwok-small.yaml'),
    ]);
    await planToReview(wizard, page, ns, '3.9.4');
    const conflict = page.getByTestId('profile-conflict');
    await expect(conflict).toBeVisible({ timeout: 30_000 });
    await expect(conflict).toContainText(
      `Release ${REL} in namespace ${ns} runs chart 3.50.0, and this plan is for chart 3.9.4: the install would be refused.`,
    );
    await expect(conflict).toContainText('cannot go back to 3.9.4');
    await expect(conflict).toContainText('cannot be undone');
    await expect(page.getByTestId('install-button')).toBeDisabled();
    await expect(page.getByTestId('profile-conflict-start')).toBeVisible();
    await wizard.shoot('profile-conflict-02-to-394');
  } finally {
    removeNamespace(ns);
  }
});
