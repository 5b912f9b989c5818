import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../preflight/result';
import type { PodSummary } from '../status/events';
import {
  cleanHelmStatus,
  cleanObject,
  eventsText,
  maskTree,
  nodeSummary,
  planFiles,
  planLogs,
  podRef,
  podsText,
  preflightText,
  readmeText,
  selectEvents,
  stripManifestSecrets,
  type BundleReport,
  type EventRow,
} from './plan';

// Exact tables for the support bundle's pure transforms: each rule on both sides with the whole
// output compared, objects with a part missing or of the wrong type, and the text views and
// README written out by hand. Fake secrets are distinctive so a leak shows; each row builds its
// input inside the test.

const NAMESPACE_FILES = [
  'helm/status.json',
  'helm/history.json',
  'helm/values.yaml',
  'helm/manifest.yaml',
  'cluster/version.json',
  'cluster/nodes.json',
  'namespace/pods.json',
  'namespace/pods.txt',
  'namespace/events.json',
  'namespace/events.txt',
  'namespace/workloads.json',
  'namespace/services.json',
  'namespace/ingresses.json',
  'namespace/pvcs.json',
  'namespace/networkpolicies.json',
];

describe('planFiles: exactly these files, in README order', () => {
  it.each<[string, { hasAnswers: boolean; hasJob: boolean; runPreflight: boolean }, string[]]>([
    [
      'nothing optional',
      { hasAnswers: false, hasJob: false, runPreflight: false },
      NAMESPACE_FILES,
    ],
    [
      'answers',
      { hasAnswers: true, hasJob: false, runPreflight: false },
      ['answers/answers.json', 'answers/values.yaml', ...NAMESPACE_FILES],
    ],
    [
      'a job',
      { hasAnswers: false, hasJob: true, runPreflight: false },
      [...NAMESPACE_FILES, 'job/events.ndjson', 'job/events.txt'],
    ],
    [
      'preflight',
      { hasAnswers: false, hasJob: false, runPreflight: true },
      [...NAMESPACE_FILES, 'preflight.txt'],
    ],
    [
      'everything',
      { hasAnswers: true, hasJob: true, runPreflight: true },
      [
        'answers/answers.json',
        'answers/values.yaml',
        ...NAMESPACE_FILES,
        'preflight.txt',
        'job/events.ndjson',
        'job/events.txt',
      ],
    ],
  ])('%s', (_n, o, want) => {
    const files = planFiles(o);
    expect(files.map((f) => f.file)).toStrictEqual(want);
    // README prints what each file is: none may be blank, and no two files share a description.
    for (const f of files) expect(f.what.trim()).not.toBe('');
    expect(new Set(files.map((f) => f.what)).size).toBe(files.length);
  });
});

describe('planLogs: exact requests at the bounds', () => {
  const pod = (name: string, ...c: Array<[string, number]>) => ({
    name,
    containers: c.map(([n, r]) => ({ name: n, restartCount: r })),
  });
  const req = (p: string, c: string, previous: boolean, tailLines: number, limitBytes: number) => ({
    pod: p,
    container: c,
    previous,
    file: `logs/${p}/${c}${previous ? '.previous' : ''}.log`,
    tailLines,
    limitBytes,
  });
  it.each<[string, () => ReturnType<typeof planLogs>, ReturnType<typeof planLogs>]>([
    [
      'no pods: nothing, nothing omitted',
      () => planLogs([], { logTailLines: 10, logBytesPerContainer: 4096, logBytesTotal: 1 << 20 }),
      { requests: [], omitted: [] },
    ],
    [
      '0 restarts: current only; 1 restart: also the previous log',
      () =>
        planLogs([pod('a', ['x', 0], ['y', 1])], {
          logTailLines: 10,
          logBytesPerContainer: 4096,
          logBytesTotal: 1 << 20,
        }),
      {
        requests: [
          req('a', 'x', false, 10, 4096),
          req('a', 'y', false, 10, 4096),
          req('a', 'y', true, 10, 4096),
        ],
        omitted: [],
      },
    ],
    [
      'the per-container cap when the share is larger',
      () =>
        planLogs([pod('a', ['x', 3])], {
          logTailLines: 7,
          logBytesPerContainer: 5000,
          logBytesTotal: 20_000,
        }),
      { requests: [req('a', 'x', false, 7, 5000), req('a', 'x', true, 7, 5000)], omitted: [] },
    ],
    [
      'an equal share, rounded down, when the cap is larger',
      () =>
        planLogs([pod('a', ['x', 0], ['y', 0])], {
          logTailLines: 7,
          logBytesPerContainer: 1 << 20,
          logBytesTotal: 3001,
        }),
      { requests: [req('a', 'x', false, 7, 1500), req('a', 'y', false, 7, 1500)], omitted: [] },
    ],
    [
      '3 KiB less a byte: two of three fit (at least 1 KiB each), in pod order',
      () =>
        planLogs([pod('a', ['x', 0]), pod('b', ['y', 0], ['z', 0])], {
          logTailLines: 7,
          logBytesPerContainer: 1 << 20,
          logBytesTotal: 3 * 1024 - 1,
        }),
      {
        requests: [req('a', 'x', false, 7, 1535), req('b', 'y', false, 7, 1535)],
        omitted: ['logs/b/z.log'],
      },
    ],
    [
      'exactly 3 KiB: all three at 1 KiB',
      () =>
        planLogs([pod('a', ['x', 0]), pod('b', ['y', 0], ['z', 0])], {
          logTailLines: 7,
          logBytesPerContainer: 1 << 20,
          logBytesTotal: 3 * 1024,
        }),
      {
        requests: [
          req('a', 'x', false, 7, 1024),
          req('b', 'y', false, 7, 1024),
          req('b', 'z', false, 7, 1024),
        ],
        omitted: [],
      },
    ],
    [
      'less than 1 KiB: every log omitted, previous ones too',
      () =>
        planLogs([pod('a', ['x', 2])], {
          logTailLines: 7,
          logBytesPerContainer: 1 << 20,
          logBytesTotal: 1023,
        }),
      { requests: [], omitted: ['logs/a/x.log', 'logs/a/x.previous.log'] },
    ],
  ])('%s', (_n, run, want) => {
    expect(run()).toStrictEqual(want);
  });
});

describe('podRef: pods with parts missing', () => {
  it.each<[string, () => Parameters<typeof podRef>[0], ReturnType<typeof podRef>]>([
    ['an empty pod', () => ({}), { name: '', containers: [] }],
    [
      'containers without any status: 0 restarts',
      () => ({ metadata: { name: 'p' }, spec: { containers: [{ name: 'a' }] } }),
      { name: 'p', containers: [{ name: 'a', restartCount: 0 }] },
    ],
    [
      'init containers only',
      () => ({
        metadata: { name: 'p' },
        spec: { initContainers: [{ name: 'i' }] },
        status: { initContainerStatuses: [{ name: 'i', restartCount: 4 }] },
      }),
      { name: 'p', containers: [{ name: 'i', restartCount: 4 }] },
    ],
    [
      'a status without restartCount: 0; a status for no container of the spec: ignored',
      () => ({
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'a' }, { name: 'b' }] },
        status: {
          containerStatuses: [
            { name: 'a' },
            { name: 'b', restartCount: 2 },
            { name: 'gone', restartCount: 9 },
          ],
        },
      }),
      {
        name: 'p',
        containers: [
          { name: 'a', restartCount: 0 },
          { name: 'b', restartCount: 2 },
        ],
      },
    ],
    [
      "the main container's count read from containerStatuses, the init one's from initContainerStatuses",
      () => ({
        metadata: { name: 'p' },
        spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'm' }] },
        status: {
          initContainerStatuses: [{ name: 'i', restartCount: 1 }],
          containerStatuses: [{ name: 'm', restartCount: 3 }],
        },
      }),
      {
        name: 'p',
        containers: [
          { name: 'i', restartCount: 1 },
          { name: 'm', restartCount: 3 },
        ],
      },
    ],
  ])('%s', (_n, p, want) => {
    expect(podRef(p())).toStrictEqual(want);
  });
});

describe('cleanObject: exact copies', () => {
  it.each<[string, () => unknown, string | undefined, unknown]>([
    ['null is returned as is', () => null, undefined, null],
    ['a string is returned as is', () => 'kind: Secret', 'Secret', 'kind: Secret'],
    [
      'a list is returned as is',
      () => [{ kind: 'Secret', data: { a: 'QQ==' } }],
      undefined,
      [{ kind: 'Secret', data: { a: 'QQ==' } }],
    ],
    [
      'metadata that is not an object is kept',
      () => ({ kind: 'Pod', metadata: 'm' }),
      undefined,
      { kind: 'Pod', metadata: 'm' },
    ],
    [
      'annotations that are not an object are kept, managedFields still go',
      () => ({ metadata: { annotations: 'a', managedFields: [{}] } }),
      undefined,
      { metadata: { annotations: 'a' } },
    ],
    [
      'only the last-applied annotation goes',
      () => ({
        metadata: {
          annotations: {
            'kubectl.kubernetes.io/last-applied-configuration': '{}',
            'kubectl.kubernetes.io/restartedAt': 't',
          },
        },
      }),
      undefined,
      { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': 't' } } },
    ],
    [
      'a Secret named by the caller (list items have no kind)',
      () => ({ metadata: { name: 's' }, data: { b: 'Qg==', a: 'QQ==' } }),
      'Secret',
      { metadata: { name: 's' }, dataKeysRemoved: ['a', 'b'] },
    ],
    [
      'a key in both data and stringData once',
      () => ({ kind: 'Secret', data: { k: 'Sw==' }, stringData: { k: 'Fake-Str-Secret' } }),
      undefined,
      { kind: 'Secret', dataKeysRemoved: ['k'] },
    ],
    [
      'a Secret whose data is not a map: removed, no keys',
      () => ({ kind: 'Secret', data: 'RmFrZQ==', stringData: ['Fake-List-Secret'] }),
      undefined,
      { kind: 'Secret', dataKeysRemoved: [] },
    ],
    [
      'a Secret without data',
      () => ({ kind: 'Secret', type: 'Opaque' }),
      undefined,
      { kind: 'Secret', type: 'Opaque', dataKeysRemoved: [] },
    ],
    [
      'kinds are case-sensitive: a "secret" is not a Secret',
      () => ({ kind: 'secret', data: { a: 'QQ==' } }),
      undefined,
      { kind: 'secret', data: { a: 'QQ==' } },
    ],
    [
      'a ConfigMap keeps its data',
      () => ({ kind: 'ConfigMap', data: { a: 'x' } }),
      'ConfigMap',
      { kind: 'ConfigMap', data: { a: 'x' } },
    ],
  ])('%s', (_n, o, kind, want) => {
    const input = o();
    const before = JSON.stringify(input);
    expect(cleanObject(input, kind)).toStrictEqual(want);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('stripManifestSecrets: the text written, exactly', () => {
  it('Secrets lose data and stringData (keys listed), other documents and comments stay as written', () => {
    const r = stripManifestSecrets(
      [
        '---',
        '# Source: c/templates/s.yaml',
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: s1',
        'stringData:',
        '  b: Fake-Secret-B',
        'data:',
        '  a: RmFrZS1B',
        '  b: RmFrZS1C',
        '---',
        'kind: Secret',
        'metadata: {name: 5}',
        'stringData: {z: Fake-Secret-Z}',
        '---',
        '# Source: c/templates/d.yaml',
        'kind: Deployment',
        'spec:',
        '  volumes:',
        '    - secret: {defaultMode: 0644}',
        '  enabled: on',
        '---',
        '---',
        '- kind: Secret',
        '  data: {a: RmFrZQ==}',
        '',
      ].join('\n'),
    );
    expect(r.text).toBe(
      [
        '---',
        '# Source: c/templates/s.yaml',
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: s1',
        'dataKeysRemoved:',
        '  - a',
        '  - b',
        '---',
        'kind: Secret',
        'metadata: { name: 5 }',
        'dataKeysRemoved:',
        '  - z',
        '---',
        '# Source: c/templates/d.yaml',
        'kind: Deployment',
        'spec:',
        '  volumes:',
        '    - secret: { defaultMode: 0644 }',
        '  enabled: on',
        '---',
        '- kind: Secret',
        '  data: { a: RmFrZQ== }',
        '',
      ].join('\n'),
    );
    expect(r.secrets).toEqual(['s1', '(unnamed)']);
    expect(r.dropped).toBe(0);
  });

  it.each<[string, string, { text: string; secrets: string[]; dropped: number }]>([
    [
      'a document without a marker gets one',
      'kind: ConfigMap\n',
      { text: '---\nkind: ConfigMap\n', secrets: [], dropped: 0 },
    ],
    ['an empty manifest', '', { text: '', secrets: [], dropped: 0 }],
    [
      "a Secret's removed keys are listed sorted, each once",
      'kind: Secret\ndata: {b: Qg==, a: QQ==}\nstringData: {c: Fake-C, a: Fake-A}\n',
      {
        text: '---\nkind: Secret\ndataKeysRemoved:\n  - a\n  - b\n  - c\n',
        secrets: ['(unnamed)'],
        dropped: 0,
      },
    ],
    [
      'a long line is kept on one line (no folding)',
      'kind: ConfigMap\ndata:\n  note: an annotation text long enough that a YAML printer with its default width of eighty columns would fold it over two lines\n',
      {
        text: '---\nkind: ConfigMap\ndata:\n  note: an annotation text long enough that a YAML printer with its default width of eighty columns would fold it over two lines\n',
        secrets: [],
        dropped: 0,
      },
    ],
    [
      'a Secret without metadata is unnamed',
      'kind: Secret\ndata: {a: QQ==}\n',
      { text: '---\nkind: Secret\ndataKeysRemoved:\n  - a\n', secrets: ['(unnamed)'], dropped: 0 },
    ],
    [
      'broken documents are left out whole and counted, the good ones kept',
      'kind: [\n---\nkind: ConfigMap\n---\nstringData: {p: Fake-Broken-Pw\n',
      {
        text: '---\n# (a document that does not parse as YAML was left out)\n---\nkind: ConfigMap\n---\n# (a document that does not parse as YAML was left out)\n',
        secrets: [],
        dropped: 2,
      },
    ],
  ])('%s', (_n, manifest, want) => {
    expect(stripManifestSecrets(manifest)).toStrictEqual(want);
  });
});

describe('cleanHelmStatus: what stays, exactly', () => {
  const REMOVED = [
    'config (values)',
    'manifest',
    'chart templates/values/files',
    'hooks[].manifest',
    'info.resources objects (names kept)',
  ];
  it.each<[string, unknown, unknown]>([
    ['a list is not a status', [{ name: 'lr' }], {}],
    ['null is not a status', null, {}],
    ['a string is not a status', 'lr', {}],
    ['an empty status: only what was removed', {}, { removed: REMOVED }],
    [
      'name, namespace and version only when present, other top-level keys dropped',
      { name: 'lr', version: 0, config: { p: 'Fake-Config-Pw' }, manifest: 'x', extra: 1 },
      { name: 'lr', version: 0, removed: REMOVED },
    ],
    ['info that is not an object is dropped', { info: 'deployed' }, { removed: REMOVED }],
    [
      'info.resources that is a list (live objects) is dropped whole',
      {
        info: { status: 'deployed', resources: [{ kind: 'Secret', data: { p: 'RmFrZS1QdyE=' } }] },
      },
      { info: { status: 'deployed' }, removed: REMOVED },
    ],
    [
      "each kind's list reduced to names; entries without a text name dropped",
      {
        info: {
          resources: {
            'v1/Pod': [
              { metadata: { name: 'a' } },
              { metadata: { name: 5 } },
              { metadata: 'm' },
              'b',
              { name: 'c' },
              { metadata: { name: 'd' } },
            ],
            'v1/X': {},
          },
        },
      },
      { info: { resources: { 'v1/Pod': ['a', 'd'], 'v1/X': [] } }, removed: REMOVED },
    ],
    [
      'chart metadata only; a chart without metadata is dropped',
      { chart: { templates: [{ data: 'x' }], values: { p: 'Fake-Chart-Pw' } } },
      { removed: REMOVED },
    ],
    [
      'chart metadata that is not an object is dropped',
      { chart: { metadata: 'lightrun' } },
      { removed: REMOVED },
    ],
    [
      'hooks that are not a list are dropped',
      { hooks: { name: 'h', manifest: 'kind: Secret' } },
      { removed: REMOVED },
    ],
    [
      'hooks: entries that are not objects dropped, a hook without a manifest kept as it is',
      {
        hooks: [
          'h',
          { name: 'a' },
          null,
          { name: 'b', manifest: 'stringData: {p: Fake-Hook-Pw}', weight: 1 },
        ],
      },
      { hooks: [{ name: 'a' }, { name: 'b', weight: 1 }], removed: REMOVED },
    ],
  ])('%s', (_n, status, want) => {
    expect(cleanHelmStatus(JSON.stringify(status))).toStrictEqual(want);
  });
});

describe('maskTree: the path each leaf is asked about', () => {
  it.each<[string, () => unknown, (p: string[]) => boolean, unknown]>([
    [
      'the full path, list indices as text',
      () => ({ a: [{ b: 'Fake-Secret-1' }, { b: 'kept' }] }),
      (p) => p.join('.') === 'a.0.b',
      { a: [{ b: '***' }, { b: 'kept' }] },
    ],
    [
      'a number or a boolean at a secret path is kept',
      () => ({ p: 5, q: true, r: null }),
      () => true,
      { p: 5, q: true, r: null },
    ],
    ['an empty string at a secret path is kept', () => ({ p: '' }), () => true, { p: '' }],
    [
      'a string at the root is asked with an empty path',
      () => 'Fake-Root-Secret',
      (p) => p.length === 0,
      '***',
    ],
    [
      'a list of strings at a secret key',
      () => ({ keys: ['Fake-K1', 'Fake-K2'] }),
      (p) => p[0] === 'keys' && p.length === 2,
      { keys: ['***', '***'] },
    ],
    [
      'nothing secret: the same tree',
      () => ({ a: { b: ['c'] } }),
      () => false,
      { a: { b: ['c'] } },
    ],
  ])('%s', (_n, t, isSecret, want) => {
    expect(maskTree(t(), isSecret, '***')).toStrictEqual(want);
  });
});

describe('nodeSummary: nodes with parts missing', () => {
  const EMPTY = {
    name: undefined,
    labels: {},
    unschedulable: false,
    taints: [],
    capacity: {},
    allocatable: {},
    conditions: [],
    nodeInfo: {},
  };
  it.each<[string, () => Record<string, unknown>, unknown]>([
    ['an empty node', () => ({}), EMPTY],
    ['parts that are not objects', () => ({ metadata: 'n', spec: [1], status: 'Ready' }), EMPTY],
    ['unschedulable only when true', () => ({ spec: { unschedulable: 'true' } }), EMPTY],
    [
      'each picked label, and no other',
      () => ({
        metadata: {
          name: 'n',
          labels: {
            'kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'arm64',
            'node.kubernetes.io/instance-type': 'm5.large',
            'topology.kubernetes.io/zone': 'eu-1a',
            'node-role.kubernetes.io/control-plane': '',
            'kubernetes.io/hostname': 'n',
            'beta.kubernetes.io/arch': 'arm64',
          },
        },
      }),
      {
        ...EMPTY,
        name: 'n',
        labels: {
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'arm64',
          'node.kubernetes.io/instance-type': 'm5.large',
          'topology.kubernetes.io/zone': 'eu-1a',
          'node-role.kubernetes.io/control-plane': '',
        },
      },
    ],
    [
      'labels that are not an object',
      () => ({ metadata: { name: 'n', labels: ['a'] } }),
      { ...EMPTY, name: 'n' },
    ],
    [
      'conditions that are not a list; nodeInfo that is not an object',
      () => ({ status: { conditions: { type: 'Ready' }, nodeInfo: 'v1.36' } }),
      EMPTY,
    ],
    [
      'condition entries that are not objects are dropped, the picked keys of the rest kept',
      () => ({
        status: {
          conditions: [
            'Ready',
            { type: 'Ready', status: 'False', lastHeartbeatTime: 'h' },
            null,
            { type: 'DiskPressure' },
          ],
        },
      }),
      { ...EMPTY, conditions: [{ type: 'Ready', status: 'False' }, { type: 'DiskPressure' }] },
    ],
  ])('%s', (_n, n, want) => {
    expect(nodeSummary(n())).toStrictEqual(want);
  });
});

describe('selectEvents: which events, in which order', () => {
  const e = (name: string, o: Partial<EventRow>): EventRow => ({ reason: name, ...o });
  it.each<[string, () => EventRow[], string[]]>([
    [
      'a Warning of any object; a Normal event only of a pod of the release',
      () => [
        e('w-node', {
          type: 'Warning',
          involvedObject: { kind: 'Node', name: 'n' },
          lastTimestamp: '2026-12-01T10:00:00Z',
        }),
        e('n-pod-mine', {
          type: 'Normal',
          involvedObject: { kind: 'Pod', name: 'mine' },
          lastTimestamp: '2026-12-01T10:00:01Z',
        }),
        e('n-pod-other', {
          type: 'Normal',
          involvedObject: { kind: 'Pod', name: 'other' },
          lastTimestamp: '2026-12-01T10:00:02Z',
        }),
        e('n-deploy-mine', {
          type: 'Normal',
          involvedObject: { kind: 'Deployment', name: 'mine' },
          lastTimestamp: '2026-12-01T10:00:03Z',
        }),
        e('n-no-object', { type: 'Normal', lastTimestamp: '2026-12-01T10:00:04Z' }),
        e('n-pod-no-name', {
          type: 'Normal',
          involvedObject: { kind: 'Pod' },
          lastTimestamp: '2026-12-01T10:00:05Z',
        }),
        e('no-type-pod-mine', {
          involvedObject: { kind: 'Pod', name: 'mine' },
          lastTimestamp: '2026-12-01T10:00:06Z',
        }),
      ],
      ['w-node', 'n-pod-mine', 'no-type-pod-mine'],
    ],
    [
      'the time is lastTimestamp, else eventTime, else firstTimestamp, else creationTimestamp; none sorts first',
      () => [
        e('last', {
          type: 'Warning',
          lastTimestamp: '2026-12-01T10:00:04Z',
          eventTime: '2026-12-01T09:00:00Z',
          firstTimestamp: '2026-12-01T09:00:00Z',
        }),
        e('event', {
          type: 'Warning',
          eventTime: '2026-12-01T10:00:03Z',
          firstTimestamp: '2026-12-01T11:00:00Z',
        }),
        e('first', {
          type: 'Warning',
          firstTimestamp: '2026-12-01T10:00:02Z',
          metadata: { creationTimestamp: '2026-12-01T12:00:00Z' },
        }),
        e('created', {
          type: 'Warning',
          metadata: { creationTimestamp: new Date('2026-12-01T10:00:01Z') },
        }),
        e('none', { type: 'Warning', lastTimestamp: null, eventTime: null }),
      ],
      ['none', 'created', 'first', 'event', 'last'],
    ],
    [
      'times in other offsets compare as instants',
      () => [
        e('b', { type: 'Warning', lastTimestamp: '2026-12-01T12:00:00+02:00' }),
        e('a', { type: 'Warning', lastTimestamp: '2026-12-01T09:30:00Z' }),
      ],
      ['a', 'b'],
    ],
  ])('%s', (_n, events, want) => {
    expect(selectEvents(events(), new Set(['mine'])).map((x) => x.reason)).toStrictEqual(want);
  });
});

describe('eventsText: each line, exactly', () => {
  it.each<[string, () => EventRow[], string]>([
    [
      'object with its field path, a count over 1',
      () => [
        {
          type: 'Warning',
          reason: 'BackOff',
          count: 5,
          message: 'Back-off restarting',
          involvedObject: { kind: 'Pod', name: 'p', fieldPath: 'spec.containers{app}' },
          lastTimestamp: '2026-12-01T10:00:00Z',
        },
      ],
      '2026-12-01T10:00:00.000Z  Warning  Pod/p spec.containers{app}  BackOff (x5): Back-off restarting\n',
    ],
    [
      'a count of 1, and no count: no repeat mark',
      () => [
        {
          type: 'Normal',
          reason: 'Pulled',
          count: 1,
          message: 'ok',
          involvedObject: { kind: 'Pod', name: 'p' },
          eventTime: '2026-12-01T10:00:00Z',
        },
        {
          type: 'Normal',
          reason: 'Started',
          message: 'ok',
          involvedObject: { kind: 'Pod', name: 'p' },
          firstTimestamp: '2026-12-01T10:00:01Z',
        },
      ],
      '2026-12-01T10:00:00.000Z  Normal  Pod/p  Pulled: ok\n2026-12-01T10:00:01.000Z  Normal  Pod/p  Started: ok\n',
    ],
    [
      'a count of 2',
      () => [
        {
          type: 'Normal',
          reason: 'R',
          count: 2,
          message: 'm',
          involvedObject: { kind: 'Pod', name: 'p' },
        },
      ],
      '  Normal  Pod/p  R (x2): m\n',
    ],
    ['nothing known: the separators only', () => [{}], '    /  : \n'],
    [
      'a message over lines: trimmed lines joined by one space, blank ones dropped',
      () => [
        {
          type: 'Warning',
          reason: 'R',
          message: '  first  \n\n   second\t\n  ',
          involvedObject: { kind: 'PersistentVolumeClaim', name: 'd' },
        },
      ],
      '  Warning  PersistentVolumeClaim/d  R: first second\n',
    ],
  ])('%s', (_n, events, want) => {
    expect(eventsText(events())).toBe(want);
  });
});

describe('podsText: the table and the reasons, exactly', () => {
  const p = (name: string, extra: Partial<PodSummary>): PodSummary => ({
    name,
    component: 'c',
    phase: 'Running',
    status: 'Running',
    ready: '1/1',
    restarts: 0,
    node: 'n1',
    createdAt: '',
    resourceVersion: '1',
    readiness: 'ready',
    ...extra,
  });
  it('columns padded to their widest cell, the last one not padded; a reason per diagnosed pod', () => {
    const t = podsText([
      p('lr-backend-1', {
        ready: '0/1',
        status: 'ImagePullBackOff',
        restarts: 12,
        node: 'kwok-node-1',
        diagnosis: {
          reason: 'ImagePullBackOff',
          message: 'not found',
          fix: 'Check the tag',
          pod: 'lr-backend-1',
          container: 'server',
          image: 'img:1',
          certain: true,
        },
      }),
      p('db', {
        ready: '0/1',
        status: 'Pending',
        node: '',
        diagnosis: {
          reason: 'Unschedulable',
          message: '0/3 nodes',
          fix: 'Add a node',
          pod: 'db',
          certain: false,
        },
      }),
      p('web', {
        diagnosis: {
          reason: 'ProbeFailing',
          message: 'HTTP 500',
          fix: 'Read the log',
          pod: 'web',
          container: 'nginx',
          certain: false,
        },
      }),
    ]);
    expect(t).toBe(
      [
        'NAME           READY   STATUS             RESTARTS   NODE',
        'lr-backend-1   0/1     ImagePullBackOff   12         kwok-node-1',
        'db             0/1     Pending            0          <none>',
        'web            1/1     Running            0          n1',
        '',
        'Why not ready:',
        'lr-backend-1: ImagePullBackOff (container server, image img:1)',
        '  not found',
        '  fix: Check the tag',
        'db: Unschedulable',
        '  0/3 nodes',
        '  fix: Add a node',
        'web: ProbeFailing (container nginx)',
        '  HTTP 500',
        '  fix: Read the log',
        '',
      ].join('\n'),
    );
  });
  it('no diagnosis: the table and the all-clear line', () => {
    expect(podsText([p('a-very-long-pod-name-0', { restarts: 100 })])).toBe(
      [
        'NAME                     READY   STATUS    RESTARTS   NODE',
        'a-very-long-pod-name-0   1/1     Running   100        n1',
        '',
        'Every pod is ready or reports no problem.',
        '',
      ].join('\n'),
    );
  });
});

describe('preflightText', () => {
  it.each<[string, () => CheckResult[], string]>([
    ['no results', () => [], '(no check finished within the time budget)\n'],
    [
      'one line per result, in order, as the line function writes it',
      () => [{ id: 'a' }, { id: 'b' }] as unknown as CheckResult[],
      'line a\nline b\n',
    ],
  ])('%s', (_n, results, want) => {
    expect(preflightText(results(), (r) => `line ${(r as unknown as { id: string }).id}`)).toBe(
      want,
    );
  });
});

describe('readmeText: the whole text', () => {
  const report = (o: Partial<BundleReport> = {}): BundleReport => ({
    target: {
      context: 'kind-a',
      contextName: 'kind-a',
      server: 'https://10.0.0.1:6443',
      namespace: 'lightrun',
      release: 'lr',
    },
    startedAt: new Date('2026-12-01T10:00:00Z'),
    finishedAt: new Date('2026-12-01T10:00:07.400Z'),
    budgetMs: 45_500,
    collected: [
      { file: 'helm/status.json', what: 'helm status' },
      { file: 'logs/lr-backend-7d9f-x/server.previous.log', what: 'a log' },
    ],
    failures: [
      'namespace/ingresses.json: denied (403 Forbidden)',
      'logs/a/b.log: out of time\nafter 10 s',
    ],
    notes: ['no install job'],
    redaction: {
      fromAnswers: 3,
      fromSecrets: 2,
      secretNames: ['a', 'b'],
      perFile: [
        ['helm/values.yaml', 4],
        ['namespace/pods.json', 1],
      ],
      manifestSecrets: ['lr-backend', 'lr-keycloak'],
    },
    wizardVersion: '0.2.0',
    ...o,
  });
  const HEAD = ['Lightrun Server support bundle', '==============================', ''];
  const TAIL = [
    '  Also removed: managedFields and last-applied annotations of every object, the values and the',
    '  manifests from helm status, and Secret objects themselves (never collected).',
    '',
  ];
  const SEARCH = [
    'Redacted',
    '--------',
    '  Secrets are removed by value, not by key name alone: every file above was searched for each',
    '  secret value (as is, JSON-escaped, base64-encoded at any alignment, each line of a PEM key)',
    '  and each occurrence replaced by [redacted].',
  ];
  it('everything there: failures over lines, notes, names, replacements, manifest Secrets', () => {
    expect(readmeText(report())).toBe(
      [
        ...HEAD,
        'Taken:      2026-12-01T10:00:00.000Z (7.4 s, time budget 46 s)',
        'Context:    kind-a',
        'API server: https://10.0.0.1:6443',
        'Namespace:  lightrun',
        'Release:    lr',
        'By:         lightrun-install-wizard 0.2.0',
        '',
        'Collected',
        '---------',
        '  helm/status.json                   helm status',
        '  logs/lr-backend-7d9f-x/server.previous.log a log',
        '',
        'Not collected',
        '-------------',
        '  - namespace/ingresses.json: denied (403 Forbidden)',
        '  - logs/a/b.log: out of time',
        '  after 10 s',
        '',
        'Notes',
        '-----',
        '  - no install job',
        '',
        ...SEARCH,
        "  Secret values searched for: 3 from the answers' secret fields (license, passwords,",
        '  keys, AES key, pull secret) and 2 from the Secret objects of the namespace (a, b).',
        '  Replacements per file:',
        '    helm/values.yaml: 4',
        '    namespace/pods.json: 1',
        '  helm/manifest.yaml: data/stringData removed from the Secrets lr-backend, lr-keycloak.',
        ...TAIL,
      ].join('\n'),
    );
  });
  it('nothing failed, no notes, nothing found: the current context named as such', () => {
    expect(
      readmeText(
        report({
          target: {
            context: null,
            contextName: 'kind-a',
            server: 'https://10.0.0.1:6443',
            namespace: 'lightrun',
            release: 'lr',
          },
          startedAt: new Date('2026-12-01T10:00:00Z'),
          finishedAt: new Date('2026-12-01T10:00:00Z'),
          budgetMs: 60_000,
          collected: [],
          failures: [],
          notes: [],
          redaction: {
            fromAnswers: 0,
            fromSecrets: 0,
            secretNames: [],
            perFile: [],
            manifestSecrets: [],
          },
        }),
      ),
    ).toBe(
      [
        ...HEAD,
        'Taken:      2026-12-01T10:00:00.000Z (0.0 s, time budget 60 s)',
        'Context:    kind-a (kubeconfig current-context)',
        'API server: https://10.0.0.1:6443',
        'Namespace:  lightrun',
        'Release:    lr',
        'By:         lightrun-install-wizard 0.2.0',
        '',
        'Collected',
        '---------',
        '',
        'Not collected',
        '-------------',
        '  Nothing: every request answered.',
        '',
        ...SEARCH,
        "  Secret values searched for: 0 from the answers' secret fields (license, passwords,",
        '  keys, AES key, pull secret) and 0 from the Secret objects of the namespace.',
        '  No file contained a secret value.',
        ...TAIL,
      ].join('\n'),
    );
  });
});
