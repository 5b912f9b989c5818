import { describe, expect, it } from 'vitest';
import type { InstallEventBody, PodSummary } from './events';
import { changedBodies, vanishedPods } from './live-delta';
import { initialInstallState, reduceInstallAll, type InstallState } from './reducer';
import { stampEvent } from './events';

const AT = '2026-12-01T20:00:00.000Z';
function pod(name: string, over: Partial<PodSummary> = {}): PodSummary {
  return {
    name,
    component: 'mysql',
    phase: 'Running',
    status: 'Running',
    ready: '0/1',
    restarts: 0,
    node: 'n1',
    createdAt: AT,
    resourceVersion: '10',
    readiness: 'in-progress',
    ...over,
  };
}
const upsert = (p: PodSummary): InstallEventBody => ({ type: 'pod', op: 'upsert', pod: p });
const remove = (p: PodSummary): InstallEventBody => ({ type: 'pod', op: 'delete', pod: p });
const workload = (ready: number, rv = '20'): InstallEventBody => ({
  type: 'workload',
  kind: 'StatefulSet',
  name: 'lightrun-mysql',
  component: 'mysql',
  ready,
  desired: 1,
  state: ready === 1 ? 'ready' : 'in-progress',
  message: `${ready} of 1 ready`,
  resourceVersion: rv,
});
const warning = (count: number, uid = 'e1'): InstallEventBody => ({
  type: 'k8s-event',
  uid,
  eventType: 'Warning',
  object: { kind: 'Pod', name: 'lightrun-backend-1' },
  reason: 'Failed',
  message: 'Failed to pull image',
  count,
  lastTimestamp: AT,
});
function stateOf(...bodies: InstallEventBody[]): InstallState {
  return reduceInstallAll(
    initialInstallState,
    bodies.map((b, i) => stampEvent(b, i + 1, AT)),
  );
}

describe('changedBodies', () => {
  const shown = stateOf(upsert(pod('lightrun-mysql-0')), workload(0), warning(1));

  it('drops what the page already shows: same pod row, same workload counts, same warning', () => {
    expect(
      changedBodies(shown, [upsert(pod('lightrun-mysql-0')), workload(0), warning(1)]),
    ).toEqual([]);
  });

  it('a pod row differing only in resourceVersion is not a change; a new ready count is', () => {
    expect(
      changedBodies(shown, [upsert(pod('lightrun-mysql-0', { resourceVersion: '11' }))]),
    ).toEqual([]);
    const ready = upsert(
      pod('lightrun-mysql-0', { ready: '1/1', readiness: 'ready', resourceVersion: '11' }),
    );
    expect(changedBodies(shown, [ready])).toEqual([ready]);
  });

  it('keeps a pod the page does not show, and a workload whose readiness changed (the frozen 0/1)', () => {
    const other = upsert(pod('lightrun-redis-1'));
    expect(changedBodies(shown, [other, workload(1, '21')])).toEqual([other, workload(1, '21')]);
    // resourceVersion alone on a workload is not a change either.
    expect(changedBodies(shown, [workload(0, '22')])).toEqual([]);
  });

  it('keeps a new warning and a repeat with a higher count (the kubelet Failed events after done)', () => {
    expect(changedBodies(shown, [warning(1, 'e2')])).toEqual([warning(1, 'e2')]);
    expect(changedBodies(shown, [warning(2)])).toEqual([warning(2)]);
    const normal: InstallEventBody = {
      ...(warning(1, 'n1') as Extract<InstallEventBody, { type: 'k8s-event' }>),
      eventType: 'Normal',
    };
    expect(changedBodies(shown, [normal])).toEqual([]);
  });

  it('a delete counts only for a row the page shows', () => {
    expect(changedBodies(shown, [remove(pod('lightrun-mysql-0'))])).toEqual([
      remove(pod('lightrun-mysql-0')),
    ]);
    expect(changedBodies(shown, [remove(pod('never-shown'))])).toEqual([]);
  });

  it('several bodies for one pod in a batch count as the last one, in the order of the last ones', () => {
    const bare = upsert(pod('lightrun-redis-1'));
    const explained = upsert(
      pod('lightrun-redis-1', {
        diagnosis: {
          reason: 'ErrImagePull',
          message: 'm',
          fix: 'f',
          pod: 'lightrun-redis-1',
          certain: true,
        },
      }),
    );
    expect(changedBodies(shown, [bare, workload(1), explained])).toEqual([workload(1), explained]);
    // Listed then gone in the same batch, for a row the page shows: the delete is what counts.
    expect(
      changedBodies(shown, [
        upsert(pod('lightrun-mysql-0', { ready: '1/1' })),
        remove(pod('lightrun-mysql-0')),
      ]),
    ).toEqual([remove(pod('lightrun-mysql-0'))]);
    // …and back to exactly what the page shows: nothing to log.
    expect(
      changedBodies(shown, [remove(pod('lightrun-mysql-0')), upsert(pod('lightrun-mysql-0'))]),
    ).toEqual([]);
  });

  it('leaves the job’s own events out (steps, done, helm output are not the tail’s)', () => {
    expect(
      changedBodies(shown, [
        { type: 'step', step: 'wait', state: 'done', message: 'x' },
        { type: 'helm-output', stream: 'stdout', line: 'x' },
      ]),
    ).toEqual([]);
  });
});

describe('vanishedPods', () => {
  it('deletes exactly the rows a complete list no longer has', () => {
    const s = stateOf(upsert(pod('a')), upsert(pod('b')));
    expect(vanishedPods(s, new Set(['a', 'b', 'c']))).toEqual([]);
    expect(vanishedPods(s, new Set(['b']))).toEqual([remove(pod('a'))]);
    expect(
      vanishedPods(s, new Set())
        .map((b) => (b as Extract<InstallEventBody, { type: 'pod' }>).pod.name)
        .sort(),
    ).toEqual(['a', 'b']);
  });
});
