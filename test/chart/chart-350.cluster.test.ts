// chart-3.50 on the local cluster (KWOK nodes: pods become Ready without running), each case in a
// namespace of its own:
// - helm v4: the minimal values of docs/chart-3.50.md §12 install and every pod becomes Ready; the
//   generated encryption key survives upgrades, rotateKey adds a key and keeps the old one, a
//   different userEncryptionKey on the installed release is refused (§10, T4); uninstall leaves
//   only the MySQL volume;
// - helm v3: self-signed internal TLS installs, its CA and six certificates stay after uninstall
//   (pre-install hooks, T7);
// - helm v4: a release of the project's 3.9.4 chart (chart/) upgraded to chart-3.50 keeps its
//   MySQL volume (same PVC) and gets Keycloak as a StatefulSet (§8.4, §13.1 U1); with the data
//   streamer on, so every Service chart/ made is updated in place;
// - every §11.2 configuration's objects pass the API server's validation (server-side dry run).
// The test values file kwok-small.yaml shrinks the requests: the cluster is shared.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import {
  chartObjects,
  requireKube,
  waitUntil,
  warmUpKwok,
  freshNamespace,
  helmDeploy,
} from './cluster';
import {
  chart350Dir,
  chartDir,
  fixturesDir,
  helmBinaries,
  runHelmAsync,
  template,
  type HelmBin,
} from './helm';
import { cleanup350, kwokSmall350, minimal350, rows350, valuesFile } from './chart350';

const REL = 'lr';
const bins = helmBinaries();
const v4 = bins.find((b) => b.name === 'helm v4') ?? bins[0]!;
const v3 = bins.find((b) => b.name === 'helm v3') ?? v4;
const values = [minimal350, kwokSmall350];
const selfSigned = path.join(fixturesDir, 'chart-3.50', 'internal-tls-self-signed.yaml');

let kc: k8s.KubeConfig;
let kubeconfig: string;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;
const namespaces: string[] = [];

beforeAll(async () => {
  ({ kc, kubeconfig } = await requireKube());
  core = kc.makeApiClient(k8s.CoreV1Api);
  apps = kc.makeApiClient(k8s.AppsV1Api);
  await warmUpKwok(kc, (ns) => namespaces.push(ns));
});

afterAll(async () => {
  cleanup350();
  for (const ns of namespaces) await core?.deleteNamespace({ name: ns }).catch(() => undefined);
});

const namespace = (prefix: string) => freshNamespace(core, prefix, (ns) => namespaces.push(ns));

const helm = (
  bin: HelmBin,
  verb: 'install' | 'upgrade',
  chart: string,
  ns: string,
  files: string[],
  extra: string[] = [],
) => helmDeploy(bin, { kubeconfig, release: REL, namespace: ns }, verb, chart, files, extra);

function uninstall(bin: HelmBin, ns: string) {
  return runHelmAsync(bin, [
    'uninstall',
    REL,
    '--namespace',
    ns,
    '--kubeconfig',
    kubeconfig,
    '--wait',
    '--timeout',
    '120s',
  ]);
}

/** Every pod of the release Ready, and each workload chart-3.50 renders for the values has pods. */
async function expectAllReady(ns: string, files: string[]) {
  const pods = (
    await core.listNamespacedPod({
      namespace: ns,
      labelSelector: `app.kubernetes.io/instance=${REL}`,
    })
  ).items;
  const notReady = pods
    .filter((p) => !p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'))
    .map((p) => p.metadata?.name);
  expect(notReady).toEqual([]);
  const components = new Set(pods.map((p) => p.metadata?.labels?.['app.kubernetes.io/component']));
  const workloads = template(files, { chart: chart350Dir, release: REL, namespace: ns }).filter(
    (o) => o.kind === 'Deployment' || o.kind === 'StatefulSet',
  );
  expect(workloads.length).toBeGreaterThanOrEqual(9);
  for (const w of workloads)
    expect(components, `pods of ${w.kind}/${w.metadata.name}`).toContain(
      w.metadata.labels?.['app.kubernetes.io/component'],
    );
}

/** The live encryption keys of the backend Secret, name -> key text. */
async function liveKeys(ns: string): Promise<Record<string, string>> {
  const s = await core.readNamespacedSecret({ name: `${REL}-backend`, namespace: ns });
  return Object.fromEntries(
    Object.entries(s.data ?? {})
      .filter(([k]) => k.startsWith('encryption-key-'))
      .map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
}

async function backendKeyItems(ns: string): Promise<string[]> {
  const d = await apps.readNamespacedDeployment({ name: `${REL}-backend`, namespace: ns });
  const v = d.spec?.template.spec?.volumes?.find((x) => x.name === 'encryption-keys');
  return (v?.secret?.items ?? []).map((i) => i.key);
}

/** Waits until only `left` (sorted "Kind/name") remain of the release in the namespace. */
async function expectLeftAfterUninstall(ns: string, left: string[]) {
  const now = await waitUntil(
    'the release objects to go',
    async () => {
      const objs = await chartObjects(kc, ns, REL);
      return JSON.stringify(objs) === JSON.stringify(left) ? objs : false;
    },
    90_000,
    1000,
  ).catch(async () => chartObjects(kc, ns, REL));
  expect(now).toEqual(left);
}

const MYSQL_PVC = `PersistentVolumeClaim/mysql-${REL}-mysql-0`;

describe.sequential('chart-3.50 on the local cluster', () => {
  it('helm v4: minimal values install, all pods Ready; the encryption key is kept, rotated, never replaced', async () => {
    const ns = await namespace('lw-c350');
    const install = await helm(v4, 'install', chart350Dir, ns, values);
    expect(install.code, `${install.stderr}\n${install.stdout}`).toBe(0);
    expect(install.stdout).toContain('administrator@localhost.com');
    await expectAllReady(ns, values);

    const first = await liveKeys(ns);
    expect(Object.keys(first)).toEqual(['encryption-key-0']);
    expect(Buffer.from(first['encryption-key-0']!, 'base64')).toHaveLength(32);

    const again = await helm(v4, 'upgrade', chart350Dir, ns, values);
    expect(again.code, again.stderr).toBe(0);
    expect(await liveKeys(ns)).toEqual(first);

    const rotate = await helm(v4, 'upgrade', chart350Dir, ns, values, [
      '--set',
      'secrets.keysEncryption.rotateKey=true',
    ]);
    expect(rotate.code, rotate.stderr).toBe(0);
    const rotated = await liveKeys(ns);
    expect(Object.keys(rotated).sort()).toEqual(['encryption-key-0', 'encryption-key-1']);
    expect(rotated['encryption-key-0']).toBe(first['encryption-key-0']);
    expect(rotated['encryption-key-1']).not.toBe(first['encryption-key-0']);
    expect(await backendKeyItems(ns)).toEqual(['encryption-key-0', 'encryption-key-1']);

    const replace = await helm(v4, 'upgrade', chart350Dir, ns, values, [
      '--set-string',
      `secrets.keysEncryption.userEncryptionKey=${Buffer.alloc(32, 7).toString('base64')}`,
    ]);
    expect(replace.code).not.toBe(0);
    expect(replace.stderr).toContain(
      'secrets.keysEncryption.userEncryptionKey differs from encryption-key-1',
    );
    expect(await liveKeys(ns)).toEqual(rotated);

    const gone = await uninstall(v4, ns);
    expect(gone.code, gone.stderr).toBe(0);
    await expectLeftAfterUninstall(ns, [MYSQL_PVC]);
    await core.deleteNamespace({ name: ns });
  }, 900_000);

  it('helm v3: self-signed internal TLS installs; the CA and six certificates are hooks that outlive the release', async () => {
    const ns = await namespace('lw-c350-tls');
    const files = [...values, selfSigned];
    const install = await helm(v3, 'install', chart350Dir, ns, files);
    expect(install.code, `${install.stderr}\n${install.stdout}`).toBe(0);
    await expectAllReady(ns, files);
    const hooks = ['internal-tls-ca', 'frontend-cert', 'keycloak-cert', 'redis-cert', 'mq-cert']
      .concat(['data-streamer-cert', 'artifacts-cert'])
      .map((s) => `Secret/${REL}-${s}`);
    const secrets = (await chartObjects(kc, ns, REL)).filter((o) => o.startsWith('Secret/'));
    for (const h of hooks) expect(secrets).toContain(h);

    const gone = await uninstall(v3, ns);
    expect(gone.code, gone.stderr).toBe(0);
    await expectLeftAfterUninstall(ns, [MYSQL_PVC, ...hooks].sort());
    await core.deleteNamespace({ name: ns });
  }, 900_000);

  it('helm v4: a chart/ (3.9.4) release upgraded to chart-3.50 keeps its MySQL volume', async () => {
    const ns = await namespace('lw-c350-upg');
    const old = [path.join(fixturesDir, 'base.yaml'), kwokSmall350];
    const streamer = ['--set', 'general.data_streamer.enabled=true'];
    const install = await helm(v4, 'install', chartDir, ns, old, streamer);
    expect(install.code, `${install.stderr}\n${install.stdout}`).toBe(0);
    const pvc = () =>
      core.readNamespacedPersistentVolumeClaim({ name: `mysql-${REL}-mysql-0`, namespace: ns });
    const before = await pvc();
    expect(before.metadata?.uid).toBeTruthy();

    const upgrade = await helm(v4, 'upgrade', chart350Dir, ns, values, streamer);
    expect(upgrade.code, `${upgrade.stderr}\n${upgrade.stdout}`).toBe(0);
    await expectAllReady(ns, values);
    expect(await chartObjects(kc, ns, REL)).toContain(`Deployment/${REL}-data-streamer`);
    const after = await pvc();
    expect([after.metadata?.uid, after.spec?.volumeName]).toEqual([
      before.metadata?.uid,
      before.spec?.volumeName,
    ]);
    const mysql = await apps.readNamespacedStatefulSet({ name: `${REL}-mysql`, namespace: ns });
    expect(mysql.spec?.template.spec?.containers[0]?.image).toBe('mysql:8.4.10');
    const objects = await chartObjects(kc, ns, REL);
    expect(objects).toContain(`StatefulSet/${REL}-keycloak`);
    expect(objects).not.toContain(`Deployment/${REL}-keycloak`);
    expect(objects.filter((o) => o.startsWith('Ingress/'))).toEqual([`Ingress/${REL}-router`]);
    expect(Object.keys(await liveKeys(ns))).toEqual(['encryption-key-0']);

    const gone = await uninstall(v4, ns);
    expect(gone.code, gone.stderr).toBe(0);
    await expectLeftAfterUninstall(ns, [MYSQL_PVC]);
    await core.deleteNamespace({ name: ns });
  }, 900_000);

  it('every §11.2 configuration is accepted by the API server (server-side dry run of each object)', async () => {
    const ns = await namespace('lw-c350-dry');
    const api = k8s.KubernetesObjectApi.makeApiClient(kc);
    const refused: string[] = [];
    for (const row of [{ name: 'minimal', values: {} }, ...rows350]) {
      const objs = template([minimal350, valuesFile(row.values)], {
        chart: chart350Dir,
        release: REL,
        namespace: ns,
      });
      for (const o of objs)
        await api
          .create(o as k8s.KubernetesObject, undefined, 'All')
          .catch((e: unknown) =>
            refused.push(`${row.name}: ${o.kind}/${o.metadata.name}: ${String(e).slice(0, 300)}`),
          );
    }
    expect(refused).toEqual([]);
    await core.deleteNamespace({ name: ns });
  }, 300_000);
});
