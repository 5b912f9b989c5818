import { expect, test, Wizard } from './fixtures';
import { clickInstall, removeNamespace, testNamespace, toReview } from './install-fixtures';
import { AUTH_HEADERS } from './access';

// Real API server, real helm, real Chromium: an upgrade from a fresh wizard session.
test.describe.configure({ timeout: 300_000 });

test('a fresh session starts from the installed release: the upgrade diff then changes no password', async ({
  wizard,
  page,
  browser,
}) => {
  const ns = testNamespace('e2e-startfrom');
  const other = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 1440, height: 900 },
    extraHTTPHeaders: { ...AUTH_HEADERS },
  });
  try {
    await toReview(wizard, page, ns);
    await clickInstall(page);
    await expect(page.getByTestId('job-status')).toHaveText('Installed', { timeout: 180_000 });

    // Another browser (no session of its own): the quick path generates new passwords.
    const fresh = await other.newPage();
    const w2 = new Wizard(fresh);
    // Its new passwords would break the release: the upgrade is blocked until it starts from it.
    await toReview(w2, fresh, ns, undefined, undefined, { installReady: false });
    const diff = fresh.getByTestId('values-diff');
    await expect(diff).toBeVisible({ timeout: 30_000 });
    const warning = fresh.getByTestId('initialised-warning');
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('secrets.db.password');
    await expect(warning).toContainText('secrets.keycloak.password');
    await expect(
      diff.locator('[data-testid="diff-row"][data-path="secrets.db.password"]'),
    ).toHaveClass(/diff-danger/);
    await w2.shoot('install-06-upgrade-would-change-passwords');

    await fresh.getByTestId('start-from-release').click();
    // the fresh session's answers are the admin's own: replacing them is asked first
    await fresh.getByTestId('replace-confirm').click();
    await expect(fresh.getByTestId('notice')).toContainText(
      `Imported release lightrun in namespace ${ns}`,
    );
    await expect(fresh.getByTestId('review-valid')).toBeVisible({ timeout: 30_000 });
    await expect(fresh.getByTestId('install-namespace')).toHaveText(ns);
    // The diff against the release now: the same values (or changes that touch no secret).
    await expect(fresh.getByTestId('diff-same').or(fresh.getByTestId('values-diff'))).toBeVisible({
      timeout: 30_000,
    });
    await expect(fresh.getByTestId('initialised-warning')).toHaveCount(0);
    const paths = await fresh
      .getByTestId('diff-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path') ?? ''));
    expect(paths.filter((p) => p.startsWith('secrets.'))).toEqual([]);
    await w2.shoot('install-07-started-from-release');

    // The upgrade applies as revision 2 with the release's own passwords.
    await expect(fresh.getByTestId('install-button')).toBeEnabled({ timeout: 60_000 });
    await clickInstall(fresh);
    await expect(fresh.getByTestId('job-status')).toHaveText('Installed', { timeout: 180_000 });
    await expect(fresh.getByTestId('job-eyebrow')).toHaveText('Upgrade to revision 2');
  } finally {
    await other.close();
    removeNamespace(ns);
  }
});
