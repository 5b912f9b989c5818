// The support bundle against the local cluster with real helm: an install with a wrong image tag
// and distinctive secret values, run by the wizard's own job; the bundle names the failing pod's
// reason, holds the pods, events, helm history and the job log, and no file of it contains any
// secret value (plain, base64, JSON-escaped). A user who may read only pods and events still gets
// a bundle, with every denied resource named in README.txt.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { startInstall } from '@/lib/install/service';
import { stopAllNamespaceWatches } from '@/lib/cluster/namespace-watch';
import { bundleFor } from '@/lib/support/service';
import { supportBundle } from '@/lib/support/collect';
import { dropNamespace, helms, quickDefault, requireKube, uniqueNs } from '../install/helpers';

/** The project's own chart, named explicitly: an install that names none gets Lightrun's published chart, which tests cannot reach. */
const BUNDLED = { chart: { source: 'bundled' as const } };

const { v4 } = helms();
let kc: k8s.KubeConfig;
const namespaces: string[] = [];
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'lw-bundle-cluster-'));
  dirs.push(d);
  return d;
};

beforeAll(async () => {
  let kubeconfig: string;
  ({ kc, kubeconfig } = await requireKube());
  process.env.KUBECONFIG = kubeconfig;
  process.env.HELM = v4.path;
});
afterAll(async () => {
  stopAllNamespaceWatches();
  for (const n of namespaces) await dropNamespace(kc, n);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const rand = Math.random().toString(36).slice(2, 8);
/** Distinctive values: found only if the bundle leaks them. `&`, `<` and `>` take Go's JSON escapes. */
const SECRETS = {
  dbPassword: `Bndl-Db-Pw&${rand}<x>`,
  keycloakPassword: `Bndl-Kc-Pw-${rand}-Q7`,
  keystorePassword: `Bndl-Ks-Pw-${rand}-Z3`,
  license: `BNDL-LICENSE-${rand}-${'L'.repeat(24)}`,
  signature: `BNDL-SIGNATURE-${rand}-S9`,
};
/** A value only a Secret object made by hand holds (not in the answers), planted in an event too. */
const HAND_MADE = `Hand-Made-Token-${rand}-H5`;

function unpack(bytes: Buffer): { top: string; files: string[] } {
  const d = tmp();
  writeFileSync(path.join(d, 'b.tar.gz'), bytes);
  const r = spawnSync('tar', ['-xzf', 'b.tar.gz'], { cwd: d, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const listed = spawnSync('tar', ['-tzf', 'b.tar.gz'], { cwd: d, encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
  const top = path.join(d, listed[0]!);
  expect(listed[1]).toMatch(/README\.txt$/); // README.txt at the top, first in the archive
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) =>
      statSync(path.join(dir, f)).isDirectory() ? walk(path.join(dir, f)) : [path.join(dir, f)],
    );
  return { top, files: walk(top) };
}

const forms = (s: string) => [
  s,
  Buffer.from(s).toString('base64'),
  JSON.stringify(s).slice(1, -1),
  JSON.stringify(s)
    .slice(1, -1)
    .replace('&', '\\u0026')
    .replace('<', '\\u003c')
    .replace('>', '\\u003e'),
];

describe('support bundle after a failed install (wrong image tag)', () => {
  let top = '';
  let files: string[] = [];
  let readme = '';
  const read = (f: string) => readFileSync(path.join(top, f), 'utf8');

  beforeAll(async () => {
    const namespace = uniqueNs('lw-bundle');
    namespaces.push(namespace);
    const a = parse(readFileSync(quickDefault, 'utf8'));
    a.general.lightrunVersion = 'does-not-exist';
    a.database.password = SECRETS.dbPassword;
    a.secrets.keycloakPassword = SECRETS.keycloakPassword;
    a.secrets.keystorePassword = SECRETS.keystorePassword;
    a.license.content = SECRETS.license;
    a.license.signature = SECRETS.signature;
    const { job } = await startInstall({
      ...BUNDLED,
      answers: a,
      namespace,
      release: 'lr',
      timeoutSeconds: 180,
    });
    expect(await job.done).toBe('failed');
    // The job fails as soon as the first pod shows the pull failure, which can be before the
    // controllers have created every pod of the release: the bundle is taken once all 5 exist.
    const core = kc.makeApiClient(k8s.CoreV1Api);
    for (let t = 0; t < 120 && (await core.listNamespacedPod({ namespace })).items.length < 5; t++)
      await new Promise((r) => setTimeout(r, 500));
    // A Secret the admin made by hand, and an event that quotes its value (and its base64).
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'by-hand' }, stringData: { token: HAND_MADE } },
    });
    await core.createNamespacedEvent({
      namespace,
      body: {
        metadata: { name: `planted.${rand}` },
        type: 'Warning',
        reason: 'Planted',
        message: `token ${HAND_MADE} or ${Buffer.from(HAND_MADE).toString('base64')}`,
        involvedObject: { kind: 'Secret', name: 'by-hand', namespace },
        firstTimestamp: new Date(),
        lastTimestamp: new Date(),
        count: 1,
        source: { component: 'test' },
      },
    });
    const bundle = await bundleFor({ jobId: job.id });
    ({ top, files } = unpack(bundle.bytes));
    readme = read('README.txt');
  }, 300_000);

  it('holds the pods, their events, workloads, helm history, manifest, the job log and README.txt', () => {
    const rel = files.map((f) => path.relative(top, f)).sort();
    for (const f of [
      'README.txt',
      'answers/answers.json',
      'answers/values.yaml',
      'helm/history.json',
      'helm/status.json',
      'helm/manifest.yaml',
      'helm/values.yaml',
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
      'preflight.txt',
      'job/events.ndjson',
      'job/events.txt',
    ]) {
      expect(rel).toContain(f);
    }
    expect((JSON.parse(read('namespace/pods.json')) as unknown[]).length).toBe(5);
    expect(JSON.parse(read('helm/history.json'))).toMatchObject([{ revision: 1 }]);
    expect(JSON.parse(read('cluster/nodes.json'))[0]).toMatchObject({
      name: 'kwok-node-1',
      capacity: { cpu: '8' },
      nodeInfo: { kubeletVersion: expect.any(String), kernelVersion: expect.any(String) },
    });
    expect(JSON.parse(read('cluster/version.json')).gitVersion).toBe('v1.36.3');
    expect(read('job/events.txt')).toContain('Done: failed');
    expect(read('preflight.txt')).toContain('PASS api');
    expect(read('helm/manifest.yaml')).toContain('dataKeysRemoved');
    // helm 4's status lists the live objects: names only, never a Secret's data.
    expect(JSON.parse(read('helm/status.json')).info.resources['v1/Secret']).toEqual(
      expect.arrayContaining(['lr-backend']),
    );
    expect(read('helm/status.json')).not.toContain('"data"');
    // The certificate is public (support reads its expiry and names): not redacted; its key is.
    expect(read('answers/answers.json')).toContain('-----BEGIN CERTIFICATE-----');
    expect(readme).toContain('Nothing: every request answered.');
  });

  it('names the failing pod, its image and the pull failure', () => {
    const pods = read('namespace/pods.txt');
    expect(pods).toMatch(
      /lr-(backend|frontend|keycloak)-[a-z0-9]+-[a-z0-9]+: (ErrImagePull|ImagePullBackOff) \(container [a-z-]+, image lightruncom\/(server|webapp|keycloak):does-not-exist\)/,
    );
    expect(pods).toContain('fix: Check that the tag "does-not-exist" exists');
    expect(read('namespace/events.txt')).toContain('Failed to pull image');
  });

  it('the cluster gives no container logs: each log file says why, README.txt notes it, nothing failed', () => {
    const logs = files.filter((f) => f.includes(`${path.sep}logs${path.sep}`));
    expect(logs.length).toBeGreaterThanOrEqual(5);
    for (const f of logs) expect(readFileSync(f, 'utf8')).toMatch(/^\(no log: /);
    expect(readme).toContain('Container logs: the cluster gave none for any of the');
  });

  it('no file holds any secret value, plain, base64 or JSON-escaped; README.txt says what was redacted', () => {
    const all = [...Object.values(SECRETS), HAND_MADE];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const s of all)
        for (const form of forms(s))
          expect(
            text.includes(form),
            `${path.relative(top, f)} holds ${form === s ? 'a secret' : 'an encoded secret'}`,
          ).toBe(false);
    }
    // The redaction did work (it is not that the values never came near the bundle).
    expect(readme).toMatch(/namespace\/events\.(json|txt): [1-9]/);
    expect(readme).toContain('from the Secret objects of the namespace (by-hand, lr-');
    expect(read('namespace/events.txt')).toContain('token [redacted] or [redacted]');
  });
});

describe('partial results', () => {
  it('a user who may read only pods and events gets a bundle naming each denied resource', async () => {
    const namespace = uniqueNs('lw-bundle-rbac');
    namespaces.push(namespace);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await core.createNamespacedServiceAccount({
      namespace,
      body: { metadata: { name: 'viewer' } },
    });
    await rbac.createNamespacedRole({
      namespace,
      body: {
        metadata: { name: 'viewer' },
        rules: [
          { apiGroups: [''], resources: ['pods', 'pods/log', 'events'], verbs: ['get', 'list'] },
        ],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name: 'viewer' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'viewer' },
        subjects: [{ kind: 'ServiceAccount', name: 'viewer', namespace }],
      },
    });
    const token = await core.createNamespacedServiceAccountToken({
      name: 'viewer',
      namespace,
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
    const c = kc.getCurrentCluster()!;
    const out = new k8s.KubeConfig();
    out.loadFromOptions({
      clusters: [
        {
          name: 'local',
          server: c.server,
          caData: c.caData,
          caFile: c.caFile,
          skipTLSVerify: c.skipTLSVerify,
        },
      ],
      users: [{ name: 'viewer', token: token.status!.token }],
      contexts: [{ name: 'viewer', cluster: 'local', user: 'viewer' }],
      currentContext: 'viewer',
    });
    const file = path.join(tmp(), 'kubeconfig');
    writeFileSync(file, out.exportConfig(), { mode: 0o600 });

    const b = await supportBundle({
      target: { context: null, namespace, release: 'lr' },
      env: { ...process.env, KUBECONFIG: file },
    });
    const { top } = unpack(b.bytes);
    const readme = readFileSync(path.join(top, 'README.txt'), 'utf8');
    expect(readme).toContain('Context:    viewer');
    for (const f of [
      'cluster/nodes.json',
      'namespace/services.json',
      'namespace/workloads.json',
      'Secret values of the namespace',
    ]) {
      expect(readme).toContain(`- ${f}: denied (403 Forbidden)`);
    }
    expect(readme).toMatch(
      /- helm: release lr in namespace lw-bundle-rbac-[a-z0-9-]+: .*forbidden/,
    );
    expect(readme).toContain(
      'The Secret objects could not be read: values were redacted from the answers only.',
    );
    expect(readFileSync(path.join(top, 'namespace', 'pods.json'), 'utf8')).toBe('[]\n');
    expect(readFileSync(path.join(top, 'cluster', 'version.json'), 'utf8')).toContain('v1.36.3');
  });

  it('an unreachable API server is one line of README.txt, within the budget', async () => {
    const file = path.join(tmp(), 'kubeconfig');
    writeFileSync(
      file,
      `apiVersion: v1\nkind: Config\nclusters: [{name: dead, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: dead, context: {cluster: dead, user: u}}]\ncurrent-context: dead\n`,
    );
    const t0 = Date.now();
    const b = await supportBundle({
      target: { context: null, namespace: 'x', release: 'lr' },
      env: { ...process.env, KUBECONFIG: file },
      limits: { budgetMs: 10_000 },
    });
    expect(Date.now() - t0).toBeLessThan(10_000);
    const { top, files } = unpack(b.bytes);
    const readme = readFileSync(path.join(top, 'README.txt'), 'utf8');
    expect(readme).toContain('Cluster: the API server https://127.0.0.1:1 is not reachable');
    expect(b.failures).toHaveLength(1);
    expect(files.map((f) => path.basename(f))).toEqual(['README.txt']);
  });
});
