import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { root, STEPS_AFTER_CERTIFICATE, Wizard } from './fixtures';

/** The local cluster's kubectl (from `npm run cluster -- env --json`); the webServer inherits KUBECONFIG. */
function clusterEnv(): { kubeconfig: string; kubectl: string } {
  const out = execFileSync(
    'node',
    [path.join(root, 'scripts/cluster/cluster.mjs'), 'env', '--json'],
    { cwd: root, encoding: 'utf8' },
  );
  const env = JSON.parse(out) as { kubeconfig: string; kubectl: string; running: boolean };
  if (!env.running) throw new Error('The local cluster is not running: npm run cluster -- up');
  return env;
}

export const cluster = clusterEnv();

/** kubectl against the local cluster, argv only. */
export function kubectl(...args: string[]): string {
  return execFileSync(cluster.kubectl, args, {
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG: cluster.kubeconfig },
  });
}

/** A namespace of the test's own; removed afterwards with everything the release created. */
export function testNamespace(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}
export function removeNamespace(ns: string): void {
  try {
    kubectl('delete', 'namespace', ns, '--wait=false', '--ignore-not-found');
  } catch {
    /* already gone */
  }
}

/** From a fresh wizard to the Review page with the quick path in `namespace` (and an image tag). */
export async function toReview(
  wizard: Wizard,
  page: Page,
  namespace: string,
  imageTag?: string,
  orgName?: string,
  o: {
    atSizing?: () => Promise<void>;
    installReady?: boolean;
    /** The chart the panel installs; every e2e names it (the default, Lightrun's, is out of reach here). */
    chart?: 'bundled' | 'default';
  } = {},
): Promise<void> {
  await wizard.open();
  await page.locator('details.more summary', { hasText: 'Release, namespace' }).click();
  await wizard.field('release.namespace').fill(namespace);
  if (imageTag) await wizard.field('general.lightrunVersion').fill(imageTag);
  if (orgName) await wizard.field('general.name').fill(orgName);
  await wizard.quickPath();
  for (const id of STEPS_AFTER_CERTIFICATE) {
    await page.getByTestId('next').click();
    await expect(page.getByTestId(`panel-${id}`)).toBeVisible();
    if (id === 'sizing') await o.atSizing?.();
  }
  await page.getByTestId('next').click();
  await expect(page.getByTestId('review-valid')).toBeVisible();
  await expect(page.getByTestId('install-namespace')).toHaveText(namespace);
  // The probe answers within its own 4 s timeout; a loaded machine adds to the route's time.
  await expect(page.getByTestId('cluster-version')).toContainText('v1.', { timeout: 20_000 });
  // The panel starts on Lightrun's published chart, which this machine cannot reach: the tests
  // install the wizard's own test and demo chart, and say so.
  if ((o.chart ?? 'bundled') === 'bundled') await chooseBundledChart(page);
  if (o.installReady !== false)
    await expect(page.getByTestId('install-button')).toBeEnabled({ timeout: 30_000 });
}

/** The install panel's chart: the wizard's test and demo chart (chart/), not Lightrun's. */
export async function chooseBundledChart(page: Page): Promise<void> {
  await page.getByTestId('chart-source').selectOption('bundled');
  await expect(page.getByTestId('chart-hint')).toContainText('not Lightrun’s chart');
}

/** Click Install and land on the dashboard; returns the job id. */
export async function clickInstall(page: Page): Promise<string> {
  await page.getByTestId('install-button').click();
  await page.waitForURL(/\/install\/[^/]+$/, { timeout: 30_000 });
  await expect(page.getByTestId('install-dashboard')).toBeVisible();
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

/** What the dashboard shows, to compare two loads of the same job. */
export async function dashboardSnapshot(page: Page) {
  return {
    lastEvent: await page.getByTestId('install-dashboard').getAttribute('data-last-event'),
    status: await page.getByTestId('job-status').textContent(),
    total: await page.getByTestId('total-progress').textContent(),
    pods: await page
      .getByTestId('pod-row')
      .evaluateAll((rows) =>
        rows
          .map(
            (r) =>
              `${r.getAttribute('data-pod')} ${r.getAttribute('data-status')} ${r.querySelectorAll('td')[3]?.textContent}`,
          )
          .sort(),
      ),
    components: await page
      .getByTestId('component')
      .evaluateAll((rows) => rows.map((r) => r.textContent)),
    steps: await page
      .getByTestId('step')
      .evaluateAll((rows) =>
        rows.map((r) => `${r.getAttribute('data-step')}=${r.getAttribute('data-state')}`),
      ),
    helm:
      (await page
        .getByTestId('helm-output')
        .textContent()
        .catch(() => '')) ?? '',
  };
}

/**
 * To Review with the backend asking 16 CPU (the fake nodes have 8): the preflight capacity check
 * fails naming the backend, and the admin overrides it to install anyway.
 */
export async function toReviewOversized(
  wizard: Wizard,
  page: Page,
  namespace: string,
): Promise<void> {
  await toReview(wizard, page, namespace, undefined, undefined, {
    installReady: false,
    atSizing: async () => {
      await wizard.choose('sizing.resources.profile', 'custom');
      await wizard.field('sizing.resources.backend.cpu').fill('16');
    },
  });
  await expect(page.getByTestId('preflight-check-capacity')).toHaveAttribute(
    'data-status',
    'fail',
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('preflight-check-capacity')).toContainText(
    'backend asks 16000m CPU',
  );
  await page.getByTestId('preflight-override-capacity').check();
  await expect(page.getByTestId('install-button')).toBeEnabled({ timeout: 60_000 });
}

interface SchedPodList {
  items: {
    metadata: { name: string };
    status: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
  }[];
}

/** The backend pod once the API shows it unschedulable, with the scheduler's message (polled). */
export async function unschedulableBackend(ns: string): Promise<{ pod: string; message: string }> {
  for (;;) {
    const list = JSON.parse(
      kubectl('-n', ns, 'get', 'pods', '-l', 'app.kubernetes.io/component=backend', '-o', 'json'),
    ) as SchedPodList;
    for (const p of list.items) {
      const c = p.status.conditions?.find(
        (x) => x.type === 'PodScheduled' && x.status === 'False' && x.reason === 'Unschedulable',
      );
      if (c?.message) return { pod: p.metadata.name, message: c.message };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
