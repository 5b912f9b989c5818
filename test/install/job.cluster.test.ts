// The install job in-process against the local cluster with real helm: a second request joins,
// cancel ends it (values files gone), upgrade diff masks secrets, rollback and uninstall run as
// jobs, and a release found in the cluster is adopted (its live state streamed).
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import type { InstallEvent } from '@/lib/status/events';
import { startInstall } from '@/lib/install/service';
import {
  adoptRelease,
  releaseDiff,
  releaseRedactor,
  rollbackRelease,
  uninstallRelease,
} from '@/lib/install/release-actions';
import { helmCli } from '@/lib/install/helm-cli';
import { findHelm } from '@/lib/helm/find-helm';
import { getManifestArgs, historyArgs } from '@/lib/helm/args';
import { historyFromRecords, newestManifest } from '@/lib/helm/release-record';
import { releaseRecords } from '@/lib/install/kube-ops';
import { parseHistory } from '@/lib/helm/history';
import { makeRedactor } from '@/lib/helm/redact';
import { cancelJob, watchLive, type JobRecord } from '@/lib/install/registry';
import { initialInstallState, reduceInstallAll } from '@/lib/status/reducer';
import { componentProgress } from '@/lib/status/progress';
import { TEMP_PREFIX } from '@/lib/helm/values-dir';
import { stopAllNamespaceWatches } from '@/lib/cluster/namespace-watch';
import { dropNamespace, helms, quickDefault, requireKube, uniqueNs } from './helpers';

/** The project's own chart, named explicitly: an install that names none gets Lightrun's published chart, which tests cannot reach. */
const BUNDLED = { chart: { source: 'bundled' as const } };

const { v4, v3 } = helms();
let kc: k8s.KubeConfig;
const namespaces: string[] = [];
const answers = () => parse(readFileSync(quickDefault, 'utf8'));
const ns = (p: string) => {
  const n = uniqueNs(p);
  namespaces.push(n);
  return n;
};

beforeAll(async () => {
  let kubeconfig: string;
  ({ kc, kubeconfig } = await requireKube());
  process.env.KUBECONFIG = kubeconfig;
});
afterEach(async () => {
  for (const n of namespaces.splice(0)) await dropNamespace(kc, n);
});
afterAll(() => stopAllNamespaceWatches());

async function events(job: JobRecord): Promise<InstallEvent[]> {
  await job.done;
  return job.log.since(0);
}
const done = (es: InstallEvent[]) =>
  es.find((e) => e.type === 'done') as Extract<InstallEvent, { type: 'done' }> | undefined;
const myTempDirs = () => readdirSync(os.tmpdir()).filter((d) => d.startsWith(TEMP_PREFIX));

describe.each([
  ['helm v4', () => v4.path],
  ['helm v3', () => v3.path],
])('with %s', (_n, helmPath) => {
  beforeAll(() => {
    process.env.HELM = helmPath();
  });

  it('a second request for the same release joins the running job; ids are 1..n', async () => {
    const namespace = ns('lw-job-join');
    const a = await startInstall({
      ...BUNDLED,
      answers: answers(),
      namespace,
      release: 'lr',
      timeoutSeconds: 180,
    });
    const b = await startInstall({
      ...BUNDLED,
      answers: answers(),
      namespace,
      release: 'lr',
      timeoutSeconds: 180,
    });
    expect([a.joined, b.joined, b.job.id]).toEqual([false, true, a.job.id]);
    const es = await events(a.job);
    expect(done(es)?.outcome).toBe('succeeded');
    expect(es.map((e) => e.id)).toEqual(es.map((_e, i) => i + 1));
    // Finished: a new request starts a new job (an upgrade).
    const c = await startInstall({
      ...BUNDLED,
      answers: answers(),
      namespace,
      release: 'lr',
      timeoutSeconds: 180,
    });
    expect(c.joined).toBe(false);
    const ces = await events(c.job);
    expect(ces.find((e) => e.type === 'job')).toMatchObject({ action: 'upgrade' });
    expect(done(ces)?.outcome).toBe('succeeded');
  });
});

it('cancel during the wait ends the job cancelled, and no values file is left', async () => {
  process.env.HELM = v4.path;
  const namespace = ns('lw-job-cancel');
  const a = answers();
  a.general.lightrunVersion = 'does-not-exist';
  const before = new Set(myTempDirs());
  const { job } = await startInstall({
    ...BUNDLED,
    answers: a,
    namespace,
    release: 'lr',
    timeoutSeconds: 300,
  });
  for await (const e of job.log.follow(0)) {
    if (e.type === 'step' && e.step === 'wait' && e.state === 'running') break;
  }
  expect(cancelJob(job.id)).toBe(true);
  const es = await events(job);
  expect(done(es)).toMatchObject({ outcome: 'cancelled' });
  expect(es.some((e) => e.type === 'step' && e.step === 'cancel' && e.state === 'done')).toBe(true);
  expect(cancelJob(job.id)).toBe(false);
  expect(myTempDirs().filter((d) => !before.has(d))).toEqual([]);
});

describe.each([
  ['helm v4', () => v4.path],
  ['helm v3', () => v3.path],
])('release actions with %s', (_n, helmPath) => {
  it('upgrade diff masks secrets; rollback and uninstall run as jobs, their helm output redacted; adopt streams a found release', async () => {
    process.env.HELM = helmPath();
    const namespace = ns('lw-job-actions');
    const first = await startInstall({
      ...BUNDLED,
      answers: answers(),
      namespace,
      release: 'lr',
      timeoutSeconds: 180,
    });
    expect(done(await events(first.job))?.outcome).toBe('succeeded');

    const changed = answers();
    changed.database.password = 'Changed-Db-Pass-2';
    changed.general.endpoint = 'lightrun2.example.com';
    const diff = await releaseDiff({ answers: changed, namespace, release: 'lr' });
    expect(diff.exists).toBe(true);
    expect(diff.changes).toContainEqual({
      path: 'general.lightrun_endpoint',
      change: 'changed',
      before: '"lightrun.acme.example.com"',
      after: '"lightrun2.example.com"',
    });
    expect(diff.changes).toContainEqual({
      path: 'secrets.db.password',
      change: 'changed',
      before: '********',
      after: '********',
    });
    expect(JSON.stringify(diff)).not.toMatch(/Example-Db-Pass-1|Changed-Db-Pass-2/);

    // A new database password would break the release: the job refuses it unless overridden
    // (day-two.cluster.test.ts); here the override is given, to have a second revision to roll back.
    const second = await startInstall({
      ...BUNDLED,
      answers: changed,
      namespace,
      release: 'lr',
      overrides: ['initialised-secrets'],
      timeoutSeconds: 180,
    });
    expect(done(await events(second.job))?.outcome).toBe('succeeded');

    // Rollback and uninstall have no answers: their helm output is redacted with the release's own
    // values, the current revision's and the rollback target's.
    const raw = helmCli(await findHelm(), makeRedactor([]));
    const fromRelease = await releaseRedactor(raw, { context: null, namespace, release: 'lr' }, [
      undefined,
      1,
    ]);
    expect(
      fromRelease.redact(
        'helm said Changed-Db-Pass-2 and Example-Db-Pass-1 at lightrun2.example.com',
      ),
    ).toBe('helm said [redacted] and [redacted] at lightrun2.example.com');
    const rb = await rollbackRelease({ namespace, release: 'lr' });
    const rbe = await events(rb.job);
    expect(
      rbe
        .filter((e) => e.type === 'step' && e.step === 'rollback')
        .map((e) => (e as { state: string }).state),
    ).toEqual(['running', 'done']);
    expect(done(rbe)?.outcome).toBe('succeeded');
    const after = await releaseDiff({ answers: changed, namespace, release: 'lr' });
    expect(after.changes).toContainEqual({
      path: 'general.lightrun_endpoint',
      change: 'changed',
      before: '"lightrun.acme.example.com"',
      after: '"lightrun2.example.com"',
    });

    // The release records read from the API say what helm history / get manifest say (3 revisions now).
    const records = await releaseRecords(kc, namespace, 'lr');
    const hist = await raw.run(historyArgs({ context: null, namespace }, 'lr'));
    expect(
      historyFromRecords(records, 'lr').map((h) => ({ revision: h.revision, status: h.status })),
    ).toEqual(parseHistory(hist.stdout).map((h) => ({ revision: h.revision, status: h.status })));
    expect(historyFromRecords(records, 'lr').map((h) => h.revision)).toEqual([1, 2, 3]);
    const viaHelm = await raw.run(getManifestArgs({ context: null, namespace }, 'lr'));
    expect(viaHelm.code).toBe(0);
    expect(newestManifest(records, 'lr')!.trim()).toBe(viaHelm.stdout.trim());

    const adopted = await adoptRelease({ namespace, release: 'lr' });
    expect(adopted.joined).toBe(false);
    const ae = await events(adopted.job);
    expect(ae.find((e) => e.type === 'expected')).toMatchObject({
      workloads: expect.arrayContaining([expect.objectContaining({ name: 'lr-backend' })]),
    });
    expect(done(ae)?.outcome).toBe('succeeded');

    const un = await uninstallRelease({ namespace, release: 'lr' });
    expect(done(await events(un.job))).toMatchObject({
      outcome: 'succeeded',
      summary: [
        'Release lr (revision 3) uninstalled.',
        expect.stringMatching(
          /^Kept: PersistentVolumeClaim mysql-lr-mysql-0 \(\d+[GM]i\), the database: initialised with this release’s database and Keycloak passwords\.$/,
        ),
        'Kept: Secret lr-kept-values (a copy of the release’s values, passwords included, so that a reinstall can start from them and use the kept data).',
        `Kept: namespace ${namespace}.`,
      ],
    });
    await expect(adoptRelease({ namespace, release: 'lr' })).rejects.toThrow(
      `No release lr in namespace ${namespace}.`,
    );
    for (const e of [...rbe, ...un.job.log.since(0)])
      expect(JSON.stringify(e)).not.toMatch(/Example-Db-Pass-1|Changed-Db-Pass-2/);
  });
});

it('after a failed install ends, a watching dashboard keeps folding the namespace until it equals the API', async () => {
  process.env.HELM = v4.path;
  const namespace = ns('lw-job-live');
  const a = answers();
  a.general.lightrunVersion = 'does-not-exist';
  const { job } = await startInstall({
    ...BUNDLED,
    answers: a,
    namespace,
    release: 'lr',
    timeoutSeconds: 300,
  });
  // The first ErrImagePull with the registry's "not found" is certain: the job ends at once,
  // before the database pods are Ready and before the kubelet's later events.
  expect(done(await events(job))?.outcome).toBe('failed');
  const leave = watchLive(job);
  try {
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const deadline = Date.now() + 60_000;
    let last = '';
    for (;;) {
      const s = reduceInstallAll(initialInstallState, job.log.since(0));
      const [deps, sets, pods] = await Promise.all([
        apps.listNamespacedDeployment({ namespace }),
        apps.listNamespacedStatefulSet({ namespace }),
        core.listNamespacedPod({ namespace }),
      ]);
      const api = Object.fromEntries(
        [...deps.items, ...sets.items].map((w) => [
          w.metadata!.name!,
          w.status?.readyReplicas ?? 0,
        ]),
      );
      const apiPods = pods.items
        .map(
          (p) =>
            `${p.metadata!.name} ${p.status?.containerStatuses?.filter((c) => c.ready).length ?? 0}/${p.spec!.containers.length}`,
        )
        .sort();
      const shownPods = [...s.pods.values()].map((p) => `${p.name} ${p.ready}`).sort();
      const shown = Object.fromEntries(
        s.expected.map((w) => [w.name, componentProgress({ ...s, expected: [w] })[0]!.ready]),
      );
      const backoffWarnings = s.warnings.filter(
        (w) => w.message === 'Error: ImagePullBackOff',
      ).length;
      last = JSON.stringify({ api, shown, apiPods, shownPods, backoffWarnings });
      // ImagePullBackOff's "Error: ImagePullBackOff" comes 1.5 s after the first ErrImagePull: only the tail can show it.
      if (
        JSON.stringify(api) === JSON.stringify(shown) &&
        JSON.stringify(apiPods) === JSON.stringify(shownPods) &&
        backoffWarnings >= 3 &&
        shown['lr-mysql'] === 1
      )
        break;
      if (Date.now() > deadline)
        throw new Error(`the dashboard's state never equalled the API's: ${last}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    // The job's outcome stays what it was; the tail only adds what the cluster did next.
    expect(done(job.log.since(0))?.outcome).toBe('failed');
  } finally {
    leave();
  }
});

it("a chart directory holding a link to a file outside it is refused: the file's text never reaches the job log (issue 26 #1)", async () => {
  process.env.HELM = v4.path;
  const { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } = await import('node:fs');
  const path = await import('node:path');
  const work = mkdtempSync(path.join(os.tmpdir(), 'lw-link-chart-'));
  try {
    const outside = path.join(work, 'root-only.txt');
    writeFileSync(outside, 'CANARY-root-only-3f9c', { mode: 0o600 });
    const chart = path.join(work, 'chart');
    cpSync(path.join(process.cwd(), 'chart'), chart, { recursive: true });
    symlinkSync(outside, path.join(chart, 'leak.txt'));
    // what the probe did: a template that puts the file's text where helm prints it
    writeFileSync(
      path.join(chart, 'templates', 'zz-leak.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-leak\n  annotations:\n    leak: {{ .Files.Get "leak.txt" | quote }}\n',
    );
    const namespace = ns('lw-job-link');
    const { job } = await startInstall({
      answers: answers(),
      namespace,
      release: 'lr',
      chart: { source: 'dir', ref: chart },
      timeoutSeconds: 120,
    });
    const es = await events(job);
    expect(done(es)?.outcome).toBe('failed');
    expect(JSON.stringify(es)).toContain(
      'leak.txt in the chart is a link that leaves the chart: the wizard does not read files outside it.',
    );
    expect(JSON.stringify(es)).not.toContain('CANARY-root-only-3f9c');
    // nothing was installed
    expect(es.some((e) => e.type === 'step' && e.step === 'helm' && e.state === 'done')).toBe(
      false,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
