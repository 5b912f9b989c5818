// The chart 3.50 heap-dump claim check with the real gatherer against the local cluster: no claim
// fails naming it, a ReadWriteOnce claim shared by backend and crons warns, a ReadWriteMany one
// passes (docs/chart-3.50.md §4, T5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import type { Answers } from '@/lib/answers';
import { validAnswers } from '@/lib/answers/__fixtures__/valid-answers';
import { preflightChecks } from '@/lib/preflight';
import { runOne } from '@/lib/preflight/runner';
import { requireCluster, uniqueNs } from '../cluster/helpers';

const ns = uniqueNs('pf-dumps');
let kc: k8s.KubeConfig;

const claim = (name: string, mode: string) =>
  kc.makeApiClient(k8s.CoreV1Api).createNamespacedPersistentVolumeClaim({
    namespace: ns,
    body: {
      metadata: { name },
      spec: { accessModes: [mode], resources: { requests: { storage: '1Gi' } } },
    },
  });

async function check(name: string) {
  const a: Answers = validAnswers();
  a.chart = '3.50.0';
  if (a.secrets.mode === 'chart') a.secrets.encryptionKey = btoa('k'.repeat(32));
  a.workloads = {
    crons: true,
    heapDumps: { mode: 'claim', claim: name },
    nodeSelector: [],
    tolerations: [],
  };
  const c = preflightChecks(
    { answers: a, context: null, namespace: ns, release: 'lr' },
    { kube: { kc } },
  ).find((x) => x.id === 'dumps-claim');
  return c ? runOne(c) : null;
}

beforeAll(async () => {
  ({ kc } = await requireCluster());
  await kc.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
});

afterAll(async () => {
  if (kc)
    await kc
      .makeApiClient(k8s.CoreV1Api)
      .deleteNamespace({ name: ns })
      .catch(() => {});
});

describe('heap-dump claim, chart 3.50 (real cluster)', () => {
  it('no such claim: fails naming it and the namespace', async () => {
    expect(await check('dumps')).toMatchObject({
      status: 'fail',
      message: `PersistentVolumeClaim dumps (heap dumps) does not exist in namespace ${ns}: the backend would never start.`,
    });
  });

  it('a ReadWriteOnce claim shared by backend and crons warns', async () => {
    await claim('dumps-rwo', 'ReadWriteOnce');
    expect(await check('dumps-rwo')).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(/^PersistentVolumeClaim dumps-rwo is ReadWriteOnce, but /),
    });
  });

  it('a ReadWriteMany claim passes', async () => {
    await claim('dumps-rwx', 'ReadWriteMany');
    expect(await check('dumps-rwx')).toMatchObject({
      status: 'pass',
      message:
        'PersistentVolumeClaim dumps-rwx is ReadWriteMany, mounted by the backend pod and crons.',
    });
  });
});
