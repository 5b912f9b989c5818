import { expect, test } from './fixtures';
import {
  clickInstall,
  dashboardSnapshot,
  kubectl,
  removeNamespace,
  testNamespace,
  toReview,
} from './install-fixtures';
import { AUTH_HEADERS } from './access';

// Real API server (the local cluster), real helm, real Chromium; each test has its own namespace.
test.describe.configure({ timeout: 240_000 });

test('a full install from Review reaches all-ready and shows the success panel', async ({
  wizard,
  page,
}) => {
  const ns = testNamespace('e2e-install');
  try {
    await toReview(wizard, page, ns);
    await wizard.shoot('install-01-review-panel');
    const jobId = await clickInstall(page);
    expect(jobId).not.toBe('');
    await expect(page.getByTestId('pod-row').first()).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: test.info().outputPath('mid-install.png'), fullPage: true });
    await expect(page.getByTestId('job-status')).toHaveText('Installed', { timeout: 180_000 });
    await expect(page.getByTestId('success-panel')).toBeVisible();
    await expect(page.getByTestId('login-user')).toHaveText('administrator@localhost.com');
    await expect(page.getByTestId('password-command')).toContainText(
      `kubectl get secret lightrun-backend -n ${ns}`,
    );
    await expect(page.getByTestId('endpoint')).toHaveText(/lightrun\.example\.com/);
    // chart 3.9.4 with an ingress controller: its own Ingress carries the host; no encryption key
    await expect(page.getByTestId('way-in-command')).toHaveText(
      `kubectl get ingress lightrun-clients -n ${ns}`,
    );
    await expect(page.getByTestId('key-backup')).toHaveCount(0);
    // Every pod the API has is in the table, and every one is ready.
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
    const rows = await page
      .getByTestId('pod-row')
      .evaluateAll((r) => r.map((x) => x.getAttribute('data-pod')).sort());
    expect(rows).toEqual(apiPods);
    const total = (await page.getByTestId('total-progress').textContent()) ?? '';
    const [ready, expected] =
      total.split(' ')[0] === '' ? [] : total.match(/(\d+) \/ (\d+)/)!.slice(1);
    expect(ready).toBe(expected);
    await expect(page.getByTestId('problems')).toHaveCount(0);
    // The Age column is kubectl's AGE of the pod's creation time, and it keeps ticking (a shared 5 s
    // clock; a cell re-renders only when its text changes).
    const firstRow = page.getByTestId('pod-row').first();
    const pod = (await firstRow.getAttribute('data-pod'))!;
    const created = Date.parse(
      kubectl('-n', ns, 'get', 'pod', pod, '-o', 'jsonpath={.metadata.creationTimestamp}').trim(),
    );
    const age = firstRow.getByTestId('pod-age');
    const shown = (await age.textContent()) ?? '';
    const seconds = (t: string) => {
      const m = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(t);
      return m && t ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : NaN;
    };
    expect(
      Math.abs(seconds(shown) - (Date.now() - created) / 1000),
      `age ${shown} of ${pod}`,
    ).toBeLessThanOrEqual(7);
    await expect(age).not.toHaveText(shown, { timeout: 15_000 });
    expect(seconds((await age.textContent()) ?? '')).toBeGreaterThan(seconds(shown));
    await wizard.shoot('install-02-success');
  } finally {
    removeNamespace(ns);
  }
});

test('a second Install click for the same release joins the running job', async ({
  wizard,
  page,
  browser,
}) => {
  const ns = testNamespace('e2e-join');
  // Another browser (its own storage): a second admin, or the same one in another window.
  const other = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    extraHTTPHeaders: { ...AUTH_HEADERS },
  });
  const second = await other.newPage();
  try {
    await toReview(wizard, page, ns);
    const { Wizard } = await import('./fixtures');
    await second.setViewportSize({ width: 1440, height: 900 });
    await toReview(new Wizard(second), second, ns);
    const first = await clickInstall(page);
    const joined = await clickInstall(second);
    expect(joined).toBe(first);
    await expect(second.getByTestId('job-status')).toHaveText('Installed', { timeout: 180_000 });
    await expect(page.getByTestId('job-status')).toHaveText('Installed', { timeout: 30_000 });
    // Exactly one helm ran: one release revision.
    const history = kubectl(
      '-n',
      ns,
      'get',
      'secrets',
      '-l',
      'owner=helm',
      '-o',
      'jsonpath={.items[*].metadata.name}',
    )
      .trim()
      .split(/\s+/);
    expect(history).toEqual([`sh.helm.release.v1.lightrun.v1`]);
  } finally {
    await other.close();
    removeNamespace(ns);
  }
});

test('reloading mid-install loses no event and shows the same state as a fresh load', async ({
  wizard,
  page,
  context,
}) => {
  const ns = testNamespace('e2e-reload');
  try {
    await toReview(wizard, page, ns);
    const jobId = await clickInstall(page);
    // Reload as soon as the dashboard has folded some events and the job is still running.
    await expect
      .poll(
        async () =>
          Number(await page.getByTestId('install-dashboard').getAttribute('data-last-event')),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    const before = await dashboardSnapshot(page);
    expect(before.status).not.toBe('Installed');
    await page.reload();
    await expect
      .poll(
        async () =>
          Number(await page.getByTestId('install-dashboard').getAttribute('data-last-event')),
        { timeout: 30_000 },
      )
      .toBeGreaterThanOrEqual(Number(before.lastEvent));
    await expect(page.getByTestId('job-status')).toHaveText('Installed', { timeout: 180_000 });
    const fresh = await context.newPage();
    await fresh.setViewportSize({ width: 1440, height: 900 });
    await fresh.goto(`/install/${encodeURIComponent(jobId)}`);
    await expect(fresh.getByTestId('job-status')).toHaveText('Installed', { timeout: 30_000 });
    // Both pages stay live after done (the job's live tail may still log a change): equal once both have it.
    await expect
      .poll(
        async () =>
          JSON.stringify(await dashboardSnapshot(fresh)) ===
          JSON.stringify(await dashboardSnapshot(page)),
        { timeout: 15_000 },
      )
      .toBe(true);
    await fresh.close();
  } finally {
    removeNamespace(ns);
  }
});
