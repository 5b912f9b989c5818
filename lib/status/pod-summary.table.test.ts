import { describe, expect, it } from 'vitest';
import { componentOf, summarizePod } from './pod-summary';

describe('componentOf', () => {
  it.each([
    [undefined, ''],
    [{}, ''],
    [{ app: 'redis' }, 'redis'],
    [{ 'app.kubernetes.io/component': 'backend', app: 'redis' }, 'backend'],
    [{ 'app.kubernetes.io/component': '', app: 'redis' }, ''],
  ])('%j → %j', (labels, component) => {
    expect(componentOf(labels)).toBe(component);
  });
});

describe('summarizePod: a pod with nothing filled in', () => {
  it('defaults every column and diagnoses nothing', () => {
    expect(summarizePod({ pod: {}, events: [], nowMs: 0 })).toEqual({
      name: '',
      component: '',
      phase: 'Pending',
      status: '',
      ready: '0/0',
      restarts: 0,
      node: '',
      createdAt: '',
      resourceVersion: '',
      readiness: 'in-progress',
    });
  });
  it('a ready pod is not diagnosed even with a crash in its status (Ready wins)', () => {
    const s = summarizePod({
      pod: {
        metadata: { name: 'p', creationTimestamp: new Date('2026-12-01T20:00:00Z') },
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [
            {
              name: 'c',
              ready: true,
              restartCount: 4,
              state: { running: {} },
              lastState: { terminated: { exitCode: 1, finishedAt: '2026-12-01T20:01:00Z' } },
            },
          ],
        },
      },
      events: [],
      nowMs: 0,
    });
    expect(s).toEqual({
      name: 'p',
      component: '',
      phase: 'Running',
      status: 'Running',
      ready: '1/0',
      restarts: 4,
      node: '',
      createdAt: '2026-12-01T20:00:00.000Z',
      resourceVersion: '',
      readiness: 'ready',
      lastRestartAt: '2026-12-01T20:01:00.000Z',
    });
  });
  it('a failure that is not certain leaves the pod in progress, with the diagnosis', () => {
    const s = summarizePod({
      pod: {
        metadata: { name: 'p' },
        status: {
          phase: 'Pending',
          containerStatuses: [
            {
              name: 'c',
              ready: false,
              restartCount: 0,
              state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } },
            },
          ],
        },
      },
      events: [],
      nowMs: 0,
    });
    expect([s.readiness, s.diagnosis?.reason, s.diagnosis?.certain]).toEqual([
      'in-progress',
      'ImagePullBackOff',
      false,
    ]);
  });
});
