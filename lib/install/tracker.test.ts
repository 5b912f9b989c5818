import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WaitTracker, type RawObject } from './tracker';

const fixture = (n: string): RawObject =>
  JSON.parse(
    readFileSync(path.join(__dirname, '..', 'status', '__fixtures__', 'pods', `${n}.json`), 'utf8'),
  );
const T0 = Date.parse('2026-12-01T20:00:10Z');
const expected = [
  { kind: 'Deployment' as const, name: 'lightrun-backend', component: 'backend', replicas: 1 },
  { kind: 'StatefulSet' as const, name: 'lightrun-mysql', component: 'mysql', replicas: 1 },
];
const deployment = (ready: number): RawObject => ({
  metadata: {
    name: 'lightrun-backend',
    generation: 1,
    resourceVersion: '10',
  } as RawObject['metadata'],
  spec: { replicas: 1 },
  status: {
    observedGeneration: 1,
    replicas: 1,
    updatedReplicas: 1,
    availableReplicas: ready,
    readyReplicas: ready,
  },
});
const statefulSet = (ready: number): RawObject => ({
  metadata: {
    name: 'lightrun-mysql',
    generation: 1,
    resourceVersion: '11',
  } as RawObject['metadata'],
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
const NOT_FOUND =
  'Failed to pull image "lightruncom/server:does-not-exist": rpc error: code = NotFound desc = docker.io/lightruncom/server:does-not-exist: not found';
const pullEvent = {
  metadata: { name: 'e1', uid: 'e1' },
  type: 'Warning',
  reason: 'Failed',
  message: NOT_FOUND,
  count: 2,
  involvedObject: {
    kind: 'Pod',
    name: 'lightrun-backend-5d8f7-a7',
    fieldPath: 'spec.containers{server}',
  },
  lastTimestamp: '2026-12-01T20:00:05Z',
};
const FIX =
  'Check that the tag "does-not-exist" exists in the registry for this image and that the answers name it exactly; if the registry is private, check the image pull secret and that it exists in namespace lightrun.';

describe('WaitTracker', () => {
  it('succeeds only once every expected workload is ready', () => {
    const t = new WaitTracker('lightrun', expected);
    expect(t.verdict(T0, T0 + 60_000)).toEqual({ state: 'waiting' });
    expect(t.apply('Deployment', 'ADDED', deployment(1), T0)).toEqual([
      {
        type: 'workload',
        kind: 'Deployment',
        name: 'lightrun-backend',
        component: 'backend',
        ready: 1,
        desired: 1,
        state: 'ready',
        message: '1 of 1 ready',
        resourceVersion: '10',
      },
    ]);
    t.apply('StatefulSet', 'ADDED', statefulSet(0), T0);
    expect(t.verdict(T0, T0 + 60_000)).toEqual({ state: 'waiting' });
    t.apply('StatefulSet', 'MODIFIED', statefulSet(1), T0);
    expect(t.verdict(T0, T0 + 60_000)).toEqual({ state: 'succeeded' });
  });

  it('ignores workloads that are not expected and pods of other releases', () => {
    const t = new WaitTracker('other', expected);
    expect(
      t.apply('Deployment', 'ADDED', { ...deployment(1), metadata: { name: 'unrelated' } }, T0),
    ).toEqual([]);
    expect(t.apply('Pod', 'ADDED', fixture('running-ready'), T0)).toEqual([]);
  });

  it('fails at once when the registry says the image does not exist, naming pod, image and reason', () => {
    const t = new WaitTracker('lightrun', expected);
    const [first] = t.apply('Pod', 'ADDED', fixture('image-pull-backoff'), T0);
    expect(first).toMatchObject({
      type: 'pod',
      op: 'upsert',
      pod: { status: 'ImagePullBackOff', diagnosis: { certain: false } },
    });
    expect(t.verdict(T0, T0 + 300_000)).toEqual({ state: 'waiting' });
    const events = t.apply('Event', 'ADDED', pullEvent, T0);
    expect(events.map((e) => e.type)).toEqual(['k8s-event', 'pod']);
    expect(t.verdict(T0, T0 + 300_000)).toEqual({
      state: 'failed',
      summary: [
        `lightrun-backend-5d8f7-a7: ImagePullBackOff (container server, image lightruncom/server:does-not-exist): Container server cannot pull image lightruncom/server:does-not-exist: ${NOT_FOUND}`,
        `  fix: ${FIX}`,
      ],
    });
  });

  it('a certain failure names the other failing pods too, with what they show now (issue 25 #13)', () => {
    const t = new WaitTracker('lightrun', expected);
    const other = structuredClone(fixture('image-pull-backoff')) as {
      metadata: { name: string; uid?: string };
    };
    other.metadata.name = 'lightrun-backend-5d8f7-b8';
    other.metadata.uid = 'other-uid';
    t.apply('Pod', 'ADDED', fixture('image-pull-backoff'), T0);
    t.apply('Pod', 'ADDED', other, T0);
    t.apply('Event', 'ADDED', pullEvent, T0);
    const v = t.verdict(T0, T0 + 300_000);
    expect(v.state).toBe('failed');
    const summary = (v as { summary: string[] }).summary;
    expect(summary[0]).toMatch(/^lightrun-backend-5d8f7-a7: ImagePullBackOff/);
    expect(summary.at(-1)).toMatch(
      /^lightrun-backend-5d8f7-b8: ImagePullBackOff .*\(not ready either; not yet certain\)$/,
    );
  });

  it('without a registry answer the back-off becomes certain after 60 s, not before', () => {
    const t = new WaitTracker('lightrun', expected);
    t.apply('Pod', 'ADDED', fixture('image-pull-backoff'), T0);
    const created = Date.parse('2026-12-01T20:00:00Z');
    expect(t.rediagnose(created + 59_999)).toEqual([]);
    expect(t.verdict(created + 59_999, created + 300_000).state).toBe('waiting');
    expect(t.rediagnose(created + 60_000).length).toBe(1);
    expect(t.verdict(created + 60_000, created + 300_000).state).toBe('failed');
  });

  it('at the deadline names each workload that is not ready and its pods', () => {
    const t = new WaitTracker('lightrun', expected);
    t.apply('Deployment', 'ADDED', deployment(1), T0);
    t.apply('StatefulSet', 'ADDED', statefulSet(0), T0);
    t.apply(
      'Pod',
      'ADDED',
      {
        ...fixture('running-not-ready-probe'),
        metadata: { ...fixture('running-not-ready-probe').metadata, name: 'lightrun-mysql-0' },
      },
      T0,
    );
    expect(t.verdict(T0 + 59_999, T0 + 60_000)).toEqual({ state: 'waiting' });
    const v = t.verdict(T0 + 60_000, T0 + 60_000);
    expect(v.state).toBe('failed');
    expect(v.state === 'failed' && v.summary[0]).toBe('StatefulSet lightrun-mysql: 0 of 1 ready');
    expect(v.state === 'failed' && v.summary[1]).toMatch(/^ {2}lightrun-mysql-0: /);
  });

  it('a deleted pod is reported once with its last row', () => {
    const t = new WaitTracker('lightrun', expected);
    t.apply('Pod', 'ADDED', fixture('running-ready'), T0);
    const del = t.apply('Pod', 'DELETED', fixture('running-ready'), T0);
    expect(del).toMatchObject([
      { type: 'pod', op: 'delete', pod: { name: 'lightrun-backend-5d8f7-a1' } },
    ]);
    expect(t.apply('Pod', 'DELETED', fixture('running-ready'), T0)).toEqual([]);
  });

  it('a relist drops pods that are gone and keeps the rest', () => {
    const t = new WaitTracker('lightrun', expected);
    t.apply('Pod', 'ADDED', fixture('running-ready'), T0);
    const out = t.sync('Pod', [fixture('image-pull-backoff')], T0);
    expect(out.map((e) => e.type === 'pod' && `${e.op} ${e.pod.name}`)).toEqual([
      'delete lightrun-backend-5d8f7-a1',
      'upsert lightrun-backend-5d8f7-a7',
    ]);
    expect(t.podSummaries().map((p) => p.name)).toEqual(['lightrun-backend-5d8f7-a7']);
  });
});
