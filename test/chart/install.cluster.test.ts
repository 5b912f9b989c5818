// Installs chart/ on the local cluster (KWOK nodes: pods become Ready without pulling images) for
// every example configuration and a few chart fixtures: all pods Ready, then `helm uninstall`
// leaves none of the chart's objects behind, PVCs as their retention policy says.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { isMap } from '../../lib/values/tree';
import { chartObjects, requireKube, uniqueNs, waitUntil, warmUpKwok } from './cluster';
import {
  HelmBin,
  chartDir,
  exampleConfigs,
  fixturesDir,
  helmBinaries,
  mergedValues,
  runHelmAsync,
  template,
  valueAt,
} from './helm';

interface InstallCase {
  name: string;
  files: string[];
  bin: HelmBin;
}

const bins = helmBinaries();
const v4 = bins.find((b) => b.name === 'helm v4') ?? bins[0]!;
const v3 = bins.find((b) => b.name === 'helm v3') ?? v4;
const fx = (n: string) => path.join(fixturesDir, `${n}.yaml`);
const cases: InstallCase[] = [
  ...exampleConfigs().map((e) => ({ name: `example ${e.name}`, files: e.files, bin: v4 })),
  {
    name: 'fixture mq-local-metrics (PVCs deleted with the release)',
    files: [fx('base'), fx('mq-local-metrics')],
    bin: v4,
  },
  {
    name: 'fixture internal-tls-self-signed (hook secrets)',
    files: [fx('base'), fx('internal-tls-self-signed')],
    bin: v3,
  },
  {
    name: 'fixture mysql-deployment + router mode',
    files: [fx('base'), fx('mysql-deployment'), fx('router')],
    bin: v3,
  },
];

const REL = 'lr';
let kc: k8s.KubeConfig;
let kubeconfig: string;
let core: k8s.CoreV1Api;
const namespaces: string[] = [];

beforeAll(async () => {
  ({ kc, kubeconfig } = await requireKube());
  core = kc.makeApiClient(k8s.CoreV1Api);
  await warmUpKwok(kc, (ns) => namespaces.push(ns));
});

afterAll(async () => {
  for (const ns of namespaces) await core?.deleteNamespace({ name: ns }).catch(() => undefined);
});

/** PVCs the StatefulSets' retention policies keep after the release is deleted. */
function retainedClaims(files: string[]): string[] {
  const v = mergedValues(files);
  const g = (path: string) => valueAt(v, `general.${path}`);
  const out: string[] = [];
  const keeps = (policy: unknown) =>
    ((isMap(policy) ? policy.whenDeleted : undefined) ?? 'Retain') === 'Retain';
  if (
    g('db_local') &&
    g('statefulset.enabled') &&
    keeps(g('statefulset.persistentVolumeClaimRetentionPolicy'))
  ) {
    out.push(`PersistentVolumeClaim/${g('statefulset.pvc_name') || 'mysql'}-${REL}-mysql-0`);
  }
  if (
    g('mq.enabled') &&
    g('mq.local') &&
    String(g('mq.storage')) !== '0' &&
    keeps(g('mq.persistentVolumeClaimRetentionPolicy'))
  ) {
    out.push(`PersistentVolumeClaim/${g('mq.pvc_name') || `${REL}-mq-data`}-${REL}-mq-0`);
  }
  return out;
}

/** Hook objects Helm does not delete on uninstall (the self-signed internal TLS secrets). */
function hookSecrets(files: string[]): string[] {
  return template(files, { release: REL })
    .filter((o) => o.metadata.annotations?.['helm.sh/hook'])
    .map((o) => `${o.kind}/${o.metadata.name}`);
}

/**
 * KWOK has no load-balancer controller: give LoadBalancer Services of the namespace an address the
 * way one would (helm --wait waits for it), until stopped.
 */
function fakeLoadBalancer(ns: string): () => void {
  let stop = false;
  const loop = async () => {
    while (!stop) {
      const svcs = await core
        .listNamespacedService({ namespace: ns })
        .catch(() => ({ items: [] as k8s.V1Service[] }));
      for (const s of svcs.items) {
        if (s.spec?.type !== 'LoadBalancer' || s.status?.loadBalancer?.ingress?.length) continue;
        s.status = { loadBalancer: { ingress: [{ ip: '10.0.0.200' }] } };
        await core
          .replaceNamespacedServiceStatus({ name: s.metadata!.name!, namespace: ns, body: s })
          .catch(() => undefined);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  void loop();
  return () => {
    stop = true;
  };
}

/** Storage classes the cluster lacks are replaced by its default one (the admin's class is site-specific). */
async function storageOverrides(files: string[]): Promise<string[]> {
  const storage = kc.makeApiClient(k8s.StorageV1Api);
  const have = new Set((await storage.listStorageClass()).items.map((s) => s.metadata?.name));
  const v = mergedValues(files);
  const sets: string[] = [];
  for (const key of ['general.statefulset.storageClassName', 'general.mq.storageClassName']) {
    const storageClass = valueAt(v, key);
    if (storageClass && !have.has(String(storageClass))) sets.push(`${key}=`);
  }
  return sets;
}

// One at a time: each configuration asks for 8+ CPUs of the three fake 8-CPU nodes.
describe.sequential('chart install on the local cluster', () => {
  it.each(cases)(
    '$name: all pods Ready, uninstall leaves no chart objects',
    async (c) => {
      const ns = uniqueNs('lw-chart');
      namespaces.push(ns);
      await core.createNamespace({ body: { metadata: { name: ns } } });
      await waitUntil('default ServiceAccount', () =>
        core.readNamespacedServiceAccount({ name: 'default', namespace: ns }).then(() => true),
      );

      const args = [
        'install',
        REL,
        chartDir,
        '--namespace',
        ns,
        '--kubeconfig',
        kubeconfig,
        '--wait',
        '--timeout',
        '240s',
      ];
      for (const f of c.files) args.push('--values', f);
      for (const s of await storageOverrides(c.files)) args.push('--set', s);
      const stopLb = fakeLoadBalancer(ns);
      const install = await runHelmAsync(c.bin, args).finally(stopLb);
      expect(install.code, `${c.bin.name} install:\n${install.stderr}\n${install.stdout}`).toBe(0);
      expect(install.stdout).toContain('administrator@localhost.com');

      const expected = template(c.files, { release: REL, namespace: ns }).filter(
        (o) => o.kind === 'Deployment' || o.kind === 'StatefulSet',
      );
      const pods = (
        await core.listNamespacedPod({
          namespace: ns,
          labelSelector: `app.kubernetes.io/instance=${REL}`,
        })
      ).items;
      const notReady = pods
        .filter(
          (p) => !p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'),
        )
        .map((p) => p.metadata?.name);
      expect(notReady).toEqual([]);
      const components = new Set(
        pods.map((p) => p.metadata?.labels?.['app.kubernetes.io/component']),
      );
      for (const w of expected)
        expect(components, `pods of ${w.kind}/${w.metadata.name}`).toContain(
          w.metadata.labels?.['app.kubernetes.io/component'],
        );

      const uninstall = await runHelmAsync(c.bin, [
        'uninstall',
        REL,
        '--namespace',
        ns,
        '--kubeconfig',
        kubeconfig,
        '--wait',
        '--timeout',
        '120s',
      ]);
      expect(uninstall.code, uninstall.stderr).toBe(0);
      const leftover = [...retainedClaims(c.files), ...hookSecrets(c.files)].sort();
      const left = await waitUntil(
        'the chart objects to go',
        async () => {
          const now = await chartObjects(kc, ns, REL);
          return JSON.stringify(now) === JSON.stringify(leftover) ? now : false;
        },
        90_000,
        1000,
      ).catch(async () => chartObjects(kc, ns, REL));
      expect(left).toEqual(leftover);
      const releases = (
        await core.listNamespacedSecret({ namespace: ns, labelSelector: 'owner=helm' })
      ).items;
      expect(releases.map((s) => s.metadata?.name)).toEqual([]);
      await core.deleteNamespace({ name: ns });
    },
    420_000,
  );
});

describe('self-signed internal certificates across an upgrade', () => {
  it('keeps the pre-install hook secrets on helm upgrade and leaves them after uninstall', async () => {
    const ns = uniqueNs('lw-chart-upg');
    namespaces.push(ns);
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await waitUntil('default ServiceAccount', () =>
      core.readNamespacedServiceAccount({ name: 'default', namespace: ns }).then(() => true),
    );
    const files = [fx('base'), fx('internal-tls-self-signed')];
    const common = ['--namespace', ns, '--kubeconfig', kubeconfig];
    const values = files.flatMap((f) => ['--values', f]);
    const certs = async () =>
      (
        await core.listNamespacedSecret({
          namespace: ns,
          labelSelector: 'app.kubernetes.io/component=internal-tls',
        })
      ).items
        .map((s) => `${s.metadata?.name}:${s.data?.['tls.crt']?.slice(-40)}`)
        .sort();

    const install = await runHelmAsync(v4, [
      'install',
      REL,
      chartDir,
      ...common,
      ...values,
      '--wait',
      '--timeout',
      '240s',
    ]);
    expect(install.code, install.stderr).toBe(0);
    const before = await certs();
    expect(before).toHaveLength(5);

    const upgrade = await runHelmAsync(v4, [
      'upgrade',
      REL,
      chartDir,
      ...common,
      ...values,
      '--set',
      'deployments.frontend.replicas=2',
      '--wait',
      '--timeout',
      '240s',
    ]);
    expect(upgrade.code, upgrade.stderr).toBe(0);
    expect(await certs()).toEqual(before);

    const uninstall = await runHelmAsync(v4, [
      'uninstall',
      REL,
      ...common,
      '--wait',
      '--timeout',
      '120s',
    ]);
    expect(uninstall.code, uninstall.stderr).toBe(0);
    expect(await certs()).toEqual(before);
    await core.deleteNamespace({ name: ns });
  }, 420_000);
});
