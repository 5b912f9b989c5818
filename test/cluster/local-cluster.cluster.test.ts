// The local cluster itself: real kube-apiserver/etcd/KCM/scheduler with KWOK nodes.
// Proves what the wizard's install tests rely on (see docs/development.md, "The local cluster").
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { cluster, ClusterEnv, repoRoot, requireCluster, run, uniqueNs, waitUntil } from './helpers';

let kc: k8s.KubeConfig;
let env: ClusterEnv;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;
const ns = uniqueNs('lw-cluster');
const FAILURE = 'sim.lightrun.dev/failure';

// A missing cluster must fail every test (vitest reports tests as skipped when beforeAll throws).
let setupError: unknown;
beforeEach(() => {
  if (setupError) throw setupError;
});

beforeAll(async () => {
  try {
    await setup();
  } catch (e) {
    setupError = e;
  }
});

async function setup() {
  ({ kc, env } = await requireCluster());
  core = kc.makeApiClient(k8s.CoreV1Api);
  apps = kc.makeApiClient(k8s.AppsV1Api);
  await core.createNamespace({ body: { metadata: { name: ns } } });
  // The ServiceAccount admission plugin needs the namespace's `default` SA (made by KCM).
  await waitUntil('default ServiceAccount in the test namespace', () =>
    core.readNamespacedServiceAccount({ name: 'default', namespace: ns }).then(() => true),
  );
}

afterAll(async () => {
  if (core) await core.deleteNamespace({ name: ns }).catch(() => undefined);
});

const readyPods = async (selector: string) => {
  const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: selector });
  return pods.items.filter(
    (p) =>
      p.status?.phase === 'Running' &&
      p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
};

function podSpec(
  name: string,
  labels: Record<string, string>,
  image: string,
  annotations: Record<string, string> = {},
): k8s.V1Pod {
  return {
    metadata: { name, labels, annotations },
    spec: { containers: [{ name: 'app', image }] },
  };
}

describe('control plane', () => {
  it('serves the stamped server version (helm kubeVersion checks depend on it)', async () => {
    const v = await kc.makeApiClient(k8s.VersionApi).getCode();
    expect(v.gitVersion).toBe(env.versions.kubernetes);
    expect(v.major).toBe('1');
  });

  it('has three Ready fake nodes with realistic allocatable resources and no taints', async () => {
    const nodes = (await core.listNode()).items;
    expect(nodes.map((n) => n.metadata!.name).sort()).toEqual([
      'kwok-node-1',
      'kwok-node-2',
      'kwok-node-3',
    ]);
    for (const n of nodes) {
      expect(n.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
      expect(n.status?.allocatable).toMatchObject({ cpu: '8', memory: '32Gi', pods: '110' });
      expect(n.metadata?.labels).toMatchObject({
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': n.metadata!.name,
      });
      expect(n.spec?.taints ?? []).toEqual([]);
    }
  });

  it('has an nginx IngressClass and a default StorageClass', async () => {
    const ic = await kc.makeApiClient(k8s.NetworkingV1Api).readIngressClass({ name: 'nginx' });
    expect(ic.spec?.controller).toBe('k8s.io/ingress-nginx');
    const scs = (await kc.makeApiClient(k8s.StorageV1Api).listStorageClass()).items;
    const def = scs.filter(
      (s) => s.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true',
    );
    expect(def.map((s) => s.metadata!.name)).toEqual(['kwok-volume']);
  });
});

describe('workloads', () => {
  it("a Deployment's pods become Running and Ready", async () => {
    const labels = { app: 'web' };
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 3,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: 'web',
                  image: 'nginx:1.27',
                  resources: { requests: { cpu: '250m', memory: '256Mi' } },
                },
              ],
            },
          },
        },
      },
    });
    await waitUntil('3 ready pods', async () => (await readyPods('app=web')).length === 3);
    const d = await waitUntil('deployment available', async () => {
      const x = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
      return x.status?.readyReplicas === 3 && x.status?.availableReplicas === 3 ? x : undefined;
    });
    expect(d.status?.conditions?.find((c) => c.type === 'Available')?.status).toBe('True');
    const pods = await readyPods('app=web');
    for (const p of pods) {
      expect(p.spec?.nodeName).toMatch(/^kwok-node-\d$/);
      expect(p.status?.podIP).toMatch(/^10\.244\./);
      expect(p.status?.containerStatuses?.[0]?.state?.running).toBeTruthy();
    }
  });

  it('a StatefulSet with a volumeClaimTemplate gets a bound PVC and a Ready pod', async () => {
    const labels = { app: 'db' };
    await apps.createNamespacedStatefulSet({
      namespace: ns,
      body: {
        metadata: { name: 'db' },
        spec: {
          serviceName: 'db',
          replicas: 1,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: 'db',
                  image: 'mariadb:11',
                  volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql' }],
                },
              ],
            },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: 'data' },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
            },
          ],
        },
      },
    });
    const pvc = await waitUntil('PVC data-db-0 Bound', async () => {
      const c = await core.readNamespacedPersistentVolumeClaim({
        name: 'data-db-0',
        namespace: ns,
      });
      return c.status?.phase === 'Bound' ? c : undefined;
    });
    expect(pvc.spec?.storageClassName).toBe('kwok-volume'); // the default class was filled in
    const pv = await core.readPersistentVolume({ name: pvc.spec!.volumeName! });
    expect(pv.status?.phase).toBe('Bound');
    expect(pv.spec?.capacity?.storage).toBe('5Gi');
    await waitUntil('db-0 Ready', async () => (await readyPods('app=db')).length === 1);
  });

  it('a LoadBalancer Service gets a ClusterIP and its external address stays pending (no cloud controller)', async () => {
    await core.createNamespacedService({
      namespace: ns,
      body: {
        metadata: { name: 'lb' },
        spec: {
          type: 'LoadBalancer',
          selector: { app: 'web' },
          ports: [{ port: 443, targetPort: 8443 as unknown as k8s.IntOrString }],
        },
      },
    });
    await new Promise((r) => setTimeout(r, 3000));
    const svc = await core.readNamespacedService({ name: 'lb', namespace: ns });
    expect(svc.spec?.clusterIP).toMatch(/^10\.96\./);
    expect(svc.spec?.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    expect(svc.status?.loadBalancer?.ingress ?? []).toEqual([]); // documented: stays <pending>
  });
});

describe('failure simulation (pod label sim.lightrun.dev/failure)', () => {
  it('image-pull: the container waits in ImagePullBackOff naming the image', async () => {
    const image = 'registry.example.invalid/lightrun/does-not-exist:0.0.1';
    await core.createNamespacedPod({
      namespace: ns,
      body: podSpec('bad-image', { [FAILURE]: 'image-pull' }, image),
    });
    const p = await waitUntil('ImagePullBackOff', async () => {
      const x = await core.readNamespacedPod({ name: 'bad-image', namespace: ns });
      return x.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff'
        ? x
        : undefined;
    });
    expect(p.status?.phase).toBe('Pending');
    const cs = p.status!.containerStatuses![0]!;
    expect(cs.ready).toBe(false);
    expect(cs.state?.waiting?.message).toBe(`Back-off pulling image "${image}"`);
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    // It stays that way (kwok's pod-ready stage must not win).
    await new Promise((r) => setTimeout(r, 2000));
    const again = await core.readNamespacedPod({ name: 'bad-image', namespace: ns });
    expect(again.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
    const events = await core.listNamespacedEvent({
      namespace: ns,
      fieldSelector: 'involvedObject.name=bad-image',
    });
    expect(events.items.some((e) => e.type === 'Warning' && e.reason === 'Failed')).toBe(true);
  });

  it('crashloop: CrashLoopBackOff with exit code and restarts', async () => {
    await core.createNamespacedPod({
      namespace: ns,
      body: podSpec('crashy', { [FAILURE]: 'crashloop' }, 'busybox:1.36', {
        'sim.lightrun.dev/exit-code': '137',
        'sim.lightrun.dev/restarts': '7',
      }),
    });
    await core.createNamespacedPod({
      namespace: ns,
      body: podSpec('crashy-default', { [FAILURE]: 'crashloop' }, 'busybox:1.36'),
    });
    const p = await waitUntil('CrashLoopBackOff', async () => {
      const x = await core.readNamespacedPod({ name: 'crashy', namespace: ns });
      return x.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff'
        ? x
        : undefined;
    });
    const cs = p.status!.containerStatuses![0]!;
    expect(p.status?.phase).toBe('Running');
    expect(cs.restartCount).toBe(7);
    expect(cs.lastState?.terminated?.exitCode).toBe(137);
    expect(cs.lastState?.terminated?.reason).toBe('Error');
    expect(cs.state?.waiting?.message).toContain('back-off');
    const d = await waitUntil('default crashloop', async () => {
      const x = await core.readNamespacedPod({ name: 'crashy-default', namespace: ns });
      return x.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff'
        ? x
        : undefined;
    });
    expect(d.status!.containerStatuses![0]!.restartCount).toBe(5);
    expect(d.status!.containerStatuses![0]!.lastState?.terminated?.exitCode).toBe(1);
  });

  it('never-ready: Running, container running, never Ready', async () => {
    await core.createNamespacedPod({
      namespace: ns,
      body: podSpec('lazy', { [FAILURE]: 'never-ready' }, 'nginx:1.27'),
    });
    await waitUntil('running container', async () => {
      const x = await core.readNamespacedPod({ name: 'lazy', namespace: ns });
      return x.status?.containerStatuses?.[0]?.state?.running ? x : undefined;
    });
    await new Promise((r) => setTimeout(r, 2000));
    const p = await core.readNamespacedPod({ name: 'lazy', namespace: ns });
    expect(p.status?.phase).toBe('Running');
    expect(p.status?.containerStatuses?.[0]?.ready).toBe(false);
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
  });

  it('a Deployment whose pods carry the label never becomes available', async () => {
    const labels = { app: 'broken', [FAILURE]: 'image-pull' };
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'broken' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'broken' } },
          template: {
            metadata: { labels },
            spec: { containers: [{ name: 'app', image: 'nope:1' }] },
          },
        },
      },
    });
    await waitUntil('pod in ImagePullBackOff', async () => {
      const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=broken' });
      return (
        pods.items[0]?.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff'
      );
    });
    const d = await apps.readNamespacedDeployment({ name: 'broken', namespace: ns });
    expect(d.status?.readyReplicas ?? 0).toBe(0);
  });
});

describe('helm (v4 and v3 binaries built from the official modules)', () => {
  const chart = path.join(repoRoot, 'test', 'cluster', 'fixtures', 'kubeversion-chart');
  const tooNew = path.join(repoRoot, 'test', 'cluster', 'fixtures', 'too-new-chart');
  const helmHome = mkdtempSync(path.join(os.tmpdir(), 'lw-helm-'));
  afterAll(() => rmSync(helmHome, { recursive: true, force: true }));
  const cases = [
    {
      label: 'v4',
      bin: () => env.helm!,
      version: () => env.versions.helm,
      waitFlag: '--wait=watcher',
    },
    { label: 'v3', bin: () => env.helm3!, version: () => env.versions.helm3, waitFlag: '--wait' },
  ];
  for (const c of cases) {
    it(`helm ${c.label}: version, install of a chart with kubeVersion ">=1.23.0-0", refusal of an impossible one`, async () => {
      expect(c.bin()).toBeTruthy();
      const v = run(c.bin(), ['version', '--short']);
      expect(v.code, v.stderr).toBe(0);
      expect(v.stdout).toContain(c.version());
      const kcEnv = {
        KUBECONFIG: env.kubeconfig!,
        HELM_CACHE_HOME: path.join(helmHome, 'cache'),
        HELM_CONFIG_HOME: path.join(helmHome, 'config'),
        HELM_DATA_HOME: path.join(helmHome, 'data'),
      };
      const rel = `fixture-${c.label}`;
      const inst = run(
        c.bin(),
        ['install', rel, chart, '--namespace', ns, c.waitFlag, '--timeout', '2m'],
        kcEnv,
      );
      expect(inst.code, `${inst.stdout}\n${inst.stderr}`).toBe(0);
      expect(inst.stdout).toMatch(/STATUS: deployed/);
      expect((await readyPods(`app.kubernetes.io/instance=${rel}`)).length).toBe(2);
      const cm = await core.readNamespacedConfigMap({ name: `${rel}-config`, namespace: ns });
      expect(cm.data?.kubeVersion).toBe(env.versions.kubernetes);
      const st = run(c.bin(), ['status', rel, '--namespace', ns, '-o', 'json'], kcEnv);
      expect(st.code, st.stderr).toBe(0);
      expect(JSON.parse(st.stdout).info.status).toBe('deployed');
      const bad = run(c.bin(), ['install', `${rel}-too-new`, tooNew, '--namespace', ns], kcEnv);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/incompatible with Kubernetes v1\.36/);
    });
  }
});

describe('metrics API (aggregated, served by a local stand-in)', () => {
  it('is registered by default and can be switched off and on for preflight tests', async () => {
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const nodes = (await custom.listClusterCustomObject({
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      plural: 'nodes',
    })) as { items: { metadata: { name: string }; usage: { cpu: string; memory: string } }[] };
    expect(nodes.items.map((n) => n.metadata.name).sort()).toEqual([
      'kwok-node-1',
      'kwok-node-2',
      'kwok-node-3',
    ]);
    expect(nodes.items[0]!.usage.cpu).toMatch(/^\d+n$/);
    const pods = (await custom.listNamespacedCustomObject({
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      namespace: ns,
      plural: 'pods',
      labelSelector: 'app=web',
    })) as { items: unknown[] };
    expect(pods.items.length).toBe(3);

    cluster('metrics', 'off');
    const apis = kc.makeApiClient(k8s.ApisApi);
    expect((await apis.getAPIVersions()).groups.some((g) => g.name === 'metrics.k8s.io')).toBe(
      false,
    );
    await expect(
      custom.listClusterCustomObject({
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        plural: 'nodes',
      }),
    ).rejects.toThrow();
    cluster('metrics', 'on');
    expect((await apis.getAPIVersions()).groups.some((g) => g.name === 'metrics.k8s.io')).toBe(
      true,
    );
  });
});

describe("client-node's own Watch (@kubernetes/client-node 2.x)", () => {
  // Observed: a restarted kube-apiserver's watch cache starts at the current etcd revision, so
  // resuming from an older resourceVersion gets an ERROR event 410 Expired ("too old resource
  // version") and the client must relist; an old watch is not reliably ended by the restart
  // (client-node 2.x ends it after 30 s of silence), so callers should abort and re-watch.
  it('streams events, and after restart-apiserver resumes from its resourceVersion or relists on 410', async () => {
    let rv = (await core.listNamespacedConfigMap({ namespace: ns })).metadata!.resourceVersion!;
    const seen: string[] = [];
    const errors: number[] = [];
    const watch = new k8s.Watch(kc);
    const start = () =>
      watch.watch(
        `/api/v1/namespaces/${ns}/configmaps`,
        { resourceVersion: rv, allowWatchBookmarks: true },
        (type: string, obj: k8s.V1ConfigMap & { code?: number }) => {
          if (type === 'ERROR') {
            errors.push(obj.code ?? 0);
            return;
          }
          if (obj?.metadata?.resourceVersion) rv = obj.metadata.resourceVersion;
          if (type === 'ADDED') seen.push(obj.metadata!.name!);
        },
        () => undefined,
      );
    const first = await start();
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'w-before' } },
    });
    await waitUntil('ADDED w-before', async () => seen.includes('w-before'), 10_000);
    cluster('restart-apiserver');
    first.abort();
    let again = await start();
    try {
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: 'w-after' } },
      });
      await waitUntil(
        'w-after via the resumed watch (or a 410)',
        async () => seen.includes('w-after') || errors.includes(410),
        10_000,
      );
      if (!seen.includes('w-after')) {
        // 410 Expired: relist, then watch from the list's resourceVersion.
        again.abort();
        const l = await core.listNamespacedConfigMap({ namespace: ns });
        expect(l.items.map((c) => c.metadata!.name)).toContain('w-after');
        rv = l.metadata!.resourceVersion!;
        again = await start();
        await core.createNamespacedConfigMap({
          namespace: ns,
          body: { metadata: { name: 'w-after-relist' } },
        });
        await waitUntil(
          'ADDED w-after-relist',
          async () => seen.includes('w-after-relist'),
          10_000,
        );
      }
      expect(seen.filter((n) => n === 'w-before')).toHaveLength(1);
    } finally {
      again.abort();
    }
  });
});

describe('faults', () => {
  it('restart-apiserver keeps etcd data: the same objects are still there', async () => {
    const before = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'survivor' }, data: { k: 'v' } },
    });
    const podsBefore = (await core.listNamespacedPod({ namespace: ns })).items
      .map((p) => p.metadata!.uid)
      .sort();
    const out = cluster('restart-apiserver');
    expect(out).toBe('');
    const after = await core.readNamespacedConfigMap({ name: 'survivor', namespace: ns });
    expect(after.metadata?.uid).toBe(before.metadata?.uid);
    expect(after.data).toEqual({ k: 'v' });
    const podsAfter = (await core.listNamespacedPod({ namespace: ns })).items
      .map((p) => p.metadata!.uid)
      .sort();
    expect(podsAfter).toEqual(podsBefore);
    const d = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
    expect(d.status?.readyReplicas).toBe(3);
    // and the cluster keeps working: new pods still start
    await core.createNamespacedPod({
      namespace: ns,
      body: podSpec('after-restart', { app: 'after' }, 'nginx:1.27'),
    });
    await waitUntil(
      'pod after restart Ready',
      async () => (await readyPods('app=after')).length === 1,
    );
  });
});
