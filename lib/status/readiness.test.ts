import { describe, expect, it } from 'vitest';
import {
  crashLoopCertain,
  CRASH_LOOP_CERTAIN_RESTARTS,
  IMAGE_PULL_CERTAIN_MS,
  INIT_CRASH_CERTAIN_RESTARTS,
  lastedAtLeast,
  pullFailureCertain,
  workloadReadiness,
} from './readiness';

const meta = (name: string, generation = 2) => ({ name, generation });

describe('workloadReadiness', () => {
  it.each([
    [
      'Deployment ready',
      {
        kind: 'Deployment',
        metadata: meta('d'),
        spec: { replicas: 2 },
        status: {
          observedGeneration: 2,
          replicas: 2,
          updatedReplicas: 2,
          readyReplicas: 2,
          availableReplicas: 2,
        },
      },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 2,
        desired: 2,
        state: 'ready',
        message: '2 of 2 ready',
      },
    ],
    [
      'Deployment one short',
      {
        kind: 'Deployment',
        metadata: meta('d'),
        spec: { replicas: 2 },
        status: {
          observedGeneration: 2,
          replicas: 2,
          updatedReplicas: 2,
          readyReplicas: 1,
          availableReplicas: 1,
        },
      },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 1,
        desired: 2,
        state: 'in-progress',
        message: '1 of 2 ready',
      },
    ],
    [
      'Deployment not observed yet',
      {
        kind: 'Deployment',
        metadata: meta('d'),
        spec: { replicas: 1 },
        status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1 },
      },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 1,
        desired: 1,
        state: 'in-progress',
        message: 'waiting for the controller to see the new spec',
      },
    ],
    [
      'Deployment updating',
      {
        kind: 'Deployment',
        metadata: meta('d'),
        spec: { replicas: 3 },
        status: { observedGeneration: 2, replicas: 3, updatedReplicas: 2, availableReplicas: 3 },
      },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 3,
        desired: 3,
        state: 'in-progress',
        message: '2 of 3 updated',
      },
    ],
    [
      'Deployment old replicas left',
      {
        kind: 'Deployment',
        metadata: meta('d'),
        spec: { replicas: 1 },
        status: { observedGeneration: 2, replicas: 2, updatedReplicas: 1, availableReplicas: 1 },
      },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 1,
        desired: 1,
        state: 'in-progress',
        message: '1 old replicas terminating',
      },
    ],
    [
      'Deployment past deadline',
      {
        kind: 'Deployment',
        metadata: meta('d'),
        spec: { replicas: 1 },
        status: {
          observedGeneration: 2,
          readyReplicas: 0,
          conditions: [
            {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
              message: 'ReplicaSet "d-1" has timed out progressing.',
            },
          ],
        },
      },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 0,
        desired: 1,
        state: 'failed',
        message: 'ReplicaSet "d-1" has timed out progressing.',
      },
    ],
    [
      'StatefulSet ready',
      {
        kind: 'StatefulSet',
        metadata: meta('s'),
        spec: { replicas: 1 },
        status: {
          observedGeneration: 2,
          readyReplicas: 1,
          updatedReplicas: 1,
          currentRevision: 's-1',
          updateRevision: 's-1',
        },
      },
      {
        kind: 'StatefulSet',
        name: 's',
        ready: 1,
        desired: 1,
        state: 'ready',
        message: '1 of 1 ready',
      },
    ],
    [
      'StatefulSet revision rolling',
      {
        kind: 'StatefulSet',
        metadata: meta('s'),
        spec: { replicas: 1 },
        status: {
          observedGeneration: 2,
          readyReplicas: 1,
          updatedReplicas: 1,
          currentRevision: 's-1',
          updateRevision: 's-2',
        },
      },
      {
        kind: 'StatefulSet',
        name: 's',
        ready: 1,
        desired: 1,
        state: 'in-progress',
        message: 'rolling update in progress',
      },
    ],
    [
      'StatefulSet not ready',
      {
        kind: 'StatefulSet',
        metadata: meta('s'),
        spec: { replicas: 1 },
        status: { observedGeneration: 2, readyReplicas: 0, updatedReplicas: 1 },
      },
      {
        kind: 'StatefulSet',
        name: 's',
        ready: 0,
        desired: 1,
        state: 'in-progress',
        message: '0 of 1 ready',
      },
    ],
    [
      'DaemonSet ready',
      {
        kind: 'DaemonSet',
        metadata: meta('ds'),
        status: {
          observedGeneration: 2,
          desiredNumberScheduled: 3,
          numberAvailable: 3,
          updatedNumberScheduled: 3,
        },
      },
      {
        kind: 'DaemonSet',
        name: 'ds',
        ready: 3,
        desired: 3,
        state: 'ready',
        message: '3 of 3 ready',
      },
    ],
    [
      'Job complete',
      {
        kind: 'Job',
        metadata: meta('j'),
        spec: {},
        status: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] },
      },
      { kind: 'Job', name: 'j', ready: 1, desired: 1, state: 'ready', message: 'complete' },
    ],
    [
      'Job failed',
      {
        kind: 'Job',
        metadata: meta('j'),
        spec: { completions: 1 },
        status: {
          conditions: [
            {
              type: 'Failed',
              status: 'True',
              reason: 'BackoffLimitExceeded',
              message: 'Job has reached the specified backoff limit',
            },
          ],
        },
      },
      {
        kind: 'Job',
        name: 'j',
        ready: 0,
        desired: 1,
        state: 'failed',
        message: 'Job has reached the specified backoff limit',
      },
    ],
    [
      'Job running',
      { kind: 'Job', metadata: meta('j'), spec: { completions: 3 }, status: { succeeded: 1 } },
      {
        kind: 'Job',
        name: 'j',
        ready: 1,
        desired: 3,
        state: 'in-progress',
        message: '1 of 3 completed',
      },
    ],
    [
      'Pod ready',
      {
        kind: 'Pod',
        metadata: meta('p'),
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
      },
      { kind: 'Pod', name: 'p', ready: 1, desired: 1, state: 'ready', message: 'ready' },
    ],
    [
      'Pod running not ready',
      {
        kind: 'Pod',
        metadata: meta('p'),
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] },
      },
      { kind: 'Pod', name: 'p', ready: 0, desired: 1, state: 'in-progress', message: 'Running' },
    ],
    [
      'Pod succeeded',
      { kind: 'Pod', metadata: meta('p'), status: { phase: 'Succeeded' } },
      { kind: 'Pod', name: 'p', ready: 1, desired: 1, state: 'ready', message: 'completed' },
    ],
    [
      'Pod failed',
      { kind: 'Pod', metadata: meta('p'), status: { phase: 'Failed', reason: 'Evicted' } },
      { kind: 'Pod', name: 'p', ready: 0, desired: 1, state: 'failed', message: 'Evicted' },
    ],
    [
      'Pod terminating',
      {
        kind: 'Pod',
        metadata: { name: 'p', deletionTimestamp: '2026-12-01T20:00:00Z' },
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] },
      },
      {
        kind: 'Pod',
        name: 'p',
        ready: 0,
        desired: 1,
        state: 'in-progress',
        message: 'terminating',
      },
    ],
    [
      'PVC bound',
      { kind: 'PersistentVolumeClaim', metadata: meta('c'), status: { phase: 'Bound' } },
      {
        kind: 'PersistentVolumeClaim',
        name: 'c',
        ready: 1,
        desired: 1,
        state: 'ready',
        message: 'Bound',
      },
    ],
    [
      'PVC pending',
      { kind: 'PersistentVolumeClaim', metadata: meta('c'), status: { phase: 'Pending' } },
      {
        kind: 'PersistentVolumeClaim',
        name: 'c',
        ready: 0,
        desired: 1,
        state: 'in-progress',
        message: 'Pending',
      },
    ],
    [
      'PVC lost',
      { kind: 'PersistentVolumeClaim', metadata: meta('c'), status: { phase: 'Lost' } },
      {
        kind: 'PersistentVolumeClaim',
        name: 'c',
        ready: 0,
        desired: 1,
        state: 'failed',
        message: 'Lost',
      },
    ],
  ] as const)('%s', (_label, obj, expected) => {
    expect(workloadReadiness(obj as Parameters<typeof workloadReadiness>[0])).toEqual(expected);
  });
});

describe('failure certainty thresholds', () => {
  it('documented values', () => {
    expect([
      IMAGE_PULL_CERTAIN_MS,
      CRASH_LOOP_CERTAIN_RESTARTS,
      INIT_CRASH_CERTAIN_RESTARTS,
    ]).toEqual([60_000, 3, 5]);
  });
  it.each([
    ['ErrImagePull', 'docker.io/x:y: not found', 0, true],
    ['ErrImagePull', 'manifest unknown: manifest tagged by "9" is not found', 0, true],
    [
      'ErrImagePull',
      'pull access denied, repository does not exist or may require authorization',
      0,
      true,
    ],
    ['ErrImagePull', '401 Unauthorized', 0, true],
    ['InvalidImageName', 'Failed to apply default image tag', 0, true],
    ['ImagePullBackOff', 'Back-off pulling image', 59_999, false],
    ['ImagePullBackOff', 'Back-off pulling image', 60_000, true],
    ['ErrImagePull', 'dial tcp: i/o timeout', 10_000, false],
  ] as const)('%s "%s" after %d ms → %s', (reason, msg, elapsed, certain) => {
    expect(pullFailureCertain(reason, msg, 1_000_000, 1_000_000 + elapsed)).toBe(certain);
  });
  it.each([
    [2, false, false],
    [3, false, true],
    [4, true, false],
    [5, true, true],
  ] as const)('%d restarts (init %s) → %s', (n, init, c) => {
    expect(crashLoopCertain(n, init)).toBe(c);
  });
  it('lastedAtLeast: boundary and a missing start', () => {
    expect(lastedAtLeast(0, 999, 1000)).toBe(false);
    expect(lastedAtLeast(0, 1000, 1000)).toBe(true);
    expect(lastedAtLeast(Number.NaN, 1e12, 1000)).toBe(false);
  });
});
