import 'server-only';
/**
 * What a release leaves in its namespace once Helm has uninstalled it (leftovers-plan.ts says what
 * each is), read from the API; the deletes the admin chose; and the copy of the values kept for a
 * reinstall. Names come from the listing, never from a request: a request can only pick among them.
 */
import * as k8s from '@kubernetes/client-node';
import { apiClient } from '../cluster/client';
import {
  KEPT_VALUES_LABEL,
  keptValuesName,
  type LeftoverChoice,
  type Leftovers,
} from './leftovers-plan';

const status = (e: unknown): number | undefined => (e as { code?: number }).code;
const instance = (release: string) => `app.kubernetes.io/instance=${release}`;

const SECRET_WHAT: Record<string, string> = {
  'internal-tls': 'internal TLS certificate, made once by the chart’s pre-install hook',
};

/**
 * The release's claims, the Secrets its hooks made (Helm deletes neither), the kept values and
 * the namespace. Before an uninstall this is exactly what would stay; after it, what stayed.
 */
export async function gatherLeftovers(
  kc: k8s.KubeConfig,
  namespace: string,
  release: string,
): Promise<Leftovers> {
  const core = apiClient(kc, k8s.CoreV1Api);
  const none: Leftovers = {
    namespace,
    namespaceExists: false,
    claims: [],
    secrets: [],
    keptValues: null,
  };
  try {
    await core.readNamespace({ name: namespace });
  } catch (e) {
    if (status(e) === 404) return none;
    throw e;
  }
  const [pvcs, secrets] = await Promise.all([
    core.listNamespacedPersistentVolumeClaim({ namespace, labelSelector: instance(release) }),
    core.listNamespacedSecret({ namespace, labelSelector: instance(release) }),
  ]);
  const kept = await readKeptValues(kc, namespace, release).catch(() => null);
  return {
    namespace,
    namespaceExists: true,
    claims: pvcs.items
      .filter((c) => !c.metadata?.deletionTimestamp)
      .map((c) => ({
        name: c.metadata?.name ?? '',
        size: String(c.spec?.resources?.requests?.storage ?? ''),
        component: c.metadata?.labels?.['app.kubernetes.io/component'] ?? '',
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    secrets: secrets.items
      .filter(
        (s) => s.metadata?.labels?.owner !== 'helm' && s.metadata?.annotations?.['helm.sh/hook'],
      )
      .map((s) => ({
        name: s.metadata?.name ?? '',
        what:
          SECRET_WHAT[s.metadata?.labels?.['app.kubernetes.io/component'] ?? ''] ??
          'made by a chart hook',
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    keptValues: kept ? keptValuesName(release) : null,
  };
}

/** The values kept at an uninstall (keptValuesName), or null when there is no such Secret. */
export async function readKeptValues(
  kc: k8s.KubeConfig,
  namespace: string,
  release: string,
): Promise<Record<string, unknown> | null> {
  const core = apiClient(kc, k8s.CoreV1Api);
  let s: k8s.V1Secret;
  try {
    s = await core.readNamespacedSecret({ name: keptValuesName(release), namespace });
  } catch (e) {
    if (status(e) === 404) return null;
    throw e;
  }
  if (s.metadata?.labels?.[KEPT_VALUES_LABEL] !== release) return null;
  const b64 = s.data?.['values.json'];
  if (!b64) return null;
  const v = JSON.parse(Buffer.from(b64, 'base64').toString('utf8')) as unknown;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Keeps the release's values (passwords included, as Helm's own record held them) in the namespace. */
export async function writeKeptValues(
  kc: k8s.KubeConfig,
  namespace: string,
  release: string,
  values: unknown,
): Promise<void> {
  const core = apiClient(kc, k8s.CoreV1Api);
  const name = keptValuesName(release);
  const body: k8s.V1Secret = {
    metadata: {
      name,
      labels: {
        'app.kubernetes.io/managed-by': 'lightrun-install-wizard',
        [KEPT_VALUES_LABEL]: release,
      },
    },
    type: 'Opaque',
    stringData: { 'values.json': JSON.stringify(values ?? {}) },
  };
  try {
    await core.createNamespacedSecret({ namespace, body });
  } catch (e) {
    if (status(e) !== 409) throw e;
    await core.replaceNamespacedSecret({ name, namespace, body });
  }
}

/** Drops the copy of an earlier uninstall's values (nothing kept needs it any more). */
export async function deleteKeptValues(
  kc: k8s.KubeConfig,
  namespace: string,
  release: string,
): Promise<void> {
  await apiClient(kc, k8s.CoreV1Api)
    .deleteNamespacedSecret({ name: keptValuesName(release), namespace })
    .catch((e: unknown) => {
      if (status(e) !== 404) throw e;
    });
}

/** Deletes what the admin chose among `l` (names not in the listing are ignored); the lines of what went. */
export async function deleteLeftovers(
  kc: k8s.KubeConfig,
  l: Leftovers,
  c: LeftoverChoice,
): Promise<void> {
  const core = apiClient(kc, k8s.CoreV1Api);
  const namespace = l.namespace;
  const gone = (e: unknown) => {
    if (status(e) !== 404) throw e;
  };
  if (c.namespace) {
    await core.deleteNamespace({ name: namespace }).catch(gone);
    return;
  }
  for (const claim of l.claims.filter((x) => c.claims.includes(x.name)))
    await core.deleteNamespacedPersistentVolumeClaim({ name: claim.name, namespace }).catch(gone);
  for (const s of l.secrets.filter((x) => c.secrets.includes(x.name)))
    await core.deleteNamespacedSecret({ name: s.name, namespace }).catch(gone);
}
