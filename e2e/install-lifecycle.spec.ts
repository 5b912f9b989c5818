// The day-two loop on the local cluster with real helm and Chromium (issue 25 #2, #4, #7, #8):
// install → upgrade (blocked while it would replace initialised secrets, then started from the
// release) → rollback to a picked revision → uninstall with what stays listed → reinstall, warned
// about the kept database volume and started from the kept values.
import type { Browser, Page } from '@playwright/test';
import { expect, test, Wizard } from './fixtures';
import {
  chooseBundledChart,
  clickInstall,
  kubectl,
  removeNamespace,
  testNamespace,
  toReview,
} from './install-fixtures';
import { AUTH_HEADERS } from './access';

test.describe.configure({ timeout: 600_000 });

/** One part of the page as its own picture (the full pages are long): what the admin looks at. */
async function part(page: Page, name: string, testId: string): Promise<void> {
  await page
    .getByTestId(testId)
    .first()
    .screenshot({ path: `test-results/e2e/screenshots/${name}.png` });
}

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

const claims = (ns: string) =>
  kubectl('-n', ns, 'get', 'pvc', '-o', 'jsonpath={range .items[*]}{.metadata.name} {end}')
    .trim()
    .split(/\s+/)
    .filter(Boolean);

/** The body the page posts to /api/install, caught before it leaves the browser (nothing is installed). */
async function installRequestOf(page: Page): Promise<{ chart?: unknown; overrides?: string[] }> {
  let body: { chart?: unknown; overrides?: string[] } | null = null;
  await page.route('**/api/install', async (route) => {
    body = route.request().postDataJSON() as typeof body;
    await route.fulfill({ status: 422, json: { issues: [{ path: [], message: 'caught' }] } });
  });
  await page.getByTestId('install-button').click();
  await expect(page.getByTestId('install-error')).toHaveText('caught');
  await page.unroute('**/api/install');
  return body!;
}

test('day two: install, upgrade blocked then started from the release, rollback to a picked revision, uninstall listing what stays, reinstall warned', async ({
  browser,
}) => {
  const ns = testNamespace('e2e-cycle');
  try {
    // 1. Install. The panel starts on Lightrun's published chart at its version (issue 25 #4);
    //    the test installs the wizard's test and demo chart, named as such.
    const first = await freshWizard(browser);
    await toReview(first.wizard, first.page, ns, undefined, undefined, {
      chart: 'default',
      installReady: false,
    });
    await expect(first.page.getByTestId('chart-source')).toHaveValue('oci');
    await expect(first.page.getByTestId('chart-ref')).toHaveValue(
      'oci://registry-1.docker.io/lightruncom/lightrun-helm-chart',
    );
    await expect(first.page.getByTestId('chart-version')).toHaveValue('3.9.4');
    await expect(first.page.getByTestId('install-button')).toHaveText('Install', {
      timeout: 60_000,
    });
    // The dry run renders that chart: this machine cannot pull it, so the check fails and the
    // admin would have to override it; overridden here only to see the request the page sends.
    const dry = first.page.getByTestId('preflight-check-dry-run');
    await expect(dry).toHaveAttribute('data-status', 'fail', { timeout: 90_000 });
    await expect(dry).toContainText('registry-1.docker.io');
    await first.wizard.shoot('day2-00-default-chart');
    await part(first.page, 'day2-00-panel', 'install-panel');
    await first.page.getByTestId('preflight-override-dry-run').check();
    await expect(first.page.getByTestId('install-button')).toBeEnabled({ timeout: 60_000 });
    expect((await installRequestOf(first.page)).chart).toEqual({
      source: 'oci',
      ref: 'oci://registry-1.docker.io/lightruncom/lightrun-helm-chart',
      version: '3.9.4',
    });
    await chooseBundledChart(first.page);
    await expect(dry).toHaveAttribute('data-status', 'pass', { timeout: 90_000 });
    await expect(first.page.locator('#chart-source option:checked')).toHaveText(
      'The wizard’s test and demo chart (not Lightrun’s)',
    );
    // A loopback API server is a local test cluster: no production warning for it.
    await expect(first.page.getByTestId('chart-bundled-production')).toHaveCount(0);
    await first.wizard.shoot('day2-01-chart-choice');
    await part(first.page, 'day2-01-panel', 'install-panel');
    await clickInstall(first.page);
    await expect(first.page.getByTestId('job-eyebrow')).toHaveText('Install · revision 1');
    await expect(first.page.getByTestId('job-bundled-chart')).toHaveText(
      'the wizard’s test and demo chart, not Lightrun’s',
    );
    await expect(first.page.getByTestId('job-status')).toHaveText('Installed', {
      timeout: 180_000,
    });
    await first.wizard.shoot('day2-02-installed');
    await first.page.screenshot({ path: 'test-results/e2e/screenshots/day2-02-top.png' });
    await first.context.close();

    // 2. A fresh session generates new passwords: the upgrade would break the release. It is
    //    blocked until the admin types the release's name (issue 25 #2) ...
    const second = await freshWizard(browser);
    const page = second.page;
    await toReview(second.wizard, page, ns, undefined, 'acme-upgraded', { installReady: false });
    const warning = page.getByTestId('initialised-warning');
    await expect(warning).toBeVisible({ timeout: 30_000 });
    await expect(warning).toContainText('secrets.db.password');
    const button = page.getByTestId('install-button');
    await expect(button).toHaveText('Upgrade to revision 2');
    await expect(button).toBeDisabled({ timeout: 60_000 });
    await expect(page.getByTestId('install-blocked')).toContainText(
      'secrets the release has already initialised',
    );
    await page.getByTestId('initialised-override').fill('lightrun-typo');
    await expect(button).toBeDisabled();
    await page.getByTestId('initialised-override').fill('lightrun');
    await expect(button).toBeEnabled();
    expect((await installRequestOf(page)).overrides).toContain('initialised-secrets');
    await page.getByTestId('initialised-override').fill('');
    await expect(button).toBeDisabled();
    await second.wizard.shoot('day2-03-upgrade-blocked');
    await part(page, 'day2-03-panel', 'install-panel');
    // (The job refuses it too without the override: test/install/day-two.cluster.test.ts.)
    // 3. Start from the release, change one answer: the upgrade applies as revision 2.
    await page.getByTestId('start-from-release').click();
    // The session's answers are the admin's own: replacing them is asked first.
    await page.getByTestId('replace-confirm').click();
    await expect(page.getByTestId('review-valid')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('notice')).toContainText('Imported release lightrun');
    // The release's values replaced this session's answers: change the organisation again.
    await expect(async () => second.wizard.step('endpoint')).toPass({ timeout: 30_000 });
    const org = second.wizard.field('general.name');
    if (!(await org.isVisible()))
      await page.locator('details.more summary', { hasText: 'Release, organisation' }).click();
    await org.fill('acme-upgraded');
    await second.wizard.step('review');
    await expect(page.getByTestId('cluster-version')).toContainText('v1.', { timeout: 20_000 });
    await chooseBundledChart(page);
    await expect(page.getByTestId('initialised-warning')).toHaveCount(0, { timeout: 30_000 });
    await expect(button).toHaveText('Upgrade to revision 2');
    await expect(button).toBeEnabled({ timeout: 60_000 });
    await clickInstall(page);
    await expect(page.getByTestId('job-eyebrow')).toHaveText('Upgrade to revision 2');
    await expect(page.getByTestId('job-status')).toHaveText('Installed', { timeout: 180_000 });
    expect(revisions(ns)).toEqual(['1=superseded', '2=deployed']);

    // 4. Roll back: the dialog names the target revision, shows its values against now, and lets
    //    the admin pick one (issue 25 #8).
    await page.getByTestId('action-rollback').click();
    const dialog = page.getByTestId('confirm');
    await expect(page.getByTestId('rollback-revision')).toHaveValue('1', { timeout: 30_000 });
    await expect(dialog).toContainText('back to revision 1');
    await expect(dialog).toContainText('the rollback makes revision 3');
    await expect(page.getByTestId('rollback-diff')).toBeVisible({ timeout: 30_000 });
    await expect(
      page
        .getByTestId('rollback-diff')
        .locator('[data-testid="diff-row"][data-path="general.name"]'),
    ).toContainText('"acme-upgraded"');
    await expect(page.getByTestId('rollback-initialised')).toHaveCount(0);
    await second.wizard.shoot('day2-04-rollback-dialog');
    await part(page, 'day2-04-dialog', 'confirm');
    const before = page.url();
    await page.getByTestId('confirm-yes').click();
    await page.waitForURL((u) => u.toString() !== before, { timeout: 30_000 });
    await expect(page.getByTestId('job-eyebrow')).toHaveText(
      'Rollback to revision 1 (makes revision 3)',
    );
    await expect(page.getByTestId('job-status')).toHaveText('Rolled back', { timeout: 180_000 });
    expect(revisions(ns)).toEqual(['1=superseded', '2=superseded', '3=deployed']);

    // 5. Uninstall: what stays is listed (the database claim with its size, the namespace), each
    //    can be deleted, and the release's name must be typed (issue 25 #7, #8).
    const dbClaims = claims(ns).filter((c) => c.includes('mysql'));
    expect(dbClaims).toHaveLength(1);
    await page.getByTestId('action-uninstall').click();
    await expect(page.getByTestId('confirm')).toContainText('(revision 3)', { timeout: 30_000 });
    const claimRow = page.getByTestId('leftover-claim');
    await expect(claimRow).toHaveCount(1);
    await expect(claimRow).toContainText(dbClaims[0]!);
    await expect(claimRow).toContainText(/\(\d+(Gi|Mi)\)/);
    await expect(claimRow).toContainText('the database');
    await expect(page.getByTestId('leftover-namespace')).toContainText(ns);
    await expect(page.getByTestId('keep-values')).toBeChecked();
    await expect(page.getByTestId('confirm-yes')).toBeDisabled();
    await page.getByTestId('uninstall-name').fill('lightrun');
    await expect(page.getByTestId('confirm-yes')).toBeEnabled();
    await second.wizard.shoot('day2-05-uninstall-dialog');
    await part(page, 'day2-05-dialog', 'confirm');
    const rolled = page.url();
    await page.getByTestId('confirm-yes').click();
    await page.waitForURL((u) => u.toString() !== rolled, { timeout: 30_000 });
    await expect(page.getByTestId('job-status')).toHaveText('Uninstalled', { timeout: 120_000 });
    await expect(page.getByTestId('job-eyebrow')).toHaveText('Uninstall of revision 3');
    const panel = page.getByTestId('uninstalled-panel');
    await expect(panel).toContainText('Release lightrun (revision 3) uninstalled.');
    await expect(panel).toContainText(`Kept: PersistentVolumeClaim ${dbClaims[0]} (`);
    await expect(panel).toContainText('Kept: Secret lightrun-kept-values');
    await expect(panel).toContainText(`Kept: namespace ${ns}.`);
    await expect(page.getByText('every pod is ready')).toHaveCount(0);
    await expect(page.getByText('reconnecting…')).toHaveCount(0);
    await second.wizard.shoot('day2-06-uninstalled');
    await page.screenshot({ path: 'test-results/e2e/screenshots/day2-06-top.png' });
    expect(revisions(ns)).toEqual([]);
    expect(claims(ns)).toEqual(dbClaims);
    await second.context.close();

    // 6. Reinstall from a fresh session: preflight and the panel warn that the kept database was
    //    initialised with other passwords and offer to start from them.
    const third = await freshWizard(browser);
    await toReview(third.wizard, third.page, ns, undefined, undefined, { installReady: false });
    const left = third.page.getByTestId('leftovers-warning');
    await expect(left).toBeVisible({ timeout: 30_000 });
    await expect(left).toContainText(dbClaims[0]!);
    await expect(third.page.getByTestId('preflight-check-release')).toHaveAttribute(
      'data-status',
      'warn',
      { timeout: 60_000 },
    );
    await expect(third.page.getByTestId('preflight-check-release')).toContainText(
      'initialised with other passwords',
    );
    await part(third.page, 'day2-07-panel', 'install-panel');
    await third.wizard.shoot('day2-07-reinstall-warned');
    await third.page.getByTestId('start-from-kept').click();
    await third.page.getByTestId('replace-confirm').click();
    await expect(third.page.getByTestId('notice')).toContainText('Imported release lightrun');
    await expect(third.page.getByTestId('review-valid')).toBeVisible({ timeout: 30_000 });
    // Started from them: the panel says the answers keep the passwords the volume knows.
    await expect(third.page.getByTestId('leftovers-matched')).toBeVisible({ timeout: 30_000 });
    await expect(third.page.getByTestId('leftovers-warning')).toHaveCount(0);
    await chooseBundledChart(third.page);
    await expect(third.page.getByTestId('install-button')).toHaveText('Install');
    await expect(third.page.getByTestId('install-button')).toBeEnabled({ timeout: 60_000 });
    await clickInstall(third.page);
    await expect(third.page.getByTestId('job-eyebrow')).toHaveText('Install · revision 1');
    await expect(third.page.getByTestId('job-status')).toHaveText('Installed', {
      timeout: 180_000,
    });
    // The kept database's password is the one the new release uses.
    const secret = (ns2: string) =>
      kubectl(
        '-n',
        ns2,
        'get',
        'secret',
        'lightrun-kept-values',
        '-o',
        'jsonpath={.data.values\\.json}',
      );
    const kept = JSON.parse(Buffer.from(secret(ns), 'base64').toString('utf8')) as {
      secrets: { db: { password: string } };
    };
    const now = JSON.parse(
      kubectl('-n', ns, 'get', 'secret', '-l', 'app.kubernetes.io/instance=lightrun', '-o', 'json'),
    ) as { items: { data?: Record<string, string> }[] };
    const dbPasswords = now.items
      .map((s) => s.data?.DB_PASSWORD)
      .filter(Boolean)
      .map((b) => Buffer.from(b!, 'base64').toString('utf8'));
    expect(dbPasswords).toEqual([kept.secrets.db.password]);
    await third.wizard.shoot('day2-08-reinstalled');
    await third.page.screenshot({ path: 'test-results/e2e/screenshots/day2-08-top.png' });
    await third.context.close();
  } finally {
    removeNamespace(ns);
  }
});
