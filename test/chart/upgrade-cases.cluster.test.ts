// Each upgrade of docs/chart-3.50.md §13.1 as docs/upgrade.md describes it, on the local cluster,
// with helm v4 and with helm v3 (each in a namespace of its own, installed and upgraded by that
// helm: no install is shared between the two): the 3.9.4 release installed with the project's
// chart/, the plan made by `planLiveRelease` (the function behind the plan page and
// `cli upgrade-plan --release`), the pre-steps it lists that act on the cluster done as an admin
// would, then `helm upgrade` to chart-3.50/ with the plan's translated values-3.50.yaml.
// The plan must predict exactly:
// - the objects that disappear (deleted), appear (created) and whose live state changes (changed),
//   by kind/name, compared with the namespace's live objects before and after;
// - the claims: every claim it keeps has its UID afterwards, every other claim of the namespace
//   too, and those it puts at risk are the ones its step deleted;
// and the values the release's database, Keycloak and queue were initialised with stay in their
// Secrets (the new encryption key is added beside them). U4 without the step fails as §13.1 says.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import {
  planLiveRelease,
  upgradeSecretsOfRelease,
  valuesFileText,
} from '../../lib/install/upgrade-plan';
import { RELEASES_394 } from '../../lib/upgrade/__fixtures__/releases';
import type { ObjectRef, ObjectsPlan } from '../../lib/upgrade/objects';
import type { UpgradePlan } from '../../lib/upgrade/plan';
import { parseObjects } from '../../lib/upgrade/manifest';
import { deepMerge, type Tree } from '../../lib/values/tree';
import { requireKube, waitUntil, warmUpKwok, freshNamespace, helmDeploy } from './cluster';
import { chart350Dir, chartDir, helmBinaries, runHelmAsync, type HelmBin } from './helm';
import { cleanup350, kwokSmall350, valuesFile } from './chart350';

const REL = 'acme';
const bins = helmBinaries();

/** Self-signed internal TLS (§13.1, "checked separately"): U1 with the pre-install certificates. */
const T7 = deepMerge(RELEASES_394.U1!, {
  general: {
    internal_tls: {
      enabled: true,
      certificates: { source: 'generate_self_signed_certificates', verification: false },
    },
  },
}) as Tree;

const CASES: Array<{ id: string; values: Tree }> = [
  { id: 'U1', values: RELEASES_394.U1! },
  { id: 'U2', values: RELEASES_394.U2! },
  { id: 'U3', values: RELEASES_394.U3! },
  { id: 'U4', values: RELEASES_394.U4! },
  { id: 'U5', values: RELEASES_394.U5! },
  { id: 'T7', values: T7 },
];

/** The Secret keys holding what the database, Keycloak and the queue were initialised with. */
const INITIALISED: Record<string, string[]> = {
  backend: [
    'SPRING_DATASOURCE_USERNAME',
    'SPRING_DATASOURCE_PASSWORD',
    'SPRING_FLYWAY_USER',
    'SPRING_FLYWAY_PASSWORD',
    'SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD',
    'KEYSTORE_PASSWORD',
    'LICENSE_CONTENT',
    'LICENSE_SIGNATURE',
    'SPRING_RABBITMQ_USERNAME',
    'SPRING_RABBITMQ_PASSWORD',
  ],
  keycloak: ['KEYCLOAK_PASSWORD', 'DB_USER', 'DB_PASSWORD'],
  certificate: ['tls.crt', 'tls.key'],
};

let kc: k8s.KubeConfig;
let kubeconfig: string;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;
let objects: k8s.KubernetesObjectApi;
const namespaces: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  ({ kc, kubeconfig } = await requireKube());
  core = kc.makeApiClient(k8s.CoreV1Api);
  apps = kc.makeApiClient(k8s.AppsV1Api);
  objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  await warmUpKwok(kc, (ns) => namespaces.push(ns));
});

afterAll(async () => {
  cleanup350();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const ns of namespaces) await core?.deleteNamespace({ name: ns }).catch(() => undefined);
});

const key = (o: { kind: string; name: string }) => `${o.kind}/${o.name}`;
const sorted = (xs: string[]) => [...xs].sort();
const notFound = (e: unknown) => (e as { code?: number }).code === 404;

/**
 * The cloud's part for LoadBalancer Services, which the local cluster has no controller for: each
 * gets an address in its status (helm 3's --wait waits for one), a new one per Service.
 */
let nextAddress = 10;
async function assignAddresses(ns: string) {
  const list = await core.listNamespacedService({ namespace: ns });
  for (const svc of list.items) {
    if (svc.spec?.type !== 'LoadBalancer' || svc.status?.loadBalancer?.ingress?.length) continue;
    const status = { loadBalancer: { ingress: [{ ip: `192.0.2.${nextAddress++ % 250}` }] } };
    await core
      .replaceNamespacedServiceStatus({
        name: svc.metadata!.name!,
        namespace: ns,
        body: { ...svc, status },
      })
      .catch(() => undefined); // changed meanwhile: the next round
  }
}

/** `helm install|upgrade --wait`, while the namespace's load balancers get their addresses. */
async function helm(
  bin: HelmBin,
  verb: 'install' | 'upgrade',
  chart: string,
  ns: string,
  f: string[],
) {
  let on = true;
  const lb = (async () => {
    while (on) {
      await assignAddresses(ns).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  try {
    return await helmDeploy(bin, { kubeconfig, release: REL, namespace: ns }, verb, chart, f);
  } finally {
    on = false;
    await lb;
  }
}

/**
 * At most two releases at a time, each namespace deleted when its test ends: the shared cluster's
 * fake nodes have CPU requests for few releases beside the other engineers' ones.
 */
const LIMIT = 2;
let running = 0;
const queue: Array<() => void> = [];
async function oneOfTwo<T>(fn: (track: (ns: string) => void) => Promise<T>): Promise<T> {
  while (running >= LIMIT) await new Promise<void>((r) => queue.push(r));
  running++;
  const mine: string[] = [];
  try {
    return await fn((ns) => mine.push(ns));
  } finally {
    for (const ns of mine) await core.deleteNamespace({ name: ns }).catch(() => undefined);
    running--;
    queue.shift()?.();
  }
}

async function installed(
  bin: HelmBin,
  id: string,
  v: Tree,
  track: (ns: string) => void,
): Promise<string> {
  const tag = bin.name === 'helm v3' ? 'h3' : 'h4';
  const ns = await freshNamespace(core, `lw-upc-${id.toLowerCase()}-${tag}`, (n) => {
    namespaces.push(n);
    track(n);
  });
  const install = await helm(bin, 'install', chartDir, ns, [valuesFile(v), kwokSmall350]);
  expect(install.code, `${install.stderr}\n${install.stdout}`).toBe(0);
  return ns;
}

/** The plan as the page and the CLI make it, and its values written as the download writes them. */
async function plan(ns: string): Promise<{ p: UpgradePlan; o: ObjectsPlan; file: string }> {
  const { plan: p } = await planLiveRelease({ release: REL, namespace: ns }, { source: 'bundled' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-upc-'));
  dirs.push(dir);
  const file = path.join(dir, 'values-3.50.yaml');
  writeFileSync(file, valuesFileText(p.values), { mode: 0o600 });
  expect(p.objects).toBeDefined();
  return { p, o: p.objects!, file };
}

/** Every object of the release's manifest and of the target render (hooks left out). */
async function candidates(bin: HelmBin, ns: string, values: string): Promise<ObjectRef[]> {
  const kube = ['-n', ns, '--kubeconfig', kubeconfig];
  const manifest = await runHelmAsync(bin, ['get', 'manifest', REL, ...kube]);
  const render = await runHelmAsync(bin, ['template', REL, chart350Dir, '-n', ns, '-f', values]);
  expect([manifest.code, render.code], manifest.stderr + render.stderr).toEqual([0, 0]);
  const all = [...parseObjects(manifest.stdout), ...parseObjects(render.stdout)];
  return [...new Map(all.map((o) => [key(o), o])).values()];
}

/** What an object is, as its owner set it: no status, nothing the API server keeps for itself. */
function stateOf(o: k8s.KubernetesObject): string {
  const { metadata, ...rest } = o as k8s.KubernetesObject & Record<string, unknown>;
  delete rest.status;
  const annotations = { ...metadata?.annotations };
  delete annotations['deployment.kubernetes.io/revision'];
  const m = { uid: metadata?.uid, labels: metadata?.labels ?? {}, annotations };
  return JSON.stringify({ ...rest, metadata: m });
}

/** The live state of each of the objects that exists now, by kind/name. */
async function live(ns: string, refs: ObjectRef[]): Promise<Map<string, string>> {
  const here = new Map<string, string>();
  for (const r of refs)
    await objects
      .read({ apiVersion: r.apiVersion, kind: r.kind, metadata: { name: r.name, namespace: ns } })
      .then(
        (o) => void here.set(key(r), stateOf(o)),
        (e: unknown) => {
          if (!notFound(e)) throw e;
        },
      );
  return here;
}

async function claims(ns: string): Promise<Map<string, string>> {
  const list = await core.listNamespacedPersistentVolumeClaim({ namespace: ns });
  return new Map(list.items.map((c) => [c.metadata!.name!, c.metadata!.uid!]));
}

/** The initialised values in the release's Secrets, decoded, by `secret/key`. */
async function initialised(ns: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [suffix, keys] of Object.entries(INITIALISED)) {
    const s = await core.readNamespacedSecret({ name: `${REL}-${suffix}`, namespace: ns });
    for (const k of keys) if (s.data?.[k] !== undefined) out.set(`${suffix}/${k}`, s.data[k]!);
  }
  return out;
}

/** §13.4 step 5: scale the RabbitMQ StatefulSet to 0, delete it and its claims, wait for them. */
async function deleteMq(ns: string, atRisk: string[]) {
  await apps.patchNamespacedStatefulSetScale(
    { name: `${REL}-mq`, namespace: ns, body: { spec: { replicas: 0 } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
  await apps.deleteNamespacedStatefulSet({ name: `${REL}-mq`, namespace: ns });
  // (its retention policy may have had Kubernetes delete the claim with the StatefulSet)
  for (const name of atRisk)
    await core.deleteNamespacedPersistentVolumeClaim({ name, namespace: ns }).catch((e) => {
      if (!notFound(e)) throw e;
    });
  const mq = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: `${REL}-mq` };
  await waitUntil(
    'the RabbitMQ StatefulSet and claim to go',
    async () => {
      const left = await claims(ns);
      return (await live(ns, [mq])).size === 0 && atRisk.every((c) => !left.has(c));
    },
    120_000,
    1000,
  );
}

/** §13.4 step 6: render the 3.50 internal-TLS template with the release's values, apply it. */
async function precreateInternalTls(bin: HelmBin, ns: string, values: string) {
  const only = ['--show-only', 'templates/internal-tls-certs.yaml'];
  const r = await runHelmAsync(bin, [
    'template',
    REL,
    chart350Dir,
    '-n',
    ns,
    '-f',
    values,
    ...only,
  ]);
  expect(r.code, r.stderr).toBe(0);
  const docs = parseAllDocuments(r.stdout).map((d) => d.toJS() as k8s.KubernetesObject | null);
  const secrets = docs.filter((d): d is k8s.KubernetesObject => d?.kind === 'Secret');
  expect(secrets.length).toBe(7); // the CA and six certificates
  for (const s of secrets) {
    const body = { ...s, metadata: { ...s.metadata, namespace: ns } };
    // kubectl apply: create, or replace the certificate 3.9.4's hook made
    await objects.create(body).catch(async (e: unknown) => {
      if ((e as { code?: number }).code !== 409) throw e;
      const now = await objects.read({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: s.metadata!.name!, namespace: ns },
      });
      const metadata = { ...body.metadata, resourceVersion: now.metadata?.resourceVersion };
      await objects.replace({ ...body, metadata });
    });
  }
}

/** The steps of the plan that change nothing in the namespace (the admin's files, DNS, images). */
const OFF_CLUSTER = new Set([
  'backup-aes-key',
  'backup-database',
  'upgrade-external-mysql',
  'mirror-images',
  'plan-dns-change',
  'run-upgrade',
  'backup-encryption-key',
  'after-upgrade',
]);

/** The plan's steps before `helm upgrade`, in order, as the admin takes them; the ids acted on. */
async function preSteps(bin: HelmBin, ns: string, p: UpgradePlan, values: string) {
  const acted: string[] = [];
  for (const step of p.steps) {
    if (step.id === 'run-upgrade') break;
    if (step.id === 'save-release') {
      // the plan page's download of the Secrets the step names: all there
      const saved = await upgradeSecretsOfRelease({ release: REL, namespace: ns });
      expect(saved.missing).toEqual([]);
    } else if (step.id === 'delete-mq-statefulset-and-pvc') {
      await deleteMq(
        ns,
        p.objects!.claimsAtRisk.map((c) => c.name),
      );
      acted.push(step.id);
    } else if (step.id === 'precreate-internal-tls') {
      await precreateInternalTls(bin, ns, values);
      acted.push(step.id);
    } else if (!OFF_CLUSTER.has(step.id))
      throw new Error(`no such step in these cases: ${step.id}`);
  }
  return acted;
}

/** What the upgrade did, compared with what the plan predicted. */
async function upgradeAsPlanned(bin: HelmBin, id: string, v: Tree, track: (ns: string) => void) {
  const ns = await installed(bin, id, v, track);
  const { p, o, file } = await plan(ns);
  // the dry run and the plan's own rule name the same objects helm cannot update
  const failing = o.replaced.filter((r) => r.helmFails).map(key);
  expect(p.dryRun?.refused.map(key)).toEqual(failing);
  expect(failing).toEqual(id === 'U4' ? [`StatefulSet/${REL}-mq`] : []);

  const refs = await candidates(bin, ns, file);
  const [before, claimsBefore, secretsBefore] = [
    await live(ns, refs),
    await claims(ns),
    await initialised(ns),
  ];
  const nginx = await core
    .readNamespacedService({ name: `${REL}-nginx`, namespace: ns })
    .catch(() => undefined);
  const addressBefore = nginx?.status?.loadBalancer?.ingress?.[0]?.ip;
  const acted = await preSteps(bin, ns, p, file);
  const up = await helm(bin, 'upgrade', chart350Dir, ns, [file]);
  expect(up.code, `${up.stderr}\n${up.stdout}`).toBe(0);
  const after = await live(ns, refs);

  expect(sorted([...before.keys()].filter((k) => !after.has(k)))).toEqual(
    sorted(o.deleted.map(key)),
  );
  expect(sorted([...after.keys()].filter((k) => !before.has(k)))).toEqual(
    sorted(o.created.map(key)),
  );
  const changed = [...before.keys()].filter((k) => after.has(k) && after.get(k) !== before.get(k));
  expect(sorted(changed)).toEqual(sorted(o.changed.map(key)));

  // claims: the kept ones with their UIDs, nothing else gone but those the step deleted
  const atRisk = o.claimsAtRisk.map((c) => c.name);
  for (const c of o.claimsKept) expect(claimsBefore.get(c.name)).toBe(c.uid);
  const expectedClaims = new Map([...claimsBefore].filter(([n]) => !atRisk.includes(n)));
  expect(await claims(ns)).toEqual(expectedClaims);

  // the initialised secrets are the release's own, and the new encryption key came beside them
  expect(secretsBefore.get('backend/SPRING_DATASOURCE_PASSWORD')).toBeDefined();
  const secretsAfter = await initialised(ns);
  for (const [k, val] of secretsBefore) expect(secretsAfter.get(k), k).toBe(val);
  const backend = await core.readNamespacedSecret({ name: `${REL}-backend`, namespace: ns });
  expect(Object.keys(backend.data ?? {})).toContain('encryption-key-0');
  return { ns, p, o, acted, claimsBefore, addressBefore };
}

const exists = (ns: string, kind: string, name: string) =>
  live(ns, [{ apiVersion: kind === 'Secret' ? 'v1' : 'apps/v1', kind, name }]).then(
    (m) => m.size === 1,
  );

/** What each case has of its own, beside the comparison every case makes. */
async function caseChecks(id: string, r: Awaited<ReturnType<typeof upgradeAsPlanned>>) {
  const { ns, o, acted, claimsBefore } = r;
  const steps: Record<string, string[]> = {
    U4: ['delete-mq-statefulset-and-pvc'],
    T7: ['precreate-internal-tls'],
  };
  expect(acted).toEqual(steps[id] ?? []);
  if (id !== 'U3') {
    // the local MySQL's claim stays, with its UID
    const mysql = id === 'U4' ? `lrdata-${REL}-mysql-0` : `mysql-${REL}-mysql-0`;
    expect(o.claimsKept.map((c) => c.name)).toEqual([mysql]);
    expect(o.claimsKept[0]!.uid).toBe(claimsBefore.get(mysql));
  } else expect(o.claimsKept).toEqual([]);
  if (id === 'U2') {
    expect(o.userVisible).toEqual([
      `Service ${REL}-nginx (LoadBalancer) is deleted: its address goes with it.`,
      `Service ${REL}-router (LoadBalancer) is new: new address: DNS must change.`,
    ]);
    const router = await core.readNamespacedService({ name: `${REL}-router`, namespace: ns });
    expect(router.spec?.type).toBe('LoadBalancer');
    expect(r.addressBefore).toMatch(/^192\.0\.2\./);
    expect(router.status?.loadBalancer?.ingress?.[0]?.ip).not.toBe(r.addressBefore);
  } else expect(o.userVisible).toEqual([]);
  if (id === 'U4')
    expect(o.claimsAtRisk.map((c) => c.name)).toEqual([`${REL}-mq-data-${REL}-mq-0`]);
  else expect(o.claimsAtRisk).toEqual([]);
  if (id === 'U5') expect(o.deleted.map(key)).toContain(`Secret/${REL}-aes`);
  if (id === 'T7') {
    // T7 avoided: the CA and the artifacts certificate the upgrade itself does not make
    expect(await exists(ns, 'Secret', `${REL}-internal-tls-ca`)).toBe(true);
    expect(await exists(ns, 'Secret', `${REL}-artifacts-cert`)).toBe(true);
  }
}

const byName = bins.map((b) => [b.name, b] as const);
// (a test may wait for its turn in oneOfTwo: the timeout covers the queue too)
const TIMEOUT = 2_400_000;

describe.concurrent.each(byName)('the plan of each §13.1 upgrade, then %s upgrade', (_, bin) => {
  it.each(CASES.map((c) => [c.id, c.values] as const))(
    '%s: exactly the objects it predicts change, nothing initialised is lost',
    (id, values) =>
      oneOfTwo(async (track) => caseChecks(id, await upgradeAsPlanned(bin, id, values, track))),
    TIMEOUT,
  );

  it(
    'U4 without the step: the plain helm upgrade of the same files fails as §13.1 says',
    () =>
      oneOfTwo(async (track) => {
        const ns = await installed(bin, 'U4-plain', RELEASES_394.U4!, track);
        const { o, file } = await plan(ns);
        const failing = o.replaced.filter((r) => r.helmFails).map(key);
        expect(failing).toEqual([`StatefulSet/${REL}-mq`]);
        const up = await helm(bin, 'upgrade', chart350Dir, ns, [file]);
        expect(up.code).not.toBe(0);
        expect(up.stderr).toContain(`StatefulSet.apps "${REL}-mq" is invalid`);
        expect(up.stderr).toContain('Forbidden: updates to statefulset spec');
      }),
    TIMEOUT,
  );
});
