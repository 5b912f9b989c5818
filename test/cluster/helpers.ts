// Shared helpers for suites that run against the real local cluster (`npm run cluster -- up`).
// A suite that needs the cluster FAILS when it is missing; it never skips.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const clusterScript = path.join(repoRoot, 'scripts', 'cluster', 'cluster.mjs');

export interface ClusterEnv {
  kubeconfig: string | null;
  helm: string | null;
  helm3: string | null;
  kubectl: string | null;
  running: boolean;
  versions: Record<string, string>;
}

/** `node scripts/cluster/cluster.mjs <args>`; throws with its output on a non-zero exit. */
export function cluster(...args: string[]): string {
  const r = spawnSync(process.execPath, [clusterScript, ...args], {
    encoding: 'utf8',
    cwd: repoRoot,
    timeout: 300_000,
  });
  if (r.status !== 0)
    throw new Error(`cluster ${args.join(' ')} exited ${r.status}: ${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

export function clusterEnv(): ClusterEnv {
  return JSON.parse(cluster('env', '--json')) as ClusterEnv;
}

/** Loads the kubeconfig of the running local cluster, or throws (the suite must fail, not skip). */
export async function requireCluster(): Promise<{ kc: k8s.KubeConfig; env: ClusterEnv }> {
  const env = clusterEnv();
  const file = env.kubeconfig;
  if (!file || !existsSync(file)) {
    throw new Error(
      'The local cluster is not running (no kubeconfig). Start it with `npm run cluster -- up`, or run `npm test`, which does.',
    );
  }
  // Never run these suites against whatever cluster the developer's KUBECONFIG points at.
  if (process.env.KUBECONFIG && path.resolve(process.env.KUBECONFIG) !== path.resolve(file)) {
    throw new Error(
      `KUBECONFIG=${process.env.KUBECONFIG} is not the local test cluster's (${file}); unset it or run \`eval "$(npm run --silent cluster -- env)"\``,
    );
  }
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(file);
  const version = await kc.makeApiClient(k8s.VersionApi).getCode();
  if (!version.gitVersion)
    throw new Error(`cluster at ${kc.getCurrentCluster()?.server} did not answer /version`);
  return { kc, env };
}

export function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 240_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export async function waitUntil<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<T> {
  const t0 = Date.now();
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() - t0 > timeoutMs)
      throw new Error(
        `timed out after ${timeoutMs / 1000}s waiting for ${what}${lastErr ? `: ${String(lastErr)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const uniqueNs = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
