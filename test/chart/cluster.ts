// The local cluster for the chart's install tests: KUBECONFIG, or the one the cluster script reports.
// A suite that needs it fails when it is missing; it never skips.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { repoRoot } from './helm';

/** The running cluster's kubeconfig path and a loaded KubeConfig; throws when there is none. */
export async function requireKube(): Promise<{ kc: k8s.KubeConfig; kubeconfig: string }> {
  let file = process.env.KUBECONFIG;
  if (!file) {
    const r = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'scripts', 'cluster', 'cluster.mjs'), 'env', '--json'],
      { encoding: 'utf8', cwd: repoRoot },
    );
    if (r.status === 0)
      file = (JSON.parse(r.stdout) as { kubeconfig: string | null }).kubeconfig ?? undefined;
  }
  if (!file || !existsSync(file))
    throw new Error(
      'No local cluster: start it with `npm run cluster -- up` (or run `npm test`, which does)',
    );
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(file);
  const v = await kc.makeApiClient(k8s.VersionApi).getCode();
  if (!v.gitVersion)
    throw new Error(`cluster at ${kc.getCurrentCluster()?.server} did not answer /version`);
  return { kc, kubeconfig: file };
}

export const uniqueNs = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** Polls fn until it returns a truthy value; throws after timeoutMs. */
export async function waitUntil<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 500,
): Promise<T> {
  const t0 = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() - t0 > timeoutMs)
      throw new Error(
        `timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
