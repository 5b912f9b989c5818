// The in-cluster manifest's RBAC on the real local cluster: the ServiceAccount, Role and
// ClusterRole of deploy/lightrun-wizard.yaml (the generated file itself, namespaces renamed per
// run) are applied; with a token of that ServiceAccount (TokenRequest API) the preflight passes
// its access checks and `cli install` of examples/quick-default reaches all-ready. One permission
// less (one verb of one resource) makes the preflight name exactly that permission.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { checkPermissions } from '@/lib/preflight/permissions';
import { waitUntil } from '../chart/cluster';
import {
  cli,
  dropNamespace,
  helms,
  podsReady,
  quickDefault,
  repoRoot,
  requireKube,
  uniqueNs,
} from './helpers';

type Obj = k8s.KubernetesObject & {
  rules?: k8s.V1PolicyRule[];
  subjects?: k8s.RbacV1Subject[];
  roleRef?: k8s.V1RoleRef;
};

const wizardNs = uniqueNs('lw-wizard');
const targetNs = uniqueNs('lw-target');
const suffix = wizardNs.slice('lw-wizard-'.length);
let kc: k8s.KubeConfig;
let objects: k8s.KubernetesObjectApi;
let applied: Obj[] = [];
const dirs: string[] = [];

/** deploy/lightrun-wizard.yaml as written by `npm run gen`, moved to this run's namespaces. */
function manifest(): Obj[] {
  const docs = parseAllDocuments(
    readFileSync(path.join(repoRoot, 'deploy', 'lightrun-wizard.yaml'), 'utf8'),
  ).map((d) => d.toJSON() as Obj);
  const rename = (n?: string) =>
    n === 'lightrun-wizard' ? wizardNs : n === 'lightrun' ? targetNs : n;
  for (const o of docs) {
    if (o.kind === 'Namespace') o.metadata!.name = rename(o.metadata!.name);
    if (o.metadata!.namespace) o.metadata!.namespace = rename(o.metadata!.namespace);
    if (o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding')
      o.metadata!.name = `${o.metadata!.name}-${suffix}`;
    if (o.kind === 'ClusterRoleBinding') o.roleRef!.name = `${o.roleRef!.name}-${suffix}`;
    for (const s of o.subjects ?? []) s.namespace = rename(s.namespace);
  }
  return docs;
}

/** A kubeconfig holding a fresh token of the wizard's ServiceAccount (0600, in a private dir). */
async function serviceAccountKubeconfig(): Promise<{ file: string; kc: k8s.KubeConfig }> {
  const tr = await kc.makeApiClient(k8s.CoreV1Api).createNamespacedServiceAccountToken({
    name: 'lightrun-wizard',
    namespace: wizardNs,
    body: { spec: { audiences: [], expirationSeconds: 1200 } },
  });
  const c = kc.getCurrentCluster()!;
  const sa = new k8s.KubeConfig();
  sa.loadFromOptions({
    clusters: [
      {
        name: 'local',
        server: c.server,
        caData: c.caData,
        caFile: c.caFile,
        skipTLSVerify: c.skipTLSVerify,
      },
    ],
    users: [{ name: 'wizard-sa', token: tr.status!.token }],
    contexts: [{ name: 'wizard-sa', cluster: 'local', user: 'wizard-sa', namespace: wizardNs }],
    currentContext: 'wizard-sa',
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-sa-kubeconfig-'));
  dirs.push(dir);
  const file = path.join(dir, 'config');
  writeFileSync(file, sa.exportConfig(), { mode: 0o600 });
  return { file, kc: sa };
}

beforeAll(async () => {
  ({ kc } = await requireKube());
  objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  const all = manifest();
  expect(all.map((o) => o.kind)).toEqual([
    'Namespace',
    'Namespace',
    'ServiceAccount',
    'Role',
    'RoleBinding',
    'ClusterRole',
    'ClusterRoleBinding',
    'Deployment',
  ]);
  // The Deployment needs the image (not built here); everything the access rests on is applied.
  applied = all.filter((o) => o.kind !== 'Deployment');
  for (const o of applied) await objects.create(o);
});

afterAll(async () => {
  for (const o of applied.filter(
    (x) => x.kind === 'ClusterRole' || x.kind === 'ClusterRoleBinding',
  ))
    await objects.delete(o).catch(() => undefined);
  await dropNamespace(kc, targetNs);
  await kc
    .makeApiClient(k8s.CoreV1Api)
    .deleteNamespace({ name: wizardNs })
    .catch(() => undefined);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the in-cluster ServiceAccount with the generated least RBAC', () => {
  it("passes the preflight's access checks and installs quick-default to all-ready with its own token", async () => {
    const sa = await serviceAccountKubeconfig();
    // RBAC is read from the authorizer's cache: allow it a moment to see the new bindings.
    await waitUntil(
      'the permissions check to pass',
      async () => (await checkPermissions(sa.kc, targetNs)).status === 'pass',
      20_000,
    );
    const env = { KUBECONFIG: sa.file, HELM: helms().v4.path };
    const pre = await cli(
      [
        'preflight',
        '--answers',
        quickDefault,
        '--namespace',
        targetNs,
        '--release',
        'lr',
        '--chart',
        'bundled',
      ],
      env,
    );
    const lines = pre.stdout.split('\n').filter(Boolean);
    expect(
      lines.filter((l) => l.startsWith('FAIL')),
      pre.stdout + pre.stderr,
    ).toEqual([]);
    expect(lines.find((l) => l.split(/\s+/)[1] === 'permissions')).toMatch(/^PASS permissions /);
    expect(pre.code, pre.stdout + pre.stderr).toBe(0);
    const r = await cli(
      [
        'install',
        '--chart',
        'bundled',
        '--answers',
        quickDefault,
        '--namespace',
        targetNs,
        '--release',
        'lr',
        '--timeout',
        '180',
      ],
      env,
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const ready = await podsReady(kc, targetNs, 'lr');
    expect(ready.length).toBeGreaterThan(0);
    expect(ready.filter(([, ok]) => !ok)).toEqual([]);
  }, 300_000);

  it('one permission less (delete secrets) is named exactly by the preflight', async () => {
    const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
    const role = await rbac.readNamespacedRole({ name: 'lightrun-wizard', namespace: targetNs });
    const core = role.rules!.find(
      (r) => r.apiGroups?.[0] === '' && r.resources?.includes('secrets'),
    )!;
    // secrets split out of its rule with every verb but delete; the rest of the Role unchanged.
    const rules = [
      ...role.rules!.map((r) =>
        r === core ? { ...r, resources: r.resources!.filter((x) => x !== 'secrets') } : r,
      ),
      { apiGroups: [''], resources: ['secrets'], verbs: core.verbs.filter((v) => v !== 'delete') },
    ];
    await rbac.replaceNamespacedRole({
      name: 'lightrun-wizard',
      namespace: targetNs,
      body: { ...role, rules },
    });
    try {
      const sa = await serviceAccountKubeconfig();
      const v = await waitUntil(
        'the check to see the change',
        async () => {
          const r = await checkPermissions(sa.kc, targetNs);
          return r.status === 'fail' ? r : undefined;
        },
        20_000,
      );
      expect(v.message).toBe(`Missing in namespace ${targetNs}: delete secrets.`);
      const pre = await cli(
        [
          'preflight',
          '--answers',
          quickDefault,
          '--namespace',
          targetNs,
          '--release',
          'lr',
          '--chart',
          'bundled',
        ],
        { KUBECONFIG: sa.file, HELM: helms().v4.path },
      );
      expect(pre.code).toBe(2);
      expect(pre.stdout).toContain(`Missing in namespace ${targetNs}: delete secrets.`);
    } finally {
      await rbac.replaceNamespacedRole({
        name: 'lightrun-wizard',
        namespace: targetNs,
        body: { ...role, metadata: { ...role.metadata, resourceVersion: undefined } },
      }); // unconditional: restore as read
    }
  }, 120_000);

  it('one cluster-wide read less (list storageclasses) is named too (a warning: the install itself can go on)', async () => {
    const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
    const name = `lightrun-wizard-reads-${suffix}`;
    const cr = await rbac.readClusterRole({ name });
    await rbac.replaceClusterRole({
      name,
      body: { ...cr, rules: cr.rules!.filter((r) => !r.resources?.includes('storageclasses')) },
    });
    try {
      const sa = await serviceAccountKubeconfig();
      const v = await waitUntil(
        'the check to see the change',
        async () => {
          const r = await checkPermissions(sa.kc, targetNs);
          return r.status === 'warn' ? r : undefined;
        },
        20_000,
      );
      expect(v.message).toBe(
        `All install permissions in ${targetNs} granted; cluster-wide reads missing: list storageclasses.storage.k8s.io.`,
      );
    } finally {
      await rbac.replaceClusterRole({
        name,
        body: { ...cr, metadata: { ...cr.metadata, resourceVersion: undefined } },
      });
    }
  }, 120_000);
});

// The manifest holds the Role `cli preflight --print-rbac` prints for a user (docs/in-cluster.md).
it("the manifest's Role is the one --print-rbac prints", async () => {
  const r = await cli(['preflight', '--print-rbac', 'alice', '--namespace', 'lightrun'], {});
  expect(r.code).toBe(0);
  const printed = parseAllDocuments(r.stdout).map((d) => d.toJSON() as Obj);
  const file = parseAllDocuments(
    readFileSync(path.join(repoRoot, 'deploy', 'lightrun-wizard.yaml'), 'utf8'),
  ).map((d) => d.toJSON() as Obj);
  expect(stringify(file.find((o) => o.kind === 'Role')!.rules)).toBe(
    stringify(printed.find((o) => o.kind === 'Role')!.rules),
  );
  expect(stringify(file.find((o) => o.kind === 'ClusterRole')!.rules)).toBe(
    stringify(printed.find((o) => o.kind === 'ClusterRole')!.rules),
  );
});
