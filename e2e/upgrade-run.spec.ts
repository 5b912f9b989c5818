// The guided upgrade from the plan page (docs/upgrade.md, "Running the upgrade"): a U4-like
// 3.9.4 release of chart/ installed with helm into a namespace of its own; on its plan page
// (planned against chart-3.50/) the Upgrade button waits until the database is backed up or the
// phrase is typed, then starts the job and opens its live dashboard, which ends succeeded with the
// queue's StatefulSet deleted, helm run and what survived checked (the MySQL claim's UID).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { RELEASES_394 } from '../lib/upgrade/__fixtures__/releases';
import { chartDir, fixturesDir, helmBinaries, runHelmAsync } from '../test/chart/helm';
import { expect, test } from './fixtures';
import { cluster, kubectl, removeNamespace, testNamespace } from './install-fixtures';

test.describe.configure({ timeout: 420_000 });

const REL = 'acme';

test('Upgrade on the plan page of a U4-like release runs the guided job to the end', async ({
  wizard,
  page,
}) => {
  const ns = testNamespace('e2e-uprun');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-e2e-uprun-'));
  try {
    const values = path.join(dir, 'values.yaml');
    writeFileSync(values, stringify(RELEASES_394.U4), { mode: 0o600 });
    const bins = helmBinaries();
    const helm = bins.find((b) => b.name === 'helm v4') ?? bins[0]!;
    const install = await runHelmAsync(helm, [
      'install',
      REL,
      chartDir,
      '--namespace',
      ns,
      '--create-namespace',
      '--kubeconfig',
      cluster.kubeconfig,
      '--values',
      values,
      '--values',
      path.join(fixturesDir, 'chart-3.50', 'kwok-small.yaml'),
      '--wait',
      '--timeout',
      '240s',
    ]);
    expect(install.code, install.stderr).toBe(0);
    const mysqlClaim = `lrdata-${REL}-mysql-0`;
    const uid = kubectl('get', 'pvc', mysqlClaim, '-n', ns, '-o', 'jsonpath={.metadata.uid}');

    await wizard.open();
    await page.getByTestId('upgrade-release').locator('summary').click();
    const row = page.getByTestId(`release-${ns}-${REL}`);
    await expect(row).toBeVisible({ timeout: 30_000 });
    await row.getByTestId('plan-upgrade-350').click();
    const plan = page.getByTestId('upgrade-plan');
    await plan.getByTestId('plan-chart').selectOption('bundled');
    await expect(plan.getByTestId('plan-verdict')).toBeVisible({ timeout: 60_000 });

    const start = plan.getByTestId('start-upgrade');
    await expect(start).toBeDisabled();
    await expect(plan.getByTestId('plan-upgrade')).toContainText('or type “I have my own backup”');
    await plan.getByTestId('own-backup').fill('I have my own backup');
    await expect(start).toBeEnabled();
    await plan.getByTestId('plan-run').screenshot({
      path: 'test-results/e2e/screenshots/upgrade-run-button.png',
    });
    await start.click();

    await expect(page).toHaveURL(/\/install\//, { timeout: 30_000 });
    const dash = page.getByTestId('install-dashboard');
    await expect(page.getByTestId('success-panel')).toBeVisible({ timeout: 300_000 });
    await expect(dash).toContainText(`Scaled StatefulSet ${REL}-mq to 0 and deleted it.`);
    const survived = page.getByTestId('upgrade-survived');
    await expect(page.getByTestId('success-panel')).toContainText('Upgraded to chart 3.50');
    await expect(page.getByTestId('success-panel')).not.toContainText('Next steps');
    await expect(survived).toContainText(`Claim ${mysqlClaim} kept: same UID ${uid}.`);
    await expect(dash).toContainText("jsonpath='{.data.encryption-key-0}'");
    await page.screenshot({
      path: 'test-results/e2e/screenshots/upgrade-run-dashboard.png',
      fullPage: true,
    });
    expect(kubectl('get', 'pvc', mysqlClaim, '-n', ns, '-o', 'jsonpath={.metadata.uid}')).toBe(uid);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    removeNamespace(ns);
  }
});
