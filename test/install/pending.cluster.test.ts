// A release left pending-* (what a killed helm leaves) is detected before helm runs, the job says
// how to recover, and the recovery (rollback to the last deployed revision) makes it installable.
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import type { InstallEvent } from '@/lib/status/events';
import { startInstall } from '@/lib/install/service';
import { rollbackRelease } from '@/lib/install/release-actions';
import { stopAllNamespaceWatches } from '@/lib/cluster/namespace-watch';
import { dropNamespace, helms, quickDefault, requireKube, uniqueNs } from './helpers';

/** The project's own chart, named explicitly: an install that names none gets Lightrun's published chart, which tests cannot reach. */
const BUNDLED = { chart: { source: 'bundled' as const } };

let kc: k8s.KubeConfig;
const namespace = uniqueNs('lw-job-pending');
const answers = () => parse(readFileSync(quickDefault, 'utf8'));
const done = (es: InstallEvent[]) =>
  es.find((e) => e.type === 'done') as Extract<InstallEvent, { type: 'done' }> | undefined;

beforeAll(async () => {
  let kubeconfig: string;
  ({ kc, kubeconfig } = await requireKube());
  process.env.KUBECONFIG = kubeconfig;
  process.env.HELM = helms().v4.path;
});
afterAll(async () => {
  stopAllNamespaceWatches();
  await dropNamespace(kc, namespace);
});

/** Marks revision `rev` of the release as `status` in Helm's own record (Secret sh.helm.release.v1.<rel>.v<rev>). */
async function markRelease(release: string, rev: number, status: string): Promise<void> {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const name = `sh.helm.release.v1.${release}.v${rev}`;
  const s = await core.readNamespacedSecret({ name, namespace });
  const record = JSON.parse(
    gunzipSync(
      Buffer.from(Buffer.from(s.data!.release!, 'base64').toString(), 'base64'),
    ).toString(),
  );
  record.info.status = status;
  const encoded = Buffer.from(
    gzipSync(Buffer.from(JSON.stringify(record))).toString('base64'),
  ).toString('base64');
  await core.replaceNamespacedSecret({
    name,
    namespace,
    body: {
      ...s,
      data: { release: encoded },
      metadata: { ...s.metadata, labels: { ...s.metadata!.labels, status } },
    },
  });
}

async function run(): Promise<InstallEvent[]> {
  const { job } = await startInstall({
    ...BUNDLED,
    answers: answers(),
    namespace,
    release: 'lr',
    timeoutSeconds: 180,
  });
  await job.done;
  return job.log.since(0);
}

it('detects pending-upgrade, offers the rollback, and installs again after it', async () => {
  expect(done(await run())?.outcome).toBe('succeeded');
  expect(done(await run())?.outcome).toBe('succeeded');
  await markRelease('lr', 2, 'pending-upgrade');

  const stuck = await run();
  expect(done(stuck)).toMatchObject({
    outcome: 'failed',
    summary: [
      'Release lr is stuck in pending-upgrade (revision 2): a helm was stopped mid-operation. To recover, roll back to revision 1, the last one deployed (dashboard "Recover", or `npm run cli -- rollback --release lr --revision 1`).',
    ],
  });
  expect(stuck.some((e) => e.type === 'step' && e.step === 'namespace')).toBe(false);

  const { job } = await rollbackRelease({ namespace, release: 'lr' });
  await job.done;
  expect(
    job.log.since(0).find((e) => e.type === 'step' && e.step === 'rollback' && e.state === 'done'),
  ).toMatchObject({ message: 'Rolled back to revision 1: revision 3 holds its values and chart' });

  const again = await run();
  expect(again.find((e) => e.type === 'job')).toMatchObject({ action: 'upgrade' });
  expect(done(again)?.outcome).toBe('succeeded');
});
