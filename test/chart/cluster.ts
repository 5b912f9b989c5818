// The local cluster for the chart's install tests: KUBECONFIG, or the one the cluster script reports.
// A suite that needs it fails when it is missing; it never skips.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { repoRoot, runHelmAsync, type HelmBin, type HelmResult } from './helm';

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

/**
 * kwok v0.8.0 compiles its stages' CEL expressions lazily, and on a fresh kwok the first pods it
 * sees can fail with "unexpected failed resolution of 'v1.ContainerStatus'" and never become
 * Ready. Throw-away pods first, until one becomes Ready. `track` gets the namespace before it
 * is made (deleted here on success; the caller's cleanup deletes it if this throws).
 */
export async function warmUpKwok(kc: k8s.KubeConfig, track: (ns: string) => void): Promise<void> {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const ns = uniqueNs('lw-chart-warmup');
  track(ns);
  await core.createNamespace({ body: { metadata: { name: ns } } });
  await waitUntil('default ServiceAccount', () =>
    core.readNamespacedServiceAccount({ name: 'default', namespace: ns }).then(() => true),
  );
  let ready = false;
  for (let i = 0; i < 6 && !ready; i++) {
    const name = `warmup-${i}`;
    await core.createNamespacedPod({
      namespace: ns,
      body: { metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    });
    ready = await waitUntil(
      `${name} Ready`,
      async () => {
        const p = await core.readNamespacedPod({ name, namespace: ns });
        return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      },
      10_000,
    ).then(
      () => true,
      () => false,
    );
  }
  if (!ready) throw new Error('kwok made no pod Ready');
  await core.deleteNamespace({ name: ns });
}

/** A release's objects still in a namespace, as "Kind/name" (label app.kubernetes.io/instance). */
export async function chartObjects(
  kc: k8s.KubeConfig,
  ns: string,
  release: string,
): Promise<string[]> {
  const q = { namespace: ns, labelSelector: `app.kubernetes.io/instance=${release}` };
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const net = kc.makeApiClient(k8s.NetworkingV1Api);
  const hpa = kc.makeApiClient(k8s.AutoscalingV2Api);
  const pol = kc.makeApiClient(k8s.PolicyV1Api);
  const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
  const lists: Array<[string, Promise<{ items: Array<{ metadata?: k8s.V1ObjectMeta }> }>]> = [
    ['Pod', core.listNamespacedPod(q)],
    ['Service', core.listNamespacedService(q)],
    ['ConfigMap', core.listNamespacedConfigMap(q)],
    ['Secret', core.listNamespacedSecret(q)],
    ['ServiceAccount', core.listNamespacedServiceAccount(q)],
    ['PersistentVolumeClaim', core.listNamespacedPersistentVolumeClaim(q)],
    ['Deployment', apps.listNamespacedDeployment(q)],
    ['StatefulSet', apps.listNamespacedStatefulSet(q)],
    ['Ingress', net.listNamespacedIngress(q)],
    ['NetworkPolicy', net.listNamespacedNetworkPolicy(q)],
    ['HorizontalPodAutoscaler', hpa.listNamespacedHorizontalPodAutoscaler(q)],
    ['PodDisruptionBudget', pol.listNamespacedPodDisruptionBudget(q)],
    ['Role', rbac.listNamespacedRole(q)],
    ['RoleBinding', rbac.listNamespacedRoleBinding(q)],
  ];
  const out: string[] = [];
  for (const [kind, p] of lists)
    for (const o of (await p).items) out.push(`${kind}/${o.metadata?.name}`);
  return out.sort();
}

/** A namespace of its own (tracked for deletion), once its default ServiceAccount exists. */
export async function freshNamespace(
  core: k8s.CoreV1Api,
  prefix: string,
  track: (ns: string) => void,
): Promise<string> {
  const ns = uniqueNs(prefix);
  track(ns);
  await core.createNamespace({ body: { metadata: { name: ns } } });
  await waitUntil('default ServiceAccount', () =>
    core.readNamespacedServiceAccount({ name: 'default', namespace: ns }).then(() => true),
  );
  return ns;
}

/** `helm install|upgrade RELEASE CHART` with values files and extra args, waiting up to 300 s. */
export function helmDeploy(
  bin: HelmBin,
  o: { kubeconfig: string; release: string; namespace: string },
  verb: 'install' | 'upgrade',
  chart: string,
  files: string[],
  extra: string[] = [],
): Promise<HelmResult> {
  return runHelmAsync(bin, [
    verb,
    o.release,
    chart,
    '--namespace',
    o.namespace,
    '--kubeconfig',
    o.kubeconfig,
    ...files.flatMap((f) => ['--values', f]),
    ...extra,
    '--wait',
    '--timeout',
    '300s',
  ]);
}
