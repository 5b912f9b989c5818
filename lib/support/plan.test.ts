import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  cleanHelmStatus,
  cleanObject,
  eventsText,
  maskTree,
  MIN_REQUEST_MS,
  nodeSummary,
  planFiles,
  planLogs,
  podRef,
  podsText,
  readmeText,
  requestTimeout,
  selectEvents,
  stripManifestSecrets,
  type BundleReport,
} from './plan';
import type { PodSummary } from '../status/events';

describe('requestTimeout', () => {
  const l = { budgetMs: 10_000, requestMs: 3_000 };
  it.each([
    [0, 3_000], // plenty left: the request's own limit
    [7_000, 3_000], // exactly the request's limit left
    [7_001, 2_999], // less left than the limit: what is left
    [10_000 - MIN_REQUEST_MS, MIN_REQUEST_MS], // the smallest request still started
    [10_000 - MIN_REQUEST_MS + 1, null], // too little left: skipped
    [12_000, null],
  ])('at %i ms → %s', (elapsed, want) => {
    expect(requestTimeout(1_000, 1_000 + elapsed, l)).toBe(want);
  });
});

describe('planLogs', () => {
  const pod = (name: string, ...c: Array<[string, number]>) => ({
    name,
    containers: c.map(([n, r]) => ({ name: n, restartCount: r })),
  });
  const l = { logTailLines: 500, logBytesPerContainer: 256 * 1024, logBytesTotal: 4 * 1024 * 1024 };

  it('the current log of every container, the previous one only after a restart', () => {
    const { requests, omitted } = planLogs(
      [pod('a', ['init', 0], ['main', 1]), pod('b', ['web', 0])],
      l,
    );
    expect(requests.map((r) => r.file)).toEqual([
      'logs/a/init.log',
      'logs/a/main.log',
      'logs/a/main.previous.log',
      'logs/b/web.log',
    ]);
    expect(requests.find((r) => r.file === 'logs/a/main.previous.log')).toMatchObject({
      pod: 'a',
      container: 'main',
      previous: true,
    });
    expect(requests.every((r) => r.tailLines === 500 && r.limitBytes === 256 * 1024)).toBe(true);
    expect(omitted).toEqual([]);
  });

  it('shares the total equally when the per-container cap would exceed it', () => {
    const { requests } = planLogs([pod('a', ['x', 0], ['y', 0], ['z', 0])], {
      ...l,
      logBytesTotal: 300 * 1024,
    });
    expect(requests.map((r) => r.limitBytes)).toEqual([100 * 1024, 100 * 1024, 100 * 1024]);
    expect(requests.reduce((s, r) => s + r.limitBytes, 0)).toBeLessThanOrEqual(300 * 1024);
  });

  it('leaves out what does not fit at 1 KiB each, and lists it', () => {
    const { requests, omitted } = planLogs([pod('a', ['x', 0], ['y', 0], ['z', 0])], {
      ...l,
      logBytesTotal: 2 * 1024,
    });
    expect(requests.map((r) => r.file)).toEqual(['logs/a/x.log', 'logs/a/y.log']);
    expect(requests.map((r) => r.limitBytes)).toEqual([1024, 1024]);
    expect(omitted).toEqual(['logs/a/z.log']);
    expect(planLogs([pod('a', ['x', 0])], { ...l, logBytesTotal: 1023 })).toEqual({
      requests: [],
      omitted: ['logs/a/x.log'],
    });
    expect(planLogs([pod('a', ['x', 0])], { ...l, logBytesTotal: 1024 }).requests).toHaveLength(1);
  });
});

describe('podRef', () => {
  it('init and main containers in order, restart counts from the status (0 when absent)', () => {
    expect(
      podRef({
        metadata: { name: 'p' },
        spec: {
          initContainers: [{ name: 'wait-db' }],
          containers: [{ name: 'app' }, { name: 'side' }],
        },
        status: {
          initContainerStatuses: [{ name: 'wait-db', restartCount: 2 }],
          containerStatuses: [{ name: 'app', restartCount: 0 }],
        },
      }),
    ).toEqual({
      name: 'p',
      containers: [
        { name: 'wait-db', restartCount: 2 },
        { name: 'app', restartCount: 0 },
        { name: 'side', restartCount: 0 },
      ],
    });
  });
});

describe('cleanObject', () => {
  it('drops managedFields and the last-applied annotation, keeps the rest', () => {
    const o = {
      kind: 'Service',
      metadata: {
        name: 's',
        managedFields: [{ manager: 'helm' }],
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"p":"x"}}',
          keep: 'me',
        },
      },
      spec: { ports: [] },
    };
    const c = cleanObject(o);
    expect(c).toEqual({
      kind: 'Service',
      metadata: { name: 's', annotations: { keep: 'me' } },
      spec: { ports: [] },
    });
    expect(o.metadata.managedFields).toHaveLength(1); // a copy: the input is untouched
  });

  it('a Secret loses data and stringData, its keys are listed', () => {
    expect(
      cleanObject({
        kind: 'Secret',
        metadata: { name: 'x' },
        data: { b: 'eA==' },
        stringData: { a: 'y' },
        type: 'Opaque',
      }),
    ).toEqual({
      kind: 'Secret',
      metadata: { name: 'x' },
      type: 'Opaque',
      dataKeysRemoved: ['a', 'b'],
    });
    expect(
      cleanObject({ metadata: { name: 'x' }, data: { b: 'eA==' } }, 'Secret'),
    ).not.toHaveProperty('data');
    expect(cleanObject({ kind: 'ConfigMap', data: { b: 'c' } })).toEqual({
      kind: 'ConfigMap',
      data: { b: 'c' },
    });
  });
});

describe('stripManifestSecrets', () => {
  const manifest = `---
# Source: lightrun/templates/secrets.yaml
apiVersion: v1
kind: Secret
metadata:
  name: lr-backend
type: Opaque
stringData:
  DB_PASSWORD: "Example-Db-Pass-1"
data:
  LICENSE: "RVhBTVBMRQ=="
---
# Source: lightrun/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: lr-config
data:
  mode: "on"
---
kind: [unclosed
`;
  const r = stripManifestSecrets(manifest);

  it('removes data and stringData of every Secret and lists the Secret', () => {
    expect(r.text).not.toContain('Example-Db-Pass-1');
    expect(r.text).not.toContain('RVhBTVBMRQ==');
    expect(r.secrets).toEqual(['lr-backend']);
    const docs = parseAllDocuments(r.text).map((d) => d.toJS());
    expect(docs[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'lr-backend' },
      type: 'Opaque',
      dataKeysRemoved: ['DB_PASSWORD', 'LICENSE'],
    });
    expect(r.text).toContain('# Source: lightrun/templates/secrets.yaml');
  });

  it('keeps other objects as they are and leaves out a document that does not parse', () => {
    const docs = parseAllDocuments(r.text).map((d) => d.toJS());
    expect(docs[1]).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'lr-config' },
      data: { mode: 'on' },
    });
    expect(r.dropped).toBe(1);
    expect(r.text).not.toContain('unclosed');
  });
});

describe('cleanHelmStatus', () => {
  it('keeps name, info, chart metadata and hook names; drops config, manifest, chart templates and hook manifests', () => {
    const s = cleanHelmStatus(
      JSON.stringify({
        name: 'lr',
        namespace: 'ns',
        version: 2,
        info: { status: 'deployed', notes: 'hi' },
        config: { secrets: { db: { password: 'Example-Db-Pass-1' } } },
        manifest: 'kind: Secret',
        chart: {
          metadata: { name: 'lightrun', version: '3.9.4' },
          templates: [{ data: 'x' }],
          values: { a: 1 },
        },
        hooks: [{ name: 'h', kind: 'Job', events: ['pre-install'], manifest: 'kind: Secret' }],
      }),
    );
    expect(s).toEqual({
      name: 'lr',
      namespace: 'ns',
      version: 2,
      info: { status: 'deployed', notes: 'hi' },
      chart: { metadata: { name: 'lightrun', version: '3.9.4' } },
      hooks: [{ name: 'h', kind: 'Job', events: ['pre-install'] }],
      removed: [
        'config (values)',
        'manifest',
        'chart templates/values/files',
        'hooks[].manifest',
        'info.resources objects (names kept)',
      ],
    });
  });

  it("helm 4's info.resources (live objects, Secrets with data) become names per kind", () => {
    const s = cleanHelmStatus(
      JSON.stringify({
        name: 'lr',
        info: {
          status: 'deployed',
          resources: {
            'v1/Secret': [
              { kind: 'Secret', metadata: { name: 'lr-backend' }, data: { P: 'RXhhbXBsZQ==' } },
            ],
            'v1/Service': [{ metadata: { name: 'lr-web' } }, { bogus: 1 }],
            odd: 'x',
          },
        },
      }),
    );
    expect(s.info).toEqual({
      status: 'deployed',
      resources: { 'v1/Secret': ['lr-backend'], 'v1/Service': ['lr-web'], odd: [] },
    });
    expect(JSON.stringify(s)).not.toContain('RXhhbXBsZQ==');
  });
});

describe('maskTree', () => {
  it('masks non-empty strings at secret paths only, arrays included', () => {
    const isSecret = (p: string[]) => p.at(-1) === 'password';
    expect(
      maskTree(
        { db: { password: 'x', user: 'u', list: [{ password: 'y' }] }, password: '' },
        isSecret,
        '***',
      ),
    ).toEqual({ db: { password: '***', user: 'u', list: [{ password: '***' }] }, password: '' });
  });
});

describe('nodeSummary', () => {
  it('capacity, allocatable, conditions, taints and nodeInfo versions; nothing else', () => {
    const n = nodeSummary({
      metadata: {
        name: 'n1',
        labels: { 'kubernetes.io/arch': 'amd64', other: 'x' },
        annotations: { a: 'b' },
      },
      spec: { taints: [{ key: 'k', effect: 'NoSchedule' }], unschedulable: true },
      status: {
        capacity: { cpu: '8' },
        allocatable: { cpu: '7800m' },
        images: [{ names: ['big'] }],
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'ok',
            lastHeartbeatTime: 'x',
            lastTransitionTime: 't',
          },
        ],
        nodeInfo: {
          kernelVersion: '6.1.0',
          kubeletVersion: 'v1.36.3',
          machineID: 'secret-ish',
          osImage: 'Debian',
          containerRuntimeVersion: 'containerd://2',
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
      },
    });
    expect(n).toEqual({
      name: 'n1',
      labels: { 'kubernetes.io/arch': 'amd64' },
      unschedulable: true,
      taints: [{ key: 'k', effect: 'NoSchedule' }],
      capacity: { cpu: '8' },
      allocatable: { cpu: '7800m' },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'ok',
          lastTransitionTime: 't',
        },
      ],
      nodeInfo: {
        kernelVersion: '6.1.0',
        kubeletVersion: 'v1.36.3',
        containerRuntimeVersion: 'containerd://2',
        osImage: 'Debian',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    });
  });
});

describe('selectEvents and eventsText', () => {
  const ev = (
    type: string,
    kind: string,
    name: string,
    at: string,
    reason = 'R',
    message = 'm',
  ) => ({ type, reason, message, involvedObject: { kind, name }, lastTimestamp: at });
  const events = [
    ev('Normal', 'Pod', 'mine', '2026-12-01T10:00:02Z', 'Pulling'),
    ev('Normal', 'Pod', 'other', '2026-12-01T10:00:01Z'),
    ev(
      'Warning',
      'PersistentVolumeClaim',
      'data',
      '2026-12-01T10:00:00Z',
      'ProvisioningFailed',
      'storageclass "x"\n  not found',
    ),
    ev('Normal', 'Deployment', 'mine', '2026-12-01T10:00:03Z'),
  ];
  it("the release pods' events and every Warning, oldest first", () => {
    expect(
      selectEvents(events, new Set(['mine'])).map(
        (e) => `${e.involvedObject?.kind}/${e.involvedObject?.name}`,
      ),
    ).toEqual(['PersistentVolumeClaim/data', 'Pod/mine']);
  });
  it('one line each, message on one line, repeats counted', () => {
    const text = eventsText([{ ...events[2]!, count: 3 }]);
    expect(text).toBe(
      '2026-12-01T10:00:00.000Z  Warning  PersistentVolumeClaim/data  ProvisioningFailed (x3): storageclass "x" not found\n',
    );
    expect(eventsText([])).toBe('(no events)\n');
  });
});

describe('podsText', () => {
  const p = (name: string, extra: Partial<PodSummary> = {}): PodSummary => ({
    name,
    component: 'backend',
    phase: 'Pending',
    status: 'ImagePullBackOff',
    ready: '0/1',
    restarts: 0,
    node: 'kwok-node-1',
    createdAt: '',
    resourceVersion: '1',
    readiness: 'failed',
    ...extra,
  });
  it("a kubectl-like table, then each pod's reason, message and fix", () => {
    const t = podsText([
      p('lr-backend-1', {
        diagnosis: {
          reason: 'ImagePullBackOff',
          message: 'not found',
          fix: 'Check the tag',
          pod: 'lr-backend-1',
          container: 'server',
          image: 'lightruncom/server:x',
          certain: true,
        },
      }),
      p('lr-web-2', { status: 'Running', ready: '1/1', readiness: 'ready', node: '' }),
    ]);
    expect(t).toContain(
      'NAME           READY   STATUS             RESTARTS   NODE\nlr-backend-1   0/1     ImagePullBackOff   0          kwok-node-1\nlr-web-2       1/1     Running            0          <none>',
    );
    expect(t).toContain(
      'lr-backend-1: ImagePullBackOff (container server, image lightruncom/server:x)\n  not found\n  fix: Check the tag',
    );
    expect(podsText([p('ok', { readiness: 'ready' })])).toContain(
      'Every pod is ready or reports no problem.',
    );
    expect(podsText([])).toBe('(no pods)\n');
  });
});

describe('planFiles', () => {
  it('answers files only with answers, the job log only with a job, preflight only when run', () => {
    const none = planFiles({ hasAnswers: false, hasJob: false, runPreflight: false }).map(
      (f) => f.file,
    );
    expect(none).not.toContain('answers/answers.json');
    expect(none).not.toContain('job/events.ndjson');
    expect(none).not.toContain('preflight.txt');
    expect(none).toContain('namespace/pods.json');
    const all = planFiles({ hasAnswers: true, hasJob: true, runPreflight: true }).map(
      (f) => f.file,
    );
    for (const f of [
      'answers/answers.json',
      'answers/values.yaml',
      'job/events.ndjson',
      'job/events.txt',
      'preflight.txt',
    ])
      expect(all).toContain(f);
  });
});

describe('readmeText', () => {
  const base: BundleReport = {
    target: {
      context: null,
      contextName: 'kind-a',
      server: 'https://127.0.0.1:6443',
      namespace: 'ns',
      release: 'lr',
    },
    startedAt: new Date('2026-12-01T10:00:00Z'),
    finishedAt: new Date('2026-12-01T10:00:02.5Z'),
    budgetMs: 60_000,
    collected: [{ file: 'namespace/pods.json', what: 'pods' }],
    failures: [],
    notes: [],
    redaction: {
      fromAnswers: 3,
      fromSecrets: 2,
      secretNames: ['a', 'b'],
      perFile: [['namespace/pods.json', 4]],
      manifestSecrets: ['lr-backend'],
    },
    wizardVersion: '0.1.0',
  };
  it('says when, which context and server, what was collected and redacted', () => {
    const t = readmeText(base);
    for (const s of [
      'Taken:      2026-12-01T10:00:00.000Z (2.5 s, time budget 60 s)',
      'Context:    kind-a (kubeconfig current-context)',
      'API server: https://127.0.0.1:6443',
      'namespace/pods.json',
      '3 from the answers',
      '2 from the Secret objects of the namespace (a, b)',
      'namespace/pods.json: 4',
      'Secrets lr-backend',
      'Nothing: every request answered.',
    ]) {
      expect(t).toContain(s);
    }
    expect(t).not.toContain('Notes');
  });
  it('lists every failure and note', () => {
    const t = readmeText({
      ...base,
      target: { ...base.target, context: 'kind-a' },
      failures: ['namespace/pods.json: denied (403 Forbidden)'],
      notes: ['logs: none'],
      redaction: { ...base.redaction, perFile: [] },
    });
    expect(t).toContain('  - namespace/pods.json: denied (403 Forbidden)');
    expect(t).toContain('Notes\n-----\n  - logs: none');
    expect(t).toContain('No file contained a secret value.');
    expect(t).not.toContain('Nothing: every request answered.');
    expect(t).not.toContain('(kubeconfig current-context)');
  });
});
