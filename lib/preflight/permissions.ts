import 'server-only';
import { apiClient } from '../cluster/client';
import { AuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { accessQuestions, resourceName, type AccessQuestion } from './access-needs';
import { fail, pass, warn, type Verdict } from './result';

export type AccessAnswer = AccessQuestion & { allowed: boolean };

/** "create, delete deployments.apps; get secrets": missing verbs grouped per resource, in list order. */
export function describeMissing(missing: AccessAnswer[]): string {
  const by = new Map<string, string[]>();
  for (const m of missing) by.set(resourceName(m), [...(by.get(resourceName(m)) ?? []), m.verb]);
  return [...by].map(([r, verbs]) => `${verbs.join(', ')} ${r}`).join('; ');
}

/**
 * Missing namespaced permissions fail (helm would stop half-way); missing cluster-wide reads
 * only warn (the wizard sees less, the install itself still works).
 */
export function decidePermissions(answers: AccessAnswer[], namespace: string): Verdict {
  const inNs = answers.filter((a) => a.namespace !== undefined && !a.allowed);
  const cluster = answers.filter((a) => a.namespace === undefined && !a.allowed);
  if (inNs.length) {
    return fail(
      `Missing in namespace ${namespace}: ${describeMissing(inNs)}${cluster.length ? `; cluster-wide: ${describeMissing(cluster)}` : ''}.`,
      `Grant these verbs in ${namespace} (a Role bound to your user; docs/preflight.md lists the least-privilege set), or use an admin context.`,
    );
  }
  if (cluster.length)
    return warn(
      `All install permissions in ${namespace} granted; cluster-wide reads missing: ${describeMissing(cluster)}.`,
      'Grant these reads (a ClusterRole) so preflight and the dashboard see everything; the install itself does not need them.',
    );
  return pass(
    `All ${answers.length} permissions the install needs are granted (namespace ${namespace} and cluster-wide reads).`,
  );
}

/** One SelfSubjectAccessReview per question, all at once. */
export async function gatherAccess(
  kc: KubeConfig,
  namespace: string,
  signal?: AbortSignal,
): Promise<AccessAnswer[]> {
  const api = apiClient(kc, AuthorizationV1Api, { signal });
  return Promise.all(
    accessQuestions(namespace).map(async (q) => {
      const r = await api.createSelfSubjectAccessReview({
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { ...q } },
        },
      });
      return { ...q, allowed: r.status?.allowed === true };
    }),
  );
}

export async function checkPermissions(
  kc: KubeConfig,
  namespace: string,
  signal?: AbortSignal,
): Promise<Verdict> {
  return decidePermissions(await gatherAccess(kc, namespace, signal), namespace);
}
