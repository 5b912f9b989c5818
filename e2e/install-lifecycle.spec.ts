import type { Browser } from '@playwright/test';
import { expect, test, Wizard } from './fixtures';
import {
  clickInstall,
  kubectl,
  removeNamespace,
  testNamespace,
  toReview,
} from './install-fixtures';
import { AUTH_HEADERS } from './access';

test.describe.configure({ timeout: 300_000 });

async function freshWizard(browser: Browser) {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 1440, height: 900 },
    extraHTTPHeaders: { ...AUTH_HEADERS },
  });
  const page = await context.newPage();
  return { context, page, wizard: new Wizard(page) };
}

const revisions = (ns: string) =>
  kubectl(
    '-n',
    ns,
    'get',
    'secrets',
    '-l',
    'owner=helm,name=lightrun',
    '-o',
    'jsonpath={range .items[*]}{.metadata.labels.version}={.metadata.labels.status}{" "}{end}',
  )
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .sort();

test('an upgrade shows the values diff and applies; rollback and uninstall work from the dashboard', async ({
  browser,
}) => {
  const ns = testNamespace('e2e-cycle');
  try {
    const first = await freshWizard(browser);
    await toReview(first.wizard, first.page, ns);
    await expect(first.page.getByTestId('diff-new')).toBeVisible({ timeout: 30_000 });
    await clickInstall(first.page);
    await expect(first.page.getByTestId('job-status')).toHaveText('Installed', {
      timeout: 180_000,
    });
    await first.context.close();

    // Upgrade with one answer changed: the diff names exactly that value before anything is applied.
    const second = await freshWizard(browser);
    await toReview(second.wizard, second.page, ns, undefined, 'acme-upgraded');
    const diff = second.page.getByTestId('values-diff');
    await expect(diff).toBeVisible({ timeout: 30_000 });
    const rows = await diff
      .getByTestId('diff-row')
      .evaluateAll((r) => r.map((x) => [...x.querySelectorAll('td')].map((td) => td.textContent)));
    // The changed answer, and — because a fresh wizard session generates new passwords — the
    // generated secrets, masked on both sides (never their values).
    expect(rows).toEqual([
      ['~', 'general.name', '"acme"', '"acme-upgraded"'],
      ['~', 'secrets.db.password', '********', '********'],
      ['~', 'secrets.defaults.keystore_password', '********', '********'],
      ['~', 'secrets.keycloak.password', '********', '********'],
    ]);
    await second.wizard.shoot('install-04-upgrade-diff');
    await clickInstall(second.page);
    await expect(second.page.getByTestId('job-status')).toHaveText('Installed', {
      timeout: 180_000,
    });
    expect(revisions(ns)).toEqual(['1=superseded', '2=deployed']);

    // Roll back, after a confirmation; the rollback streams as its own job.
    const page = second.page;
    await page.getByTestId('action-rollback').click();
    await expect(page.getByTestId('confirm')).toContainText(
      `Roll release lightrun in namespace ${ns} back`,
    );
    const before = page.url();
    await page.getByTestId('confirm-yes').click();
    await page.waitForURL((u) => u.toString() !== before, { timeout: 30_000 });
    await expect(page.getByTestId('job-status')).toHaveText('Rolled back', { timeout: 180_000 });
    expect(revisions(ns)).toEqual(['1=superseded', '2=superseded', '3=deployed']);

    // Uninstall: "Keep it" does nothing; "Yes" removes the release.
    await page.getByTestId('action-uninstall').click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    await expect(page.getByTestId('confirm')).toHaveCount(0);
    expect(revisions(ns)).toHaveLength(3);
    await page.getByTestId('action-uninstall').click();
    const rolled = page.url();
    await page.getByTestId('confirm-yes').click();
    await page.waitForURL((u) => u.toString() !== rolled, { timeout: 30_000 });
    await expect(page.getByTestId('job-status')).toHaveText('Uninstalled', { timeout: 120_000 });
    await expect(page.getByTestId('uninstalled-panel')).toContainText('uninstalled');
    expect(revisions(ns)).toEqual([]);
    await second.context.close();
  } finally {
    removeNamespace(ns);
  }
});
