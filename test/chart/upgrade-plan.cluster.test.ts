// cli upgrade-plan against live releases of chart/ (3.9.4) on the local cluster, then the real
// helm upgrade to chart-3.50/ with the values the plan wrote (docs/upgrade.md,
// docs/chart-3.50.md §13.1), helm v4, each case in a namespace of its own:
// - U4-like (local MySQL on claim `lrdata`, local RabbitMQ on a 10Gi claim): the plan says helm
//   cannot update StatefulSet acme-mq and puts its claim at risk; after that step (scale to 0,
//   delete the StatefulSet and the claim) the upgrade succeeds;
//   without that step the plain upgrade fails on that StatefulSet, as §13.1 says;
// - U2-like (the standalone nginx behind a LoadBalancer): the plan says the address changes.
// In both, the objects the plan called deleted are exactly those that disappeared, those it
// called created exactly those that appeared, and every claim it called kept has its UID.
// Afterwards the release runs chart-3.50, and the plan refuses it in one line.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { runUpgradePlan } from '../../cli/upgrade-plan';
import { RELEASES_394 } from '../../lib/upgrade/__fixtures__/releases';
import type { ObjectsPlan, ObjectRef } from '../../lib/upgrade/objects';
import { parseObjects } from '../../lib/upgrade/manifest';
import type { Tree } from '../../lib/values/tree';
import type { ServerDryRun } from '../../lib/upgrade/plan';
import { requireKube, waitUntil, warmUpKwok, freshNamespace, helmDeploy } from './cluster';
import { chart350Dir, chartDir, helmBinaries, runHelmAsync, type HelmBin } from './helm';
import { cleanup350, kwokSmall350, valuesFile } from './chart350';

const REL = 'acme';
const bins = helmBinaries();
const v4 = bins.find((b) => b.name === 'helm v4') ?? bins[0]!;

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

const namespace = (prefix: string) => freshNamespace(core, prefix, (ns) => namespaces.push(ns));

const helm = (
  bin: HelmBin,
  verb: 'install' | 'upgrade',
  chart: string,
  ns: string,
  files: string[],
) => helmDeploy(bin, { kubeconfig, release: REL, namespace: ns }, verb, chart, files);

/** The plan of the live release through the CLI: its JSON, and the values file it wrote. */
async function livePlan(ns: string, expectCode = 0) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-upgrade-plan-'));
  dirs.push(dir);
  let out = '';
  let err = '';
  const args = ['--release', REL, '--namespace', ns, '--chart', chart350Dir];
  const code = await runUpgradePlan(
    ['upgrade-plan', ...args, '--json', '--out-dir', dir],
    (s) => void (out += s),
    (s) => void (err += s),
  );
  expect(code, err).toBe(expectCode);
  const plan = JSON.parse(out) as {
    objects: ObjectsPlan;
    release: { revision: number };
    dryRun: ServerDryRun;
  };
  return { plan, objects: plan.objects, values: path.join(dir, 'values-3.50.yaml'), out };
}

const key = (o: { kind: string; name: string }) => `${o.kind}/${o.name}`;
/** The objects helm updates in place, Secrets aside: those the dry run sends. */
const updatedInPlace = (p: ObjectsPlan) =>
  [...p.changed, ...p.replaced].filter((o) => o.kind !== 'Secret' && !('toKind' in o && o.toKind))
    .length;

/** Every object of the release's manifest and of the target render, with its apiVersion. */
async function candidates(ns: string, values: string): Promise<ObjectRef[]> {
  const manifest = await runHelmAsync(v4, [
    'get',
    'manifest',
    REL,
    '-n',
    ns,
    '--kubeconfig',
    kubeconfig,
  ]);
  const render = await runHelmAsync(v4, ['template', REL, chart350Dir, '-n', ns, '-f', values]);
  expect([manifest.code, render.code], manifest.stderr + render.stderr).toEqual([0, 0]);
  const all = [...parseObjects(manifest.stdout), ...parseObjects(render.stdout)];
  return [...new Map(all.map((o) => [key(o), o])).values()];
}

/** Which of the objects exist in the namespace now. */
async function existing(ns: string, refs: ObjectRef[]): Promise<Set<string>> {
  const here = new Set<string>();
  for (const r of refs)
    await objects
      .read({ apiVersion: r.apiVersion, kind: r.kind, metadata: { name: r.name, namespace: ns } })
      .then(
        () => here.add(key(r)),
        (e: unknown) => {
          if ((e as { code?: number }).code !== 404) throw e;
        },
      );
  return here;
}

async function claimUids(ns: string, names: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const name of names)
    out.push(
      (await core.readNamespacedPersistentVolumeClaim({ name, namespace: ns })).metadata!.uid!,
    );
  return out;
}

/** Upgrades as the plan says and checks the objects and claims against what it predicted. */
async function upgradeAndCompare(
  ns: string,
  before: Set<string>,
  refs: ObjectRef[],
  p: ObjectsPlan,
  values: string,
) {
  const up = await helm(v4, 'upgrade', chart350Dir, ns, [values]);
  expect(up.code, `${up.stderr}\n${up.stdout}`).toBe(0);
  const after = await existing(ns, refs);
  const disappeared = [...before].filter((k) => !after.has(k)).sort();
  const appeared = [...after].filter((k) => !before.has(k)).sort();
  expect(disappeared).toEqual(p.deleted.map(key).sort());
  expect(appeared).toEqual(p.created.map(key).sort());
  expect(
    await claimUids(
      ns,
      p.claimsKept.map((c) => c.name),
    ),
  ).toEqual(p.claimsKept.map((c) => c.uid));
}

async function installed(prefix: string, v: Tree): Promise<string> {
  const ns = await namespace(prefix);
  const install = await helm(v4, 'install', chartDir, ns, [valuesFile(v), kwokSmall350]);
  expect(install.code, `${install.stderr}\n${install.stdout}`).toBe(0);
  return ns;
}

describe.sequential('cli upgrade-plan of a live 3.9.4 release, then the upgrade', () => {
  it('U4-like: helm cannot update the RabbitMQ StatefulSet; once it and its claim are gone the upgrade keeps the MySQL claim', async () => {
    const ns = await installed('lw-upg-u4', RELEASES_394.U4!);
    // exit 2: the API server refuses the RabbitMQ StatefulSet's new spec in the dry run
    const { objects: p, values, plan } = await livePlan(ns, 2);
    expect(plan.release.revision).toBe(1);
    expect(plan.dryRun.refused.map(key)).toEqual([`StatefulSet/${REL}-mq`]);
    expect(plan.dryRun.refused[0]!.message).toContain('Forbidden: updates to statefulset spec');
    expect(plan.dryRun.accepted).toBeGreaterThan(5);
    // the dry run stored nothing: the StatefulSet still has its claim template
    const mqBefore = await apps.readNamespacedStatefulSet({ name: `${REL}-mq`, namespace: ns });
    expect(mqBefore.spec?.volumeClaimTemplates?.length).toBe(1);
    expect(p.replaced.filter((r) => r.helmFails).map(key)).toEqual([`StatefulSet/${REL}-mq`]);
    expect(p.claimsKept.map((c) => c.name)).toEqual([`lrdata-${REL}-mysql-0`]);
    expect(p.claimsAtRisk.map((c) => c.name)).toEqual([`${REL}-mq-data-${REL}-mq-0`]);
    expect(p.claimsKept[0]!.uid).toBe((await claimUids(ns, [`lrdata-${REL}-mysql-0`]))[0]);

    const refs = await candidates(ns, values);
    const before = await existing(ns, refs);
    // the step of §13.4 the plan asks for: scale to 0, delete the StatefulSet and its claim
    await apps.patchNamespacedStatefulSetScale(
      { name: `${REL}-mq`, namespace: ns, body: { spec: { replicas: 0 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await apps.deleteNamespacedStatefulSet({ name: `${REL}-mq`, namespace: ns });
    // (its retention policy may have had Kubernetes delete the claim with the StatefulSet)
    for (const c of p.claimsAtRisk)
      await core
        .deleteNamespacedPersistentVolumeClaim({ name: c.name, namespace: ns })
        .catch((e: unknown) => {
          if ((e as { code?: number }).code !== 404) throw e;
        });
    await waitUntil(
      'the RabbitMQ StatefulSet and claim to go',
      async () =>
        (await existing(ns, [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: `${REL}-mq` }]))
          .size === 0 &&
        (await core.listNamespacedPersistentVolumeClaim({ namespace: ns })).items.every(
          (c) => !c.metadata?.name?.includes('-mq-'),
        ),
      120_000,
      1000,
    );
    await upgradeAndCompare(ns, before, refs, p, values);
    // the StatefulSet is back, without a claim template
    const mq = await apps.readNamespacedStatefulSet({ name: `${REL}-mq`, namespace: ns });
    expect(mq.spec?.volumeClaimTemplates).toBeUndefined();
  }, 900_000);

  it('U4-like without that step: the plain helm upgrade fails on the StatefulSet the plan named', async () => {
    const ns = await installed('lw-upg-u4-plain', RELEASES_394.U4!);
    const { objects: p, values } = await livePlan(ns, 2);
    const failing = p.replaced.filter((r) => r.helmFails).map(key);
    expect(failing).toEqual([`StatefulSet/${REL}-mq`]);
    const up = await helm(v4, 'upgrade', chart350Dir, ns, [values]);
    expect(up.code).not.toBe(0);
    expect(up.stderr).toContain(`StatefulSet.apps "${REL}-mq" is invalid`);
    expect(up.stderr).toContain('Forbidden: updates to statefulset spec');
  }, 900_000);

  it('U2-like: the LoadBalancer goes and a new one comes; afterwards the release is chart-3.50 and refused', async () => {
    const ns = await installed('lw-upg-u2', RELEASES_394.U2!);
    const { objects: p, values, out, plan } = await livePlan(ns);
    expect(p.userVisible).toEqual([
      `Service ${REL}-nginx (LoadBalancer) is deleted: its address goes with it.`,
      `Service ${REL}-router (LoadBalancer) is new: new address: DNS must change.`,
    ]);
    expect(p.replaced.filter((r) => r.helmFails)).toEqual([]);
    expect(plan.dryRun.refused).toEqual([]);
    expect(plan.dryRun.accepted).toBe(updatedInPlace(p));
    expect(out).not.toContain('Db-pass-123');
    const refs = await candidates(ns, values);
    const before = await existing(ns, refs);
    await upgradeAndCompare(ns, before, refs, p, values);
    const router = await core.readNamespacedService({ name: `${REL}-router`, namespace: ns });
    expect(router.spec?.type).toBe('LoadBalancer');

    let err = '';
    const again = await runUpgradePlan(
      ['upgrade-plan', '--release', REL, '--namespace', ns, '--chart', chart350Dir],
      () => undefined,
      (s) => void (err += s),
    );
    expect(again).toBe(2);
    expect(err.trim().split('\n')).toEqual([
      `release ${REL} in ${ns} runs chart lightrun-0.2.0 (values contract 3.50.0), not chart 3.9.4: there is no 3.9.4 → 3.50 plan for it.`,
    ]);
  }, 900_000);
});
