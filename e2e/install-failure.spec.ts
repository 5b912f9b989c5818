import { expect, test } from './fixtures';
import { clickInstall, kubectl, removeNamespace, testNamespace, toReview } from './install-fixtures';

test.describe.configure({ timeout: 240_000 });

interface PodList { items: { metadata: { name: string }; spec: { containers: { image: string }[] }; status: { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] } }[] }

/** The first pod the API shows waiting on an image pull, polled (the time the API shows it). */
async function firstPullFailure(ns: string): Promise<{ pod: string; image: string; reason: string; at: number }> {
  for (;;) {
    const list = JSON.parse(kubectl('-n', ns, 'get', 'pods', '-o', 'json')) as PodList;
    for (const p of list.items) {
      const waiting = p.status.containerStatuses?.map((c) => c.state?.waiting?.reason).find((r) => r === 'ErrImagePull' || r === 'ImagePullBackOff');
      const image = p.spec.containers.map((c) => c.image).find((i) => i.endsWith(':does-not-exist'));
      if (waiting && image) return { pod: p.metadata.name, image, reason: waiting, at: Date.now() };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a wrong image tag is named with its pod, image and reason within 5 s of the API showing it', async ({ wizard, page }) => {
  const ns = testNamespace('e2e-badtag');
  try {
    await toReview(wizard, page, ns, 'does-not-exist');
    await clickInstall(page);
    const seen = await firstPullFailure(ns);
    const problem = page.locator(`[data-testid="problem"][data-pod="${seen.pod}"]`);
    await expect(problem).toBeVisible({ timeout: 5_000 });
    const shownAfter = Date.now() - seen.at;
    // The dashboard mid-install, naming the failure (README picture).
    await page.screenshot({ path: test.info().outputPath('mid-install-wrong-tag.png'), fullPage: true });
    await expect(problem).toContainText(seen.image);
    await expect(problem).toContainText(/ImagePullBackOff|ErrImagePull/);
    await expect(problem).toContainText('not found');
    await expect(problem).toContainText('Check that the tag "does-not-exist" exists');
    const row = page.locator(`[data-testid="pod-row"][data-pod="${seen.pod}"]`);
    await expect(row.getByTestId('pod-status')).toHaveText(/ImagePullBackOff|ErrImagePull/);
    test.info().annotations.push({ type: 'diagnosis latency', description: `${shownAfter} ms after the API showed ${seen.reason} on ${seen.pod}` });
    // The registry's "not found" makes the failure certain: the job ends failed, naming the pod, not "timed out".
    await expect(page.getByTestId('job-status')).toHaveText('Failed', { timeout: 60_000 });
    const summary = page.getByTestId('failure-summary');
    await expect(summary).toContainText('does-not-exist');
    await expect(summary).not.toContainText(/timed out/i);
    await wizard.shoot('install-03-wrong-image-tag');
  } finally {
    removeNamespace(ns);
  }
});
