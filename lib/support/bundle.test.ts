// supportBundle end to end without a cluster: a fake API server (plain HTTP, the paths the bundle
// reads) and a fake helm (a shell script) stand in for them, so every kind of evidence is gathered,
// redacted and packed here; test/cluster/support-bundle.cluster.test.ts does the same for real.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { JobLog } from '../install/job-log';
import { supportBundle, type Bundle, type BundleInput } from './collect';

const NS = 'lr-ns';
const RELEASE = 'lr';
const NOW = Date.parse('2026-03-01T10:00:00Z');
const DB_PASSWORD = 'Db-Pw-Distinct-4242';
const HAND_MADE = 'Hand-Made-Token-H5x9';
const b64 = (s: string) => Buffer.from(s).toString('base64');

const pod = {
  metadata: {
    name: 'lr-backend-0',
    namespace: NS,
    labels: { 'app.kubernetes.io/instance': RELEASE },
    managedFields: [{ manager: 'kubectl' }],
  },
  spec: { containers: [{ name: 'backend', image: 'lightruncom/server:1' }] },
  status: {
    phase: 'Pending',
    containerStatuses: [
      {
        name: 'backend',
        ready: false,
        restartCount: 0,
        image: 'lightruncom/server:1',
        imageID: '',
        state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } },
      },
    ],
  },
};
const events = [
  {
    metadata: { name: 'e1', namespace: NS },
    involvedObject: { kind: 'Pod', name: 'lr-backend-0', namespace: NS },
    type: 'Warning',
    reason: 'Failed',
    message: `token ${HAND_MADE} or ${b64(HAND_MADE)}`,
    lastTimestamp: '2026-03-01T09:59:00Z',
    count: 1,
  },
  {
    metadata: { name: 'e2', namespace: NS },
    involvedObject: { kind: 'Pod', name: 'someone-else', namespace: NS },
    type: 'Normal',
    reason: 'Pulled',
    message: 'not ours',
    lastTimestamp: '2026-03-01T09:58:00Z',
  },
];
const list = (items: unknown[]) => ({ items });

/** The API server: each path the bundle reads; ingresses are forbidden, anything else 404. */
const ROUTES: Record<string, { status?: number; body: unknown; text?: boolean }> = {
  '/version': { body: { major: '1', minor: '30', gitVersion: 'v1.30.0', platform: 'linux/amd64' } },
  '/api/v1/nodes': {
    body: list([
      {
        metadata: { name: 'node-1', labels: { 'kubernetes.io/arch': 'amd64' } },
        status: { capacity: { cpu: '4', memory: '16Gi' }, allocatable: { cpu: '4' } },
      },
    ]),
  },
  [`/api/v1/namespaces/${NS}/pods`]: { body: list([pod]) },
  [`/api/v1/namespaces/${NS}/events`]: { body: list(events) },
  [`/api/v1/namespaces/${NS}/persistentvolumeclaims`]: { body: list([]) },
  [`/api/v1/namespaces/${NS}/services`]: {
    body: list([{ metadata: { name: 'lr-backend', namespace: NS }, spec: { type: 'ClusterIP' } }]),
  },
  [`/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses`]: {
    status: 403,
    body: {
      kind: 'Status',
      message: `ingresses.networking.k8s.io is forbidden: User "dev" cannot list resource "ingresses" in the namespace "${NS}"`,
      code: 403,
    },
  },
  [`/apis/networking.k8s.io/v1/namespaces/${NS}/networkpolicies`]: { body: list([]) },
  [`/apis/apps/v1/namespaces/${NS}/deployments`]: { body: list([]) },
  [`/apis/apps/v1/namespaces/${NS}/statefulsets`]: {
    body: list([{ metadata: { name: 'lr-backend', namespace: NS }, spec: { replicas: 1 } }]),
  },
  [`/apis/apps/v1/namespaces/${NS}/daemonsets`]: { body: list([]) },
  [`/apis/apps/v1/namespaces/${NS}/replicasets`]: { body: list([]) },
  [`/apis/batch/v1/namespaces/${NS}/jobs`]: { body: list([]) },
  [`/api/v1/namespaces/${NS}/secrets`]: {
    body: list([
      { metadata: { name: 'by-hand' }, type: 'Opaque', data: { token: b64(HAND_MADE) } },
    ]),
  },
  [`/api/v1/namespaces/${NS}/pods/lr-backend-0/log`]: {
    text: true,
    body: `starting\nconnecting with password ${DB_PASSWORD}\n`,
  },
};

const HELM_FILES = {
  'history.json': JSON.stringify([
    { revision: 1, status: 'failed', chart: 'lightrun-3.9.4', description: 'wait failed' },
  ]),
  'status.json': JSON.stringify({
    name: RELEASE,
    info: { status: 'failed', notes: 'the notes' },
    config: { database: { password: DB_PASSWORD } },
    manifest: 'kind: Secret',
  }),
  'values.json': JSON.stringify({ general: { db_local: true }, database: { password: 'x' } }),
  'manifest.yaml': [
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: lr-backend',
    'data:',
    `  password: ${b64(DB_PASSWORD)}`,
    '---',
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    '  name: lr-backend',
    '',
  ].join('\n'),
};
/** helm: `version`, then history/status/get values/get manifest from the files beside it. */
const HELM_SCRIPT = `#!/bin/sh
d=$(dirname "$0")
case "$1 $2" in
  "version --short") echo "v3.15.2+g1a500d5" ;;
  history*) [ -f "$d/no-release" ] && { echo "Error: release: not found" >&2; exit 1; }; cat "$d/history.json" ;;
  status*) cat "$d/status.json" ;;
  "get values") cat "$d/values.json" ;;
  "get manifest") cat "$d/manifest.yaml" ;;
  *) echo "unexpected: $*" >&2; exit 3 ;;
esac
`;

let server: http.Server;
let dir = '';
const requests: string[] = [];

function kubeconfig(file: string, serverUrl: string) {
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: fake\n  cluster:\n    server: ${serverUrl}\n    insecure-skip-tls-verify: true`,
      'users:',
      '- name: dev\n  user:\n    token: not-a-real-token',
      'contexts:',
      `- name: fake\n  context:\n    cluster: fake\n    user: dev\n    namespace: ${NS}`,
      'current-context: fake',
      '',
    ].join('\n'),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lw-bundle-unit-'));
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname);
    const r = ROUTES[url.pathname];
    if (!r) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', message: 'not found', code: 404 }));
      return;
    }
    res.writeHead(r.status ?? 200, { 'content-type': r.text ? 'text/plain' : 'application/json' });
    res.end(r.text ? String(r.body) : JSON.stringify(r.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const helmDir = path.join(dir, 'helm');
  mkdirSync(helmDir);
  for (const [f, c] of Object.entries(HELM_FILES)) writeFileSync(path.join(helmDir, f), c);
  writeFileSync(path.join(helmDir, 'helm'), HELM_SCRIPT);
  chmodSync(path.join(helmDir, 'helm'), 0o755);
  kubeconfig(
    path.join(dir, 'fake.kubeconfig'),
    `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  );
  kubeconfig(path.join(dir, 'closed.kubeconfig'), 'http://127.0.0.1:1');
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const env = (kubeconfigFile: string) =>
  ({
    PATH: process.env.PATH,
    HOME: dir,
    XDG_CACHE_HOME: path.join(dir, 'cache'),
    KUBECONFIG: path.join(dir, kubeconfigFile),
    HELM: path.join(dir, 'helm', 'helm'),
    NODE_ENV: 'test',
  }) satisfies NodeJS.ProcessEnv;

function answers() {
  const a = validAnswers();
  a.database.password = DB_PASSWORD;
  return a;
}

/** The archive's files by their path inside its top directory. */
function unpack(b: Bundle): Record<string, string> {
  const d = mkdtempSync(path.join(dir, 'x-'));
  writeFileSync(path.join(d, 'b.tar.gz'), b.bytes);
  const r = spawnSync('tar', ['-xzf', 'b.tar.gz'], { cwd: d, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const top = path.join(d, b.name);
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const e of readdirSync(path.join(top, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else out[rel] = readFileSync(path.join(top, rel), 'utf8');
    }
  };
  walk('');
  return out;
}

const take = (o: Partial<BundleInput>) =>
  supportBundle({
    target: { context: null, namespace: NS, release: RELEASE },
    now: () => NOW,
    env: env('fake.kubeconfig'),
    ...o,
  });

describe('supportBundle against a fake API server and a fake helm', () => {
  let bundle: Bundle;
  let files: Record<string, string>;
  beforeAll(async () => {
    const log = new JobLog();
    log.append({ type: 'step', step: 'helm', state: 'running', message: 'helm upgrade' });
    log.append({ type: 'done', outcome: 'failed', summary: ['ImagePullBackOff'] });
    bundle = await take({ answers: answers(), job: { id: 'j1', log }, preflight: false });
    files = unpack(bundle);
  }, 30_000);

  it('gathers every kind of evidence into its own file, README.txt first', () => {
    expect(bundle.name).toBe('support-bundle-lr-20260301T100000Z');
    expect(bundle.files).toEqual([
      'README.txt',
      'answers/answers.json',
      'answers/values.yaml',
      'cluster/nodes.json',
      'cluster/version.json',
      'helm/history.json',
      'helm/manifest.yaml',
      'helm/status.json',
      'helm/values.yaml',
      'job/events.ndjson',
      'job/events.txt',
      'logs/lr-backend-0/backend.log',
      'namespace/events.json',
      'namespace/events.txt',
      'namespace/networkpolicies.json',
      'namespace/pods.json',
      'namespace/pods.txt',
      'namespace/pvcs.json',
      'namespace/services.json',
      'namespace/workloads.json',
    ]);
    expect(Object.keys(files).sort()).toEqual(bundle.files);
  });

  it('a denied resource is named with the fix, and nothing else failed', () => {
    expect(bundle.failures).toEqual([
      `namespace/ingresses.json: denied (403 Forbidden): ingresses.networking.k8s.io is forbidden: User "dev" cannot list resource "ingresses" in the namespace "${NS}". Grant the context's user read access to ingresses in ${NS} (npm run cli -- preflight --print-rbac USER lists what the install needs).`,
    ]);
    expect(files['README.txt']).toContain('- namespace/ingresses.json: denied (403 Forbidden)');
  });

  it('README.txt names the target and lists the files in plan order, logs last', () => {
    const readme = files['README.txt']!;
    expect(readme).toBe(bundle.readme);
    expect(readme).toContain('Taken:      2026-03-01T10:00:00.000Z (0.0 s, time budget 60 s)');
    expect(readme).toContain('Context:    fake (kubeconfig current-context)');
    expect(readme).toContain(`API server: http://127.0.0.1:`);
    const collected = readme
      .split('Collected\n---------\n')[1]!
      .split('\n\n')[0]!
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[0]);
    expect(collected).toEqual([
      'answers/answers.json',
      'answers/values.yaml',
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
      'namespace/pvcs.json',
      'namespace/networkpolicies.json',
      'job/events.ndjson',
      'job/events.txt',
      'logs/lr-backend-0/backend.log',
    ]);
  });

  it('no file holds a secret value, of the answers or of a Secret object, plain or base64', () => {
    for (const [f, text] of Object.entries(files)) {
      for (const s of [DB_PASSWORD, HAND_MADE, b64(HAND_MADE), b64(DB_PASSWORD)])
        expect(text, `${f} holds ${s}`).not.toContain(s);
    }
    expect(files['logs/lr-backend-0/backend.log']).toBe(
      'starting\nconnecting with password [redacted]\n',
    );
    expect(files['namespace/events.json']).toContain('token [redacted] or [redacted]');
    expect(files['README.txt']).toContain(
      'and 1 from the Secret objects of the namespace (by-hand)',
    );
    expect(files['README.txt']).toContain(
      '  helm/manifest.yaml: data/stringData removed from the Secrets lr-backend.',
    );
  });

  it('the pods: their objects cleaned, their summary with the reason; events of ours only', () => {
    const pods = JSON.parse(files['namespace/pods.json']!);
    expect(pods.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual([
      'lr-backend-0',
    ]);
    expect(pods[0].metadata.managedFields).toBeUndefined();
    expect(files['namespace/pods.txt']).toContain('lr-backend-0');
    expect(files['namespace/pods.txt']).toContain('ImagePullBackOff');
    const ev = JSON.parse(files['namespace/events.json']!);
    expect(ev.map((e: { reason: string }) => e.reason)).toEqual(['Failed']);
    expect(files['namespace/events.txt']).toContain('Failed');
  });

  it('the cluster objects, each list in its file', () => {
    expect(JSON.parse(files['cluster/version.json']!).gitVersion).toBe('v1.30.0');
    expect(JSON.parse(files['cluster/nodes.json']!)).toHaveLength(1);
    expect(JSON.parse(files['namespace/services.json']!)[0].metadata.name).toBe('lr-backend');
    const w = JSON.parse(files['namespace/workloads.json']!);
    expect(Object.keys(w)).toEqual([
      'deployments',
      'statefulSets',
      'daemonSets',
      'replicaSets',
      'jobs',
    ]);
    expect(w.statefulSets[0].metadata.name).toBe('lr-backend');
    expect(JSON.parse(files['namespace/pvcs.json']!)).toEqual([]);
    // The Secrets were read to redact, never written.
    expect(Object.keys(files).some((f) => /secret/i.test(f))).toBe(false);
  });

  it("helm's record: history, status without values and manifest, values masked, manifest without Secret data", () => {
    expect(JSON.parse(files['helm/history.json']!)[0].revision).toBe(1);
    const status = JSON.parse(files['helm/status.json']!);
    expect(status.info.status).toBe('failed');
    expect(status.config).toBeUndefined();
    expect(status.manifest).toBeUndefined();
    expect(files['helm/values.yaml']).toContain('general:');
    expect(files['helm/manifest.yaml']).toContain('kind: StatefulSet');
    expect(files['helm/manifest.yaml']).not.toContain('password:');
  });

  it("the job's log as events and as the CLI prints it; the answers without secrets", () => {
    const lines = files['job/events.ndjson']!.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((e) => e.type)).toEqual(['step', 'done']);
    expect(files['job/events.txt']).toContain('ImagePullBackOff');
    expect(JSON.parse(files['answers/answers.json']!).general.endpoint).toBe(
      'lightrun.acme.example.com',
    );
    expect(files['answers/values.yaml']).toContain('lightrun.acme.example.com');
  });
});

describe('supportBundle when parts are missing', () => {
  it('no kubeconfig: answers and preflight only, README.txt says why and that no job is part of it', async () => {
    const b = await take({ answers: answers(), env: env('none.kubeconfig') });
    expect(b.files).toEqual([
      'README.txt',
      'answers/answers.json',
      'answers/values.yaml',
      'preflight.txt',
    ]);
    expect(b.failures).toHaveLength(1);
    expect(b.failures[0]).toMatch(/^Cluster: no usable kubeconfig context: /);
    expect(b.readme).toContain('Context:    (none) (kubeconfig current-context)');
    expect(b.readme).toContain("No install job of the wizard's server is part of this bundle");
    const f = unpack(b);
    expect(f['preflight.txt']).toContain('API server');
    expect(f['preflight.txt']).not.toContain('dry run');
  }, 30_000);

  it('an API server that does not answer: nothing read from the cluster or helm, said once', async () => {
    const b = await take({ env: env('closed.kubeconfig') });
    expect(b.files).toEqual(['README.txt']);
    expect(b.failures).toHaveLength(1);
    expect(b.failures[0]).toMatch(
      /^Cluster: the API server http:\/\/127\.0\.0\.1:1 is not reachable: .* Nothing was read from the cluster or from helm\.$/,
    );
  }, 30_000);

  it('helm knows no such release: the rest is gathered, the helm files are named as not collected', async () => {
    writeFileSync(path.join(dir, 'helm', 'no-release'), '');
    try {
      const b = await take({ preflight: false });
      expect(b.files.filter((f) => f.startsWith('helm/'))).toEqual([]);
      expect(b.files).toContain('namespace/pods.json');
      expect(b.failures).toContain(
        `helm: release ${RELEASE} in namespace ${NS}: Error: release: not found; status, history, values and manifest were not collected.`,
      );
    } finally {
      rmSync(path.join(dir, 'helm', 'no-release'));
    }
  }, 30_000);

  it('a time budget spent: each request not started is named, the Secrets too', async () => {
    let t = NOW;
    const b = await take({
      preflight: false,
      // Every reading of the clock is 30 s later: past the start, the 60 s budget is gone at once.
      now: () => (t += 30_000),
    });
    const reads = [
      'cluster/version.json',
      'cluster/nodes.json',
      'namespace/pods.json',
      'namespace/events.json',
      'namespace/pvcs.json',
      'namespace/services.json',
      'namespace/ingresses.json',
      'namespace/networkpolicies.json',
      'namespace/workloads.json',
      'Secret values of the namespace',
    ];
    expect(b.failures).toEqual(
      expect.arrayContaining(
        reads.map((r) => `${r}: not collected, the time budget of 60 s ran out.`),
      ),
    );
    expect(b.files.filter((f) => f.startsWith('namespace/') || f.startsWith('logs/'))).toEqual([]);
    expect(b.readme).toContain(
      'The Secret objects could not be read: values were redacted from the answers only.',
    );
  }, 30_000);
});
