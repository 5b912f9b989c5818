import { expect, test } from './fixtures';
import {
  clickInstall,
  kubectl,
  removeNamespace,
  testNamespace,
  toReview,
} from './install-fixtures';

test.describe.configure({ timeout: 240_000 });

interface PodList {
  items: {
    metadata: { name: string };
    spec: { containers: { image: string }[] };
    status: { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] };
  }[];
}

/** The first pod the API shows waiting on an image pull, polled (the time the API shows it). */
async function firstPullFailure(
  ns: string,
): Promise<{ pod: string; image: string; reason: string; at: number }> {
  for (;;) {
    const list = JSON.parse(kubectl('-n', ns, 'get', 'pods', '-o', 'json')) as PodList;
    for (const p of list.items) {
      const waiting = p.status.containerStatuses
        ?.map((c) => c.state?.waiting?.reason)
        .find((r) => r === 'ErrImagePull' || r === 'ImagePullBackOff');
      const image = p.spec.containers
        .map((c) => c.image)
        .find((i) => i.endsWith(':does-not-exist'));
      if (waiting && image) return { pod: p.metadata.name, image, reason: waiting, at: Date.now() };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface WorkloadList {
  items: { metadata: { labels?: Record<string, string> }; status?: { readyReplicas?: number } }[];
}

/** Ready replicas per Lightrun component, as the API has them now (Deployments and StatefulSets of the release). */
function readyByComponent(ns: string): Record<string, string> {
  const list = JSON.parse(
    kubectl('-n', ns, 'get', 'deployments,statefulsets', '-o', 'json'),
  ) as WorkloadList;
  const out: Record<string, number> = {};
  for (const w of list.items) {
    const c = w.metadata.labels?.['app.kubernetes.io/component'] ?? '';
    out[c] = (out[c] ?? 0) + (w.status?.readyReplicas ?? 0);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, String(v)]));
}

test('a wrong image tag is named with its pod, image and reason within 5 s of the API showing it', async ({
  wizard,
  page,
}) => {
  const ns = testNamespace('e2e-badtag');
  try {
    await toReview(wizard, page, ns, 'does-not-exist');
    await clickInstall(page);
    const seen = await firstPullFailure(ns);
    const problem = page.locator(`[data-testid="problem"][data-pod="${seen.pod}"]`);
    await expect(problem).toBeVisible({ timeout: 5_000 });
    const shownAfter = Date.now() - seen.at;
    // The dashboard mid-install, naming the failure (the picture in README.md and docs/dashboard.md).
    await page.screenshot({
      path: test.info().outputPath('mid-install-wrong-tag.png'),
      fullPage: true,
    });
    await expect(problem).toContainText(seen.image);
    await expect(problem).toContainText(/ImagePullBackOff|ErrImagePull/);
    await expect(problem).toContainText('not found');
    await expect(problem).toContainText('Check that the tag "does-not-exist" exists');
    const row = page.locator(`[data-testid="pod-row"][data-pod="${seen.pod}"]`);
    await expect(row.getByTestId('pod-status')).toHaveText(/ImagePullBackOff|ErrImagePull/);
    test.info().annotations.push({
      type: 'diagnosis latency',
      description: `${shownAfter} ms after the API showed ${seen.reason} on ${seen.pod}`,
    });
    // The registry's "not found" makes the failure certain: the job ends failed, naming the pod, not "timed out".
    await expect(page.getByTestId('job-status')).toHaveText('Failed', { timeout: 60_000 });
    const summary = page.getByTestId('failure-summary');
    await expect(summary).toContainText('does-not-exist');
    await expect(summary).not.toContainText(/timed out/i);
    await wizard.shoot('install-03-wrong-image-tag');
    // The job ended at the first certain failure; the dashboard keeps watching, so what it shows
    // comes to equal the API: the databases turn 1 / 1, the kubelet's later Warnings arrive.
    await expect(page.getByTestId('live-tag')).toBeVisible();
    await expect
      .poll(
        async () => {
          const api = readyByComponent(ns);
          const rows = await page
            .getByTestId('component')
            .evaluateAll((els) =>
              els.map((r) => [
                r.getAttribute('data-component') ?? '',
                r.querySelector('[data-testid="component-count"]')?.textContent?.split(' / ')[0] ??
                  '',
              ]),
            );
          const shown = JSON.stringify(rows.sort());
          return shown === JSON.stringify(Object.entries(api).sort())
            ? 'equal'
            : JSON.stringify({ api, shown });
        },
        { timeout: 30_000 },
      )
      .toBe('equal');
    await expect(
      page.locator(
        '[data-testid="component"][data-component="mysql"] [data-testid="component-count"]',
      ),
    ).toHaveText('1 / 1');
    await expect(
      page.getByTestId('warning').filter({ hasText: 'Error: ImagePullBackOff' }),
    ).toHaveCount(3, { timeout: 30_000 });
    await expect(
      page
        .getByTestId('warning')
        .filter({ hasText: `Failed to pull image "${seen.image}"` })
        .first(),
    ).toBeVisible();
    await wizard.shoot('install-04-wrong-image-tag-after-done');
  } finally {
    removeNamespace(ns);
  }
});
