import { expect, test } from './fixtures';
import { Wizard } from './fixtures';
import {
  clickInstall,
  cluster,
  kubectl,
  removeNamespace,
  testNamespace,
  toReviewOversized,
  unschedulableBackend,
} from './install-fixtures';
import { e2ePort, startServer, type ServerProcess } from './server-process';
import { AUTH_HEADERS } from './access';

// A wizard server of this test's own (killed and started again), the real cluster and helm.
test.describe.configure({ timeout: 300_000 });

const PORT = e2ePort + 60;
const URL = `http://127.0.0.1:${PORT}`;
const serverEnv = { HOST: '127.0.0.1', PORT: String(PORT), KUBECONFIG: cluster.kubeconfig };

test("killing the wizard server mid-install and starting it again shows the release's live state again", async ({
  browser,
}) => {
  const ns = testNamespace('e2e-restart');
  let server: ServerProcess | null = await startServer(serverEnv, URL);
  const context = await browser.newContext({
    baseURL: URL,
    viewport: { width: 1440, height: 900 },
    extraHTTPHeaders: { ...AUTH_HEADERS },
  });
  const page = await context.newPage();
  try {
    // The backend cannot be scheduled (16 CPU on 8-CPU nodes): the install stays in its wait step
    // for a minute, long enough to kill the server in the middle of it.
    await toReviewOversized(new Wizard(page), page, ns);
    const first = await clickInstall(page);
    await expect(page.locator('[data-testid="step"][data-step="wait"]')).toHaveAttribute(
      'data-state',
      'running',
      { timeout: 60_000 },
    );
    const seen = await unschedulableBackend(ns);
    await expect(page.locator(`[data-testid="problem"][data-pod="${seen.pod}"]`)).toBeVisible({
      timeout: 5_000,
    });

    // A crash, not a clean stop: SIGKILL, nothing of the job survives in memory.
    const killed = new Promise((r) => server!.child.once('exit', r));
    server.child.kill('SIGKILL');
    await killed;
    server = null;
    await expect(page.getByText('reconnecting…')).toBeVisible({ timeout: 15_000 });
    server = await startServer(serverEnv, URL);

    // The page's stream comes back to a server that does not know the job: it finds the release
    // in the cluster (Helm's release record) and follows its live state under a new job.
    await page.waitForURL((u) => !u.pathname.endsWith(encodeURIComponent(first)), {
      timeout: 30_000,
    });
    // The adopted job only watches: headed so (not "Upgrade"), its cancel only stops the watch,
    // and its clock runs from when helm began revision 1, not from the adoption (issue 25 #8).
    await expect(page.getByTestId('job-eyebrow')).toHaveText('Watching revision 1');
    const cancel = page.getByTestId('action-cancel');
    if (await cancel.isVisible()) await expect(cancel).toHaveText('Stop watching');
    await expect(page.getByTestId('elapsed')).not.toContainText('0m00s of', { timeout: 5_000 });
    await page.screenshot({ path: 'test-results/e2e/screenshots/restart-adopted-top.png' });
    const problem = page.locator(`[data-testid="problem"][data-pod="${seen.pod}"]`);
    await expect(problem).toBeVisible({ timeout: 15_000 });
    await expect(problem).toContainText('0/3 nodes are available: 3 Insufficient cpu.');
    await expect(
      page.locator(`[data-testid="pod-row"][data-pod="${seen.pod}"]`).getByTestId('pod-status'),
    ).toHaveText('Pending');
    // The other pods the API has are there too, ready as the API says.
    const apiPods = kubectl(
      '-n',
      ns,
      'get',
      'pods',
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}',
    )
      .trim()
      .split('\n')
      .sort();
    await expect
      .poll(
        async () =>
          (
            await page
              .getByTestId('pod-row')
              .evaluateAll((r) => r.map((x) => x.getAttribute('data-pod')))
          ).sort(),
        { timeout: 15_000 },
      )
      .toEqual(apiPods);
    await page.screenshot({ path: test.info().outputPath('after-restart.png'), fullPage: true });
    await expect(page.getByTestId('job-status')).toHaveText('Failed', { timeout: 120_000 });
    await expect(page.getByTestId('failure-summary')).toContainText('Insufficient cpu');
  } finally {
    await context.close();
    if (server) {
      server.child.kill('SIGKILL');
    }
    removeNamespace(ns);
  }
});
