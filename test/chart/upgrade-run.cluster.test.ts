// The guided upgrade job (lib/install/upgrade-job.ts, cli upgrade) on the local cluster: a
// U4-like release of chart/ (3.9.4: local MySQL on claim `lrdata`, local RabbitMQ on a 10Gi
// claim) upgraded to chart-3.50/ (docs/upgrade.md, "Running the upgrade"; docs/chart-3.50.md
// §13.1), the job's helm v4 and v3 in turn (the release installed with v4):
// - without a backup or the typed phrase the job refuses and changes nothing;
// - with the phrase, stopped (a wizard restart) right after it deleted the queue's StatefulSet
//   and claim, a second run continues: the queue step finds them gone, helm upgrades, every
//   workload is ready, the MySQL claim keeps its UID and the initialised Secrets their keys;
// - a third run (cli upgrade) finds the release upgraded and only checks what survived;
// - the same files through a plain `helm upgrade` fail on the queue's StatefulSet (§13.1 U4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { runUpgradeCommand } from '../../cli/upgrade';
import { runUpgradeJob } from '../../lib/install/upgrade-job';
import { JobLog } from '../../lib/install/job-log';
import { helmCli } from '../../lib/install/helm-cli';
import { namespaceFeed } from '../../lib/install/feed';
import { findHelm } from '../../lib/helm/find-helm';
import { makeRedactor } from '../../lib/helm/redact';
import { readUpgradeState, recordBackup, upgradeStateName } from '../../lib/install/upgrade-state';
import type { BackupManifest } from '../../lib/upgrade/backup/manifest';
import { upgradeValuesOfRelease } from '../../lib/install/upgrade-plan';
import { OWN_BACKUP_PHRASE } from '../../lib/upgrade/run';
import { RELEASES_394 } from '../../lib/upgrade/__fixtures__/releases';
import type { InstallEvent } from '../../lib/status/events';
import { requireKube, warmUpKwok, freshNamespace, helmDeploy } from './cluster';
import { chart350Dir, chartDir, helmBinaries } from './helm';
import { cleanup350, kwokSmall350, valuesFile } from './chart350';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REL = 'acme';
const bins = helmBinaries();
const v4 = bins.find((b) => b.name === 'helm v4') ?? bins[0]!;

let kc: k8s.KubeConfig;
let kubeconfig: string;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;
const namespaces: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  ({ kc, kubeconfig } = await requireKube());
  core = kc.makeApiClient(k8s.CoreV1Api);
  apps = kc.makeApiClient(k8s.AppsV1Api);
  await warmUpKwok(kc, (ns) => namespaces.push(ns));
});

afterAll(async () => {
  cleanup350();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const ns of namespaces) await core?.deleteNamespace({ name: ns }).catch(() => undefined);
});

async function installed(prefix: string): Promise<string> {
  const ns = await freshNamespace(core, prefix, (n) => namespaces.push(n));
  const r = await helmDeploy(v4, { kubeconfig, release: REL, namespace: ns }, 'install', chartDir, [
    valuesFile(RELEASES_394.U4!),
    kwokSmall350,
  ]);
  expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(0);
  return ns;
}

/** Runs the job to its end; `stopAfter` aborts it (a wizard restart) once that step is logged done. */
async function runJob(helmPath: string, ns: string, ownBackup?: string, stopAfter?: string) {
  const log = new JobLog();
  const controller = new AbortController();
  const append = log.append.bind(log);
  log.append = (b) => {
    const e = append(b);
    if (b.type === 'step' && b.step === stopAfter && b.state === 'done') controller.abort();
    return e;
  };
  const bin = await findHelm({ ...process.env, HELM: helmPath });
  const outcome = await runUpgradeJob(
    {
      jobId: 'test',
      context: null,
      namespace: ns,
      release: REL,
      chart: { chart: chart350Dir },
      ...(ownBackup !== undefined ? { ownBackup } : {}),
      timeoutSeconds: 300,
    },
    { helm: helmCli(bin, makeRedactor([])), kc, feed: namespaceFeed(kc, null, ns), now: Date.now },
    log,
    controller.signal,
  );
  log.close();
  const events: InstallEvent[] = [];
  for await (const e of log.follow(0)) events.push(e);
  const steps = events.flatMap((e) => (e.type === 'step' ? [`${e.step} ${e.state}`] : []));
  const text = (step: string) =>
    events.flatMap((e) => (e.type === 'step' && e.step === step ? [e.message] : [])).join('\n');
  const done = events.find((e) => e.type === 'done');
  return { outcome, steps, text, summary: done?.type === 'done' ? done.summary : [] };
}

const exists = (p: Promise<unknown>) =>
  p.then(
    () => true,
    (e: unknown) => {
      if ((e as { code?: number }).code === 404) return false;
      throw e;
    },
  );

describe.sequential('the guided upgrade job, U4-like', () => {
  it.each(bins)(
    '$name: refuses without a backup, then upgrades across a restart, keeping the MySQL claim and the Secrets',
    async (job) => {
      const ns = await installed('lw-uprun-u4');
      const mysqlClaim = `lrdata-${REL}-mysql-0`;
      const mqClaim = `${REL}-mq-data-${REL}-mq-0`;
      const uid = async (name: string) =>
        (await core.readNamespacedPersistentVolumeClaim({ name, namespace: ns })).metadata!.uid!;
      const mysqlUid = await uid(mysqlClaim);
      const backendBefore = (
        await core.readNamespacedSecret({ name: `${REL}-backend`, namespace: ns })
      ).data!;

      // 1. no backup, and a phrase that is not exactly it: refused, nothing changed
      const refused = await runJob(job.path, ns, OWN_BACKUP_PHRASE.toLowerCase());
      expect(refused.outcome).toBe('failed');
      expect(refused.steps, refused.summary.join('\n')).toEqual(['backup failed']);
      expect(refused.summary[0]).toContain('Nothing was changed');
      expect(
        await exists(apps.readNamespacedStatefulSet({ name: `${REL}-mq`, namespace: ns })),
      ).toBe(true);
      expect(
        await exists(core.readNamespacedSecret({ name: upgradeStateName(REL), namespace: ns })),
      ).toBe(false);

      // 2. a backup the wizard took of this revision (its record: digest and size), and a run
      // stopped right after the queue step (a wizard restart)
      const sha256 = 'ab'.repeat(32);
      const manifest = {
        sha256,
        bytes: 4321,
        tables: 12,
        database: 'lightrun',
        takenAt: new Date().toISOString(),
      };
      expect(
        await recordBackup(
          { context: null, namespace: ns, release: REL },
          manifest as BackupManifest,
          'cli',
        ),
      ).toBe(1);
      const first = await runJob(job.path, ns, undefined, 'queue');
      expect(first.outcome).toBe('cancelled');
      expect(first.steps).toEqual([
        'backup done',
        'secrets skipped',
        'queue running',
        'queue done',
        'internal-tls skipped',
      ]);
      expect(first.text('backup')).toContain(`12 tables, 4321 bytes gzip, sha256 ${sha256}`);
      expect(first.text('queue')).toContain(`Scaled StatefulSet ${REL}-mq to 0 and deleted it.`);
      expect(first.text('queue')).toContain(`Deleted claim ${mqClaim}.`);
      expect(
        await exists(apps.readNamespacedStatefulSet({ name: `${REL}-mq`, namespace: ns })),
      ).toBe(false);
      expect(
        await exists(core.readNamespacedPersistentVolumeClaim({ name: mqClaim, namespace: ns })),
      ).toBe(false);
      const state = await readUpgradeState(kc, ns, REL);
      expect(state.snapshot).toMatchObject({
        revision: 1,
        claims: [{ name: mysqlClaim, uid: mysqlUid }],
        queue: { statefulSet: `${REL}-mq`, claims: [mqClaim] },
        backup: { sha256, bytes: 4321 },
      });
      expect(JSON.stringify(state)).not.toContain(
        Buffer.from(backendBefore.SPRING_DATASOURCE_PASSWORD ?? 'x', 'base64').toString(),
      );

      // 3. the second run continues: the queue is already gone, helm upgrades, all ready, all kept
      const second = await runJob(job.path, ns);
      expect(second.outcome, second.summary.join('\n')).toBe('succeeded');
      expect(second.text('queue')).toContain(`StatefulSet ${REL}-mq is already gone.`);
      expect(second.text('queue')).toContain(`Claim ${mqClaim} is already gone.`);
      expect(second.steps).toContain('helm done');
      expect(second.text('survived')).toContain(`Claim ${mysqlClaim} kept: same UID ${mysqlUid}.`);
      expect(second.text('survived')).toMatch(
        new RegExp(`Secret ${REL}-backend: its \\d+ keys unchanged`),
      );
      expect(second.text('survived')).toContain(`Secret ${REL}-keycloak: its`);
      expect(second.text('survived')).toContain(
        `kubectl -n ${ns} get secret ${REL}-backend -o jsonpath='{.data.encryption-key-0}'`,
      );
      expect(await uid(mysqlClaim)).toBe(mysqlUid);
      const backendAfter = (
        await core.readNamespacedSecret({ name: `${REL}-backend`, namespace: ns })
      ).data!;
      for (const [k, v] of Object.entries(backendBefore)) expect(backendAfter[k], k).toBe(v);
      expect(backendAfter['encryption-key-0']).toBeTruthy();
      const mq = await apps.readNamespacedStatefulSet({ name: `${REL}-mq`, namespace: ns });
      expect(mq.spec?.volumeClaimTemplates).toBeUndefined();

      // 4. a third run (the CLI) finds the release upgraded: helm is skipped, the check passes
      const saved = process.env.HELM;
      process.env.HELM = job.path;
      const code = await runUpgradeCommand([
        'upgrade',
        '--release',
        REL,
        '--namespace',
        ns,
        '--to',
        '3.50.0',
        '--chart',
        chart350Dir,
      ]);
      if (saved === undefined) delete process.env.HELM;
      else process.env.HELM = saved;
      expect(code).toBe(0);
      expect(await uid(mysqlClaim)).toBe(mysqlUid);
    },
    900_000,
  );

  it('the same files through a plain helm upgrade fail on the queue’s StatefulSet', async () => {
    const ns = await installed('lw-uprun-plain');
    const { yaml } = await upgradeValuesOfRelease({ namespace: ns, release: REL });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-uprun-'));
    dirs.push(dir);
    const file = path.join(dir, 'values-3.50.yaml');
    writeFileSync(file, yaml, { mode: 0o600 });
    const up = await helmDeploy(
      v4,
      { kubeconfig, release: REL, namespace: ns },
      'upgrade',
      chart350Dir,
      [file],
    );
    expect(up.code).not.toBe(0);
    expect(up.stderr).toContain('Forbidden: updates to statefulset spec');
  }, 900_000);
});
