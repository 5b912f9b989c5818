import { describe, expect, it } from 'vitest';
import {
  accessQuestions,
  CLUSTER_ACCESS,
  INSTALL_ACCESS,
  NAMESPACE_ACCESS,
  rbacManifests,
} from './access-needs';
import { decidePermissions, describeMissing, type AccessAnswer } from './permissions';

const all = (ns: string, deny: (q: AccessAnswer) => boolean = () => false): AccessAnswer[] =>
  accessQuestions(ns)
    .map((q) => ({ ...q, allowed: true }))
    .map((q) => ({ ...q, allowed: !deny(q) }));

describe('access list', () => {
  it('asks one question per verb and resource, namespaced ones in the namespace', () => {
    const qs = accessQuestions('lr');
    expect(qs.length).toBe(INSTALL_ACCESS.reduce((s, n) => s + n.verbs.length, 0));
    expect(qs).toContainEqual({
      group: 'apps',
      resource: 'deployments',
      verb: 'create',
      namespace: 'lr',
    });
    expect(qs).toContainEqual({ group: '', resource: 'nodes', verb: 'list' });
    expect(qs.filter((q) => q.namespace === undefined).length).toBe(
      CLUSTER_ACCESS.reduce((s, n) => s + n.verbs.length, 0),
    );
    expect(NAMESPACE_ACCESS.every((n) => n.namespaced)).toBe(true);
  });
});

describe('decidePermissions', () => {
  it('passes when everything is allowed', () => {
    expect(decidePermissions(all('lr'), 'lr')).toEqual({
      status: 'pass',
      fix: '',
      message: `All ${accessQuestions('lr').length} permissions the install needs are granted (namespace lr and cluster-wide reads).`,
    });
  });

  it('fails listing exactly what is missing in the namespace, grouped per resource', () => {
    const v = decidePermissions(
      all(
        'lr',
        (q) =>
          (q.resource === 'deployments' && (q.verb === 'create' || q.verb === 'delete')) ||
          (q.resource === 'secrets' && q.verb === 'get'),
      ),
      'lr',
    );
    expect(v).toEqual({
      status: 'fail',
      message: 'Missing in namespace lr: get secrets; create, delete deployments.apps.',
      fix: 'Grant these verbs in lr (a Role bound to your user; docs/preflight.md lists the least-privilege set), or use an admin context.',
    });
  });

  it('only warns for missing cluster-wide reads, and lists them with namespace misses', () => {
    expect(
      decidePermissions(
        all('lr', (q) => q.resource === 'nodes'),
        'lr',
      ),
    ).toMatchObject({
      status: 'warn',
      message: 'All install permissions in lr granted; cluster-wide reads missing: list nodes.',
    });
    expect(
      decidePermissions(
        all('lr', (q) => q.resource === 'nodes' || (q.resource === 'pods' && q.verb === 'watch')),
        'lr',
      ).message,
    ).toBe('Missing in namespace lr: watch pods; cluster-wide: list nodes.');
  });

  it('describes misses in list order', () => {
    expect(
      describeMissing([
        { group: '', resource: 'secrets', verb: 'get', allowed: false },
        { group: 'networking.k8s.io', resource: 'ingresses', verb: 'patch', allowed: false },
        { group: '', resource: 'secrets', verb: 'list', allowed: false },
      ]),
    ).toBe('get, list secrets; patch ingresses.networking.k8s.io');
  });
});

describe('rbacManifests', () => {
  it('grants exactly the list: one rule per group and verb set', () => {
    const [role, , clusterRole] = rbacManifests('lr', 'alice') as {
      rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    }[];
    expect(role!.rules).toEqual([
      {
        apiGroups: [''],
        resources: ['configmaps', 'secrets', 'serviceaccounts', 'services'],
        verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
      },
      {
        apiGroups: ['apps'],
        resources: ['deployments', 'statefulsets'],
        verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
      },
      {
        apiGroups: ['networking.k8s.io'],
        resources: ['ingresses', 'networkpolicies'],
        verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
      },
      {
        apiGroups: ['autoscaling'],
        resources: ['horizontalpodautoscalers'],
        verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
      },
      {
        apiGroups: ['policy'],
        resources: ['poddisruptionbudgets'],
        verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
      },
      {
        apiGroups: [''],
        resources: ['persistentvolumeclaims', 'pods'],
        verbs: ['get', 'list', 'watch'],
      },
      { apiGroups: [''], resources: ['events'], verbs: ['list', 'watch'] },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['list', 'watch'] },
      { apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['list', 'watch'] },
    ]);
    expect(clusterRole!.rules).toEqual([
      { apiGroups: [''], resources: ['nodes', 'pods', 'services'], verbs: ['list'] },
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
      { apiGroups: ['networking.k8s.io'], resources: ['ingressclasses'], verbs: ['list'] },
      { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['list'] },
      { apiGroups: ['apiregistration.k8s.io'], resources: ['apiservices'], verbs: ['get'] },
    ]);
  });

  it('every question the check asks is granted by the manifests', () => {
    const ms = rbacManifests('lr', 'alice') as {
      kind: string;
      rules?: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    }[];
    const grants = (q: { group: string; resource: string; verb: string; namespace?: string }) =>
      ms
        .filter((m) => m.kind === (q.namespace ? 'Role' : 'ClusterRole'))
        .some((m) =>
          m.rules!.some(
            (r) =>
              r.apiGroups.includes(q.group) &&
              r.resources.includes(q.resource) &&
              r.verbs.includes(q.verb),
          ),
        );
    expect(accessQuestions('lr').filter((q) => !grants(q))).toEqual([]);
  });

  it('binds a user, or a ServiceAccount in its own namespace (the in-cluster wizard)', () => {
    const subjects = (ms: object[]) =>
      (ms as { kind: string; subjects?: unknown[] }[])
        .filter((m) => m.subjects)
        .map((m) => [m.kind, m.subjects]);
    expect(subjects(rbacManifests('lr', 'alice'))).toEqual([
      ['RoleBinding', [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }]],
      [
        'ClusterRoleBinding',
        [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
      ],
    ]);
    expect(subjects(rbacManifests('lr', { serviceAccount: 'wiz', namespace: 'tools' }))).toEqual([
      ['RoleBinding', [{ kind: 'ServiceAccount', name: 'wiz', namespace: 'tools' }]],
      ['ClusterRoleBinding', [{ kind: 'ServiceAccount', name: 'wiz', namespace: 'tools' }]],
    ]);
    expect(
      (rbacManifests('lr', 'alice', 'other') as { metadata: { name: string } }[]).map(
        (m) => m.metadata.name,
      ),
    ).toEqual(['other', 'other', 'other-reads', 'other-reads']);
  });

  it('each object is what kubectl apply needs: its API version and kind, the Role in the namespace, each binding naming its own role (`--print-rbac USER` default name)', () => {
    const heads = (rbacManifests('lr', 'alice') as Record<string, unknown>[]).map(
      ({ rules: _r, subjects: _s, ...head }) => head,
    );
    const v1 = 'rbac.authorization.k8s.io/v1';
    expect(heads).toEqual([
      { apiVersion: v1, kind: 'Role', metadata: { name: 'lightrun-installer', namespace: 'lr' } },
      {
        apiVersion: v1,
        kind: 'RoleBinding',
        metadata: { name: 'lightrun-installer', namespace: 'lr' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name: 'lightrun-installer',
        },
      },
      { apiVersion: v1, kind: 'ClusterRole', metadata: { name: 'lightrun-installer-reads' } },
      {
        apiVersion: v1,
        kind: 'ClusterRoleBinding',
        metadata: { name: 'lightrun-installer-reads' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'lightrun-installer-reads',
        },
      },
    ]);
  });
});
