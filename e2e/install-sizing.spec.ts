import { expect, test } from './fixtures';
import {
  clickInstall,
  removeNamespace,
  testNamespace,
  toReviewOversized,
  unschedulableBackend,
} from './install-fixtures';

// Real kube-scheduler on the local cluster: its three fake nodes have 8 CPU each.
test.describe.configure({ timeout: 240_000 });

test("an oversized sizing profile shows the backend Pending with the scheduler's own message", async ({
  wizard,
  page,
}) => {
  const ns = testNamespace('e2e-oversize');
  try {
    await toReviewOversized(wizard, page, ns);
    await clickInstall(page);
    const seen = await unschedulableBackend(ns);
    expect(seen.message).toMatch(/^0\/3 nodes are available: 3 Insufficient cpu\./);
    const problem = page.locator(`[data-testid="problem"][data-pod="${seen.pod}"]`);
    await expect(problem).toBeVisible({ timeout: 5_000 });
    await expect(problem).toContainText('0/3 nodes are available: 3 Insufficient cpu.');
    const row = page.locator(`[data-testid="pod-row"][data-pod="${seen.pod}"]`);
    await expect(row.getByTestId('pod-status')).toHaveText('Pending');
    await wizard.shoot('install-05-oversized-pending');
    // Unschedulable past 60 s is certain: the job ends failed, naming the pod and the scheduler's reason.
    await expect(page.getByTestId('job-status')).toHaveText('Failed', { timeout: 120_000 });
    const summary = page.getByTestId('failure-summary');
    await expect(summary).toContainText(seen.pod);
    await expect(summary).toContainText('Insufficient cpu');
    await expect(summary).not.toContainText(/timed out/i);
  } finally {
    removeNamespace(ns);
  }
});
