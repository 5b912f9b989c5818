import { describe, expect, it } from 'vitest';
import { diagnosePod, type DiagnoseInput } from './diagnose';
import { waitTarget } from './diagnose-container';
import type { ContainerStatusLike, EventLike, PodLike, PvcLike } from './k8s-types';

// Small synthetic pods: one field differs per row, so each row pins one branch of diagnose.ts /
// diagnose-container.ts (the fixture-based cases live in diagnose.test.ts).
const CREATED = '2026-12-01T20:00:00Z';
const T0 = Date.parse(CREATED);
const NS = 'lightrun';

function podWith(
  status: {
    phase?: string;
    containers?: ContainerStatusLike[];
    init?: ContainerStatusLike[];
    conditions?: NonNullable<PodLike['status']>['conditions'];
    reason?: string;
    message?: string;
  },
  spec: Partial<NonNullable<PodLike['spec']>> = {},
): PodLike {
  return {
    metadata: { name: 'p', namespace: NS, creationTimestamp: CREATED },
    spec: { containers: [{ name: 'server', image: 'lightruncom/server:1.2.3' }], ...spec },
    status: {
      phase: status.phase ?? 'Pending',
      ...(status.reason ? { reason: status.reason } : {}),
      ...(status.message ? { message: status.message } : {}),
      conditions: status.conditions ?? [],
      containerStatuses: status.containers ?? [],
      ...(status.init ? { initContainerStatuses: status.init } : {}),
    },
  };
}
const waiting = (
  name: string,
  reason: string,
  message?: string,
  extra: Partial<ContainerStatusLike> = {},
): ContainerStatusLike => ({
  name,
  ready: false,
  restartCount: 0,
  state: { waiting: { reason, ...(message ? { message } : {}) } },
  ...extra,
});
const warn = (
  reason: string,
  message: string,
  at: string,
  fieldPath?: string,
  extra: Partial<EventLike> = {},
): EventLike => ({
  type: 'Warning',
  reason,
  message,
  involvedObject: { kind: 'Pod', name: 'p', ...(fieldPath ? { fieldPath } : {}) },
  lastTimestamp: at,
  ...extra,
});
const run = (pod: PodLike, more: Partial<DiagnoseInput> = {}) =>
  diagnosePod({ pod, events: [], nowMs: T0, ...more });

describe('waitTarget: what an init container waits for, by its name', () => {
  it.each([
    ['wait-for-mysql', 'database'],
    ['mariadb-check', 'database'],
    ['POSTGRES', 'database'],
    ['database-init', 'database'],
    ['db', 'database'],
    ['db-wait', 'database'],
    ['wait-db', 'database'],
    ['wait-db-x', 'database'],
    ['dbx', null],
    ['xdb', null],
    ['wait-for-dbs', null],
    ['rabbitmq', 'message queue'],
    ['mq', 'message queue'],
    ['wait-mq', 'message queue'],
    ['mq-x', 'message queue'],
    ['amqp-check', 'message queue'],
    ['mqtt', null],
    ['xmq', null],
    ['wait-for-keycloak', null],
    ['', null],
  ] as const)('%j → %s', (name, target) => {
    expect(waitTarget(name)).toBe(target);
  });
});

describe('image pulls: the tag in the fix, the registry answer, the reasons', () => {
  const tagOf = (image: string) =>
    run(
      podWith(
        { containers: [waiting('server', 'ImagePullBackOff', 'Back-off pulling image')] },
        { containers: [{ name: 'server', image }] },
      ),
    )?.fix;
  it.each([
    ['lightruncom/server:1.2.3', '1.2.3'],
    ['registry.local:5000/lightruncom/server:9', '9'],
    ['registry.local:5000/lightruncom/server', 'latest'],
    ['server', 'latest'],
    ['lightruncom/server@sha256:abc', 'sha256:abc'],
  ])('%s → tag "%s"', (image, tag) => {
    expect(tagOf(image)).toBe(
      `Check that the tag "${tag}" exists in the registry for this image and that the answers name it exactly; if the registry is private, check the image pull secret and that it exists in namespace ${NS}.`,
    );
  });

  it('without a spec the status image is named; without either, an empty image', () => {
    const cs = waiting('server', 'ErrImagePull', 'not found', { image: 'from/status:7' });
    expect(run(podWith({ containers: [cs] }, { containers: [] }))).toMatchObject({
      image: 'from/status:7',
      message: 'Container server cannot pull image from/status:7: not found',
    });
    expect(
      run(
        podWith(
          { containers: [waiting('server', 'ErrImagePull', 'not found')] },
          { containers: [] },
        ),
      ),
    ).toMatchObject({ image: '', message: 'Container server cannot pull image : not found' });
  });

  it.each(['InvalidImageName', 'ErrImageNeverPull'])('%s is a pull failure', (reason) => {
    expect(run(podWith({ containers: [waiting('server', reason, 'x')] }))).toMatchObject({
      reason,
      image: 'lightruncom/server:1.2.3',
      message: 'Container server cannot pull image lightruncom/server:1.2.3: x',
    });
  });

  it('ImagePullBackOff quotes the last Failed pull event of this container, not "Error: …" nor other containers\' events', () => {
    const events = [
      warn(
        'Failed',
        'Failed to pull image "lightruncom/server:1.2.3": first answer',
        '2026-12-01T20:00:01Z',
        'spec.containers{server}',
      ),
      warn(
        'Failed',
        'Failed to pull image "lightruncom/server:1.2.3": second answer',
        '2026-12-01T20:00:02Z',
        'spec.containers{server}',
      ),
      warn('Failed', 'Error: ErrImagePull', '2026-12-01T20:00:03Z', 'spec.containers{server}'),
      warn(
        'Failed',
        'Failed to pull image "y": other container',
        '2026-12-01T20:00:04Z',
        'spec.containers{sidecar}',
      ),
      warn('Failed', 'Liveness failed', '2026-12-01T20:00:05Z', 'spec.containers{server}'),
      warn(
        'BackOff',
        'Failed to pull image "lightruncom/server:1.2.3": a back-off',
        '2026-12-01T20:00:06Z',
        'spec.containers{server}',
      ),
    ];
    const d = run(
      podWith({ containers: [waiting('server', 'ImagePullBackOff', 'Back-off pulling image')] }),
      { events },
    );
    expect(d?.message).toBe(
      'Container server cannot pull image lightruncom/server:1.2.3: Failed to pull image "lightruncom/server:1.2.3": second answer',
    );
  });

  it('a pull event about another image (the spec changed since) is not evidence; the same image with its registry is', () => {
    const pod = podWith({
      containers: [waiting('server', 'ImagePullBackOff', 'Back-off pulling image')],
    });
    const failed = (image: string) =>
      warn(
        'Failed',
        `Failed to pull image "${image}": manifest unknown`,
        '2026-12-01T20:00:01Z',
        'spec.containers{server}',
      );
    expect(run(pod, { events: [failed('lightruncom/server:1.2.2')] })?.message).toBe(
      'Container server cannot pull image lightruncom/server:1.2.3: Back-off pulling image',
    );
    expect(run(pod, { events: [failed('docker.io/lightruncom/server:1.2.3')] })?.message).toBe(
      'Container server cannot pull image lightruncom/server:1.2.3: Failed to pull image "docker.io/lightruncom/server:1.2.3": manifest unknown',
    );
    expect(
      run(pod, {
        events: [
          warn(
            'Failed',
            'Failed to pull: no image named',
            '2026-12-01T20:00:01Z',
            'spec.containers{server}',
          ),
        ],
      })?.message,
    ).toBe(
      'Container server cannot pull image lightruncom/server:1.2.3: Failed to pull: no image named',
    );
  });
  it('ErrImagePull without a message falls back to the Failed event; with neither, the back-off text', () => {
    const events = [
      warn(
        'Failed',
        'Failed to pull image "lightruncom/server:1.2.3": from the event',
        '2026-12-01T20:00:01Z',
        'spec.containers{server}',
      ),
    ];
    expect(
      run(podWith({ containers: [waiting('server', 'ErrImagePull')] }), { events })?.message,
    ).toBe(
      'Container server cannot pull image lightruncom/server:1.2.3: Failed to pull image "lightruncom/server:1.2.3": from the event',
    );
    expect(
      run(
        podWith({ containers: [waiting('server', 'ImagePullBackOff', 'Back-off pulling image')] }),
      )?.message,
    ).toBe('Container server cannot pull image lightruncom/server:1.2.3: Back-off pulling image');
    expect(run(podWith({ containers: [waiting('server', 'ImagePullBackOff')] }))?.message).toBe(
      'Container server cannot pull image lightruncom/server:1.2.3: ',
    );
  });

  it("a slow pull is timed from the earliest pull event of the container, else from the pod's creation", () => {
    const pod = podWith({
      containers: [waiting('server', 'ImagePullBackOff', 'Back-off pulling image')],
    });
    const events = [
      warn('BackOff', 'Back-off pulling image', '2026-12-01T20:00:30Z', 'spec.containers{server}', {
        firstTimestamp: '2026-12-01T20:00:20Z',
      }),
      warn('BackOff', 'Back-off pulling image', '2026-12-01T20:00:40Z', 'spec.containers{server}'),
    ];
    expect(run(pod, { events, nowMs: Date.parse('2026-12-01T20:01:19.999Z') })?.certain).toBe(
      false,
    );
    expect(run(pod, { events, nowMs: Date.parse('2026-12-01T20:01:20Z') })?.certain).toBe(true);
    expect(run(pod, { nowMs: T0 + 59_999 })?.certain).toBe(false);
    expect(run(pod, { nowMs: T0 + 60_000 })?.certain).toBe(true);
  });
});

describe('containers that cannot be created', () => {
  it('CreateContainerError, with the Failed event when the status has no message; certain 60 s after the first one', () => {
    const pod = podWith({ containers: [waiting('server', 'CreateContainerError')] });
    const events = [
      warn(
        'Failed',
        'Error: failed to create containerd container',
        '2026-12-01T20:00:10Z',
        'spec.containers{server}',
      ),
    ];
    expect(run(pod, { events, nowMs: Date.parse('2026-12-01T20:01:09.999Z') })).toEqual({
      reason: 'CreateContainerError',
      message: 'Container server cannot be created: Error: failed to create containerd container',
      fix: 'Create the Secret or ConfigMap it names with the keys the Secrets step lists (or let the chart create it), then upgrade.',
      pod: 'p',
      container: 'server',
      certain: false,
    });
    expect(run(pod, { events, nowMs: Date.parse('2026-12-01T20:01:10Z') })?.certain).toBe(true);
    expect(run(pod)?.message).toBe('Container server cannot be created: ');
  });
});

describe('crashes: current and last termination, reasons, logs, fixes', () => {
  const terminated = (exitCode: number, reason?: string) => ({
    terminated: { exitCode, ...(reason ? { reason } : {}) },
  });
  it('a container terminated with a non-zero code now (no back-off yet) is a crash', () => {
    const cs: ContainerStatusLike = {
      name: 'server',
      ready: false,
      restartCount: 0,
      state: terminated(2),
    };
    expect(run(podWith({ phase: 'Running', containers: [cs] }))).toEqual({
      reason: 'Error',
      message: 'Container server exited with code 2 and has restarted 0 times.',
      fix: 'Read the last log lines: a wrong database or message-queue host or credential, or an invalid license, are the usual causes. Fix the answer and upgrade.',
      pod: 'p',
      container: 'server',
      certain: false,
    });
  });
  it('a current termination with a reason names it; exit code 0 is not a crash', () => {
    const cs: ContainerStatusLike = {
      name: 'server',
      ready: false,
      restartCount: 1,
      state: terminated(1, 'Error'),
    };
    expect(run(podWith({ phase: 'Running', containers: [cs] }))).toMatchObject({
      reason: 'Error',
      message: 'Container server exited with code 1 (Error) and has restarted 1 times.',
    });
    const done: ContainerStatusLike = {
      name: 'server',
      ready: false,
      restartCount: 0,
      state: terminated(0, 'Completed'),
    };
    expect(run(podWith({ phase: 'Running', containers: [done] }))).toBeUndefined();
  });
  it('CrashLoopBackOff without a last state: "keeps exiting"; logs are attached', () => {
    const cs = waiting('server', 'CrashLoopBackOff', 'back-off 40s', { restartCount: 3 });
    expect(
      run(podWith({ phase: 'Running', containers: [cs] }), { logs: { server: ['boom'] } }),
    ).toEqual({
      reason: 'CrashLoopBackOff',
      message: 'Container server keeps exiting and has restarted 3 times.',
      fix: 'Read the last log lines: a wrong database or message-queue host or credential, or an invalid license, are the usual causes. Fix the answer and upgrade.',
      pod: 'p',
      container: 'server',
      logs: ['boom'],
      certain: true,
    });
  });
  it('OOMKilled without a memory limit; a main container named after the database gets the database fix', () => {
    const oom = waiting('server', 'CrashLoopBackOff', undefined, {
      restartCount: 1,
      lastState: terminated(137, 'OOMKilled'),
    });
    expect(run(podWith({ phase: 'Running', containers: [oom] }))?.fix).toBe(
      'The container ran out of memory. Choose a larger sizing profile or raise its memory limit, then upgrade.',
    );
    const db = waiting('mysql', 'CrashLoopBackOff', undefined, {
      restartCount: 1,
      lastState: terminated(1),
    });
    expect(
      run(podWith({ phase: 'Running', containers: [db] }, { containers: [{ name: 'mysql' }] })),
    ).toMatchObject({
      reason: 'CrashLoopBackOff',
      message: 'Container mysql exited with code 1 and has restarted 1 times.',
      fix: 'Check that the database is reachable from the cluster at the host and port in the answers and that its credentials are right (run the preflight checks), then upgrade.',
    });
  });
  it("a main container crash is certain at 3 restarts, an init container's only at 5", () => {
    const cs = (n: number) =>
      waiting('server', 'CrashLoopBackOff', undefined, {
        restartCount: n,
        lastState: terminated(1),
      });
    expect(run(podWith({ phase: 'Running', containers: [cs(3)] }))?.certain).toBe(true);
    expect(
      run(
        podWith(
          { init: [{ ...cs(4), name: 'init' }], containers: [] },
          { initContainers: [{ name: 'init' }] },
        ),
      )?.certain,
    ).toBe(false);
    expect(
      run(
        podWith(
          { init: [{ ...cs(5), name: 'init' }], containers: [] },
          { initContainers: [{ name: 'init' }] },
        ),
      )?.certain,
    ).toBe(true);
  });
});

describe('init containers', () => {
  const running = (name: string): ContainerStatusLike => ({
    name,
    ready: false,
    restartCount: 0,
    state: { running: { startedAt: CREATED } },
  });
  it('a running init container with no known target says to read its logs, and carries them', () => {
    expect(
      run(podWith({ init: [running('setup')] }, { initContainers: [{ name: 'setup' }] }), {
        logs: { setup: ['waiting…'] },
      }),
    ).toEqual({
      reason: 'InitWaiting',
      message: 'Init container setup is still running.',
      fix: 'Read its log lines to see what it waits for.',
      pod: 'p',
      container: 'setup',
      logs: ['waiting…'],
      certain: false,
    });
  });
  it('a sidecar (restartPolicy Always) that runs is not something the pod waits for', () => {
    expect(
      run(
        podWith(
          { phase: 'Running', init: [running('proxy')], containers: [] },
          { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
        ),
      ),
    ).toBeUndefined();
  });
  it('an init container that finished with 0 is skipped; the next one is explained', () => {
    const done: ContainerStatusLike = {
      name: 'wait-for-db',
      ready: false,
      restartCount: 0,
      state: { terminated: { exitCode: 0 } },
    };
    expect(
      run(
        podWith(
          { init: [done, running('wait-for-mq')] },
          { initContainers: [{ name: 'wait-for-db' }, { name: 'wait-for-mq' }] },
        ),
      )?.container,
    ).toBe('wait-for-mq');
  });
  it('a main container that is running is not explained as an init container', () => {
    expect(
      run(podWith({ phase: 'Running', containers: [{ ...running('server'), ready: true }] })),
    ).toBeUndefined();
  });
});

describe('failed phase, probes and other warnings', () => {
  it('a failed pod without a reason or message', () => {
    expect(run(podWith({ phase: 'Failed' }))).toEqual({
      reason: 'Failed',
      message: 'Pod p failed.',
      fix: 'Read the container statuses and events of the pod; its controller starts a new one.',
      pod: 'p',
      certain: true,
    });
  });
  it('a pod already Ready, or Succeeded, is never explained', () => {
    expect(
      run(
        podWith({
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containers: [waiting('server', 'CrashLoopBackOff', undefined, { restartCount: 9 })],
        }),
      ),
    ).toBeUndefined();
    expect(
      run(
        podWith({
          phase: 'Succeeded',
          reason: 'x',
          containers: [waiting('server', 'ErrImagePull', 'not found')],
        }),
      ),
    ).toBeUndefined();
  });
  it('a Ready condition that is False does not hide the problem', () => {
    expect(
      run(
        podWith({
          phase: 'Running',
          conditions: [
            { type: 'Ready', status: 'False' },
            { type: 'Initialized', status: 'True' },
          ],
          containers: [waiting('server', 'ErrImagePull', 'not found')],
        }),
      )?.reason,
    ).toBe('ErrImagePull');
  });
  const runningNotReady: ContainerStatusLike = {
    name: 'server',
    ready: false,
    restartCount: 0,
    state: { running: { startedAt: CREATED } },
  };
  it('a probe failing once: no count; the newest Unhealthy event of this pod is quoted', () => {
    const events = [
      warn('Unhealthy', 'Readiness probe failed: old', '2026-12-01T20:00:05Z', undefined, {
        count: 1,
      }),
      warn('Unhealthy', 'Readiness probe failed: new', '2026-12-01T20:00:09Z', undefined, {
        count: 1,
      }),
      {
        ...warn('Unhealthy', 'other pod', '2026-12-01T20:00:10Z'),
        involvedObject: { kind: 'Pod', name: 'q' },
      },
      { ...warn('Unhealthy', 'a Normal event', '2026-12-01T20:00:11Z'), type: 'Normal' },
      {
        ...warn('Unhealthy', 'a claim of the same name', '2026-12-01T20:00:12Z'),
        involvedObject: { kind: 'PersistentVolumeClaim', name: 'p' },
      },
    ];
    expect(
      run(podWith({ phase: 'Running', containers: [runningNotReady] }), {
        events: [events[1]!, events[0]!, events[2]!, events[3]!, events[4]!],
      })?.message,
    ).toBe('Container server is running but not ready: Readiness probe failed: new');
  });
  it('a probe failure from before the container last started is not evidence; one at its start is', () => {
    const restarted: ContainerStatusLike = {
      ...runningNotReady,
      state: { running: { startedAt: '2026-12-01T20:00:07Z' } },
    };
    const pod = podWith({ phase: 'Running', containers: [restarted] });
    const at = (t: string) => [warn('Unhealthy', `Readiness probe failed at ${t}`, t)];
    expect(run(pod, { events: at('2026-12-01T20:00:06.999Z') })).toBeUndefined();
    expect(run(pod, { events: at('2026-12-01T20:00:07Z') })?.message).toBe(
      'Container server is running but not ready: Readiness probe failed at 2026-12-01T20:00:07Z',
    );
  });
  it('a running, ready container with an Unhealthy event is not a probe failure; neither is a not-ready one without the event', () => {
    expect(
      run(podWith({ phase: 'Running', containers: [{ ...runningNotReady, ready: true }] }), {
        events: [warn('Unhealthy', 'x', CREATED)],
      }),
    ).toBeUndefined();
    expect(run(podWith({ phase: 'Running', containers: [runningNotReady] }))).toBeUndefined();
  });
  it('another warning explains only a Pending pod, never FailedScheduling, and quotes an empty message as empty', () => {
    const events = [
      warn('FailedCreatePodSandBox', 'sandbox failed', '2026-12-01T20:00:05Z'),
      warn('FailedScheduling', 'later', '2026-12-01T20:00:06Z'),
    ];
    expect(run(podWith({}), { events })).toEqual({
      reason: 'FailedCreatePodSandBox',
      message: 'FailedCreatePodSandBox: sandbox failed',
      fix: 'Read the event message; it names the missing or failing piece.',
      pod: 'p',
      certain: false,
    });
    expect(run(podWith({ phase: 'Running' }), { events })).toBeUndefined();
    expect(run(podWith({}), { events: [warn('FailedScheduling', 'x', CREATED)] })).toBeUndefined();
    expect(
      run(podWith({}), {
        events: [
          { type: 'Warning', reason: 'FailedMount', involvedObject: { kind: 'Pod', name: 'p' } },
        ],
      })?.message,
    ).toBe('FailedMount: ');
  });
});

describe('unschedulable and unbound claims', () => {
  const unsched = (extra: object = {}) => ({
    type: 'PodScheduled',
    status: 'False',
    reason: 'Unschedulable',
    message: 'from the condition',
    ...extra,
  });
  it('PodScheduled=False for another reason, or True, is not unschedulable', () => {
    expect(
      run(podWith({ conditions: [{ ...unsched(), reason: 'SchedulingGated' }] })),
    ).toBeUndefined();
    expect(run(podWith({ conditions: [{ ...unsched(), status: 'True' }] }))).toBeUndefined();
  });
  it('the condition is the current verdict: an older FailedScheduling event does not replace it', () => {
    const events = [
      warn('FailedScheduling', '0/1 nodes: new', '2026-12-01T20:00:09Z'),
      warn('FailedScheduling', '0/1 nodes: old', '2026-12-01T20:00:01Z'),
      warn('BackOff', 'not this', '2026-12-01T20:00:10Z'),
    ];
    expect(run(podWith({ conditions: [unsched()] }), { events })?.message).toBe(
      'Pod p cannot be scheduled: from the condition',
    );
    expect(
      run(
        podWith({
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
        }),
      )?.message,
    ).toBe('Pod p cannot be scheduled: no node fits the pod');
  });
  it('a condition without a message: the newest FailedScheduling event not older than the condition', () => {
    const bare = (lastTransitionTime?: string) =>
      podWith({
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            ...(lastTransitionTime ? { lastTransitionTime } : {}),
          },
        ],
      });
    const events = [
      warn('FailedScheduling', '0/1 nodes: old', '2026-12-01T20:00:01Z'),
      warn('FailedScheduling', '0/1 nodes: new', '2026-12-01T20:00:09Z'),
    ];
    expect(run(bare(), { events })?.message).toBe('Pod p cannot be scheduled: 0/1 nodes: new');
    expect(run(bare('2026-12-01T20:00:09Z'), { events })?.message).toBe(
      'Pod p cannot be scheduled: 0/1 nodes: new',
    );
    expect(run(bare('2026-12-01T20:00:09.001Z'), { events })?.message).toBe(
      'Pod p cannot be scheduled: no node fits the pod',
    );
  });
  it('the admin\'s case: claim Bound, an old "unbound claims" event, the condition says cpu', () => {
    const pod = podWith(
      {
        conditions: [unsched({ message: '0/3 nodes are available: 3 Insufficient cpu.' })],
      },
      { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-0' } }] },
    );
    const d = run(pod, {
      events: [
        warn(
          'FailedScheduling',
          '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
          '2026-12-01T20:00:02Z',
        ),
      ],
      pvcs: [{ metadata: { name: 'data-0' }, status: { phase: 'Bound' } }],
    });
    expect(d?.message).toBe(
      'Pod p cannot be scheduled: 0/3 nodes are available: 3 Insufficient cpu.',
    );
    expect(d?.fix).toMatch(/^No node has enough free cpu /);
  });
  it('events of an earlier object of the same name (another uid) are not evidence; events without a uid are', () => {
    const pod = {
      ...podWith({ conditions: [] }),
      metadata: { name: 'p', namespace: NS, uid: 'now', creationTimestamp: CREATED },
    };
    const mine = (uid?: string) =>
      warn('FailedMount', `from ${uid ?? 'no uid'}`, '2026-12-01T20:00:05Z', undefined, {
        involvedObject: { kind: 'Pod', name: 'p', ...(uid ? { uid } : {}) },
      });
    expect(run(pod, { events: [mine('now'), mine('before')] })?.message).toBe(
      'FailedMount: from now',
    );
    expect(run(pod, { events: [mine('before')] })).toBeUndefined();
    expect(run(pod, { events: [mine(undefined)] })?.message).toBe('FailedMount: from no uid');
    const noUid = podWith({});
    expect(run(noUid, { events: [mine('before')] })?.message).toBe('FailedMount: from before');
  });
  it("certainty counts from the condition's transition time, else from the pod's creation", () => {
    const pod = podWith({ conditions: [unsched({ lastTransitionTime: '2026-12-01T20:00:30Z' })] });
    expect(run(pod, { nowMs: Date.parse('2026-12-01T20:01:29.999Z') })?.certain).toBe(false);
    expect(run(pod, { nowMs: Date.parse('2026-12-01T20:01:30Z') })?.certain).toBe(true);
    expect(run(podWith({ conditions: [unsched()] }), { nowMs: T0 + 60_000 })?.certain).toBe(true);
  });

  const claimPod = (phase = 'Pending') =>
    podWith(
      { phase },
      {
        volumes: [
          { name: 'cfg' },
          { name: 'data', persistentVolumeClaim: { claimName: 'data-0' } },
        ],
      },
    );
  const pvc = (
    storageClassName: string | undefined,
    phase: string | undefined,
    created = CREATED,
  ): PvcLike => ({
    metadata: { name: 'data-0', creationTimestamp: created },
    spec: storageClassName === undefined ? {} : { storageClassName },
    ...(phase ? { status: { phase } } : {}),
  });
  const pvcWarn = (message: string, at = '2026-12-01T20:00:05Z'): EventLike => ({
    type: 'Warning',
    reason: 'ProvisioningFailed',
    message,
    involvedObject: { kind: 'PersistentVolumeClaim', name: 'data-0' },
    lastTimestamp: at,
  });

  it("a claim's events: only this claim's (uid), and none from before it was created", () => {
    const claim: PvcLike = {
      metadata: { name: 'data-0', uid: 'now', creationTimestamp: '2026-12-01T20:00:04Z' },
      spec: { storageClassName: 'fast' },
      status: { phase: 'Pending' },
    };
    const ev = (message: string, at: string, uid?: string): EventLike => ({
      ...pvcWarn(message, at),
      involvedObject: { kind: 'PersistentVolumeClaim', name: 'data-0', ...(uid ? { uid } : {}) },
    });
    const message = (events: EventLike[]) => run(claimPod(), { pvcs: [claim], events })?.message;
    expect(message([ev('StorageClass "fast" not found', '2026-12-01T20:00:09Z', 'before')])).toBe(
      'PersistentVolumeClaim data-0 is Pending (storage class fast).',
    );
    expect(message([ev('older than the claim', '2026-12-01T20:00:03.999Z')])).toBe(
      'PersistentVolumeClaim data-0 is Pending (storage class fast).',
    );
    expect(message([ev('at its creation', '2026-12-01T20:00:04Z', 'now')])).toBe(
      'PersistentVolumeClaim data-0 is Pending (storage class fast): at its creation',
    );
  });
  it('a claim of a class whose provisioner is slow: not certain before 60 s, certain at 60 s', () => {
    const input = {
      pvcs: [pvc('fast', 'Pending')],
      events: [pvcWarn('waiting for a volume to be created')],
    };
    expect(run(claimPod(), { ...input, nowMs: T0 + 59_999 })).toEqual({
      reason: 'PersistentVolumeClaimPending',
      message:
        'PersistentVolumeClaim data-0 is Pending (storage class fast): waiting for a volume to be created',
      fix: 'The provisioner of storage class "fast" has not bound the claim; check that it runs and has capacity.',
      pod: 'p',
      certain: false,
    });
    expect(run(claimPod(), { ...input, nowMs: T0 + 60_000 })?.certain).toBe(true);
  });
  it('no class and no event: the cluster default, and the default-class fix', () => {
    expect(run(claimPod(), { pvcs: [pvc(undefined, undefined)] })).toEqual({
      reason: 'PersistentVolumeClaimPending',
      message: 'PersistentVolumeClaim data-0 is Pending (storage class none: the cluster default).',
      fix: 'The claim names no storage class and the cluster has no default one: set a storage class in the answers or mark one as default.',
      pod: 'p',
      certain: false,
    });
  });
  it('"not found" must come after "storageclass" to mean a missing class; the newest claim event counts', () => {
    const d = run(claimPod(), {
      pvcs: [pvc('fast', 'Pending')],
      events: [pvcWarn('volume not found; storageclass busy')],
    });
    expect(d?.fix).toBe(
      'The provisioner of storage class "fast" has not bound the claim; check that it runs and has capacity.',
    );
    expect(d?.certain).toBe(false);
    const newest = run(claimPod(), {
      pvcs: [pvc('fast', 'Pending')],
      events: [
        pvcWarn('StorageClass "fast" not found', '2026-12-01T20:00:09Z'),
        pvcWarn('older', '2026-12-01T20:00:01Z'),
      ],
    });
    expect(newest).toMatchObject({
      certain: true,
      message:
        'PersistentVolumeClaim data-0 is Pending (storage class fast): StorageClass "fast" not found',
    });
  });
  it('a bound claim, an unknown claim, or a pod that is not Pending is not a claim problem', () => {
    expect(run(claimPod(), { pvcs: [pvc('fast', 'Bound')] })).toBeUndefined();
    expect(
      run(claimPod(), { pvcs: [{ ...pvc('fast', 'Pending'), metadata: { name: 'other' } }] }),
    ).toBeUndefined();
    expect(run(claimPod('Running'), { pvcs: [pvc('fast', 'Pending')] })).toBeUndefined();
    expect(run(claimPod())).toBeUndefined();
  });
  it('a claim without a creation time is not certain by age', () => {
    expect(
      run(claimPod(), {
        pvcs: [{ ...pvc('fast', 'Pending'), metadata: { name: 'data-0' } }],
        nowMs: 1e13,
      })?.certain,
    ).toBe(false);
  });
});

// Rows found by StrykerJS (bench/mutation.md): each pins a guard or a loop of diagnose.ts that no
// row above reached. The objects come from the API as JSON, so any optional part can be missing.
describe('missing optional parts, and every container and event is looked at', () => {
  const running = (name: string, ready = false): ContainerStatusLike => ({
    name,
    ready,
    restartCount: 0,
    state: { running: { startedAt: CREATED } },
  });
  const noState = (name: string): ContainerStatusLike => ({ name, ready: false, restartCount: 0 });
  const unschedulable = {
    type: 'PodScheduled',
    status: 'False',
    reason: 'Unschedulable',
    message: 'from the condition',
  };

  it('a Warning event without involvedObject is skipped; the next one is quoted', () => {
    const events: EventLike[] = [
      { type: 'Warning', reason: 'FailedMount', message: 'no object' },
      warn('FailedCreatePodSandBox', 'sandbox failed', '2026-12-01T20:00:05Z'),
    ];
    expect(run(podWith({}), { events })?.message).toBe('FailedCreatePodSandBox: sandbox failed');
  });

  it('a pod without metadata: empty pod name and namespace in the texts', () => {
    const pod: PodLike = { status: { phase: 'Pending', conditions: [unschedulable] } };
    expect(run(pod, { nowMs: 1e13 })).toEqual({
      reason: 'Unschedulable',
      message: 'Pod  cannot be scheduled: from the condition',
      fix: "Read the scheduler's message and make room for the pod, or change the sizing and placement answers.",
      pod: '',
      certain: false,
    });
    const noNamespace: PodLike = {
      ...podWith({ containers: [waiting('server', 'ErrImagePull', 'not found')] }),
      metadata: { name: 'p' },
    };
    expect(run(noNamespace)?.fix).toBe(
      'Check that the tag "1.2.3" exists in the registry for this image and that the answers name it exactly; if the registry is private, check the image pull secret and that it exists in namespace .',
    );
  });

  it('only a PodScheduled condition can say Unschedulable', () => {
    expect(run(podWith({ conditions: [{ ...unschedulable, type: 'Ready' }] }))).toBeUndefined();
    expect(run(podWith({ conditions: [unschedulable] }))?.reason).toBe('Unschedulable');
  });

  const claimPod = () =>
    podWith({}, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-0' } }] });
  it('claims without metadata or spec: the one named is found, no class means the cluster default', () => {
    const named: PvcLike = {
      metadata: { name: 'data-0', creationTimestamp: CREATED },
      spec: { storageClassName: 'fast' },
      status: { phase: 'Pending' },
    };
    expect(run(claimPod(), { pvcs: [{ status: { phase: 'Pending' } }, named] })?.message).toBe(
      'PersistentVolumeClaim data-0 is Pending (storage class fast).',
    );
    expect(
      run(claimPod(), {
        pvcs: [
          {
            metadata: { name: 'data-0', creationTimestamp: CREATED },
            status: { phase: 'Pending' },
          },
        ],
      }),
    ).toMatchObject({
      message: 'PersistentVolumeClaim data-0 is Pending (storage class none: the cluster default).',
      fix: 'The claim names no storage class and the cluster has no default one: set a storage class in the answers or mark one as default.',
    });
  });

  it('"not found" without "storageclass" is not a missing class', () => {
    const pvcs: PvcLike[] = [
      {
        metadata: { name: 'data-0', creationTimestamp: CREATED },
        spec: { storageClassName: 'fast' },
        status: { phase: 'Pending' },
      },
    ];
    const events: EventLike[] = [
      {
        type: 'Warning',
        reason: 'ProvisioningFailed',
        message: 'volume "v1" not found',
        involvedObject: { kind: 'PersistentVolumeClaim', name: 'data-0' },
        lastTimestamp: CREATED,
      },
    ];
    expect(run(claimPod(), { pvcs, events })).toMatchObject({
      fix: 'The provisioner of storage class "fast" has not bound the claim; check that it runs and has capacity.',
      certain: false,
    });
  });

  it('an init container with nothing to say (a running sidecar, one without state) does not end the search', () => {
    const crash = waiting('wait-for-db', 'CrashLoopBackOff', undefined, { restartCount: 1 });
    const pod = podWith(
      { init: [noState('first'), running('proxy'), crash] },
      {
        initContainers: [
          { name: 'first' },
          { name: 'proxy', restartPolicy: 'Always' },
          { name: 'wait-for-db' },
        ],
      },
    );
    expect(run(pod)).toMatchObject({
      reason: 'CrashLoopBackOff',
      container: 'wait-for-db',
      message: 'Init container wait-for-db keeps exiting and has restarted 1 times.',
    });
  });

  it("a main container that is fine does not hide the next one's problem", () => {
    const pod = podWith(
      {
        phase: 'Running',
        containers: [running('server', true), waiting('sidecar', 'ErrImagePull', 'not found')],
      },
      {
        containers: [
          { name: 'server', image: 'a:1' },
          { name: 'sidecar', image: 'b:2' },
        ],
      },
    );
    expect(run(pod)).toMatchObject({
      reason: 'ErrImagePull',
      container: 'sidecar',
      message: 'Container sidecar cannot pull image b:2: not found',
    });
  });

  it('the probe rule skips a status without state and reads only Unhealthy events', () => {
    const unhealthy = warn('Unhealthy', 'Readiness probe failed: 503', '2026-12-01T20:00:05Z');
    const backOff = warn('BackOff', 'Back-off restarting', '2026-12-01T20:00:06Z');
    expect(
      run(podWith({ phase: 'Running', containers: [noState('init-ish'), running('server')] }), {
        events: [unhealthy, backOff],
      })?.message,
    ).toBe('Container server is running but not ready: Readiness probe failed: 503');
    expect(
      run(podWith({ phase: 'Running', containers: [running('server')] }), { events: [backOff] }),
    ).toBeUndefined();
  });
});

// Rows found by StrykerJS for diagnose-container.ts.
describe('containers: the registry answer, event times, containers without a spec', () => {
  it('ErrImagePull with its own message quotes it, even when a Failed event has another answer', () => {
    const events = [
      warn(
        'Failed',
        'Failed to pull image "lightruncom/server:1.2.3": from the event',
        '2026-12-01T20:00:01Z',
        'spec.containers{server}',
      ),
    ];
    expect(
      run(
        podWith({ containers: [waiting('server', 'ErrImagePull', 'rpc error: from the status')] }),
        { events },
      )?.message,
    ).toBe(
      'Container server cannot pull image lightruncom/server:1.2.3: rpc error: from the status',
    );
  });

  it('a pull event whose answer holds "Error: " further on is still the registry answer', () => {
    const events = [
      warn(
        'Failed',
        'Failed to pull image "lightruncom/server:1.2.3": rpc Error: 500',
        '2026-12-01T20:00:01Z',
        'spec.containers{server}',
      ),
    ];
    expect(
      run(
        podWith({ containers: [waiting('server', 'ImagePullBackOff', 'Back-off pulling image')] }),
        { events },
      )?.message,
    ).toBe(
      'Container server cannot pull image lightruncom/server:1.2.3: Failed to pull image "lightruncom/server:1.2.3": rpc Error: 500',
    );
  });

  it('an event without any time does not count for how long a failure lasted', () => {
    const pod = podWith({
      containers: [waiting('server', 'CreateContainerConfigError', 'secret "s" not found')],
    });
    const untimed: EventLike = {
      type: 'Warning',
      reason: 'Failed',
      message: 'Error: secret "s" not found',
      involvedObject: { kind: 'Pod', name: 'p', fieldPath: 'spec.containers{server}' },
    };
    expect(run(pod, { events: [untimed], nowMs: T0 + 59_999 })?.certain).toBe(false);
    expect(run(pod, { events: [untimed], nowMs: T0 + 60_000 })?.certain).toBe(true);
    const timed = warn(
      'Failed',
      'Error: secret "s" not found',
      '2026-12-01T20:00:30Z',
      'spec.containers{server}',
    );
    expect(
      run(pod, { events: [untimed, timed], nowMs: Date.parse('2026-12-01T20:01:29.999Z') })
        ?.certain,
    ).toBe(false);
    expect(
      run(pod, { events: [untimed, timed], nowMs: Date.parse('2026-12-01T20:01:30Z') })?.certain,
    ).toBe(true);
  });

  it('a crashing container without a spec gets the fix without a memory limit', () => {
    const oom = waiting('server', 'CrashLoopBackOff', undefined, {
      restartCount: 1,
      lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
    });
    expect(run(podWith({ phase: 'Running', containers: [oom] }, { containers: [] }))).toMatchObject(
      {
        reason: 'OOMKilled',
        fix: 'The container ran out of memory. Choose a larger sizing profile or raise its memory limit, then upgrade.',
      },
    );
    expect(
      run(
        podWith(
          { phase: 'Running', containers: [oom] },
          { containers: [{ name: 'server', resources: { limits: { memory: '1Gi' } } }] },
        ),
      )?.fix,
    ).toBe(
      'The container ran out of memory (limit 1Gi). Choose a larger sizing profile or raise its memory limit, then upgrade.',
    );
  });

  it('a running init container without a spec is still waited for', () => {
    const setup: ContainerStatusLike = {
      name: 'wait-for-mq',
      ready: false,
      restartCount: 0,
      state: { running: { startedAt: CREATED } },
    };
    expect(run(podWith({ init: [setup] }))).toMatchObject({
      reason: 'InitWaiting',
      container: 'wait-for-mq',
      message:
        'Init container wait-for-mq is still running: the pod is waiting for the message queue.',
    });
  });
});
