import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as k8s from '@kubernetes/client-node';
import { HPA_DEFAULTS, type Answers } from '@/lib/answers';
import { preflightChecks, type PreflightDeps } from '@/lib/preflight';
import { checkPermissions } from '@/lib/preflight/permissions';
import { rbacManifests } from '@/lib/preflight/access-needs';
import { runChecks, runOne } from '@/lib/preflight/runner';
import type { CheckResult } from '@/lib/preflight/result';
import { resolvePreflight } from '@/lib/preflight/service';
import { POST } from '@/app/api/preflight/route';
import { readNdjson } from '@/lib/preflight/ndjson';
import { cluster, repoRoot, requireCluster } from '../cluster/helpers';

const ns = `pf-${Date.now().toString(36)}`;
let kc: k8s.KubeConfig;
let deps: PreflightDeps;
let kernels: Map<string, string>;

const baseAnswers = () =>
  parse(readFileSync(path.join(repoRoot, 'examples/quick-default/answers.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
const request = (edit: (a: Answers) => void = () => {}) => {
  // The wizard's test and demo chart, named: the default (Lightrun's published chart) is out of reach here.
  const r = resolvePreflight({
    answers: baseAnswers(),
    namespace: ns,
    release: 'lightrun',
    chart: { source: 'bundled' },
  });
  edit(r.answers);
  return r;
};
/** Runs one check of the list the answers produce (the real gatherer, the real cluster). */
async function one(id: string, edit?: (a: Answers) => void): Promise<CheckResult> {
  const c = preflightChecks(request(edit), deps).find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id} for these answers`);
  return runOne(c);
}

/** A second kubeconfig user: a token of ServiceAccount `name` in the test namespace. */
async function tokenConfig(name: string): Promise<k8s.KubeConfig> {
  const token = await kc.makeApiClient(k8s.CoreV1Api).createNamespacedServiceAccountToken({
    name,
    namespace: ns,
    body: { spec: { audiences: [], expirationSeconds: 600 } },
  });
  const c = kc.getCurrentCluster()!;
  const out = new k8s.KubeConfig();
  out.loadFromOptions({
    clusters: [
      {
        name: 'local',
        server: c.server,
        caData: c.caData,
        caFile: c.caFile,
        skipTLSVerify: c.skipTLSVerify,
      },
    ],
    users: [{ name, token: token.status!.token }],
    contexts: [{ name, cluster: 'local', user: name }],
    currentContext: name,
  });
  return out;
}

async function setKernels(to: (name: string) => string) {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  for (const name of kernels.keys()) {
    await core.patchNodeStatus(
      { name, body: { status: { nodeInfo: { kernelVersion: to(name) } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
  }
}

beforeAll(async () => {
  ({ kc } = await requireCluster());
  deps = { kube: { kc }, chartDir: path.join(repoRoot, 'chart') };
  const core = kc.makeApiClient(k8s.CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: ns } } });
  // kwok reports "kwok-0.8.0" as the kernel (not judgeable: a warning); real nodes report X.Y.
  kernels = new Map(
    (await core.listNode()).items.map((n) => [
      n.metadata!.name!,
      n.status?.nodeInfo?.kernelVersion ?? '',
    ]),
  );
});

afterAll(async () => {
  if (!kc) return;
  if (kernels) await setKernels((n) => kernels.get(n) ?? '');
  await kc
    .makeApiClient(k8s.CoreV1Api)
    .deleteNamespace({ name: ns })
    .catch(() => {});
});

describe('preflight against the local cluster', () => {
  it('the happy path is all pass (HPA on, so the metrics API is checked too)', async () => {
    await setKernels(() => '6.1.0-28-amd64');
    const req = request((a) => {
      a.sizing.backend.hpa = { ...HPA_DEFAULTS.backend };
    });
    const results: CheckResult[] = [];
    for await (const r of runChecks(preflightChecks(req, deps))) results.push(r);
    const ids = results.map((r) => r.id).sort();
    expect(ids).toEqual([
      'api',
      'capacity',
      'certificate',
      'dry-run',
      'external-access',
      'helm',
      'metrics',
      'namespace',
      'nodes',
      'permissions',
      'release',
      'storage',
    ]);
    expect(results.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.message}`)).toEqual(
      [],
    );
    expect(results.find((r) => r.id === 'nodes')!.message).toBe(
      '3 nodes (linux/amd64), lowest kernel 6.1.',
    );
  });

  it('a node kernel older than 4.4 fails', async () => {
    await setKernels(() => '4.3.0');
    expect(await one('nodes')).toMatchObject({
      status: 'fail',
      message:
        'No node can run Lightrun: kernel older than 4.4 on kwok-node-1 (4.3.0), kwok-node-2 (4.3.0) and kwok-node-3 (4.3.0).',
    });
    await setKernels(() => '6.1.0-28-amd64');
  });

  it('a missing IngressClass fails', async () => {
    expect(
      await one('external-access', (a) => {
        a.externalAccess = {
          mode: 'ingress-controller',
          className: 'traefik',
          annotations: [],
          keepServerSnippet: false,
          adminAllowCidrs: [],
          metricsAllowCidrs: [],
        };
      }),
    ).toMatchObject({
      status: 'fail',
      message: 'IngressClass traefik does not exist; the cluster has nginx.',
    });
  });

  it('a missing StorageClass fails', async () => {
    expect(
      await one('storage', (a) => {
        if (a.database.mode === 'local' && a.database.storage.kind === 'persistent')
          a.database.storage.storageClassName = 'gp2';
      }),
    ).toMatchObject({
      status: 'fail',
      message: 'StorageClass gp2 for the local MySQL does not exist; the cluster has kwok-volume.',
    });
  });

  it('a sizing larger than the nodes fails, naming the pods that would stay Pending', async () => {
    const r = await one('capacity', (a) => {
      a.sizing.resources = { profile: 'large' };
      a.sizing.backend.replicas = 3;
    });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/^\d+ pods? would stay Pending: /);
    expect(r.message).toMatch(
      /Free = allocatable minus the requests of the \d+ pods? already running/,
    );
  });

  it('a cluster whose nodes are mostly taken fails, though its total allocatable would hold the release', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const other = `${ns}-busy`;
    await core.createNamespace({ body: { metadata: { name: other } } });
    try {
      // 6 of each node's 8 CPU requested by pods already running: 6 CPU free in all, but no
      // node has the 3 CPU the backend asks (the old check compared 8.1 CPU with 24 allocatable).
      for (const node of kernels.keys())
        await core.createNamespacedPod({
          namespace: other,
          body: {
            metadata: { name: `busy-${node}` },
            spec: {
              nodeName: node,
              tolerations: [{ operator: 'Exists' }],
              containers: [
                {
                  name: 'busy',
                  image: 'busy:1',
                  resources: { requests: { cpu: '6', memory: '1Gi' } },
                },
              ],
            },
          },
        });
      const r = await one('capacity');
      expect(r.status).toBe('fail');
      expect(r.message).toMatch(
        /^\d+ pods? would stay Pending: backend \(1 of 1: needs 3000m \/ 7Gi, the most a node it may use had free is 2000m/,
      );
    } finally {
      await core.deleteNamespace({ name: other }).catch(() => {});
      // the next tests expect an idle cluster: terminating pods are not counted
      await expect
        .poll(async () => (await one('capacity')).status, { timeout: 60_000 })
        .toBe('pass');
    }
  });

  it('the metrics API switched off fails the autoscaler check (and on again passes)', async () => {
    const hpa = (a: Answers) => {
      a.sizing.frontend.hpa = { ...HPA_DEFAULTS.frontend };
    };
    cluster('metrics', 'off');
    try {
      expect(await one('metrics', hpa)).toMatchObject({
        status: 'fail',
        message:
          'The metrics API (metrics.k8s.io) is not registered: the frontend autoscaler cannot read CPU use.',
      });
    } finally {
      cluster('metrics', 'on');
    }
    expect(await one('metrics', hpa)).toMatchObject({ status: 'pass' });
  });

  it('the least-privilege RBAC the CLI prints is exactly enough', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await core.createNamespacedServiceAccount({
      namespace: ns,
      body: { metadata: { name: 'least' } },
    });
    const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
    const user = `system:serviceaccount:${ns}:least`;
    const manifests = rbacManifests(ns, user) as k8s.KubernetesObject[];
    for (const m of manifests) {
      if (!m.metadata!.namespace) m.metadata!.name = `${m.metadata!.name}-${ns}`; // cluster-scoped: unique per run
      if ('roleRef' in m && m.kind === 'ClusterRoleBinding')
        (m as { roleRef: { name: string } }).roleRef.name += `-${ns}`;
      await objects.create(m);
    }
    try {
      expect(await checkPermissions(await tokenConfig('least'), ns)).toMatchObject({
        status: 'pass',
      });
    } finally {
      for (const m of manifests.filter((x) => !x.metadata!.namespace))
        await objects.delete(m).catch(() => {});
    }
  });

  it('a limited-RBAC user gets exactly the missing permissions listed', async () => {
    const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await core.createNamespacedServiceAccount({
      namespace: ns,
      body: { metadata: { name: 'limited' } },
    });
    // Everything the install needs in the namespace except creating and deleting Deployments.
    await rbac.createNamespacedRole({
      namespace: ns,
      body: {
        metadata: { name: 'limited' },
        rules: [
          {
            apiGroups: ['', 'networking.k8s.io', 'autoscaling', 'policy', 'batch'],
            resources: ['*'],
            verbs: ['*'],
          },
          { apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['*'] },
          {
            apiGroups: ['apps'],
            resources: ['deployments'],
            verbs: ['get', 'list', 'watch', 'update', 'patch'],
          },
        ],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: ns,
      body: {
        metadata: { name: 'limited' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'limited' },
        subjects: [{ kind: 'ServiceAccount', name: 'limited', namespace: ns }],
      },
    });
    expect(await checkPermissions(await tokenConfig('limited'), ns)).toEqual({
      status: 'fail',
      message: `Missing in namespace ${ns}: create, delete deployments.apps; list, watch daemonsets.apps; cluster-wide: list nodes; list pods; get namespaces; list ingressclasses.networking.k8s.io; list storageclasses.storage.k8s.io; get apiservices.apiregistration.k8s.io; list services.`,
      fix: `Grant these verbs in ${ns} (a Role bound to your user; docs/preflight.md lists the least-privilege set), or use an admin context.`,
    });
    // The admin context has them all.
    expect((await checkPermissions(kc, ns)).status).toBe('pass');
  });

  it('POST /api/preflight streams the plan first, then every planned result, as NDJSON', async () => {
    const res = await POST(
      new Request('http://127.0.0.1:3000/api/preflight', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'http://127.0.0.1:3000',
          host: '127.0.0.1:3000',
        },
        body: JSON.stringify({
          answers: baseAnswers(),
          namespace: ns,
          release: 'lightrun',
          chart: { source: 'bundled' },
        }),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const lines: unknown[] = [];
    for await (const l of readNdjson(res.body!)) lines.push(l);
    const plan = (lines[0] as { plan: { id: string }[] }).plan.map((p) => p.id);
    expect(plan).toEqual([
      'api',
      'nodes',
      'permissions',
      'namespace',
      'release',
      'external-access',
      'storage',
      'capacity',
      'certificate',
      'helm',
      'dry-run',
    ]);
    const results = lines.slice(1) as CheckResult[];
    expect(results.map((r) => r.id).sort()).toEqual([...plan].sort());
    expect(results.filter((r) => r.status === 'fail')).toEqual([]);
  });
});
