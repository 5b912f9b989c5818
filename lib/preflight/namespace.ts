import 'server-only';
import { randomBytes } from 'node:crypto';
import { apiClient } from '../cluster/client';
import { AuthorizationV1Api, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { fail, pass, warn, type Verdict } from './result';
import { httpStatus, k8sErrorText } from './k8s';
import { gatherLeftovers } from '../install/leftovers';
import { leftoverWarning } from '../install/leftovers-plan';

export type NamespaceFacts =
  | { exists: true; phase: string }
  | { exists: false; canCreate: boolean }
  | { exists: 'unknown'; error: string };

/** The target namespace exists (and is not terminating), or the user may create it. */
export function decideNamespace(ns: string, f: NamespaceFacts): Verdict {
  if (f.exists === 'unknown')
    return warn(
      `Could not read namespace ${ns}: ${f.error}.`,
      'Grant "get namespaces" or check the namespace name; the install creates it when missing.',
    );
  if (f.exists === true) {
    if (f.phase === 'Terminating')
      return fail(
        `Namespace ${ns} is being deleted (Terminating).`,
        `Wait until it is gone (kubectl get ns ${ns}) or choose another namespace.`,
      );
    return pass(`Namespace ${ns} exists.`);
  }
  if (f.canCreate) return pass(`Namespace ${ns} does not exist yet; it will be created.`);
  return fail(
    `Namespace ${ns} does not exist and you may not create namespaces.`,
    `Ask an admin to run: kubectl create namespace ${ns}`,
  );
}

export type ReleaseRecord = { version: number; status: string };

/**
 * What Helm's release records (Secrets `sh.helm.release.v1.<name>.v<N>`) say about the release:
 * none -> a fresh install; deployed/failed -> an upgrade; pending-* -> a stuck operation that
 * blocks helm ("another operation is in progress").
 */
export function decideRelease(release: string, ns: string, records: ReleaseRecord[]): Verdict {
  if (records.length === 0) return pass(`No release ${release} in ${ns}: this is a fresh install.`);
  const last = [...records].sort((a, b) => b.version - a.version)[0]!;
  const at = `Release ${release} (revision ${last.version}) in ${ns}`;
  if (last.status.startsWith('pending-')) {
    return fail(
      `${at} is stuck in ${last.status}: helm refuses to start another operation.`,
      `Roll back to the last good revision (helm rollback ${release} -n ${ns}) or, for a first install, uninstall it.`,
    );
  }
  if (last.status === 'uninstalling')
    return fail(
      `${at} is being uninstalled.`,
      'Wait for the uninstall to finish, then run preflight again.',
    );
  if (last.status === 'failed')
    return warn(
      `${at} is failed; installing upgrades it.`,
      `Read why it failed first (helm history ${release} -n ${ns}).`,
    );
  return pass(`${at} is ${last.status}; installing upgrades it.`);
}

export async function gatherNamespace(
  kc: KubeConfig,
  ns: string,
  signal?: AbortSignal,
): Promise<NamespaceFacts> {
  try {
    const n = await apiClient(kc, CoreV1Api, { signal }).readNamespace({ name: ns });
    return { exists: true, phase: n.status?.phase ?? 'Active' };
  } catch (e) {
    if (httpStatus(e) !== 404) return { exists: 'unknown', error: k8sErrorText(e) };
  }
  const r = await apiClient(kc, AuthorizationV1Api, { signal }).createSelfSubjectAccessReview({
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb: 'create', resource: 'namespaces' } },
    },
  });
  return { exists: false, canCreate: r.status?.allowed === true };
}

/** Release records from Helm's storage Secrets; none when the namespace does not exist. */
export async function gatherRelease(
  kc: KubeConfig,
  ns: string,
  release: string,
  signal?: AbortSignal,
): Promise<ReleaseRecord[]> {
  try {
    const list = await apiClient(kc, CoreV1Api, { signal }).listNamespacedSecret({
      namespace: ns,
      labelSelector: `owner=helm,name=${release}`,
    });
    return list.items.map((s) => ({
      version: Number(s.metadata?.labels?.version ?? 0),
      status: s.metadata?.labels?.status ?? 'unknown',
    }));
  } catch (e) {
    if (httpStatus(e) === 404) return [];
    throw e;
  }
}

/**
 * For the dry run of a first install: the target namespace's own creation dry-run on the server
 * (its admission answers), then a scratch namespace to dry-run the release into, labelled and
 * deleted by `drop`. `refused` says why none could be made (no right to create namespaces, …).
 */
export async function scratchNamespace(
  kc: KubeConfig,
  target: string,
): Promise<{ name: string; drop: () => Promise<void> } | { refused: string }> {
  const core = apiClient(kc, CoreV1Api);
  const labels = { 'app.kubernetes.io/managed-by': 'lightrun-install-wizard' };
  try {
    await core.createNamespace({ body: { metadata: { name: target, labels } }, dryRun: 'All' });
  } catch (e) {
    return { refused: `creating namespace ${target} was refused: ${k8sErrorText(e)}` };
  }
  const name = `lw-dryrun-${randomBytes(4).toString('hex')}`;
  try {
    await core.createNamespace({
      body: { metadata: { name, labels: { ...labels, 'lightrun.com/dry-run-for': target } } },
    });
  } catch (e) {
    return { refused: k8sErrorText(e) };
  }
  return {
    name,
    drop: async () => {
      await core.deleteNamespace({ name });
    },
  };
}

export async function checkNamespace(
  kc: KubeConfig,
  ns: string,
  signal?: AbortSignal,
): Promise<Verdict> {
  return decideNamespace(ns, await gatherNamespace(kc, ns, signal));
}

/**
 * The release's records; for a fresh install also what an earlier release of the name left in
 * the namespace: a database or queue volume initialised with other passwords (issue 25 #7).
 */
export async function checkRelease(
  kc: KubeConfig,
  ns: string,
  release: string,
  signal?: AbortSignal,
): Promise<Verdict> {
  const records = await gatherRelease(kc, ns, release, signal);
  if (records.length === 0) {
    const left = await gatherLeftovers(kc, ns, release).catch(() => null);
    const w = left && leftoverWarning(release, left);
    if (w) return warn(w.message, w.fix);
  }
  return decideRelease(release, ns, records);
}
