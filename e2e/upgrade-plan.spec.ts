// The plan page (docs/upgrade.md, "The plan page"): a 3.9.4 release of chart/ with a local
// RabbitMQ on a claim (docs/chart-3.50.md §13.1 U4) installed with helm into a namespace of its
// own; from the start page's release list, "Plan the upgrade to chart 3.50" shows the verdict
// (the RabbitMQ StatefulSet the API server refuses), the step that deletes it and its claim, the
// MySQL claim kept with its UID — and none of the release's passwords, which only the explicit
// download of values-3.50.yaml carries.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parseAllDocuments, stringify } from 'yaml';
import { RELEASES_394 } from '../lib/upgrade/__fixtures__/releases';
import { chartDir, fixturesDir, helmBinaries, runHelmAsync } from '../test/chart/helm';
import { expect, test } from './fixtures';
import { cluster, kubectl, removeNamespace, testNamespace } from './install-fixtures';

test.describe.configure({ timeout: 300_000 });

const REL = 'acme';
const PASSWORDS = ['Db-pass-123', 'Keycl0ak-admin-pw', 'keystore-pw-123', 'Mq-pass-123'];

test('the plan page of a U4-like 3.9.4 release: verdict, RabbitMQ step, kept MySQL claim, no password', async ({
  wizard,
  page,
}) => {
  const ns = testNamespace('e2e-plan');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-e2e-plan-'));
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
    expect(uid).toMatch(/^[0-9a-f-]{36}$/);

    await wizard.open();
    await page.getByTestId('upgrade-release').locator('summary').click();
    const row = page.getByTestId(`release-${ns}-${REL}`);
    await expect(row).toBeVisible({ timeout: 30_000 });
    await row.getByTestId('plan-upgrade-350').click();
    const plan = page.getByTestId('upgrade-plan');
    await expect(plan).toBeVisible();
    // the test cluster cannot pull Lightrun's published chart: plan against chart-3.50/
    await plan.getByTestId('plan-chart').selectOption('bundled');

    const verdict = plan.getByTestId('plan-verdict');
    await expect(verdict).toBeVisible({ timeout: 60_000 });
    await expect(verdict).toContainText(
      `helm upgrade fails as it stands: Kubernetes refuses to update StatefulSet ${REL}-mq`,
    );
    await expect(verdict.getByTestId('plan-refusal')).toHaveCount(1);
    await expect(verdict.getByTestId('plan-refusal')).toContainText(
      `scale StatefulSet ${REL}-mq to 0, then delete it and its claim`,
    );
    await expect(verdict).toContainText('Forbidden: updates to statefulset spec');
    // the steps, in order: the backups before the RabbitMQ deletion, the upgrade after it
    const steps = plan.getByTestId('plan-steps').locator('li');
    const ids = await steps.evaluateAll((li) => li.map((l) => l.getAttribute('data-testid')));
    expect(ids.indexOf('step-backup-database')).toBeLessThan(
      ids.indexOf('step-delete-mq-statefulset-and-pvc'),
    );
    expect(ids.indexOf('step-delete-mq-statefulset-and-pvc')).toBeLessThan(
      ids.indexOf('step-run-upgrade'),
    );
    await expect(plan.getByTestId('step-delete-mq-statefulset-and-pvc')).toContainText(
      `Scale StatefulSet ${REL}-mq to 0`,
    );
    await expect(plan.getByTestId('claims-kept')).toContainText(mysqlClaim);
    await expect(plan.getByTestId('claims-kept')).toContainText(uid);
    await expect(plan.getByTestId('claims-at-risk')).toContainText(`${REL}-mq-data-${REL}-mq-0`);
    await plan.getByTestId('objects-replaced').locator('summary').click();
    await expect(plan.getByTestId('objects-replaced')).toContainText(`StatefulSet/${REL}-mq`);
    await expect(plan.getByTestId('plan-helm-command')).toHaveText(
      `helm upgrade ${REL} ./chart-3.50 -n ${ns} -f values-3.50.yaml`,
    );
    // the answers table: only translated and dropped by default, every row on demand
    const fates = plan.getByTestId('plan-fates').locator('tbody tr');
    const changedOnly = await fates.count();
    await plan.getByTestId('fates-filter').uncheck();
    expect(await fates.count()).toBeGreaterThan(changedOnly);
    await plan.getByTestId('fates-filter').check();

    await wizard.shoot('upgrade-plan-u4');
    await plan.screenshot({ path: 'test-results/e2e/screenshots/upgrade-plan-u4-section.png' });
    const shown = await page.locator('body').innerText();
    const html = await page.content();
    for (const p of PASSWORDS) {
      expect(shown).not.toContain(p);
      expect(html).not.toContain(p);
    }
    // the values file, on the admin's click only: it holds the passwords
    const file = await wizard.download('download-values-350');
    expect(file).toContain('Db-pass-123');
    expect(await page.content()).not.toContain('Db-pass-123');

    // the backups at their steps (docs/upgrade.md, "The backups from the plan page"): the
    // Secrets file on a click, checked and summed by the page; the database by the typed phrase
    // (the e2e cluster has no MariaDB behind its KWOK MySQL pod: the dump is the services suite's)
    await expect(plan.getByTestId('backups-status')).toContainText('Before helm upgrade');
    const secrets = await wizard.download('download-secrets');
    const docs = parseAllDocuments(secrets).map((d) => d.toJS() as { metadata: { name: string } });
    expect(docs.map((d) => d.metadata.name)).toEqual([
      `${REL}-backend`,
      `${REL}-keycloak`,
      `${REL}-certificate`,
    ]);
    expect(secrets).toContain(Buffer.from('Db-pass-123').toString('base64'));
    expect(secrets).not.toMatch(/uid:|resourceVersion|managedFields/);
    const done = plan.getByTestId('secrets-done');
    await expect(done).toContainText(`secrets-${REL}-${ns}.yaml`);
    await expect(done).toContainText(
      `3 Secrets (${REL}-backend, ${REL}-keycloak, ${REL}-certificate)`,
    );
    await expect(done.getByTestId('backup-sha256')).toHaveText(
      createHash('sha256').update(secrets).digest('hex'),
    );
    await plan.getByTestId('own-backup').fill('I have my own');
    await expect(plan.getByTestId('own-backup-done')).toHaveCount(0);
    await plan.getByTestId('own-backup').fill('I have my own backup');
    await expect(plan.getByTestId('own-backup-done')).toBeVisible();
    await expect(plan.getByTestId('backups-status')).toContainText(
      'The backups before the upgrade are kept',
    );
    await plan.getByTestId('plan-steps').screenshot({
      path: 'test-results/e2e/screenshots/upgrade-plan-backups-steps.png',
    });
    const after = await page.content();
    for (const p of PASSWORDS) {
      expect(after).not.toContain(p);
      expect(after).not.toContain(Buffer.from(p).toString('base64'));
    }
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored).not.toContain(Buffer.from('Db-pass-123').toString('base64'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    removeNamespace(ns);
  }
});
