// objectsPlan over small hand-written manifests: each rule of docs/upgrade.md's objects part, on
// the side where it applies and on the side where it does not.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { objectsPlan, type LiveClaim } from './objects';

type O = {
  apiVersion?: string;
  kind: string;
  name: string;
  spec?: object;
  data?: object;
  meta?: object;
};
const doc = (o: O) =>
  stringify({
    apiVersion: o.apiVersion ?? (['Deployment', 'StatefulSet'].includes(o.kind) ? 'apps/v1' : 'v1'),
    kind: o.kind,
    metadata: { name: o.name, ...o.meta },
    ...(o.spec ? { spec: o.spec } : {}),
    ...(o.data ? { data: o.data } : {}),
  });
const manifest = (...objs: O[]) =>
  objs.map((o) => `---\n# Source: t/${o.name}.yaml\n${doc(o)}`).join('');
const plan = (a: O[], b: O[], claims: LiveClaim[] = []) =>
  objectsPlan(manifest(...a), manifest(...b), claims);
const ids = (l: Array<{ kind: string; name: string }>) => l.map((o) => `${o.kind}/${o.name}`);

const tpl = (name: string, size = '1Gi') => ({
  metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } },
});
const sts = (name: string, spec: object = {}): O => ({
  kind: 'StatefulSet',
  name,
  spec: {
    serviceName: name,
    selector: { matchLabels: { app: name } },
    template: { spec: { containers: [{ name: 'c', image: 'x:1' }] } },
    volumeClaimTemplates: [tpl('data')],
    ...spec,
  },
});

describe('objectsPlan: which objects', () => {
  it('an object only in the old manifest is deleted, only in the new one created, in both neither', () => {
    const p = plan(
      [
        { kind: 'ConfigMap', name: 'a' },
        { kind: 'ConfigMap', name: 'b' },
      ],
      [
        { kind: 'ConfigMap', name: 'b' },
        { kind: 'ConfigMap', name: 'c' },
      ],
    );
    expect(ids(p.deleted)).toEqual(['ConfigMap/a']);
    expect(ids(p.created)).toEqual(['ConfigMap/c']);
    expect([p.changed, p.unchanged]).toEqual([[], 1]);
  });

  it('the same name of another kind is another object: created and deleted, a kind change helm can make', () => {
    const p = plan(
      [{ kind: 'Deployment', name: 'kc', spec: { replicas: 1 } }],
      [{ kind: 'StatefulSet', name: 'kc', spec: { replicas: 1 } }],
    );
    expect(ids(p.deleted)).toEqual(['Deployment/kc']);
    expect(ids(p.created)).toEqual(['StatefulSet/kc']);
    expect(p.replaced).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'kc',
        toKind: 'StatefulSet',
        helmFails: false,
      }),
    ]);
    // another name: no kind change
    expect(
      plan([{ kind: 'Deployment', name: 'kc' }], [{ kind: 'StatefulSet', name: 'kc2' }]).replaced,
    ).toEqual([]);
  });

  it('a new apiVersion of the same group is the same object; another group is another', () => {
    const hpa = (apiVersion: string): O => ({
      apiVersion,
      kind: 'HorizontalPodAutoscaler',
      name: 'h',
    });
    const same = plan([hpa('autoscaling/v1')], [hpa('autoscaling/v2')]);
    expect([same.deleted, same.created]).toEqual([[], []]);
    const other = plan([hpa('autoscaling/v2')], [hpa('other.example/v1')]);
    expect([ids(other.deleted), ids(other.created)]).toEqual([
      ['HorizontalPodAutoscaler/h'],
      ['HorizontalPodAutoscaler/h'],
    ]);
  });

  it('hooks are neither deleted nor created by an upgrade', () => {
    const hook: O = {
      kind: 'Secret',
      name: 'ca',
      meta: { annotations: { 'helm.sh/hook': 'pre-install' } },
    };
    const p = plan([], [hook, { kind: 'Secret', name: 'plain' }]);
    expect(ids(p.created)).toEqual(['Secret/plain']);
  });

  it('refuses a manifest that is not YAML', () => {
    expect(() => objectsPlan('a: [', '', [])).toThrow(/not YAML/);
  });
});

describe('objectsPlan: what changes', () => {
  it('names the spec fields and data keys that differ, never a value', () => {
    const p = plan(
      [
        { kind: 'Secret', name: 's', data: { PASSWORD: 'b2xkLXNlY3JldA==', SAME: 'eA==' } },
        {
          kind: 'Deployment',
          name: 'd',
          spec: { replicas: 1, template: { a: 1 } },
          meta: { labels: { v: '1' } },
        },
      ],
      [
        {
          kind: 'Secret',
          name: 's',
          data: { PASSWORD: 'bmV3LXNlY3JldA==', SAME: 'eA==', ADDED: 'eQ==' },
        },
        {
          kind: 'Deployment',
          name: 'd',
          spec: { replicas: 2, template: { a: 1 } },
          meta: { labels: { v: '2' } },
        },
      ],
    );
    expect(p.changed).toEqual([
      expect.objectContaining({
        kind: 'Secret',
        name: 's',
        fields: ['data.ADDED', 'data.PASSWORD'],
      }),
      expect.objectContaining({
        kind: 'Deployment',
        name: 'd',
        fields: ['metadata.labels', 'spec.replicas'],
      }),
    ]);
    expect(JSON.stringify(p)).not.toMatch(/b2xkLXNlY3JldA|bmV3LXNlY3JldA|old-secret|new-secret/);
  });
});

describe('objectsPlan: what helm cannot update in place', () => {
  const failing = (a: O, b: O) => plan([a], [b]).replaced.filter((r) => r.helmFails);

  it.each([
    ['volumeClaimTemplates', { volumeClaimTemplates: [] }],
    ['volumeClaimTemplates (size)', { volumeClaimTemplates: [tpl('data', '2Gi')] }],
    ['serviceName', { serviceName: 'other' }],
    ['selector', { selector: { matchLabels: { app: 'x' } } }],
    ['podManagementPolicy', { podManagementPolicy: 'Parallel' }],
  ])('a StatefulSet whose %s changes: the upgrade fails', (field, spec) => {
    const r = failing(sts('mq'), sts('mq', spec));
    expect(r).toHaveLength(1);
    expect(r[0]!.why).toContain(`spec.${field.split(' ')[0]}`);
  });

  it.each([
    ['template', { template: { spec: { containers: [{ name: 'c', image: 'x:2' }] } } }],
    ['replicas', { replicas: 3 }],
    ['updateStrategy', { updateStrategy: { type: 'OnDelete' } }],
    [
      'persistentVolumeClaimRetentionPolicy',
      { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' } },
    ],
  ])('a StatefulSet whose %s changes is updated in place', (_f, spec) => {
    expect(failing(sts('db'), sts('db', spec))).toEqual([]);
  });

  it('a Deployment: a new selector fails, new replicas do not', () => {
    const d = (spec: object): O => ({ kind: 'Deployment', name: 'd', spec });
    const sel = { selector: { matchLabels: { a: '1' } } };
    expect(failing(d(sel), d({ selector: { matchLabels: { a: '2' } } }))).toHaveLength(1);
    expect(failing(d({ ...sel, replicas: 1 }), d({ ...sel, replicas: 2 }))).toEqual([]);
  });

  it('a Service: headless to not (or another clusterIP) fails; a new type, or an unset clusterIP, does not', () => {
    const s = (spec: object): O => ({ kind: 'Service', name: 's', spec });
    expect(failing(s({ clusterIP: 'None' }), s({}))).toHaveLength(1);
    expect(failing(s({}), s({ clusterIP: 'None' }))).toHaveLength(1);
    expect(failing(s({ clusterIP: '10.0.0.1' }), s({ clusterIP: '10.0.0.2' }))).toHaveLength(1);
    expect(failing(s({ clusterIP: '10.0.0.1' }), s({}))).toEqual([]);
    expect(failing(s({ clusterIP: 'None' }), s({ clusterIP: 'None', ports: [] }))).toEqual([]);
    expect(failing(s({ type: 'ClusterIP' }), s({ type: 'LoadBalancer' }))).toEqual([]);
  });
});

describe('objectsPlan: claims', () => {
  const claim = (name: string, extra: Partial<LiveClaim> = {}): LiveClaim => ({
    name,
    uid: `uid-${name}`,
    ...extra,
  });

  it('a StatefulSet that keeps its claim template keeps its claims, by name and UID', () => {
    const p = plan(
      [sts('db')],
      [sts('db', { template: { spec: {} } })],
      [claim('data-db-0'), claim('data-db-1')],
    );
    expect(p.claimsKept.map((c) => [c.name, c.uid, c.of])).toEqual([
      ['data-db-0', 'uid-data-db-0', 'StatefulSet db'],
      ['data-db-1', 'uid-data-db-1', 'StatefulSet db'],
    ]);
    expect(p.claimsAtRisk).toEqual([]);
  });

  it('a StatefulSet that loses the template, or leaves the release, puts its claims at risk', () => {
    const lost = plan(
      [sts('mq')],
      [sts('mq', { volumeClaimTemplates: [tpl('other')] })],
      [claim('data-mq-0')],
    );
    expect(lost.claimsAtRisk.map((c) => c.name)).toEqual(['data-mq-0']);
    expect(lost.claimsAtRisk[0]!.why).toContain('no claim template data');
    expect(lost.claimsKept).toEqual([]);
    const gone = plan([sts('mq')], [], [claim('data-mq-0')]);
    expect(gone.claimsAtRisk[0]!.why).toContain('nothing uses it');
    const owned = plan(
      [sts('mq')],
      [],
      [claim('data-mq-0', { owners: [{ kind: 'StatefulSet', name: 'mq' }] })],
    );
    expect(owned.claimsAtRisk[0]!.why).toContain('Kubernetes deletes it');
  });

  it('a StatefulSet that becomes a Deployment of the same name puts its claims at risk', () => {
    const p = plan([sts('db')], [{ kind: 'Deployment', name: 'db' }], [claim('data-db-0')]);
    expect(p.claimsAtRisk.map((c) => c.name)).toEqual(['data-db-0']);
  });

  it('claims of no template of the release are left out', () => {
    const p = plan(
      [sts('db')],
      [sts('db')],
      [claim('data-db-x'), claim('data-db2-0'), claim('other')],
    );
    expect([p.claimsKept, p.claimsAtRisk]).toEqual([[], []]);
  });

  it('a claim the chart renders is kept while the new render has it, at risk when not', () => {
    const pvc: O = { kind: 'PersistentVolumeClaim', name: 'files', spec: {} };
    expect(plan([pvc], [pvc], [claim('files')]).claimsKept.map((c) => c.of)).toEqual(['the chart']);
    const gone = plan([pvc], [], [claim('files')]);
    expect(gone.claimsAtRisk.map((c) => [c.name, c.uid])).toEqual([['files', 'uid-files']]);
    expect(ids(gone.deleted)).toEqual(['PersistentVolumeClaim/files']);
  });
});

describe('objectsPlan: what users notice', () => {
  const svc = (name: string, type?: string): O => ({
    kind: 'Service',
    name,
    spec: type ? { type } : {},
  });

  it('a LoadBalancer Service deleted or created means a new address', () => {
    expect(
      plan([svc('nginx', 'LoadBalancer')], [svc('router', 'LoadBalancer')]).userVisible,
    ).toEqual([
      'Service nginx (LoadBalancer) is deleted: its address goes with it.',
      'Service router (LoadBalancer) is new: new address: DNS must change.',
    ]);
    expect(plan([svc('a', 'ClusterIP')], [svc('b')]).userVisible).toEqual([]);
    expect(plan([svc('lb', 'LoadBalancer')], [svc('lb', 'LoadBalancer')]).userVisible).toEqual([]);
  });

  it('a Service that becomes, or stops being, a LoadBalancer', () => {
    expect(plan([svc('r')], [svc('r', 'LoadBalancer')]).userVisible).toEqual([
      'Service r becomes a LoadBalancer: new address: DNS must change.',
    ]);
    expect(plan([svc('r', 'LoadBalancer')], [svc('r', 'NodePort')]).userVisible).toEqual([
      'Service r is no LoadBalancer any more: its address goes.',
    ]);
  });
});

// The rules' other sides, as the mutation run asked (bench/mutation.md).
describe('objectsPlan: the edges of each rule', () => {
  const claim = (name: string, extra: Partial<LiveClaim> = {}): LiveClaim => ({
    name,
    uid: `uid-${name}`,
    ...extra,
  });
  const svc = (name: string, spec: object = {}): O => ({ kind: 'Service', name, spec });

  it('only documents with a kind, a metadata map and a name are objects; a plain annotation is no hook', () => {
    const text = [
      '--- just text',
      '---\nkind: ConfigMap\n',
      '---\napiVersion: v1\nmetadata:\n  name: nokind\n',
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n',
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 7\n',
      manifest({ kind: 'ConfigMap', name: 'real', meta: { annotations: { note: 'x' } } }),
    ].join('\n');
    expect(ids(objectsPlan('', text, []).created)).toEqual(['ConfigMap/real']);
  });

  it('counts the objects in both renders that did not change', () => {
    const p = plan(
      [svc('a'), svc('b'), svc('c', { type: 'ClusterIP' })],
      [svc('a'), svc('b'), svc('c', { type: 'NodePort' })],
    );
    expect([p.unchanged, p.changed.length]).toEqual([2, 1]);
  });

  it('names metadata labels and annotations, stringData keys and other top-level fields, sorted; never apiVersion', () => {
    const p = plan(
      [
        { kind: 'ConfigMap', name: 'm', meta: { annotations: { a: '1' } } },
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', name: 'r' },
        {
          apiVersion: 'autoscaling/v1',
          kind: 'HorizontalPodAutoscaler',
          name: 'h',
          spec: { b: 1, a: 1 },
        },
      ],
      [
        { kind: 'ConfigMap', name: 'm', meta: { annotations: { a: '2' }, labels: { x: 'y' } } },
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', name: 'r', data: { k: 'v' } },
        {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          name: 'h',
          spec: { b: 2, a: 2 },
        },
      ],
    );
    expect(p.changed.map((c) => [c.name, c.fields])).toEqual([
      ['m', ['metadata.labels', 'metadata.annotations']],
      ['r', ['data.k']],
      ['h', ['spec.a', 'spec.b']],
    ]);
    const raw = objectsPlan(
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  A: "1"\ntype: Opaque\n',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  A: "2"\ntype: other\n',
      [],
    );
    expect(raw.changed[0]!.fields).toEqual(['stringData.A', 'type']);
  });

  it('the why of each update helm cannot make, word for word', () => {
    const sel = (a: string): O => ({ kind: 'Deployment', name: 'd', spec: { selector: { a } } });
    expect(plan([sel('1')], [sel('2')]).replaced[0]!.why).toBe(
      'The selector of a Deployment cannot change: the upgrade fails unless it is deleted first.',
    );
    expect(plan([sts('mq')], [sts('mq', { serviceName: 'x' })]).replaced[0]!.why).toBe(
      'Kubernetes refuses to change spec.serviceName of a StatefulSet ("Forbidden: updates to statefulset spec"): the upgrade fails unless it is deleted first.',
    );
    const kc = plan([{ kind: 'Deployment', name: 'kc' }], [{ kind: 'StatefulSet', name: 'kc' }]);
    expect(kc.replaced[0]!.why).toBe(
      'Deployment kc becomes a StatefulSet of the same name: helm creates the StatefulSet, then deletes the Deployment; for a moment both run.',
    );
  });

  it('a selector or a clusterIP matters only for its own kind', () => {
    const failing = (a: O, b: O) => plan([a], [b]).replaced.filter((r) => r.helmFails);
    expect(failing(svc('s', { selector: { a: '1' } }), svc('s', { selector: { a: '2' } }))).toEqual(
      [],
    );
    const cm = (clusterIP: string): O => ({ kind: 'ConfigMap', name: 'c', spec: { clusterIP } });
    expect(failing(cm('None'), cm('10.0.0.1'))).toEqual([]);
  });

  it('a kind change needs the same name; a Service that is no LoadBalancer changes no address', () => {
    const p = plan([{ kind: 'Deployment', name: 'a' }], [{ kind: 'ConfigMap', name: 'b' }]);
    expect(p.replaced).toEqual([]);
    const q = plan([svc('old', { type: 'ClusterIP' })], [svc('new', { type: 'NodePort' })]);
    expect(q.userVisible).toEqual([]);
  });

  it('claims: the ordinal is digits only, any number of them; found among other objects', () => {
    const p = plan(
      [svc('front'), sts('db')],
      [svc('front'), sts('db')],
      [claim('data-db-10'), claim('data-db-0x'), claim('data-db-x0'), claim('data-db-')],
    );
    expect(p.claimsKept.map((c) => c.name)).toEqual(['data-db-10']);
    expect(p.claimsAtRisk).toEqual([]);
    expect(p.claimsKept[0]!.why).toBe(
      'StatefulSet db keeps its claim template data: its pod comes back on this claim.',
    );
  });

  it('claims come sorted by name whatever order the API gave', () => {
    const p = plan([sts('db')], [sts('db')], [claim('data-db-1'), claim('data-db-0')]);
    expect(p.claimsKept.map((c) => c.name)).toEqual(['data-db-0', 'data-db-1']);
  });

  it('only the StatefulSet itself, by kind and name, deletes a claim it owns', () => {
    const why = (owners: LiveClaim['owners']) =>
      plan([sts('mq')], [], [claim('data-mq-0', { owners })]).claimsAtRisk[0]!.why;
    expect(why([{ kind: 'Deployment', name: 'mq' }])).toContain('nothing uses it');
    expect(why([{ kind: 'StatefulSet', name: 'other' }])).toContain('nothing uses it');
    expect(why([{ kind: 'StatefulSet', name: 'mq' }])).toContain('Kubernetes deletes it');
  });

  it('only a StatefulSet makes claims from templates; only a PersistentVolumeClaim is chart-made', () => {
    const dep: O = {
      kind: 'Deployment',
      name: 'db',
      spec: { volumeClaimTemplates: [tpl('data')] },
    };
    expect(plan([dep], [dep], [claim('data-db-0')]).claimsKept).toEqual([]);
    const cm: O = { kind: 'ConfigMap', name: 'files' };
    const none = plan([cm], [cm], [claim('files')]);
    expect([none.claimsKept, none.claimsAtRisk]).toEqual([[], []]);
    const pvc: O = { kind: 'PersistentVolumeClaim', name: 'files', spec: {} };
    const mixed = plan([pvc, sts('db')], [pvc, sts('db')], [claim('data-db-0'), claim('files')]);
    expect(mixed.claimsKept.map((c) => [c.name, c.of, c.why])).toEqual([
      [
        'data-db-0',
        'StatefulSet db',
        'StatefulSet db keeps its claim template data: its pod comes back on this claim.',
      ],
      ['files', 'the chart', 'The chart renders this claim again.'],
    ]);
    // a new render with another object of that name, or another claim: at risk
    const gone = plan([pvc], [cm, { ...pvc, name: 'other' }], [claim('files')]);
    expect(gone.claimsAtRisk.map((c) => [c.of, c.why])).toEqual([
      [
        'the chart',
        'The new render has no such claim: helm deletes it, and its data, unless it carries helm.sh/resource-policy: keep.',
      ],
    ]);
  });
});
