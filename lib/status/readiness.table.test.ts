import { describe, expect, it } from 'vitest';
import { pullFailureCertain, workloadReadiness } from './readiness';

type Obj = Parameters<typeof workloadReadiness>[0];
const ready = (o: Obj) => workloadReadiness(o);

// Both sides of every rule the first table (readiness.test.ts) leaves open: the defaults taken
// when a field is absent, the conditions that are *not* the failing one, and the fallbacks of
// each message.
describe('workloadReadiness: absent fields and the other side of each condition', () => {
  it.each([
    [
      'Deployment without spec.replicas: 1 desired',
      {
        kind: 'Deployment',
        metadata: { name: 'd' },
        status: { replicas: 1, updatedReplicas: 1, availableReplicas: 1 },
      },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 1,
        desired: 1,
        state: 'ready',
        message: '1 of 1 ready',
      },
    ],
    [
      'Deployment without a generation: nothing to wait for',
      {
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { replicas: 1 },
        status: { replicas: 1, updatedReplicas: 1, availableReplicas: 1 },
      },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 1,
        desired: 1,
        state: 'ready',
        message: '1 of 1 ready',
      },
    ],
    [
      'Deployment with a generation the controller has not reported at all',
      {
        kind: 'Deployment',
        metadata: { name: 'd', generation: 1 },
        spec: { replicas: 1 },
        status: { replicas: 1, updatedReplicas: 1, availableReplicas: 1 },
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
      'Deployment observed at a newer generation',
      {
        kind: 'Deployment',
        metadata: { name: 'd', generation: 2 },
        spec: { replicas: 1 },
        status: { observedGeneration: 3, replicas: 1, updatedReplicas: 1, availableReplicas: 1 },
      },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 1,
        desired: 1,
        state: 'ready',
        message: '1 of 1 ready',
      },
    ],
    [
      'Deployment counts available replicas, not ready ones',
      {
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { replicas: 2 },
        status: { replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 1 },
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
      'Deployment without status: nothing ready or updated',
      { kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 1 } },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 0,
        desired: 1,
        state: 'in-progress',
        message: '0 of 1 updated',
      },
    ],
    [
      'Deployment Progressing=False for another reason is not a failure',
      {
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { replicas: 1 },
        status: {
          replicas: 1,
          updatedReplicas: 1,
          availableReplicas: 1,
          conditions: [
            { type: 'Progressing', status: 'False', reason: 'ReplicaSetCreateError', message: 'x' },
          ],
        },
      },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 1,
        desired: 1,
        state: 'ready',
        message: '1 of 1 ready',
      },
    ],
    [
      'Deployment Progressing=True with the deadline reason is not a failure',
      {
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { replicas: 1 },
        status: {
          replicas: 1,
          updatedReplicas: 1,
          availableReplicas: 1,
          conditions: [{ type: 'Progressing', status: 'True', reason: 'ProgressDeadlineExceeded' }],
        },
      },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 1,
        desired: 1,
        state: 'ready',
        message: '1 of 1 ready',
      },
    ],
    [
      'Deployment past its deadline without a message, ready replicas counted',
      {
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { replicas: 3 },
        status: {
          readyReplicas: 2,
          availableReplicas: 1,
          conditions: [
            { type: 'Available', status: 'False' },
            { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' },
          ],
        },
      },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 2,
        desired: 3,
        state: 'failed',
        message: 'progress deadline exceeded',
      },
    ],
    [
      'Deployment with exactly the desired replicas is ready (no old ones)',
      {
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { replicas: 2 },
        status: { replicas: 2, updatedReplicas: 2, availableReplicas: 2 },
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
      'Deployment with 2 old replicas left',
      {
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { replicas: 1 },
        status: { replicas: 3, updatedReplicas: 1, availableReplicas: 1 },
      },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 1,
        desired: 1,
        state: 'in-progress',
        message: '2 old replicas terminating',
      },
    ],
    [
      'StatefulSet without spec.replicas, counted from currentReplicas',
      {
        kind: 'StatefulSet',
        metadata: { name: 's' },
        status: { readyReplicas: 1, currentReplicas: 1 },
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
      'StatefulSet: updatedReplicas wins over currentReplicas',
      {
        kind: 'StatefulSet',
        metadata: { name: 's' },
        spec: { replicas: 2 },
        status: { readyReplicas: 2, currentReplicas: 2, updatedReplicas: 1 },
      },
      {
        kind: 'StatefulSet',
        name: 's',
        ready: 2,
        desired: 2,
        state: 'in-progress',
        message: '1 of 2 updated',
      },
    ],
    [
      'StatefulSet without an update revision is not rolling',
      {
        kind: 'StatefulSet',
        metadata: { name: 's' },
        spec: { replicas: 1 },
        status: { readyReplicas: 1, updatedReplicas: 1, currentRevision: 's-1' },
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
      'StatefulSet not ready while the revision rolls: the count is the message',
      {
        kind: 'StatefulSet',
        metadata: { name: 's' },
        spec: { replicas: 2 },
        status: {
          readyReplicas: 1,
          updatedReplicas: 2,
          currentRevision: 's-1',
          updateRevision: 's-2',
        },
      },
      {
        kind: 'StatefulSet',
        name: 's',
        ready: 1,
        desired: 2,
        state: 'in-progress',
        message: '1 of 2 ready',
      },
    ],
    [
      'DaemonSet still rolling out',
      {
        kind: 'DaemonSet',
        metadata: { name: 'ds' },
        status: { desiredNumberScheduled: 3, numberAvailable: 3, updatedNumberScheduled: 2 },
      },
      {
        kind: 'DaemonSet',
        name: 'ds',
        ready: 3,
        desired: 3,
        state: 'in-progress',
        message: '2 of 3 updated',
      },
    ],
    [
      'DaemonSet with one not available',
      {
        kind: 'DaemonSet',
        metadata: { name: 'ds' },
        status: { desiredNumberScheduled: 3, numberAvailable: 2, updatedNumberScheduled: 3 },
      },
      {
        kind: 'DaemonSet',
        name: 'ds',
        ready: 2,
        desired: 3,
        state: 'in-progress',
        message: '2 of 3 ready',
      },
    ],
    [
      'Job Complete=False is still running',
      {
        kind: 'Job',
        metadata: { name: 'j' },
        spec: {},
        status: { conditions: [{ type: 'Complete', status: 'False' }] },
      },
      {
        kind: 'Job',
        name: 'j',
        ready: 0,
        desired: 1,
        state: 'in-progress',
        message: '0 of 1 completed',
      },
    ],
    [
      'Job Failed=False is still running',
      {
        kind: 'Job',
        metadata: { name: 'j' },
        spec: { completions: 2 },
        status: { succeeded: 1, conditions: [{ type: 'Failed', status: 'False', reason: 'x' }] },
      },
      {
        kind: 'Job',
        name: 'j',
        ready: 1,
        desired: 2,
        state: 'in-progress',
        message: '1 of 2 completed',
      },
    ],
    [
      'Job failed with a reason only',
      {
        kind: 'Job',
        metadata: { name: 'j' },
        spec: {},
        status: { conditions: [{ type: 'Failed', status: 'True', reason: 'DeadlineExceeded' }] },
      },
      {
        kind: 'Job',
        name: 'j',
        ready: 0,
        desired: 1,
        state: 'failed',
        message: 'DeadlineExceeded',
      },
    ],
    [
      'Job failed with neither message nor reason',
      {
        kind: 'Job',
        metadata: { name: 'j' },
        spec: {},
        status: { conditions: [{ type: 'Failed', status: 'True' }] },
      },
      { kind: 'Job', name: 'j', ready: 0, desired: 1, state: 'failed', message: 'failed' },
    ],
    [
      'Pod without status: Pending',
      { kind: 'Pod', metadata: { name: 'p' } },
      { kind: 'Pod', name: 'p', ready: 0, desired: 1, state: 'in-progress', message: 'Pending' },
    ],
    [
      'Pod failed without a reason',
      { kind: 'Pod', metadata: { name: 'p' }, status: { phase: 'Failed' } },
      { kind: 'Pod', name: 'p', ready: 0, desired: 1, state: 'failed', message: 'failed' },
    ],
    [
      'Pod terminating while still Ready',
      {
        kind: 'Pod',
        metadata: { name: 'p', deletionTimestamp: '2026-12-01T20:00:00Z' },
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
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
      'Pod with another condition True but not Ready',
      {
        kind: 'Pod',
        metadata: { name: 'p' },
        status: {
          phase: 'Running',
          conditions: [
            { type: 'Initialized', status: 'True' },
            { type: 'Ready', status: 'False' },
          ],
        },
      },
      { kind: 'Pod', name: 'p', ready: 0, desired: 1, state: 'in-progress', message: 'Running' },
    ],
    [
      'PVC without status: Pending',
      { kind: 'PersistentVolumeClaim', metadata: { name: 'c' } },
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
      'no metadata: empty name',
      { kind: 'PersistentVolumeClaim', status: { phase: 'Bound' } },
      {
        kind: 'PersistentVolumeClaim',
        name: '',
        ready: 1,
        desired: 1,
        state: 'ready',
        message: 'Bound',
      },
    ],
    [
      'Deployment without metadata: empty name',
      { kind: 'Deployment', spec: { replicas: 0 } },
      {
        kind: 'Deployment',
        name: '',
        ready: 0,
        desired: 0,
        state: 'ready',
        message: '0 of 0 ready',
      },
    ],
    // Rows found by StrykerJS (bench/mutation.md):
    [
      'Deployment mid-rollout with a surge replica: the update count, not "old replicas"',
      {
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { replicas: 2 },
        status: { replicas: 3, updatedReplicas: 1, availableReplicas: 2 },
      },
      {
        kind: 'Deployment',
        name: 'd',
        ready: 2,
        desired: 2,
        state: 'in-progress',
        message: '1 of 2 updated',
      },
    ],
    [
      'Job without spec: 1 completion',
      {
        kind: 'Job',
        metadata: { name: 'j' },
        status: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] },
      },
      { kind: 'Job', name: 'j', ready: 1, desired: 1, state: 'ready', message: 'complete' },
    ],
    [
      'Pod without metadata: empty name',
      {
        kind: 'Pod',
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
      },
      { kind: 'Pod', name: '', ready: 1, desired: 1, state: 'ready', message: 'ready' },
    ],
    [
      'Pod with conditions but no Ready one',
      {
        kind: 'Pod',
        metadata: { name: 'p' },
        status: { phase: 'Running', conditions: [{ type: 'Initialized', status: 'True' }] },
      },
      { kind: 'Pod', name: 'p', ready: 0, desired: 1, state: 'in-progress', message: 'Running' },
    ],
  ] as const)('%s', (_label, obj, expected) => {
    expect(ready(obj as unknown as Obj)).toEqual(expected);
  });
});

describe('pullFailureCertain: every fatal registry answer, and one that is not', () => {
  it.each([
    'manifest unknown',
    'repository does not exist',
    'pull access denied',
    'unauthorized: authentication required',
    'denied: requested access to the resource is denied',
    'invalid reference format',
    'name unknown: repository name not known to registry',
    'NOT FOUND',
  ])('%j is certain at once', (msg) => {
    expect(pullFailureCertain('ErrImagePull', msg, 0, 0)).toBe(true);
  });
  it.each(['dial tcp 10.0.0.1:443: connect: connection refused', 'context deadline exceeded', ''])(
    '%j waits',
    (msg) => {
      expect(pullFailureCertain('ErrImagePull', msg, 0, 59_999)).toBe(false);
      expect(pullFailureCertain('ImagePullBackOff', msg, 0, 60_000)).toBe(true);
    },
  );
});
