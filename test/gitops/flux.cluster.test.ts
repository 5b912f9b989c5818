// Flux runs the export for real (docs/gitops.md): source-controller and helm-controller, built from
// their Go modules at the pinned versions (test/gitops/flux.ts), run as local processes against
// the local cluster; both test charts (chart-3.50/ packaged as 3.50.0, chart/ as 3.9.4) are pushed
// with `helm push` to the loopback registry (e2e/registry-server.ts). The controllers and the
// registry are shared; each run has its own namespace. The export is applied as written, except the
// OCIRepository's url (the local registry, plain HTTP).
// - chart 3.50 and chart 3.9.4, Secrets made by the chart (the values Secret): the HelmRelease
//   becomes Ready with every workload ready (KWOK nodes); a forced reconcile and an upgrade through
//   a changed non-secret answer keep every value of every Secret (keys, passwords, AES key).
// - External Secrets: External Secrets Operator is NOT run here. Its CRD takes the exported
//   ExternalSecret objects; the Secret ESO would write is made by the test (eso-standin.ts) from
//   their target and data, values from a local map standing for the store. The run proves the
//   release reconciles and the chart's Secrets carry the store's values.
// - Secrets kept outside the chart (chart 3.9.4): the admin's Secrets, made the same way from the
//   ExternalSecrets of that export (the same names and keys as its secrets.yaml), are what the
//   release reads; the chart makes none.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import * as k8s from '@kubernetes/client-node';
import { startRegistry } from '../../e2e/registry-server';
import { exportGitops, type ExportOptions } from '../../lib/gitops';
import { secretTextPaths, splitSecretValues } from '../../lib/gitops/secrets';
import { validateAnswers, type Answers } from '../../lib/answers';
import { randomEncryptionKey } from '../../lib/answers/encryption-key';
import { renderValues } from '../../lib/values/render';
import { getPath } from '../../lib/values/tree';
import { answers350, examples } from '../../lib/values/__fixtures__/examples-350';
import { warmUpKwok } from '../chart/cluster';
import { chart350Dir, chartDir, helmBinaries } from '../chart/helm';
import { clusterEnv, requireCluster, uniqueNs } from '../cluster/helpers';
import { installGitopsCrds } from './crds';
import { esoSecret } from './eso-standin';
import { buildFluxControllers, execFileAsync, freePort, startController } from './flux';
import { stopController, type RunningController } from './flux';
import { fluxRelease, REL } from './flux-release';
import type { FluxRelease, FluxShared, Obj, SecretObj } from './flux-release';

let shared: FluxShared;
let core: k8s.CoreV1Api;
let registry: Awaited<ReturnType<typeof startRegistry>> | undefined;
const controllers: RunningController[] = [];
const runs: FluxRelease[] = [];
const retired: FluxRelease[] = [];
const namespaces: string[] = [];
let dir = '';
let setupError: unknown;

const STORE = { name: 'vault', kind: 'ClusterSecretStore', keyPrefix: 'lightrun/' } as const;
const ESO: ExportOptions = { for: 'flux', secrets: 'external-secrets', externalStore: STORE };
const MANIFEST: ExportOptions = { for: 'flux', secrets: 'secret-manifest' };

function valid(a: Answers): Answers {
  const r = validateAnswers(a);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

/**
 * quick-default in namespace `ns`, with requests the KWOK nodes take. Chart 3.50: its encryption
 * key is generated once, here (examples() makes a new one on each call). Chart 3.9.4: API-key
 * encryption on, with an AES key generated here. The upgrade changes only `frontendMemory`.
 */
function smallPlan(chart: '3.50.0' | '3.9.4', ns: string): Answers {
  const e = examples().find((x) => x.name === 'quick-default')!;
  const a = chart === '3.50.0' ? answers350(e) : structuredClone(e.answers);
  a.release = { name: REL, namespace: ns };
  a.sizing.resources = {
    profile: 'custom',
    backend: { cpu: '500m', memory: '2Gi' },
    frontend: { cpu: '50m', memory: '64Mi' },
    keycloak: { cpu: '200m', memory: '1Gi' },
  };
  if (chart === '3.9.4')
    a.apiKeysEncryption = {
      enabled: true,
      mountPath: '/keys',
      aesKey: randomBytes(16).toString('hex'),
    };
  return valid(a);
}

/** The same plan with another frontend memory request: a non-secret value. */
function withFrontendMemory(a: Answers, memory: string): Answers {
  const b = structuredClone(a);
  if (b.sizing.resources.profile !== 'custom') throw new Error('a custom sizing expected');
  b.sizing.resources.frontend.memory = memory;
  return valid(b);
}

/** The export's objects of the files `files`, the OCIRepository pointed at the loopback registry. */
function exported(a: Answers, opts: ExportOptions, files: string[]): Obj[] {
  const out = exportGitops(a, opts);
  expect(out.refusals).toEqual([]);
  const objs = out.files
    .filter((f) => files.includes(f.path))
    .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as Obj));
  expect(new Set(objs.map((o) => o.kind)).size).toBeGreaterThan(0);
  const repo = objs.find((o) => o.kind === 'OCIRepository');
  if (repo) {
    repo.spec.url = `oci://${registry!.host}/lightruncom/lightrun`;
    repo.spec.insecure = true;
  }
  return objs;
}

/** The Secret objects ESO would write for the exported ExternalSecrets (eso-standin.ts). */
function esoSecrets(objs: Obj[], store: Record<string, string>, ns: string): SecretObj[] {
  return objs
    .filter((o) => o.kind === 'ExternalSecret')
    .map((es) => esoSecret(es, store))
    .map(({ name, data }) => secretObj(ns, name, data));
}

const secretObj = (ns: string, name: string, data: Record<string, string>, type = 'Opaque') =>
  ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: ns },
    type,
    stringData: data,
  }) satisfies SecretObj;

/** A namespace of its own for one run, and the release in it. */
async function newRun(prefix: string): Promise<FluxRelease> {
  const ns = uniqueNs(prefix);
  namespaces.push(ns);
  await core.createNamespace({ body: { metadata: { name: ns } } });
  const r = fluxRelease(shared, ns);
  runs.push(r);
  return r;
}

/** Seconds since t0, printed: the wall time a run adds (docs/gitops.md). */
function took(what: string, t0: number) {
  console.log(`[flux run] ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

beforeEach(() => {
  if (setupError) throw setupError;
});

/**
 * Each run's release is uninstalled and its namespace deleted as soon as the run ends: the KWOK
 * nodes are shared, and four releases side by side (beside other suites') left a pod unschedulable
 * for minutes. afterAll still removes whatever is left.
 */
afterEach(async () => {
  for (const r of runs.splice(0)) {
    const t0 = Date.now();
    await r.dropFluxObjects(true).catch(() => undefined);
    retired.push(r);
    await core.deleteNamespace({ name: r.ns }).catch(() => undefined);
    took(`${r.ns}: uninstalled, namespace deleted`, t0);
  }
}, 300_000);

beforeAll(async () => {
  try {
    const bins = buildFluxControllers();
    const { kc } = await requireCluster();
    const kubeconfig = clusterEnv().kubeconfig!;
    core = kc.makeApiClient(k8s.CoreV1Api);
    installGitopsCrds(kubeconfig, 'flux-paths');
    installGitopsCrds(kubeconfig, 'paths'); // ExternalSecret, for the objects of the ESO runs
    await warmUpKwok(kc, (ns) => namespaces.push(ns));
    dir = mkdtempSync(path.join(os.tmpdir(), 'lw-flux-'));
    shared = { kc, kubeconfig, controllers, helm: { path: helmV4().path, env: helmEnv() } };
    registry = await startRegistry();
    await pushChart(chart350Dir, '3.50.0');
    await pushChart(chartDir, '3.9.4');
    const storage = await freePort();
    mkdirSync(path.join(dir, 'storage'));
    const storageArgs = [
      `--storage-path=${path.join(dir, 'storage')}`,
      `--storage-addr=127.0.0.1:${storage}`,
      `--storage-adv-addr=127.0.0.1:${storage}`,
    ];
    const src = bins['source-controller'];
    controllers.push(await startController('source-controller', src, storageArgs, dir, kubeconfig));
    const helmc = bins['helm-controller'];
    controllers.push(await startController('helm-controller', helmc, [], dir, kubeconfig));
  } catch (e) {
    setupError = e;
  }
}, 45 * 60_000);

afterAll(async () => {
  const running = controllers.length === 2;
  for (const r of runs) await r.dropFluxObjects(running).catch(() => undefined);
  for (const c of controllers.splice(0)) await stopController(c);
  for (const r of [...runs, ...retired]) await r.dropFluxObjects(false).catch(() => undefined);
  await registry?.close();
  for (const ns of namespaces) await core?.deleteNamespace({ name: ns }).catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 600_000);

/** A test chart packaged at `version` (the plan's chart version) and pushed to the registry. */
const helmV4 = () => helmBinaries().find((b) => b.name === 'helm v4') ?? helmBinaries()[0]!;
const helmEnv = () => ({
  ...process.env,
  HELM_CONFIG_HOME: path.join(dir, 'helm-config'),
  HELM_CACHE_HOME: path.join(dir, 'helm-cache'),
  HELM_REGISTRY_CONFIG: path.join(dir, 'helm-registry.json'),
});

async function pushChart(chart: string, version: string) {
  const [helm, env] = [helmV4(), helmEnv()];
  await execFileAsync(helm.path, ['package', chart, '--version', version, '-d', dir], { env });
  const tgz = path.join(dir, `lightrun-${version}.tgz`);
  const to = `oci://${registry!.host}/lightruncom`;
  await execFileAsync(helm.path, ['push', tgz, to, '--plain-http'], { env });
}

/**
 * Install, a forced reconcile, an upgrade through a changed non-secret answer: every value of
 * every Secret the same after the upgrade as after the install. Returns the Secrets.
 */
async function installAndUpgrade(r: FluxRelease, plan: Answers) {
  const files = ['flux.yaml', 'secret-values.yaml'];
  await r.apply(exported(plan, MANIFEST, files));
  const workloads = await r.installed();
  expect(workloads).toEqual(expect.arrayContaining(['Deployment/lr-backend']));
  expect(await r.frontendMemory()).toBe('64Mi');
  const first = await r.secrets();
  expect(Object.keys(first)).toEqual(
    expect.arrayContaining([`${REL}-backend`, `${REL}-keycloak`, `${REL}-gitops-values`]),
  );
  // a second reconcile, forced: handled, and no new Helm revision (nothing changed)
  await r.forceReconcile(1);
  expect(await r.secrets()).toEqual(first);
  // an upgrade: a non-secret answer changed, exported again, applied
  await r.apply(exported(withFrontendMemory(plan, '96Mi'), MANIFEST, files));
  expect(await r.installed(2)).toEqual(workloads);
  expect(await r.frontendMemory()).toBe('96Mi');
  expect(await r.secrets()).toEqual(first);
  return first;
}

describe('Flux reconciles the export (source-controller, helm-controller)', () => {
  it('chart 3.50: installs to Ready; a forced reconcile and an upgrade keep key and passwords', async () => {
    const t0 = Date.now();
    const r = await newRun('lw-flux-350');
    const plan = smallPlan('3.50.0', r.ns);
    const first = await installAndUpgrade(r, plan);
    expect(plan.secrets.mode).toBe('chart');
    if (plan.secrets.mode !== 'chart') return;
    expect(first[`${REL}-backend`]!['encryption-key-0']).toBe(plan.secrets.encryptionKey);
    expect(first[`${REL}-keycloak`]!.KEYCLOAK_PASSWORD).toBe(plan.secrets.keycloakPassword);
    expect(first[`${REL}-backend`]!.SPRING_DATASOURCE_PASSWORD).toBe(plan.database.password);
    took('chart 3.50, install + reconcile + upgrade', t0);
  }, 900_000);

  it('chart 3.9.4: installs to Ready; a forced reconcile and an upgrade keep the AES key and passwords', async () => {
    const t0 = Date.now();
    const r = await newRun('lw-flux-394');
    const plan = smallPlan('3.9.4', r.ns);
    const first = await installAndUpgrade(r, plan);
    expect(plan.secrets.mode === 'chart' && plan.apiKeysEncryption.enabled).toBe(true);
    if (plan.secrets.mode !== 'chart' || !plan.apiKeysEncryption.enabled) return;
    expect(first[`${REL}-aes`]).toEqual({ 'aes.key': plan.apiKeysEncryption.aesKey });
    expect(first[`${REL}-keycloak`]!.KEYCLOAK_PASSWORD).toBe(plan.secrets.keycloakPassword);
    expect(first[`${REL}-backend`]!.SPRING_DATASOURCE_PASSWORD).toBe(plan.database.password);
    expect(first[`${REL}-backend`]!.KEYSTORE_PASSWORD).toBe(plan.secrets.keystorePassword);
    expect(first[`${REL}-backend`]).not.toHaveProperty('encryption-key-0');
    took('chart 3.9.4, install + reconcile + upgrade', t0);
  }, 900_000);

  it('External Secrets (chart 3.50, chart Secrets): the values Secret ESO would write feeds the release', async () => {
    const t0 = Date.now();
    const r = await newRun('lw-flux-eso');
    const plan = smallPlan('3.50.0', r.ns);
    // the store: the plan's secret values under the export's store keys, but other passwords and
    // another key, texts YAML and Helm's --set would bend, so only the store can be their source
    const { secret } = splitSecretValues(renderValues(plan).values);
    const store: Record<string, string> = Object.fromEntries(
      secretTextPaths(secret).map((p) => [`${STORE.keyPrefix}${p.join('.')}`, getPath(secret, p)]),
    ) as Record<string, string>;
    const key = randomEncryptionKey();
    const over = {
      'secrets.db.password': 'St0re,db: "yes" #1',
      'secrets.keycloak.password': "0123,kc'store",
      'secrets.keysEncryption.userEncryptionKey': key,
    };
    for (const [p, v] of Object.entries(over)) {
      expect(store).toHaveProperty([`${STORE.keyPrefix}${p}`]);
      store[`${STORE.keyPrefix}${p}`] = v;
    }
    const objs = exported(plan, ESO, ['flux.yaml', 'external-secrets.yaml']);
    const made = esoSecrets(objs, store, r.ns);
    expect(made.map((s) => s.metadata.name)).toEqual([`${REL}-gitops-values`]);
    await r.apply([...made, ...objs]); // the ExternalSecret too: its CRD takes it
    await r.installed();
    const got = await r.secrets();
    expect(got[`${REL}-backend`]!['encryption-key-0']).toBe(key);
    expect(got[`${REL}-backend`]!.SPRING_DATASOURCE_PASSWORD).toBe(over['secrets.db.password']);
    expect(got[`${REL}-keycloak`]!.DB_PASSWORD).toBe(over['secrets.db.password']);
    expect(got[`${REL}-keycloak`]!.KEYCLOAK_PASSWORD).toBe(over['secrets.keycloak.password']);
    expect(parse(got[`${REL}-gitops-values`]!['values.yaml']!)).toMatchObject({
      secrets: { db: { password: over['secrets.db.password'] } },
    });
    await r.forceReconcile(1);
    expect(await r.secrets()).toEqual(got);
    took('External Secrets (3.50), install + reconcile', t0);
  }, 900_000);

  it('Secrets kept outside the chart (chart 3.9.4): the release reads the Secrets ESO would write', async () => {
    const t0 = Date.now();
    const r = await newRun('lw-flux-ext');
    const plan = valid({
      ...smallPlan('3.9.4', r.ns),
      secrets: { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' },
      certificate: { source: 'existing', secretName: 'lr-server-tls' },
    } as Answers);
    const store = {
      'lightrun/keycloak-password': 'Kc,store "1"',
      'lightrun/db-user': 'lightrun',
      'lightrun/db-password': 'Db: store #2',
      'lightrun/keystore-password': 'ks-store-3',
      'lightrun/license-content': 'LICENSE-FROM-STORE',
      'lightrun/license-signature': 'SIGNATURE-FROM-STORE',
      'lightrun/aes-key': randomBytes(16).toString('hex'),
    };
    const objs = exported(plan, ESO, ['flux.yaml', 'external-secrets.yaml']);
    const made = esoSecrets(objs, store, r.ns);
    // the same Secrets, key for key, as the plain secrets.yaml of this plan leaves to fill
    const manifest = exported(plan, MANIFEST, ['secrets.yaml']) as unknown as SecretObj[];
    const keysOf = (x: SecretObj[]) =>
      x.map((s) => [s.metadata.name, Object.keys(s.stringData).sort()]);
    expect(keysOf(made)).toEqual(keysOf(manifest));
    expect(made.map((s) => s.metadata.name)).toEqual([
      `${REL}-backend`,
      `${REL}-keycloak`,
      `${REL}-aes`,
    ]);
    await r.apply([...made, tlsSecret(r.ns), ...objs]);
    await r.installed();
    expect((await r.manifest()).filter((o) => o.kind === 'Secret')).toEqual([]);
    const got = await r.secrets();
    expect(got[`${REL}-backend`]!.SPRING_DATASOURCE_PASSWORD).toBe(store['lightrun/db-password']);
    expect(got[`${REL}-keycloak`]).toMatchObject({
      KEYCLOAK_USER: 'admin',
      KEYCLOAK_PASSWORD: store['lightrun/keycloak-password'],
    });
    expect(got[`${REL}-aes`]).toEqual({ 'aes.key': store['lightrun/aes-key'] });
    await r.forceReconcile(1);
    expect(await r.secrets()).toEqual(got);
    took('Secrets outside the chart (3.9.4, External Secrets), install + reconcile', t0);
  }, 900_000);
});

/** The server certificate the plan names (`lr-server-tls`): the admin's, from the example. */
function tlsSecret(ns: string): SecretObj {
  const e = examples().find((x) => x.name === 'quick-default')!;
  const c = e.answers.certificate;
  if (c.source !== 'inline') throw new Error('quick-default has an inline certificate');
  const data = { 'tls.crt': c.crt, 'tls.key': c.key };
  return secretObj(ns, 'lr-server-tls', data, 'kubernetes.io/tls');
}
