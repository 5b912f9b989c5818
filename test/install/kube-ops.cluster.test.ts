// ensureNamespace against the real API server: one create whether the namespace is new or there,
// and, for an identity that may only read namespaces (the in-cluster Role), the read that follows
// the create's 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { ensureNamespace } from '@/lib/install/kube-ops';
import { dropNamespace, requireKube, uniqueNs } from './helpers';

let kc: k8s.KubeConfig;
const namespaces: string[] = [];
const cleanup: Array<() => Promise<unknown>> = [];
const ns = (p: string) => {
  const n = uniqueNs(p);
  namespaces.push(n);
  return n;
};
const code = (e: unknown) => (e as { code?: number }).code;

/** A kubeconfig for a new ServiceAccount bound to a ClusterRole with exactly `verbs` on namespaces. */
async function identityWith(verbs: string[]): Promise<k8s.KubeConfig> {
  const home = ns('lw-kops-sa');
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
  await core.createNamespace({ body: { metadata: { name: home } } });
  await core.createNamespacedServiceAccount({
    namespace: home,
    body: { metadata: { name: 'reader' } },
  });
  if (verbs.length) {
    await rbac.createClusterRole({
      body: {
        metadata: { name: home },
        rules: [{ apiGroups: [''], resources: ['namespaces'], verbs }],
      },
    });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: home },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: home },
        subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: home }],
      },
    });
    cleanup.push(
      () => rbac.deleteClusterRoleBinding({ name: home }),
      () => rbac.deleteClusterRole({ name: home }),
    );
  }
  const tr = await core.createNamespacedServiceAccountToken({
    name: 'reader',
    namespace: home,
    body: { spec: { audiences: [], expirationSeconds: 1200 } },
  });
  const c = kc.getCurrentCluster()!;
  const sa = new k8s.KubeConfig();
  sa.loadFromOptions({
    clusters: [
      {
        name: 'local',
        server: c.server,
        caData: c.caData,
        caFile: c.caFile,
        skipTLSVerify: c.skipTLSVerify,
      },
    ],
    users: [{ name: 'reader', token: tr.status!.token }],
    contexts: [{ name: 'reader', cluster: 'local', user: 'reader' }],
    currentContext: 'reader',
  });
  return sa;
}

/** RBAC changes reach the authorizer's cache a moment later: retry while it still says 403 for a verb just granted. */
async function eventually<T>(f: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await f();
    } catch (e) {
      if (code(e) !== 403 || i >= 20) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

beforeAll(async () => {
  ({ kc } = await requireKube());
});
afterAll(async () => {
  for (const c of cleanup) await c().catch(() => undefined);
  for (const n of namespaces) await dropNamespace(kc, n);
});

describe('ensureNamespace', () => {
  it('creates a new namespace with the wizard label, then finds it there', async () => {
    const name = ns('lw-kops-new');
    expect(await ensureNamespace(kc, name)).toBe('created');
    const got = await kc.makeApiClient(k8s.CoreV1Api).readNamespace({ name });
    expect(got.metadata?.labels?.['app.kubernetes.io/managed-by']).toBe('lightrun-install-wizard');
    expect(await ensureNamespace(kc, name)).toBe('exists');
  });

  it("an identity that may only read namespaces: an existing one is found; a missing one fails with the create's 403", async () => {
    const there = ns('lw-kops-there');
    await kc.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: there } } });
    const reader = await identityWith(['get']);
    expect(await eventually(() => ensureNamespace(reader, there))).toBe('exists');
    const missing = uniqueNs('lw-kops-missing');
    const err = await ensureNamespace(reader, missing).then(
      () => null,
      (e: unknown) => e,
    );
    expect(code(err)).toBe(403);
    // The create's refusal (it names the verb the admin has to grant), not the read's 404.
    expect(JSON.parse(String((err as { body?: unknown }).body)).message).toMatch(
      /cannot create resource "namespaces"/,
    );
    await expect(
      kc.makeApiClient(k8s.CoreV1Api).readNamespace({ name: missing }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('an identity with no rights on namespaces at all: the 403, even for one that exists', async () => {
    const there = ns('lw-kops-none');
    await kc.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: there } } });
    const nobody = await identityWith([]);
    const err = await ensureNamespace(nobody, there).then(
      () => null,
      (e: unknown) => e,
    );
    expect(code(err)).toBe(403);
    expect(JSON.parse(String((err as { body?: unknown }).body)).message).toMatch(
      /cannot create resource "namespaces"/,
    );
  });
});
