// Flux runs the export for real (docs/gitops.md): source-controller and helm-controller, built from
// their Go modules at the pinned versions (test/gitops/flux.ts), run as local processes against
// the local cluster; the test chart (chart-3.50/, packaged as version 3.50.0) is pushed with
// `helm push` to the loopback registry (e2e/registry-server.ts). The Flux export of a small plan
// is applied as written, except the OCIRepository's url (the local registry, plain HTTP): the
// HelmRelease becomes Ready and every workload of the release is ready (KWOK nodes). A forced
// reconcile and an upgrade through a changed non-secret answer keep the encryption key and
// every value of the chart's Secrets.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import * as k8s from '@kubernetes/client-node';
import { startRegistry } from '../../e2e/registry-server';
import { exportGitops } from '../../lib/gitops';
import { validateAnswers, type Answers } from '../../lib/answers';
import { answers350, examples } from '../../lib/values/__fixtures__/examples-350';
import { warmUpKwok } from '../chart/cluster';
import { chart350Dir, helmBinaries } from '../chart/helm';
import { clusterEnv, requireCluster, uniqueNs, waitUntil } from '../cluster/helpers';
import { installGitopsCrds } from './crds';
import {
  buildFluxControllers,
  execFileAsync,
  freePort,
  startController,
  stopController,
  tail,
  type RunningController,
} from './flux';

const NS = uniqueNs('lw-flux');
const REL = 'lr';
const HR = { group: 'helm.toolkit.fluxcd.io', version: 'v2', plural: 'helmreleases' };
type Obj = { kind: string; metadata: { name: string }; spec: Record<string, unknown> };

let kc: k8s.KubeConfig;
let kubeconfig = '';
let core: k8s.CoreV1Api;
let custom: k8s.CustomObjectsApi;
let registry: Awaited<ReturnType<typeof startRegistry>> | undefined;
const controllers: RunningController[] = [];
const cleanup: string[] = [];
const namespaces: string[] = [];
let dir = '';
let setupError: unknown;

/**
 * quick-default for chart 3.50, in the test namespace, with requests the KWOK nodes take. Its
 * encryption key is generated here, once (examples() makes a new one on each call): the upgrade
 * changes only `frontendMemory` of this same plan (withFrontendMemory).
 */
function smallPlan(): Answers {
  const a = answers350(examples().find((e) => e.name === 'quick-default')!);
  a.release = { name: REL, namespace: NS };
  a.sizing.resources = {
    profile: 'custom',
    backend: { cpu: '500m', memory: '2Gi' },
    frontend: { cpu: '50m', memory: '64Mi' },
    keycloak: { cpu: '200m', memory: '1Gi' },
  };
  return valid(a);
}

function valid(a: Answers): Answers {
  const r = validateAnswers(a);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

/** The same plan with another frontend memory request: a non-secret value. */
function withFrontendMemory(a: Answers, memory: string): Answers {
  const b = structuredClone(a);
  if (b.sizing.resources.profile !== 'custom') throw new Error('a custom sizing expected');
  b.sizing.resources.frontend.memory = memory;
  return valid(b);
}

/** The export's objects, the OCIRepository pointed at the loopback registry (its only change). */
function exported(a: Answers): Obj[] {
  const out = exportGitops(a, { for: 'flux', secrets: 'secret-manifest' });
  expect(out.refusals).toEqual([]);
  const objs = out.files
    .filter((f) => f.path === 'flux.yaml' || f.path === 'secret-values.yaml')
    .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as Obj));
  const repo = objs.find((o) => o.kind === 'OCIRepository')!;
  repo.spec.url = `oci://${registry!.host}/lightruncom/lightrun`;
  repo.spec.insecure = true;
  return objs;
}

async function kubectl(args: string[], input?: string): Promise<string> {
  const p = execFileAsync(clusterEnv().kubectl!, args, {
    env: { ...process.env, KUBECONFIG: kubeconfig },
  });
  if (input !== undefined) p.child.stdin!.end(input);
  return (await p).stdout;
}
const apply = (objs: Obj[]) =>
  kubectl(
    ['apply', '--server-side', '-n', NS, '-f', '-'],
    objs.map((o) => `---\n${stringify(o)}`).join(''),
  );

type Release = {
  metadata: { annotations?: Record<string, string> };
  status?: {
    conditions?: { type: string; status: string; message?: string }[];
    history?: { version: number; status: string }[];
    lastHandledReconcileAt?: string;
  };
};
const readRelease = async () =>
  (await custom.getNamespacedCustomObject({ ...HR, namespace: NS, name: REL })) as Release;
const isReady = (r: Release) =>
  r.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** Waits for the HelmRelease to be Ready at Helm revision `version` (and `extra`, if given). */
async function waitReady(version: number, extra: (r: Release) => boolean = () => true) {
  let last: Release | undefined;
  try {
    return await waitUntil(
      `HelmRelease ${REL} Ready at revision ${version}`,
      async () => {
        last = await readRelease();
        return isReady(last) && last.status?.history?.[0]?.version === version && extra(last)
          ? last
          : false;
      },
      600_000,
      2_000,
    );
  } catch (e) {
    const logs = controllers.map((c) => `--- ${c.name}\n${tail(c.log)}`).join('\n');
    throw new Error(`${String(e)}\nstatus: ${JSON.stringify(last?.status)}\n${logs}`, {
      cause: e,
    });
  }
}

/** Every Deployment and StatefulSet of the release has all its replicas ready. */
async function workloadsReady(): Promise<string[]> {
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const sel = { namespace: NS, labelSelector: `app.kubernetes.io/instance=${REL}` };
  const all = [
    ...(await apps.listNamespacedDeployment(sel)).items.map((d) => ['Deployment', d] as const),
    ...(await apps.listNamespacedStatefulSet(sel)).items.map((s) => ['StatefulSet', s] as const),
  ];
  const notReady = all.filter(([, w]) => (w.status?.readyReplicas ?? 0) < (w.spec?.replicas ?? 1));
  return notReady.length ? [] : all.map(([k, w]) => `${k}/${w.metadata!.name}`).sort();
}

/** The Deployments and StatefulSets of the release's manifest, as Helm recorded it. */
async function releaseWorkloads(): Promise<string[]> {
  const { stdout } = await execFileAsync(
    helmV4().path,
    ['get', 'manifest', REL, '-n', NS, '--kubeconfig', kubeconfig],
    { env: helmEnv() },
  );
  return parseAllDocuments(stdout)
    .map((d) => d.toJS() as Obj | null)
    .filter((o) => o?.kind === 'Deployment' || o?.kind === 'StatefulSet')
    .map((o) => `${o!.kind}/${o!.metadata.name}`)
    .sort();
}

/** Every Secret of the namespace but Helm's release records: name -> key -> value. */
async function secrets(): Promise<Record<string, Record<string, string>>> {
  const list = (await core.listNamespacedSecret({ namespace: NS })).items;
  return Object.fromEntries(
    list
      .filter((s) => s.type !== 'helm.sh/release.v1')
      .map((s) => [s.metadata!.name!, s.data ?? {}]),
  );
}

const frontendMemory = async () => {
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const d = await apps.readNamespacedDeployment({ name: `${REL}-frontend`, namespace: NS });
  return d.spec?.template.spec?.containers[0]?.resources?.requests?.memory;
};

beforeEach(() => {
  if (setupError) throw setupError;
});

beforeAll(async () => {
  try {
    const bins = buildFluxControllers();
    ({ kc } = await requireCluster());
    kubeconfig = clusterEnv().kubeconfig!;
    core = kc.makeApiClient(k8s.CoreV1Api);
    custom = kc.makeApiClient(k8s.CustomObjectsApi);
    installGitopsCrds(kubeconfig, 'flux-paths');
    await warmUpKwok(kc, (ns) => namespaces.push(ns));
    dir = mkdtempSync(path.join(os.tmpdir(), 'lw-flux-'));
    cleanup.push(dir);
    registry = await startRegistry();
    await pushChart();
    const storage = await freePort();
    mkdirSync(path.join(dir, 'storage'));
    controllers.push(
      await startController(
        'source-controller',
        bins['source-controller'],
        [
          `--storage-path=${path.join(dir, 'storage')}`,
          `--storage-addr=127.0.0.1:${storage}`,
          `--storage-adv-addr=127.0.0.1:${storage}`,
        ],
        dir,
        kubeconfig,
      ),
    );
    controllers.push(
      await startController('helm-controller', bins['helm-controller'], [], dir, kubeconfig),
    );
    namespaces.push(NS);
    await core.createNamespace({ body: { metadata: { name: NS } } });
  } catch (e) {
    setupError = e;
  }
}, 45 * 60_000);

const FLUX_KINDS = 'helmreleases.helm.toolkit.fluxcd.io,ocirepositories.source.toolkit.fluxcd.io';

/**
 * The Flux objects go first, while the controllers run (helm-controller uninstalls the release and
 * drops its finalizer); whatever keeps a finalizer after they stopped has it removed, or the
 * namespace would stay Terminating.
 */
async function dropFluxObjects(running: boolean) {
  if (running) await kubectl(['delete', FLUX_KINDS, '--all', '-n', NS, '--timeout=120s']);
  const names = (await kubectl(['get', FLUX_KINDS, '-n', NS, '-o', 'name'])).split('\n');
  for (const o of names.filter(Boolean))
    await kubectl(['patch', '-n', NS, o, '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
}

afterAll(async () => {
  if (kubeconfig) await dropFluxObjects(controllers.length === 2).catch(() => undefined);
  for (const c of controllers.splice(0)) await stopController(c);
  if (kubeconfig) await dropFluxObjects(false).catch(() => undefined);
  await registry?.close();
  for (const ns of namespaces) await core?.deleteNamespace({ name: ns }).catch(() => undefined);
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
}, 300_000);

/** chart-3.50/ packaged as 3.50.0 (the plan's chart version) and pushed to the registry. */
const helmV4 = () => helmBinaries().find((b) => b.name === 'helm v4') ?? helmBinaries()[0]!;
const helmEnv = () => ({
  ...process.env,
  HELM_CONFIG_HOME: path.join(dir, 'helm-config'),
  HELM_CACHE_HOME: path.join(dir, 'helm-cache'),
  HELM_REGISTRY_CONFIG: path.join(dir, 'helm-registry.json'),
});

async function pushChart() {
  const [helm, env] = [helmV4(), helmEnv()];
  await execFileAsync(helm.path, ['package', chart350Dir, '--version', '3.50.0', '-d', dir], {
    env,
  });
  const tgz = path.join(dir, 'lightrun-3.50.0.tgz');
  await execFileAsync(
    helm.path,
    ['push', tgz, `oci://${registry!.host}/lightruncom`, '--plain-http'],
    { env },
  );
}

describe('Flux reconciles the export (source-controller, helm-controller)', () => {
  it(
    'installs to Ready, and a forced reconcile and an upgrade keep the key and passwords',
    async () => {
      const plan = smallPlan();
      await apply(exported(plan));
      await waitReady(1);
      const workloads = await waitUntil('the workloads ready', workloadsReady, 300_000, 2_000);
      expect(workloads).toEqual(await releaseWorkloads());
      expect(workloads).toEqual(
        expect.arrayContaining([
          'Deployment/lr-backend',
          'StatefulSet/lr-keycloak',
          'StatefulSet/lr-mysql',
        ]),
      );
      expect(await frontendMemory()).toBe('64Mi');
      const first = await secrets();
      const key = Buffer.from(first[`${REL}-backend`]!['encryption-key-0']!, 'base64').toString();
      expect(key).toBe(plan.secrets.mode === 'chart' ? plan.secrets.encryptionKey : '');
      expect(Object.keys(first)).toEqual(
        expect.arrayContaining([`${REL}-backend`, `${REL}-keycloak`, `${REL}-gitops-values`]),
      );
      expect(Object.keys(first[`${REL}-keycloak`] ?? {})).toContain('KEYCLOAK_PASSWORD');

      // a second reconcile, forced: handled, and no new Helm revision (nothing changed)
      const at = new Date().toISOString();
      await kubectl([
        'annotate',
        '--overwrite',
        '-n',
        NS,
        `helmrelease/${REL}`,
        `reconcile.fluxcd.io/requestedAt=${at}`,
      ]);
      await waitReady(1, (r) => r.status?.lastHandledReconcileAt === at);

      // an upgrade: a non-secret answer changed, exported again, applied
      await apply(exported(withFrontendMemory(plan, '96Mi')));
      await waitReady(2);
      expect(await frontendMemory()).toBe('96Mi');
      const upgraded = await waitUntil(
        'the workloads ready after the upgrade',
        workloadsReady,
        300_000,
        2_000,
      );
      expect(upgraded).toEqual(workloads);
      expect(await secrets()).toEqual(first);
    },
    30 * 60_000,
  );
});
