// The live tail against a scripted namespace feed (the shared watch's own behaviour is tested on
// the real cluster in test/install/job.cluster.test.ts): after `done` the dashboard's state must
// come to equal the namespace's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentProgress } from '../status/progress';
import { initialInstallState, reduceInstallAll } from '../status/reducer';
import type { FeedEvent, NamespaceFeed } from './feed';
import { JobLog } from './job-log';
import { startLiveTail } from './live-tail';
import type { RawObject } from './tracker';

const fixture = (n: string): RawObject =>
  JSON.parse(
    readFileSync(path.join(__dirname, '..', 'status', '__fixtures__', 'pods', `${n}.json`), 'utf8'),
  );
const NOW = Date.parse('2026-12-01T20:00:10Z');

/** The mysql pod from a kubectl fixture: Running but not Ready (`not-ready`) or Ready. */
function mysqlPod(ready: boolean, rv: string): RawObject {
  const p = fixture(ready ? 'running-ready' : 'running-not-ready-probe') as RawObject & {
    metadata: Record<string, unknown>;
  };
  return {
    ...p,
    metadata: {
      ...p.metadata,
      name: 'lightrun-mysql-0',
      resourceVersion: rv,
      labels: { 'app.kubernetes.io/instance': 'lightrun', 'app.kubernetes.io/component': 'mysql' },
    },
  };
}
const statefulSet = (ready: number, rv: string): RawObject => ({
  metadata: { name: 'lightrun-mysql', generation: 1, resourceVersion: rv } as RawObject['metadata'],
  spec: { replicas: 1 },
  status: {
    observedGeneration: 1,
    replicas: 1,
    updatedReplicas: 1,
    currentReplicas: 1,
    readyReplicas: ready,
    currentRevision: 'r1',
    updateRevision: 'r1',
  },
});
const failedEvent: RawObject = {
  metadata: { name: 'e1', uid: 'e1' },
  type: 'Warning',
  reason: 'Failed',
  count: 1,
  message: 'Failed to pull image "lightruncom/server:does-not-exist": not found',
  involvedObject: { kind: 'Pod', name: 'lightrun-backend-5d8f7-a7' },
  lastTimestamp: '2026-12-01T20:00:05Z',
} as RawObject;

/** A job that ended (failed at the first certain failure) while mysql was still 0/1 and no Warning had arrived. */
function endedLog(): JobLog {
  const log = new JobLog(() => new Date(NOW));
  log.append({
    type: 'expected',
    workloads: [{ kind: 'StatefulSet', name: 'lightrun-mysql', component: 'mysql', replicas: 1 }],
  });
  log.append({
    type: 'workload',
    kind: 'StatefulSet',
    name: 'lightrun-mysql',
    component: 'mysql',
    ready: 0,
    desired: 1,
    state: 'in-progress',
    message: '0 of 1 ready',
    resourceVersion: '5',
  });
  log.append({ type: 'done', outcome: 'failed', summary: ['lightrun-backend: ErrImagePull'] });
  log.close();
  return log;
}

/** A feed that delivers `snapshot` synchronously on subscribe (as the shared watch does), then lets the test push. */
function scriptedFeed(snapshot: FeedEvent[]) {
  const listeners = new Set<(e: FeedEvent) => void>();
  const feed: NamespaceFeed = (on) => {
    snapshot.forEach(on);
    listeners.add(on);
    return () => listeners.delete(on);
  };
  return {
    feed,
    push: (e: FeedEvent) => listeners.forEach((l) => l(e)),
    subscribers: () => listeners.size,
  };
}
const tick = () => new Promise((r) => setTimeout(r, 0));
const shown = (log: JobLog) => reduceInstallAll(initialInstallState, log.since(0));

const clusterNow: FeedEvent[] = [
  { kind: 'Pod', type: 'SYNC', items: [mysqlPod(true, '30')] },
  { kind: 'Event', type: 'SYNC', items: [failedEvent] },
  { kind: 'StatefulSet', type: 'SYNC', items: [statefulSet(1, '31')] },
];

describe('startLiveTail', () => {
  it('after done, brings progress, pod rows and warnings to what the namespace shows', async () => {
    const log = endedLog();
    expect(componentProgress(shown(log))).toMatchObject([
      { component: 'mysql', ready: 0, expected: 1 },
    ]);
    const { feed } = scriptedFeed(clusterNow);
    const stop = startLiveTail(log, 'lightrun', { feed, now: () => NOW });
    await tick();
    const s = shown(log);
    expect(componentProgress(s)).toMatchObject([
      { component: 'mysql', ready: 1, expected: 1, state: 'ready' },
    ]);
    expect(s.pods.get('lightrun-mysql-0')).toMatchObject({
      status: 'Running',
      ready: '1/1',
      readiness: 'ready',
    });
    expect(s.warnings.map((w) => `${w.object.name} ${w.reason}`)).toEqual([
      'lightrun-backend-5d8f7-a7 Failed',
    ]);
    // The tail numbers on from the job's ids; the done event stays the job's.
    expect(log.since(3).map((e) => e.id)).toEqual(log.since(3).map((_e, i) => i + 4));
    expect(s.done?.outcome).toBe('failed');
    stop();
  });

  it('follows changes after its snapshot, and logs nothing once stopped', async () => {
    const log = endedLog();
    const { feed, push, subscribers } = scriptedFeed([
      { kind: 'Pod', type: 'SYNC', items: [mysqlPod(false, '30')] },
    ]);
    const stop = startLiveTail(log, 'lightrun', { feed, now: () => NOW });
    await tick();
    expect(shown(log).pods.get('lightrun-mysql-0')?.ready).toBe('0/1');
    push({ kind: 'Pod', type: 'MODIFIED', object: mysqlPod(true, '31') });
    await tick();
    expect(shown(log).pods.get('lightrun-mysql-0')?.ready).toBe('1/1');
    stop();
    expect(subscribers()).toBe(0);
    const last = log.lastId;
    push({ kind: 'Pod', type: 'DELETED', object: mysqlPod(true, '32') });
    await tick();
    expect(log.lastId).toBe(last);
  });

  it('a second tail on the same log (a reload) logs nothing when the namespace did not change', async () => {
    const log = endedLog();
    const first = scriptedFeed(clusterNow);
    const stopFirst = startLiveTail(log, 'lightrun', { feed: first.feed, now: () => NOW });
    await tick();
    stopFirst();
    const after = log.lastId;
    expect(after).toBeGreaterThan(3);
    const stop = startLiveTail(log, 'lightrun', {
      feed: scriptedFeed(clusterNow).feed,
      now: () => NOW,
    });
    await tick();
    expect(log.lastId).toBe(after);
    stop();
  });

  it('a pod row the namespace no longer lists is removed', async () => {
    const log = endedLog();
    const a = startLiveTail(log, 'lightrun', {
      feed: scriptedFeed(clusterNow).feed,
      now: () => NOW,
    });
    await tick();
    a();
    expect([...shown(log).pods.keys()]).toEqual(['lightrun-mysql-0']);
    const b = startLiveTail(log, 'lightrun', {
      feed: scriptedFeed([{ kind: 'Pod', type: 'SYNC', items: [] }]).feed,
      now: () => NOW,
    });
    await tick();
    expect(shown(log).pods.size).toBe(0);
    b();
  });
});
