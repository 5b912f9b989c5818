// The local cluster's realistic failures (docs/development.md, "Failure simulation"): an image tagged
// `does-not-exist` fails its pull like a real kubelet; a pod asking more CPU than any node has
// stays Pending with the real scheduler's message.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { apiClient } from '@/lib/cluster/client';
import { watchResource, type WatchEvent } from '@/lib/cluster/watch';
import { requireCluster, uniqueNs, waitUntil } from './helpers';

let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;
const ns = uniqueNs('lw-sims');
let setupError: unknown;
beforeEach(() => {
  if (setupError) throw setupError;
});
beforeAll(async () => {
  try {
    ({ kc } = await requireCluster());
    core = apiClient(kc, k8s.CoreV1Api);
    apps = apiClient(kc, k8s.AppsV1Api);
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await waitUntil('default ServiceAccount', () =>
      core.readNamespacedServiceAccount({ name: 'default', namespace: ns }).then(() => true),
    );
  } catch (e) {
    setupError = e;
  }
});
afterAll(async () => {
  if (core) await core.deleteNamespace({ name: ns }).catch(() => undefined);
});

const pod = (name: string, containers: k8s.V1Container[]): k8s.V1Pod => ({
  metadata: { name, labels: { test: name } },
  spec: { containers },
});
const notFound = (ref: string) =>
  `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
const podEvents = async (name: string) =>
  (await core.listNamespacedEvent({ namespace: ns, fieldSelector: `involvedObject.name=${name}` }))
    .items;

/** Records every waiting reason a pod's containers pass through (the stages move fast). */
function recordPod(name: string) {
  const ac = new AbortController();
  const seen: { container: string; reason: string; message?: string }[] = [];
  let last: k8s.V1Pod | undefined;
  void (async () => {
    for await (const ev of watchResource<k8s.V1Pod>(kc, `/api/v1/namespaces/${ns}/pods`, {
      signal: ac.signal,
    }) as AsyncGenerator<WatchEvent<k8s.V1Pod>>) {
      const objs = ev.type === 'SYNC' ? ev.items : ev.type === 'ERROR' ? [] : [ev.object];
      for (const p of objs.filter((o) => o.metadata?.name === name)) {
        last = p;
        for (const cs of p.status?.containerStatuses ?? []) {
          const w = cs.state?.waiting;
          const prev = seen.filter((s) => s.container === cs.name).at(-1);
          if (w?.reason && prev?.reason !== w.reason)
            seen.push({ container: cs.name, reason: w.reason, message: w.message });
        }
      }
    }
  })();
  return { seen, last: () => last, stop: () => ac.abort() };
}

describe('image tagged does-not-exist', () => {
  it("ErrImagePull then ImagePullBackOff with the kubelet's messages and events; other containers run; Pending, not Ready", async () => {
    const image = 'registry.example.invalid/lightrun/server:does-not-exist';
    const rec = recordPod('bad-tag');
    try {
      await core.createNamespacedPod({
        namespace: ns,
        body: pod('bad-tag', [
          { name: 'app', image },
          { name: 'sidecar', image: 'nginx:1.27' },
        ]),
      });
      await waitUntil(
        'ImagePullBackOff',
        async () => rec.seen.some((s) => s.reason === 'ImagePullBackOff'),
        30_000,
      );
      expect(rec.seen).toEqual([
        { container: 'app', reason: 'ErrImagePull', message: notFound(image) },
        {
          container: 'app',
          reason: 'ImagePullBackOff',
          message: `Back-off pulling image "${image}"`,
        },
      ]);
      await new Promise((r) => setTimeout(r, 2000)); // it stays that way: kwok's pod-ready must not heal it
      const p = await core.readNamespacedPod({ name: 'bad-tag', namespace: ns });
      expect(p.status?.phase).toBe('Pending');
      const [app, side] = p.status!.containerStatuses!;
      expect(app).toMatchObject({
        name: 'app',
        image,
        ready: false,
        started: false,
        restartCount: 0,
        state: { waiting: { reason: 'ImagePullBackOff' } },
      });
      expect(side).toMatchObject({
        name: 'sidecar',
        ready: true,
        started: true,
        state: { running: {} },
      });
      const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
      expect([ready?.status, ready?.reason, ready?.message]).toEqual([
        'False',
        'ContainersNotReady',
        'containers with unready status: [app]',
      ]);
      expect(p.status?.podIPs).toHaveLength(1);
      const evs = (await podEvents('bad-tag')).filter(
        (e) => e.source?.component === 'kubelet' || e.reportingComponent === 'kubelet',
      );
      expect(
        evs.map((e) => [e.type, e.reason, e.message, e.involvedObject.fieldPath]).sort(),
      ).toEqual(
        [
          ['Normal', 'BackOff', `Back-off pulling image "${image}"`, 'spec.containers{app}'],
          ['Normal', 'Pulling', `Pulling image "${image}"`, 'spec.containers{app}'],
          ['Warning', 'Failed', 'Error: ErrImagePull', 'spec.containers{app}'],
          ['Warning', 'Failed', 'Error: ImagePullBackOff', 'spec.containers{app}'],
          [
            'Warning',
            'Failed',
            `Failed to pull image "${image}": ${notFound(image)}`,
            'spec.containers{app}',
          ],
        ].sort(),
      );
    } finally {
      rec.stop();
    }
  });

  it('in an init container: earlier init containers completed, later ones and the app wait PodInitializing (kubectl: Init:ImagePullBackOff)', async () => {
    const image = 'mysql:does-not-exist';
    const body: k8s.V1Pod = {
      metadata: { name: 'bad-init' },
      spec: {
        initContainers: [
          { name: 'certs', image: 'busybox:1.36' },
          { name: 'wait-for-db', image },
          { name: 'migrate', image: 'busybox:1.36' },
        ],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      },
    };
    await core.createNamespacedPod({ namespace: ns, body });
    const p = await waitUntil(
      'init ImagePullBackOff',
      async () => {
        const x = await core.readNamespacedPod({ name: 'bad-init', namespace: ns });
        return x.status?.initContainerStatuses?.[1]?.state?.waiting?.reason === 'ImagePullBackOff'
          ? x
          : undefined;
      },
      30_000,
    );
    await new Promise((r) => setTimeout(r, 2000));
    const again = await core.readNamespacedPod({ name: 'bad-init', namespace: ns });
    expect(
      again.status?.initContainerStatuses?.map((c) => [
        c.name,
        c.ready,
        c.state?.terminated?.reason ?? c.state?.waiting?.reason,
      ]),
    ).toEqual([
      ['certs', true, 'Completed'],
      ['wait-for-db', false, 'ImagePullBackOff'],
      ['migrate', false, 'PodInitializing'],
    ]);
    expect(again.status?.initContainerStatuses?.[1]?.state?.waiting?.message).toBe(
      `Back-off pulling image "${image}"`,
    );
    expect(
      again.status?.containerStatuses?.map((c) => [c.name, c.ready, c.state?.waiting?.reason]),
    ).toEqual([['app', false, 'PodInitializing']]);
    expect(p.status?.phase).toBe('Pending');
    const init = again.status?.conditions?.find((c) => c.type === 'Initialized');
    expect([init?.status, init?.reason, init?.message]).toEqual([
      'False',
      'ContainersNotInitialized',
      'containers with incomplete status: [wait-for-db migrate]',
    ]);
    const ready = again.status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready?.message).toBe('containers with unready status: [app]');
    const failed = (await podEvents('bad-init')).find((e) =>
      e.message?.startsWith('Failed to pull image'),
    );
    expect(failed?.message).toBe(
      `Failed to pull image "${image}": ${notFound('docker.io/library/mysql:does-not-exist')}`,
    );
    expect(failed?.involvedObject.fieldPath).toBe('spec.initContainers{wait-for-db}');
  });

  it.each([
    { image: 'nginx:does-not-exist', ref: 'docker.io/library/nginx:does-not-exist' },
    {
      image: 'lightruncom/server:does-not-exist',
      ref: 'docker.io/lightruncom/server:does-not-exist',
    },
    {
      image: 'localhost:5000/lightrun/server:does-not-exist',
      ref: 'localhost:5000/lightrun/server:does-not-exist',
    },
  ])('names the reference containerd resolves: $image', async ({ image, ref }) => {
    const name = `ref-${ref.length}-${image.length}`;
    await core.createNamespacedPod({ namespace: ns, body: pod(name, [{ name: 'app', image }]) });
    const p = await waitUntil(
      'ImagePullBackOff',
      async () => {
        const x = await core.readNamespacedPod({ name, namespace: ns });
        return x.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff'
          ? x
          : undefined;
      },
      30_000,
    );
    expect(p.status!.containerStatuses![0]!.state!.waiting!.message).toBe(
      `Back-off pulling image "${image}"`,
    );
    const failed = (await podEvents(name)).find((e) =>
      e.message?.startsWith('Failed to pull image'),
    );
    expect(failed?.message).toBe(`Failed to pull image "${image}": ${notFound(ref)}`);
  });

  it.each(['nginx:does-not-exist-2', 'does-not-exist/nginx:1.27'])(
    'an image merely resembling the tag runs: %s',
    async (image) => {
      const name = `fine-${image.length}`;
      await core.createNamespacedPod({ namespace: ns, body: pod(name, [{ name: 'app', image }]) });
      await waitUntil(
        'Ready',
        async () => {
          const x = await core.readNamespacedPod({ name, namespace: ns });
          return x.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
        },
        30_000,
      );
    },
  );

  it('a Deployment with a wrong tag never becomes available', async () => {
    const labels = { app: 'wrong-tag' };
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'wrong-tag' },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: { containers: [{ name: 'server', image: 'lightruncom/server:does-not-exist' }] },
          },
        },
      },
    });
    await waitUntil(
      'both pods in ImagePullBackOff',
      async () => {
        const pods = (
          await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=wrong-tag' })
        ).items;
        return (
          pods.length === 2 &&
          pods.every(
            (x) => x.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff',
          )
        );
      },
      30_000,
    );
    const d = await apps.readNamespacedDeployment({ name: 'wrong-tag', namespace: ns });
    expect(d.status?.readyReplicas ?? 0).toBe(0);
    expect(d.status?.unavailableReplicas).toBe(2);
  });
});

describe('more CPU than a node has', () => {
  it("stays Pending with the real scheduler's FailedScheduling message; a pod that fits is scheduled", async () => {
    await core.createNamespacedPod({
      namespace: ns,
      body: pod('too-big', [
        { name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '9' } } },
      ]),
    });
    await core.createNamespacedPod({
      namespace: ns,
      body: pod('fits', [
        { name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '1' } } },
      ]),
    });
    const p = await waitUntil(
      'Unschedulable',
      async () => {
        const x = await core.readNamespacedPod({ name: 'too-big', namespace: ns });
        return x.status?.conditions?.some(
          (c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable',
        )
          ? x
          : undefined;
      },
      30_000,
    );
    const cond = p.status!.conditions!.find((c) => c.type === 'PodScheduled')!;
    expect(cond.status).toBe('False');
    expect(cond.message).toMatch(/^0\/3 nodes are available: 3 Insufficient cpu\. /);
    expect(p.status?.phase).toBe('Pending');
    expect(p.spec?.nodeName).toBeUndefined();
    const ev = await waitUntil(
      'FailedScheduling event',
      async () => (await podEvents('too-big')).find((e) => e.reason === 'FailedScheduling'),
      30_000,
    );
    expect(ev.type).toBe('Warning');
    expect(ev.reportingComponent || ev.source?.component).toBe('default-scheduler');
    expect(ev.message).toBe(cond.message);
    const fits = await waitUntil(
      'fits scheduled',
      async () => (await core.readNamespacedPod({ name: 'fits', namespace: ns })).spec?.nodeName,
      30_000,
    );
    expect(fits).toMatch(/^kwok-node-\d$/);
  });
});
