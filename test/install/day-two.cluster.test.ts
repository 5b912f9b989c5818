// Day two on the local cluster with real helm (issue 25 #2, #7): an upgrade that would replace
// the secrets a release has initialised is refused by the job itself (not only by the page) until
// overridden; an uninstall keeps or deletes exactly what the admin chose and says so; a fresh
// install into what stayed is warned by preflight, and starts from the kept values.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import type { InstallEvent } from '@/lib/status/events';
import { startInstall } from '@/lib/install/service';
import { releaseValues, uninstallPreview, uninstallRelease } from '@/lib/install/release-actions';
import { checkRelease } from '@/lib/preflight/namespace';
import type { JobRecord } from '@/lib/install/registry';
import { stopAllNamespaceWatches } from '@/lib/cluster/namespace-watch';
import { dropNamespace, helms, quickDefault, requireKube, uniqueNs } from './helpers';

/** The project's own chart, named explicitly: an install that names none gets Lightrun's published chart, which tests cannot reach. */
const BUNDLED = { chart: { source: 'bundled' as const } };

const { v4 } = helms();
let kc: k8s.KubeConfig;
const namespaces: string[] = [];
const answers = () => parse(readFileSync(quickDefault, 'utf8'));

beforeAll(async () => {
  let kubeconfig: string;
  ({ kc, kubeconfig } = await requireKube());
  process.env.KUBECONFIG = kubeconfig;
  process.env.HELM = v4.path;
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
const versions = async (namespace: string) =>
  (
    await kc
      .makeApiClient(k8s.CoreV1Api)
      .listNamespacedSecret({ namespace, labelSelector: 'owner=helm,name=lr' })
  ).items
    .map((s) => `${s.metadata!.labels!.version}=${s.metadata!.labels!.status}`)
    .sort();
const pvcs = async (namespace: string) =>
  (await kc.makeApiClient(k8s.CoreV1Api).listNamespacedPersistentVolumeClaim({ namespace })).items
    .filter((c) => !c.metadata?.deletionTimestamp)
    .map((c) => c.metadata!.name!);

async function installed(namespace: string) {
  const first = await startInstall({
    ...BUNDLED,
    answers: answers(),
    namespace,
    release: 'lr',
    timeoutSeconds: 180,
  });
  expect(done(await events(first.job))?.outcome).toBe('succeeded');
}

describe('day two', () => {
  it('an upgrade replacing initialised secrets is refused by the job before helm, unless overridden', async () => {
    const namespace = uniqueNs('lw-day2-guard');
    namespaces.push(namespace);
    await installed(namespace);
    const changed = answers();
    changed.database.password = 'Changed-Db-Pass-2';
    const refused = await events(
      (await startInstall({ ...BUNDLED, answers: changed, namespace, release: 'lr' })).job,
    );
    expect(refused[0]).toMatchObject({ type: 'job', action: 'upgrade', revision: 2 });
    const d = done(refused)!;
    expect(d.outcome).toBe('failed');
    expect(d.summary[0]).toMatch(/^Refused: this upgrade would replace secrets release lr/);
    expect(d.summary.slice(1)).toEqual([expect.stringMatching(/^secrets\.db\.password: /)]);
    expect(refused.some((e) => e.type === 'helm-output')).toBe(false);
    expect(JSON.stringify(refused)).not.toMatch(/Changed-Db-Pass-2|Example-Db-Pass-1/);
    expect(await versions(namespace)).toEqual(['1=deployed']);

    const overridden = await events(
      (
        await startInstall({
          ...BUNDLED,
          answers: changed,
          namespace,
          release: 'lr',
          overrides: ['initialised-secrets'],
          timeoutSeconds: 180,
        })
      ).job,
    );
    expect(overridden.find((e) => e.type === 'override')).toMatchObject({
      check: 'initialised-secrets',
    });
    expect(done(overridden)?.outcome).toBe('succeeded');
    expect(await versions(namespace)).toEqual(['1=superseded', '2=deployed']);
  });

  it('uninstall lists what stays, keeps or deletes each as chosen; preflight warns a fresh install and the values are kept for it', async () => {
    const namespace = uniqueNs('lw-day2-left');
    namespaces.push(namespace);
    await installed(namespace);
    const preview = await uninstallPreview({ namespace, release: 'lr' });
    expect(preview.revision).toBe(1);
    expect(preview.leftovers).toMatchObject({
      namespace,
      namespaceExists: true,
      claims: [
        { name: 'mysql-lr-mysql-0', component: 'mysql', size: expect.stringMatching(/Gi$/) },
      ],
      secrets: [],
      keptValues: null,
    });
    const un = await events((await uninstallRelease({ namespace, release: 'lr' })).job);
    expect(done(un)?.summary).toEqual([
      'Release lr (revision 1) uninstalled.',
      expect.stringMatching(/^Kept: PersistentVolumeClaim mysql-lr-mysql-0 \(/),
      expect.stringMatching(/^Kept: Secret lr-kept-values /),
      `Kept: namespace ${namespace}.`,
    ]);
    expect(await pvcs(namespace)).toEqual(['mysql-lr-mysql-0']);

    // A fresh install here: warned, and the kept values are what "start from" reads.
    const v = await checkRelease(kc, namespace, 'lr');
    expect(v.status).toBe('warn');
    expect(v.message).toContain('mysql-lr-mysql-0');
    expect(v.message).toContain('initialised with other passwords');
    expect(v.fix).toContain('lr-kept-values');
    const kept = await releaseValues({ namespace, release: 'lr' });
    expect(kept.kept).toBe(true);
    expect((kept.values as { secrets: { db: { password: string } } }).secrets.db.password).toBe(
      answers().database.password,
    );

    // Reinstalled from them (the kept password), then uninstalled deleting the claim: nothing of
    // the release stays but the namespace, and the kept copy of the values is gone too.
    await installed(namespace);
    const all = await events(
      (
        await uninstallRelease({
          namespace,
          release: 'lr',
          delete: {
            claims: ['mysql-lr-mysql-0', 'not-a-claim-of-the-release'],
            secrets: [],
            namespace: false,
            keepValues: true,
          },
        })
      ).job,
    );
    expect(done(all)?.summary).toEqual([
      'Release lr (revision 1) uninstalled.',
      `Kept: namespace ${namespace}.`,
      'Deleted: claim mysql-lr-mysql-0.',
    ]);
    expect(await pvcs(namespace)).toEqual([]);
    await expect(releaseValues({ namespace, release: 'lr' })).rejects.toThrow(/No release lr/);
    expect((await checkRelease(kc, namespace, 'lr')).status).toBe('pass');
  });
});
