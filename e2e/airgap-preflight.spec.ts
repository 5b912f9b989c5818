import { expect, test } from './fixtures';
import { removeNamespace, testNamespace, toReview, chooseBundledChart } from './install-fixtures';
import { startRegistry } from './registry-server';

// Real API server (the local cluster), a real v2 registry on loopback, real Chromium.
test.describe.configure({ timeout: 180_000 });

test('preflight asks the private registry for every image: a missing one fails by name, then passes once mirrored', async ({
  wizard,
  page,
}) => {
  const registry = await startRegistry();
  const ns = testNamespace('e2e-airgap');
  try {
    await toReview(wizard, page, ns);
    await wizard.step('endpoint');
    const more = page.locator('details.more', { hasText: 'Release, namespace' });
    if (!(await more.evaluate((d) => (d as HTMLDetailsElement).open)))
      await more.locator('summary').click();
    await wizard.choose('registry.mode', 'private');
    await wizard.field('registry.host').fill(registry.host);
    await wizard.field('registry.prefix').fill('mirror');
    // The spec's registry serves plain HTTP: the preflight asks it over HTTP only when told so.
    await wizard.field('registry.insecure').check();
    await wizard.step('review');
    await chooseBundledChart(page);
    const images = (await page.getByTestId('image-list').innerText()).trim().split('\n');
    expect(images).toHaveLength(6);
    const redis = images.find((i) => i.includes('/lightruncom/redis:'))!;
    for (const i of images.filter((x) => x !== redis))
      registry.manifests.add(i.slice(`${registry.host}/`.length));

    // The preflight starts as soon as Review shows, maybe before the registry held those images:
    // let that run end, then run it again against the registry as it is now.
    const row = page.getByTestId('preflight-check-registry-images');
    await expect(page.getByTestId('preflight-panel')).toHaveAttribute('data-done', 'true', {
      timeout: 60_000,
    });
    await page.getByTestId('preflight-rerun').click();
    await expect(row).toHaveAttribute('data-status', 'fail', { timeout: 60_000 });
    await expect(row).toContainText(`One image is not in ${registry.host}: ${redis}.`);
    await expect(page.getByTestId('preflight-panel')).toHaveAttribute('data-done', 'true', {
      timeout: 60_000,
    });
    await expect(page.getByTestId('install-button')).toBeDisabled();
    await row.scrollIntoViewIfNeeded();
    await wizard.shoot('airgap-03-preflight-missing');

    registry.manifests.add(redis.slice(`${registry.host}/`.length));
    await page.getByTestId('preflight-rerun').click();
    await expect(row).toHaveAttribute('data-status', 'pass', { timeout: 60_000 });
    await expect(row).toContainText(`All 6 images resolve in ${registry.host}.`);
  } finally {
    removeNamespace(ns);
    await registry.close();
  }
});
