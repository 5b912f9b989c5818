import { SECRETS, expect, test } from './fixtures';
import { clickInstall, removeNamespace, testNamespace, toReview } from './install-fixtures';

// Issue 25 #1, on the local cluster with real helm and Chromium: the way back from a dashboard
// kept nothing ("The page was reloaded: 10 secrets are gone"), and the way out, "Start from this
// release", showed only once the answers were valid. This test failed before the fix.
test.describe.configure({ timeout: 360_000 });

test('install → dashboard → back (link and browser) keeps every secret; a release is reachable to upgrade whatever the answers', async ({
  wizard,
  page,
}) => {
  const ns = testNamespace('e2e-wayback');
  try {
    await toReview(wizard, page, ns);
    await wizard.step('database');
    const dbPassword = await wizard.field('database.password').inputValue();
    expect(dbPassword).toMatch(/^[A-Za-z0-9]{24}$/);
    await wizard.step('review');
    // The panel's chart is kept with the answers: leaving Review and coming back keeps it.
    await expect(page.getByTestId('chart-source')).toHaveValue('bundled');
    await expect(page.getByTestId('install-button')).toBeEnabled({ timeout: 60_000 });
    // Marks this page load: a reload (or any full navigation) loses the mark.
    await page.evaluate(() => ((window as unknown as { loadMark: string }).loadMark = 'first'));
    const mark = () =>
      page.evaluate(() => (window as unknown as { loadMark?: string }).loadMark ?? 'reloaded');
    await clickInstall(page);
    await expect(page.getByTestId('job-status')).toHaveText('Installed', { timeout: 180_000 });
    const dashboard = page.url();

    const secretsKept = async () => {
      await expect(page.getByTestId('panel-review')).toBeVisible();
      await expect(page.getByTestId('lost-secrets')).toHaveCount(0);
      await expect(page.getByText(/secrets? (is|are) gone/)).toHaveCount(0);
      expect(await mark()).toBe('first');
      await wizard.step('endpoint');
      await expect(wizard.field('license.content')).toHaveValue(SECRETS.license);
      await expect(wizard.field('license.signature')).toHaveValue(SECRETS.signature);
      await wizard.step('database');
      await expect(wizard.field('database.password')).toHaveValue(dbPassword);
      await wizard.step('review');
      await expect(page.getByTestId('review-valid')).toBeVisible({ timeout: 30_000 });
      // and the chart the release was installed with, not Lightrun's default again
      await expect(page.getByTestId('chart-source')).toHaveValue('bundled');
    };

    // "← Back to the wizard"
    await page.getByRole('link', { name: '← Back to the wizard' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await secretsKept();
    await wizard.shoot('wayback-01-back-link');

    // The browser's Back and Forward between the dashboard and the wizard
    await page.goBack();
    await page.waitForURL(dashboard);
    await expect(page.getByTestId('job-status')).toHaveText('Installed', { timeout: 30_000 });
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/');
    await secretsKept();

    // Invalid answers: "Start from this release" is offered all the same.
    await wizard.step('endpoint');
    await wizard.field('license.content').fill('');
    await wizard.step('review');
    await expect(page.getByTestId('review-errors')).toBeVisible();
    await expect(page.getByTestId('start-from-release')).toBeVisible({ timeout: 30_000 });
    await wizard.shoot('wayback-02-start-from-invalid');
    await page.getByTestId('start-from-release').click();
    await expect(page.getByTestId('replace-dialog')).toBeVisible();
    await page.getByTestId('replace-confirm').click();
    await expect(page.getByTestId('notice')).toContainText(
      `Imported release lightrun in namespace ${ns}`,
    );
    await expect(page.getByTestId('review-valid')).toBeVisible({ timeout: 30_000 });
    await wizard.step('endpoint');
    await expect(wizard.field('license.content')).toHaveValue(SECRETS.license);
    await wizard.step('review');

    // "Upgrade this release" on a dashboard opened anew (a real load: the page's secrets are gone
    // and the answers incomplete), then back in the wizard with the release's own values.
    await page.goto(dashboard);
    await expect(page.getByTestId('job-status')).toHaveText('Installed', { timeout: 30_000 });
    await page.getByTestId('upgrade-this-release').click();
    await page.waitForURL((u) => u.pathname === '/');
    await expect(page.getByTestId('replace-dialog')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('replace-confirm').click();
    await expect(page.getByTestId('notice')).toContainText(
      `Imported release lightrun in namespace ${ns}`,
    );
    await expect(page.getByTestId('lost-secrets')).toHaveCount(0);
    await expect(page.getByTestId('review-valid')).toBeVisible({ timeout: 30_000 });
    await wizard.step('database');
    await expect(wizard.field('database.password')).toHaveValue(dbPassword);

    // From the start page, after "Start over": the cluster's releases, each to upgrade.
    await page.getByTestId('start-over').click();
    await page.getByTestId('start-over-confirm').click();
    await page.getByTestId('upgrade-release').locator('summary').click();
    const row = page.getByTestId(`release-${ns}-lightrun`);
    await expect(row).toBeVisible({ timeout: 30_000 });
    await wizard.shoot('wayback-03-start-page-releases');
    await row.getByTestId('upgrade-this-release').click();
    await expect(page.getByTestId('notice')).toContainText(
      `Imported release lightrun in namespace ${ns}`,
    );
    await expect(page.getByTestId('review-valid')).toBeVisible({ timeout: 30_000 });
    await wizard.step('database');
    await expect(wizard.field('database.password')).toHaveValue(dbPassword);
  } finally {
    removeNamespace(ns);
  }
});
