// lib/cluster connection, watch and namespace registry against the real local cluster, and the
// faults issue 10 names: apiserver restarted mid-watch, server unreachable (never a hang).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { apiClient, probeServer } from '@/lib/cluster/client';
import { kubeConfigFor, listContexts } from '@/lib/cluster/kubeconfig';
import {
  activeNamespaceWatches,
  applyNamespaceEvent,
  createMirror,
  list,
  stopAllNamespaceWatches,
  subscribeNamespace,
  type NamespaceEvent,
} from '@/lib/cluster/namespace-watch';
import { watchResource, type WatchEvent } from '@/lib/cluster/watch';
import { cluster, ClusterEnv, requireCluster, uniqueNs, waitUntil } from './helpers';

let kc: k8s.KubeConfig;
let env: ClusterEnv;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;
const ns = uniqueNs('lw-watch');
let setupError: unknown;
beforeEach(() => {
  if (setupError) throw setupError;
});
beforeAll(async () => {
  try {
    ({ kc, env } = await requireCluster());
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
  stopAllNamespaceWatches();
  if (core) await core.deleteNamespace({ name: ns }).catch(() => undefined);
});

/** A KubeConfig like the cluster's but pointing at another server (a dead or silent port). */
function kcAt(server: string): k8s.KubeConfig {
  const x = new k8s.KubeConfig();
  x.loadFromOptions({
    clusters: [{ ...kc.getCurrentCluster()!, server }],
    users: kc.getUsers(),
    contexts: [
      { name: 'elsewhere', cluster: kc.getCurrentCluster()!.name, user: kc.getCurrentUser()!.name },
    ],
    currentContext: 'elsewhere',
  });
  return x;
}
/** A port where a TCP server accepts connections and never says a word (a black-holed server). */
async function silentPort(): Promise<{ port: number; close: () => void }> {
  const sockets: net.Socket[] = [];
  const srv = net.createServer((s) => {
    sockets.push(s);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    port: (srv.address() as net.AddressInfo).port,
    close: () => {
      sockets.forEach((s) => s.destroy());
      srv.close();
    },
  };
}
async function deadPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('connection', () => {
  it("lists the local cluster's context and probes its server version", async () => {
    const l = listContexts({ KUBECONFIG: env.kubeconfig!, HOME: '/nonexistent' });
    expect(l.problem).toBeUndefined();
    expect(l.current).toBe(kc.getCurrentContext());
    expect(l.contexts.map((c) => c.server)).toEqual([kc.getCurrentCluster()!.server]);
    const p = await probeServer(
      kubeConfigFor(undefined, { KUBECONFIG: env.kubeconfig!, HOME: '/nonexistent' }),
    );
    expect(p).toEqual({ ok: true, version: env.versions.kubernetes, platform: 'linux/amd64' });
  });

  it('a dead port is a clear error at once; a silent server is one within the timeout, never a hang', async () => {
    const dead = await deadPort();
    const t0 = Date.now();
    expect(await probeServer(kcAt(`https://127.0.0.1:${dead}`))).toMatchObject({
      ok: false,
      message: `Nothing is listening at https://127.0.0.1:${dead} (connection refused).`,
    });
    expect(Date.now() - t0).toBeLessThan(2000);
    const silent = await silentPort();
    try {
      const t1 = Date.now();
      const r = await probeServer(kcAt(`https://127.0.0.1:${silent.port}`), { timeoutMs: 1500 });
      const took = Date.now() - t1;
      expect(r).toMatchObject({
        ok: false,
        message: `The API server at https://127.0.0.1:${silent.port} did not answer within 1.5 s.`,
      });
      expect(took).toBeGreaterThanOrEqual(1400);
      expect(took).toBeLessThan(3500);
    } finally {
      silent.close();
    }
  });
});

describe('exec credential plugins (real processes)', () => {
  /** The local cluster with its user swapped for one whose credentials come from `exec`. */
  const withExec = (command: string, args: string[]) => {
    const x = new k8s.KubeConfig();
    x.loadFromOptions({
      clusters: kc.getClusters(),
      users: [
        {
          name: 'plugin-user',
          exec: { apiVersion: 'client.authentication.k8s.io/v1', command, args },
        },
      ],
      contexts: [{ name: 'plugin', cluster: kc.getCurrentCluster()!.name, user: 'plugin-user' }],
      currentContext: 'plugin',
    });
    return x;
  };
  it('a plugin that hangs (waiting for a login) is reported at the timeout, never a hang', async () => {
    const t0 = Date.now();
    const r = await probeServer(withExec('sleep', ['30']), { timeoutMs: 1500 });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r).toMatchObject({
      ok: false,
      message: 'The credential plugin `sleep` of user "plugin-user" did not finish within 1.5 s.',
    });
  });
  it('a plugin that is not installed, and one that fails', async () => {
    expect(await probeServer(withExec('lw-no-such-plugin', []), { timeoutMs: 3000 })).toMatchObject(
      {
        ok: false,
        message:
          'The credential plugin `lw-no-such-plugin` of user "plugin-user" is not installed on this machine (not found on PATH).',
      },
    );
    expect(await probeServer(withExec('false', []), { timeoutMs: 3000 })).toMatchObject({
      ok: false,
      message: 'The credential plugin `false` of user "plugin-user" failed.',
    });
  });
  it('an API call through apiClient whose plugin hangs fails at its timeout', async () => {
    const t0 = Date.now();
    await expect(
      apiClient(withExec('sleep', ['30']), k8s.CoreV1Api, { timeoutMs: 1000 }).listNamespacedPod({
        namespace: ns,
      }),
    ).rejects.toMatchObject({
      name: 'TimeoutError',
      message: 'the request (listNamespacedPod) did not finish within 1 s',
    });
    expect(Date.now() - t0).toBeLessThan(2500);
    // and a normal call through the same wrapper still answers
    expect(
      (await apiClient(kc, k8s.CoreV1Api, { timeoutMs: 5000 }).readNamespace({ name: ns })).metadata
        ?.name,
    ).toBe(ns);
  });
  it('a watch whose plugin hangs yields an ERROR within the request timeout', async () => {
    const w = collect<k8s.V1ConfigMap>(
      withExec('sleep', ['30']),
      `/api/v1/namespaces/${ns}/configmaps`,
      { requestTimeoutMs: 1000 },
    );
    await waitUntil('ERROR', async () => w.events.length >= 1, 4000);
    expect(w.events[0]).toMatchObject({
      type: 'ERROR',
      message: "the kubeconfig's credential step (exec plugin) did not finish within 1 s",
      attempt: 1,
    });
    await w.stop();
  });
});

describe('in-cluster service account', () => {
  it("is used when no kubeconfig exists and the pod env is set: the SA's own identity, its namespace", async () => {
    await core.createNamespacedServiceAccount({
      namespace: ns,
      body: { metadata: { name: 'wizard' } },
    });
    const tr = await core.createNamespacedServiceAccountToken({
      name: 'wizard',
      namespace: ns,
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
    const root = mkdtempSync(path.join(os.tmpdir(), 'lw-sa-'));
    try {
      const dir = path.join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'token'), tr.status!.token!);
      writeFileSync(
        path.join(dir, 'ca.crt'),
        Buffer.from(kc.getCurrentCluster()!.caData!, 'base64'),
      );
      writeFileSync(path.join(dir, 'namespace'), ns);
      const port = new URL(kc.getCurrentCluster()!.server).port;
      const podEnv = {
        HOME: path.join(root, 'home'),
        KUBERNETES_SERVICE_HOST: '127.0.0.1',
        KUBERNETES_SERVICE_PORT: port,
      };
      expect(listContexts(podEnv, { serviceAccountRoot: root })).toEqual({
        source: 'in-cluster',
        files: [],
        current: 'inClusterContext',
        contexts: [
          {
            name: 'inClusterContext',
            cluster: 'inCluster',
            server: `https://127.0.0.1:${port}`,
            user: 'inClusterUser',
            namespace: ns,
          },
        ],
      });
      const sa = kubeConfigFor(undefined, podEnv, { serviceAccountRoot: root });
      expect(await probeServer(sa)).toMatchObject({ ok: true, version: env.versions.kubernetes });
      // The token is the service account's, not the admin's: it may not list kube-system's pods.
      await expect(
        apiClient(sa, k8s.CoreV1Api).listNamespacedPod({ namespace: 'kube-system' }),
      ).rejects.toMatchObject({ code: 403 });
      // Without the pod env the same directory is ignored.
      expect(listContexts({ HOME: podEnv.HOME }, { serviceAccountRoot: root }).source).toBe('none');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** Collects a watchResource run in the background. */
function collect<T extends k8s.KubernetesObject>(
  k: k8s.KubeConfig,
  path: string,
  opts: Partial<Parameters<typeof watchResource>[2]> = {},
) {
  const ac = new AbortController();
  const events: WatchEvent<T>[] = [];
  const done = (async () => {
    for await (const ev of watchResource<T>(k, path, { ...opts, signal: ac.signal }))
      events.push(ev);
  })();
  return {
    events,
    stop: async () => {
      ac.abort();
      await done;
    },
    done,
  };
}

describe('watchResource', () => {
  const cms = () => `/api/v1/namespaces/${ns}/configmaps`;
  const names = (evs: WatchEvent<k8s.V1ConfigMap>[], type: string) =>
    evs.flatMap((e) => (e.type === type && 'object' in e ? [e.object.metadata!.name!] : []));

  it('lists, then streams ADDED/MODIFIED/DELETED in order', async () => {
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'pre' } } });
    const w = collect<k8s.V1ConfigMap>(kc, cms());
    try {
      await waitUntil('SYNC', async () => w.events.some((e) => e.type === 'SYNC'), 10_000);
      const sync = w.events[0]!;
      expect(
        sync.type === 'SYNC' && sync.items.map((i) => [i.kind, i.metadata!.name]).sort(),
      ).toEqual([
        ['ConfigMap', 'kube-root-ca.crt'],
        ['ConfigMap', 'pre'],
      ]);
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: 'w1' }, data: { a: '1' } },
      });
      await core.patchNamespacedConfigMap(
        { name: 'w1', namespace: ns, body: [{ op: 'add', path: '/data/b', value: '2' }] },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch),
      );
      await core.deleteNamespacedConfigMap({ name: 'w1', namespace: ns });
      await waitUntil('DELETED w1', async () => names(w.events, 'DELETED').includes('w1'), 10_000);
      expect(
        w.events.slice(1).map((e) => `${e.type} ${'object' in e ? e.object.metadata!.name : ''}`),
      ).toEqual(['ADDED w1', 'MODIFIED w1', 'DELETED w1']);
    } finally {
      await w.stop();
    }
  });

  it('the inactivity watchdog aborts a silent watch and resumes it without losing events', async () => {
    const w = collect<k8s.V1ConfigMap>(kc, cms(), {
      idleMs: 1500,
      backoff: { initialMs: 100, maxMs: 200 },
    });
    try {
      await waitUntil(
        'a watchdog ERROR',
        async () => w.events.some((e) => e.type === 'ERROR'),
        10_000,
      );
      const err = w.events.find((e) => e.type === 'ERROR')!;
      expect(err).toMatchObject({
        type: 'ERROR',
        message: 'the watch was silent for 1.5 s',
        attempt: 1,
      });
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: 'after-idle' } },
      });
      await waitUntil(
        'ADDED after-idle',
        async () => names(w.events, 'ADDED').includes('after-idle'),
        10_000,
      );
      // Resumed from its resourceVersion: no relist, so exactly one SYNC.
      expect(w.events.filter((e) => e.type === 'SYNC')).toHaveLength(1);
    } finally {
      await w.stop();
    }
  });

  it('a dead server yields ERROR events with backoff, not a hang; abort ends it', async () => {
    const w = collect<k8s.V1ConfigMap>(kcAt(`https://127.0.0.1:${await deadPort()}`), cms(), {
      backoff: { initialMs: 200, maxMs: 400 },
      random: () => 0.5,
    });
    await waitUntil('3 ERRORs', async () => w.events.length >= 3, 5000);
    expect(w.events.slice(0, 3).map((e) => e.type === 'ERROR' && [e.attempt, e.retryInMs])).toEqual(
      [
        [1, 200],
        [2, 400],
        [3, 400],
      ],
    );
    expect(w.events[0]).toMatchObject({
      message: expect.stringMatching(
        /^Nothing is listening at https:\/\/127\.0\.0\.1:\d+ \(connection refused\)\.$/,
      ),
    });
    await w.stop();
  });

  it('a silent server yields an ERROR within the request timeout', async () => {
    const silent = await silentPort();
    try {
      const w = collect<k8s.V1ConfigMap>(kcAt(`https://127.0.0.1:${silent.port}`), cms(), {
        requestTimeoutMs: 1000,
      });
      await waitUntil('ERROR', async () => w.events.length >= 1, 4000);
      expect(w.events[0]).toMatchObject({
        type: 'ERROR',
        message: `no answer from https://127.0.0.1:${silent.port} within 1 s`,
        attempt: 1,
      });
      await w.stop();
    } finally {
      silent.close();
    }
  });
});

describe('namespace registry', () => {
  const key = () => ({ context: kc.getCurrentContext(), namespace: ns });
  const labels = { app: 'reg' };
  const deployment = (replicas: number): k8s.V1Deployment => ({
    metadata: { name: 'reg' },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
      },
    },
  });
  const readyNames = (m: ReturnType<typeof createMirror>) =>
    list<k8s.V1Pod>(m, 'pods')
      .filter(
        (p) =>
          p.metadata?.labels?.app === 'reg' &&
          !p.metadata.deletionTimestamp &&
          p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      )
      .map((p) => p.metadata!.name!)
      .sort();
  const listedReady = async () =>
    (await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=reg' })).items
      .filter(
        (p) =>
          !p.metadata?.deletionTimestamp &&
          p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      )
      .map((p) => p.metadata!.name!)
      .sort();

  it('shares one watch, gives a late subscriber the snapshot, survives restart-apiserver with the right final state, stops after the grace period', async () => {
    const a = createMirror();
    const aEvents: NamespaceEvent[] = [];
    const unA = subscribeNamespace(
      kc,
      key(),
      (ev) => {
        aEvents.push(ev);
        applyNamespaceEvent(a, ev);
      },
      { graceMs: 1000 },
    );
    expect(aEvents[0]).toMatchObject({
      type: 'snapshot',
      synced: [],
      connection: { state: 'connecting' },
    });
    await waitUntil('A live', async () => a.connection.state === 'live', 15_000);
    await apps.createNamespacedDeployment({ namespace: ns, body: deployment(2) });
    await waitUntil('A sees 2 ready pods', async () => readyNames(a).length === 2, 30_000);
    expect(list(a, 'deployments').map((d) => d.metadata?.name)).toEqual(['reg']);
    expect(list(a, 'events').length).toBeGreaterThan(0); // Scheduled, ScalingReplicaSet…

    // A late subscriber: the snapshot already holds the pods; nothing starts twice.
    const b = createMirror();
    const unB = subscribeNamespace(kc, key(), (ev) => applyNamespaceEvent(b, ev));
    expect(readyNames(b)).toEqual(readyNames(a));
    expect(b.connection).toEqual({ state: 'live' });
    expect(activeNamespaceWatches().filter((w) => w.key.namespace === ns)).toEqual([
      { key: key(), subscribers: 2 },
    ]);

    // Mid-watch restart, with changes on both sides of it.
    await apps.patchNamespacedDeploymentScale(
      { name: 'reg', namespace: ns, body: { spec: { replicas: 3 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    cluster('restart-apiserver');
    await apps.patchNamespacedDeploymentScale(
      { name: 'reg', namespace: ns, body: { spec: { replicas: 1 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    // Generous: after a restart the controller-manager and kwok catch up at their own pace on a busy machine.
    await waitUntil(
      'the API server settles on 1 ready pod',
      async () => (await listedReady()).length === 1,
      120_000,
    );
    const want = await listedReady();
    await waitUntil(
      'both mirrors match the API server',
      async () =>
        JSON.stringify(readyNames(a)) === JSON.stringify(want) &&
        JSON.stringify(readyNames(b)) === JSON.stringify(want),
      90_000,
    );
    const d = list<k8s.V1Deployment>(a, 'deployments')[0]!;
    expect(d.spec?.replicas).toBe(1);
    expect(
      aEvents.some((e) => e.type === 'connection' && e.connection.state === 'reconnecting'),
    ).toBe(true);
    await waitUntil('live again', async () => a.connection.state === 'live', 30_000);

    unA();
    unB();
    expect(activeNamespaceWatches().filter((w) => w.key.namespace === ns)).toEqual([
      { key: key(), subscribers: 0 },
    ]);
    await waitUntil(
      'stopped after the grace period',
      async () => activeNamespaceWatches().every((w) => w.key.namespace !== ns),
      5000,
    );
  });

  it('a dead server: subscribers hear "reconnecting" with the reason within seconds', async () => {
    const seen: NamespaceEvent[] = [];
    const un = subscribeNamespace(
      kcAt(`https://127.0.0.1:${await deadPort()}`),
      { context: 'dead', namespace: ns },
      (ev) => seen.push(ev),
      { graceMs: 0 },
    );
    try {
      await waitUntil(
        'reconnecting',
        async () =>
          seen.some((e) => e.type === 'connection' && e.connection.state === 'reconnecting'),
        5000,
      );
      const c = seen.find((e) => e.type === 'connection')!;
      expect(
        c.type === 'connection' && c.connection.state === 'reconnecting' && c.connection.message,
      ).toMatch(/^Nothing is listening at https:\/\/127\.0\.0\.1:\d+ \(connection refused\)\.$/);
    } finally {
      un();
    }
  });
});
