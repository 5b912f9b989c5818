/**
 * What the wizard's install needs from the API server, as data: the permissions preflight asks
 * about (one SelfSubjectAccessReview per verb and resource), the least-privilege list in the
 * README and a future in-cluster Role read the same list. PURE.
 */

export type AccessNeed = {
  /** API group ("" for the core group). */
  group: string;
  resource: string;
  verbs: readonly string[];
  /** Namespaced needs are asked in the target namespace; the others cluster-wide. */
  namespaced: boolean;
  why: string;
};

const MANAGE = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const;
const READ = ['get', 'list', 'watch'] as const;

/** Everything `helm upgrade --install` of the chart and the live dashboard need in the namespace. */
export const NAMESPACE_ACCESS: readonly AccessNeed[] = [
  { group: '', resource: 'secrets', verbs: MANAGE, namespaced: true, why: 'chart Secrets and Helm release records' },
  { group: '', resource: 'configmaps', verbs: MANAGE, namespaced: true, why: 'chart ConfigMaps' },
  { group: '', resource: 'services', verbs: MANAGE, namespaced: true, why: 'chart Services' },
  { group: '', resource: 'serviceaccounts', verbs: MANAGE, namespaced: true, why: 'chart ServiceAccounts' },
  { group: 'apps', resource: 'deployments', verbs: MANAGE, namespaced: true, why: 'chart Deployments' },
  { group: 'apps', resource: 'statefulsets', verbs: MANAGE, namespaced: true, why: 'the local MySQL StatefulSet' },
  { group: 'networking.k8s.io', resource: 'ingresses', verbs: MANAGE, namespaced: true, why: 'chart Ingresses' },
  { group: 'networking.k8s.io', resource: 'networkpolicies', verbs: MANAGE, namespaced: true, why: 'the network policy' },
  { group: 'autoscaling', resource: 'horizontalpodautoscalers', verbs: MANAGE, namespaced: true, why: 'autoscalers' },
  { group: 'policy', resource: 'poddisruptionbudgets', verbs: MANAGE, namespaced: true, why: 'disruption budgets' },
  { group: '', resource: 'persistentvolumeclaims', verbs: READ, namespaced: true, why: 'volume status on the dashboard' },
  { group: '', resource: 'pods', verbs: READ, namespaced: true, why: 'the live pod dashboard' },
  { group: '', resource: 'events', verbs: ['list', 'watch'], namespaced: true, why: 'warning events on the dashboard' },
  { group: 'batch', resource: 'jobs', verbs: ['list', 'watch'], namespaced: true, why: 'the dashboard' },
];

/** Cluster-scoped reads the wizard itself makes (preflight and dashboard). */
export const CLUSTER_ACCESS: readonly AccessNeed[] = [
  { group: '', resource: 'nodes', verbs: ['list'], namespaced: false, why: 'kernel, OS and capacity checks' },
  { group: '', resource: 'namespaces', verbs: ['get'], namespaced: false, why: 'the namespace check' },
  { group: 'networking.k8s.io', resource: 'ingressclasses', verbs: ['list'], namespaced: false, why: 'the IngressClass check' },
  { group: 'storage.k8s.io', resource: 'storageclasses', verbs: ['list'], namespaced: false, why: 'the StorageClass check' },
  { group: 'apiregistration.k8s.io', resource: 'apiservices', verbs: ['get'], namespaced: false, why: 'the metrics API check' },
  { group: '', resource: 'services', verbs: ['list'], namespaced: false, why: 'the LoadBalancer check (any Service with an address)' },
];

export const INSTALL_ACCESS: readonly AccessNeed[] = [...NAMESPACE_ACCESS, ...CLUSTER_ACCESS];

/** One question for a SelfSubjectAccessReview. */
export type AccessQuestion = { group: string; resource: string; verb: string; namespace?: string };

/** Every (verb, resource) pair of the list, namespaced ones in `namespace`. */
export function accessQuestions(namespace: string, needs: readonly AccessNeed[] = INSTALL_ACCESS): AccessQuestion[] {
  return needs.flatMap((n) => n.verbs.map((verb) => ({ group: n.group, resource: n.resource, verb, ...(n.namespaced ? { namespace } : {}) })));
}

/** `deployments.apps` / `secrets`: the kubectl spelling of a resource. */
export const resourceName = (q: { group: string; resource: string }) => (q.group ? `${q.resource}.${q.group}` : q.resource);

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };

/** Rules granting exactly `needs`, one per (group, verbs) with the resources sorted, in list order. */
export function rulesFor(needs: readonly AccessNeed[]): Rule[] {
  const rules: Rule[] = [];
  for (const n of needs) {
    const same = rules.find((r) => r.apiGroups[0] === n.group && r.verbs.join() === n.verbs.join());
    if (same) same.resources = [...new Set([...same.resources, n.resource])].sort();
    else rules.push({ apiGroups: [n.group], resources: [n.resource], verbs: [...n.verbs] });
  }
  return rules;
}

/**
 * The least-privilege RBAC for running the wizard as `user`: a Role in the namespace and a
 * ClusterRole for the cluster-wide reads, each with its binding (the README prints these).
 */
export function rbacManifests(namespace: string, user: string): object[] {
  const name = 'lightrun-installer';
  const subject = { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user };
  return [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace }, rules: rulesFor(NAMESPACE_ACCESS) },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name, namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name }, subjects: [subject] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: `${name}-reads` }, rules: rulesFor(CLUSTER_ACCESS) },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `${name}-reads` }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${name}-reads` }, subjects: [subject] },
  ];
}
