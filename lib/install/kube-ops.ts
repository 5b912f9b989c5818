import 'server-only';
/** The few direct API calls the job makes (namespace, Secrets, Helm's release records), each time-bounded. */
import * as k8s from '@kubernetes/client-node';
import { apiClient } from '../cluster/client';
import { recordSelector, type RecordLike } from '../helm/release-record';

const status = (e: unknown): number | undefined => (e as { code?: number }).code;

/** Creates the namespace unless it exists; says which. */
export async function ensureNamespace(
  kc: k8s.KubeConfig,
  name: string,
): Promise<'created' | 'exists'> {
  const core = apiClient(kc, k8s.CoreV1Api);
  // Create first: one round trip whether it is new (201) or there (409), where read-then-create
  // took two for a new one. Without the right to create namespaces (the in-cluster Role has only
  // `get`) the API answers 403 before it looks: the read then tells whether it is there.
  try {
    await core.createNamespace({
      body: {
        metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'lightrun-install-wizard' } },
      },
    });
    return 'created';
  } catch (e) {
    if (status(e) === 409) return 'exists';
    if (status(e) !== 403) throw e;
    try {
      await core.readNamespace({ name });
    } catch (r) {
      // Not there (or not readable either): the create's 403 is the answer that names the missing right.
      if (status(r) === 404 || status(r) === 403) throw e;
      throw r;
    }
    return 'exists';
  }
}

/** Which of the named Secrets exist in the namespace. */
export async function existingSecrets(
  kc: k8s.KubeConfig,
  namespace: string,
  names: string[],
): Promise<Set<string>> {
  const core = apiClient(kc, k8s.CoreV1Api);
  // All at once: each is a round trip, and an install checks up to five.
  const there = await Promise.all(
    names.map(async (name) => {
      try {
        await core.readNamespacedSecret({ name, namespace });
        return true;
      } catch (e) {
        if (status(e) !== 404) throw e;
        return false;
      }
    }),
  );
  return new Set(names.filter((_, i) => there[i]));
}

/** Creates one Secret (never overwrites: a 409 is reported to the caller). */
export async function createSecret(
  kc: k8s.KubeConfig,
  namespace: string,
  s: { name: string; type: string; stringData: Record<string, string> },
): Promise<void> {
  const core = apiClient(kc, k8s.CoreV1Api);
  await core.createNamespacedSecret({
    namespace,
    body: {
      metadata: {
        name: s.name,
        labels: { 'app.kubernetes.io/managed-by': 'lightrun-install-wizard' },
      },
      type: s.type,
      stringData: s.stringData,
    },
  });
}

/** Helm release records (Secrets `sh.helm.release.v1.<release>.v<N>`) of a namespace: release → newest revision and status. */
export async function helmReleases(
  kc: k8s.KubeConfig,
  namespace: string,
): Promise<Array<{ release: string; revision: number; status: string }>> {
  const core = apiClient(kc, k8s.CoreV1Api);
  const list = await core.listNamespacedSecret({ namespace, labelSelector: 'owner=helm' });
  const newest = new Map<string, { release: string; revision: number; status: string }>();
  for (const s of list.items) {
    const l = s.metadata?.labels ?? {};
    const release = l.name ?? '';
    const revision = Number(l.version);
    if (!release || !Number.isInteger(revision)) continue;
    const prev = newest.get(release);
    if (!prev || prev.revision < revision)
      newest.set(release, { release, revision, status: l.status ?? '' });
  }
  return [...newest.values()];
}

/** One release's Helm records (lib/helm/release-record.ts reads history and manifest from them). */
export async function releaseRecords(
  kc: k8s.KubeConfig,
  namespace: string,
  release: string,
): Promise<RecordLike[]> {
  const core = apiClient(kc, k8s.CoreV1Api);
  const list = await core.listNamespacedSecret({
    namespace,
    labelSelector: recordSelector(release),
  });
  return list.items as RecordLike[];
}
