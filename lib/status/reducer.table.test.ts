import { describe, expect, it } from 'vitest';
import {
  installEventSchema,
  stampEvent,
  type InstallEvent,
  type InstallEventBody,
  type PodSummary,
} from './events';
import { initialInstallState, isStaleVersion, reduceInstall, reduceInstallAll } from './reducer';

const AT = '2026-12-01T20:00:00.000Z';
const ev = (body: InstallEventBody, id: number): InstallEvent =>
  installEventSchema.parse({ ...body, id, at: AT });
const pod = (name: string, resourceVersion: string): PodSummary => ({
  name,
  component: 'backend',
  phase: 'Running',
  status: 'Running',
  ready: '1/1',
  restarts: 0,
  node: 'n',
  createdAt: AT,
  resourceVersion,
  readiness: 'ready',
});

describe('isStaleVersion: only whole numbers are compared', () => {
  it.each([
    ['x9', '10'],
    ['9x', '10'],
    ['9', 'x10'],
    ['9', '10x'],
    ['', '10'],
    ['9', ''],
    ['-9', '10'],
  ] as const)('%j against %j is not stale (and does not throw)', (incoming, current) => {
    expect(isStaleVersion(incoming, current)).toBe(false);
  });
});

describe('reduceInstall: containers are copied only when they change', () => {
  it('deleting a pod that was never seen records the deletion and leaves the pod map as it was', () => {
    const s1 = reduceInstall(
      initialInstallState,
      ev({ type: 'pod', op: 'upsert', pod: pod('a', '1') }, 1),
    );
    const s2 = reduceInstall(s1, ev({ type: 'pod', op: 'delete', pod: pod('ghost', '5') }, 2));
    expect(s2.pods).toBe(s1.pods);
    expect(s2.deletedPods).toEqual({ ghost: '5' });
    expect(s1.deletedPods).toEqual({});
  });
  it('an upsert of a pod never deleted leaves the deletion map as it was', () => {
    const s1 = reduceInstall(
      initialInstallState,
      ev({ type: 'pod', op: 'delete', pod: pod('gone', '3') }, 1),
    );
    const s2 = reduceInstall(s1, ev({ type: 'pod', op: 'upsert', pod: pod('a', '1') }, 2));
    expect(s2.deletedPods).toBe(s1.deletedPods);
  });
  it('a stale workload leaves the workload map as it was; a new one replaces it', () => {
    const w = {
      type: 'workload' as const,
      kind: 'Deployment' as const,
      name: 'd',
      component: 'c',
      desired: 1,
      message: '',
      ready: 1,
      state: 'ready' as const,
    };
    const s1 = reduceInstall(initialInstallState, ev({ ...w, resourceVersion: '10' }, 1));
    const s2 = reduceInstall(s1, ev({ ...w, ready: 0, resourceVersion: '9' }, 2));
    expect(s2.workloads).toBe(s1.workloads);
    const s3 = reduceInstall(s2, ev({ ...w, ready: 0, resourceVersion: '10' }, 3));
    expect(s3.workloads['Deployment/d']?.ready).toBe(0);
  });
  it('a batch that only holds replays returns the same containers and id', () => {
    const s1 = reduceInstallAll(initialInstallState, [
      ev({ type: 'pod', op: 'upsert', pod: pod('a', '1') }, 1),
      ev({ type: 'override', check: 'x' }, 2),
    ]);
    const s2 = reduceInstallAll(s1, [
      ev({ type: 'pod', op: 'upsert', pod: pod('a', '9') }, 1),
      ev({ type: 'override', check: 'y' }, 2),
    ]);
    expect(s2).toEqual(s1);
    expect(s2.pods).toBe(s1.pods);
    expect(s2.overrides).toBe(s1.overrides);
  });
  it('events out of id order: a lower id after a higher one is a replay', () => {
    const s = reduceInstallAll(initialInstallState, [
      ev({ type: 'override', check: 'b' }, 5),
      ev({ type: 'override', check: 'a' }, 4),
    ]);
    expect([s.overrides, s.lastEventId]).toEqual([['b'], 5]);
  });
  it("replacing a known step leaves the earlier state's steps as they were", () => {
    const s1 = reduceInstall(
      initialInstallState,
      ev({ type: 'step', step: 'helm', state: 'running', message: 'a' }, 1),
    );
    const s2 = reduceInstall(
      s1,
      ev({ type: 'step', step: 'helm', state: 'done', message: 'b' }, 2),
    );
    expect(s1.steps).toEqual([{ step: 'helm', state: 'running', message: 'a', at: AT }]);
    expect(s2.steps).toEqual([{ step: 'helm', state: 'done', message: 'b', at: AT }]);
  });
  it('a Normal event leaves the warnings list as it was', () => {
    const s1 = reduceInstall(
      initialInstallState,
      ev(
        {
          type: 'k8s-event',
          uid: 'u',
          eventType: 'Warning',
          object: { kind: 'Pod', name: 'p' },
          reason: 'R',
          message: 'm',
          count: 1,
          lastTimestamp: AT,
        },
        1,
      ),
    );
    const s2 = reduceInstall(
      s1,
      ev(
        {
          type: 'k8s-event',
          uid: 'n',
          eventType: 'Normal',
          object: { kind: 'Pod', name: 'p' },
          reason: 'Pulled',
          message: 'ok',
          count: 1,
          lastTimestamp: AT,
        },
        2,
      ),
    );
    expect(s2.warnings).toBe(s1.warnings);
  });
});

describe('stampEvent', () => {
  it('adds the log id and time to the body, and the result is a valid event', () => {
    const e = stampEvent({ type: 'override', check: 'storage-class' }, 7, AT);
    expect(e).toEqual({ type: 'override', check: 'storage-class', id: 7, at: AT });
    expect(installEventSchema.parse(e)).toEqual(e);
  });
});
