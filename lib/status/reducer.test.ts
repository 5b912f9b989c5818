import { describe, expect, it } from 'vitest';
import {
  installEventSchema,
  type InstallEvent,
  type InstallEventBody,
  type PodSummary,
} from './events';
import {
  initialInstallState,
  isStaleVersion,
  MAX_HELM_LINES,
  MAX_WARNINGS,
  reduceInstall,
  reduceInstallAll,
  type InstallState,
} from './reducer';

const AT = '2026-12-01T20:00:00.000Z';
let nextId = 1;
function ev(body: InstallEventBody, id = nextId++): InstallEvent {
  // Parse through the schema so the fixtures are exactly what the wire carries.
  return installEventSchema.parse({ ...body, id, at: AT });
}
function fold(...events: InstallEvent[]): InstallState {
  return events.reduce(reduceInstall, initialInstallState);
}
function pod(name: string, resourceVersion: string, status = 'Running'): PodSummary {
  return {
    name,
    component: 'backend',
    phase: 'Running',
    status,
    ready: '1/1',
    restarts: 0,
    node: 'node-1',
    createdAt: AT,
    resourceVersion,
    readiness: 'ready',
  };
}

describe('reduceInstall: one test per event type', () => {
  it('job sets the job info', () => {
    const s = fold(
      ev(
        {
          type: 'job',
          jobId: 'j1',
          release: 'lightrun',
          namespace: 'lr',
          context: 'kind',
          chart: 'chart/',
          helmVersion: 'v3.18.0',
          action: 'install',
          timeoutSeconds: 600,
          startedAt: AT,
        },
        1,
      ),
    );
    expect(s.job).toEqual({
      jobId: 'j1',
      release: 'lightrun',
      namespace: 'lr',
      context: 'kind',
      chart: 'chart/',
      helmVersion: 'v3.18.0',
      action: 'install',
      timeoutSeconds: 600,
      startedAt: AT,
    });
    expect(s.lastEventId).toBe(1);
  });

  it('step appends a new step and replaces a known one in place', () => {
    const s = fold(
      ev({ type: 'step', step: 'namespace', state: 'running', message: 'creating lr' }, 1),
      ev({ type: 'step', step: 'helm', state: 'running', message: 'helm upgrade --install' }, 2),
      ev({ type: 'step', step: 'namespace', state: 'done', message: 'created lr' }, 3),
    );
    expect(s.steps).toEqual([
      { step: 'namespace', state: 'done', message: 'created lr', at: AT },
      { step: 'helm', state: 'running', message: 'helm upgrade --install', at: AT },
    ]);
  });

  it('expected replaces the expected workloads', () => {
    const w1 = { kind: 'Deployment' as const, name: 'a', component: 'backend', replicas: 1 };
    const w2 = { kind: 'StatefulSet' as const, name: 'b', component: 'mysql', replicas: 1 };
    const s = fold(
      ev({ type: 'expected', workloads: [w1] }, 1),
      ev({ type: 'expected', workloads: [w2] }, 2),
    );
    expect(s.expected).toEqual([w2]);
  });

  it('a later event keeps what earlier events put in workloads, pods and deletedPods', () => {
    const w = (name: string, rv: string) =>
      ev({
        type: 'workload',
        kind: 'Deployment',
        name,
        component: 'backend',
        ready: 1,
        desired: 1,
        state: 'ready',
        message: '',
        resourceVersion: rv,
      });
    const s = fold(
      w('a', '1'),
      w('b', '2'),
      ev({ type: 'pod', op: 'upsert', pod: pod('p1', '3') }),
      ev({ type: 'pod', op: 'upsert', pod: pod('p2', '4') }),
      ev({ type: 'pod', op: 'delete', pod: pod('p1', '5') }),
      ev({ type: 'pod', op: 'delete', pod: pod('p2', '6') }),
      ev({ type: 'pod', op: 'upsert', pod: pod('p3', '7') }),
    );
    expect(Object.keys(s.workloads)).toEqual(['Deployment/a', 'Deployment/b']);
    expect(s.deletedPods).toEqual({ p1: '5', p2: '6' });
    expect([...s.pods.keys()]).toEqual(['p3']);
  });

  it('workload upserts by kind/name', () => {
    const s = fold(
      ev(
        {
          type: 'workload',
          kind: 'Deployment',
          name: 'lr-backend',
          component: 'backend',
          ready: 0,
          desired: 2,
          state: 'in-progress',
          message: '0 of 2 ready',
          resourceVersion: '10',
        },
        1,
      ),
      ev(
        {
          type: 'workload',
          kind: 'Deployment',
          name: 'lr-backend',
          component: 'backend',
          ready: 2,
          desired: 2,
          state: 'ready',
          message: '2 of 2 ready',
          resourceVersion: '12',
        },
        2,
      ),
    );
    expect(s.workloads).toEqual({
      'Deployment/lr-backend': {
        kind: 'Deployment',
        name: 'lr-backend',
        component: 'backend',
        ready: 2,
        desired: 2,
        state: 'ready',
        message: '2 of 2 ready',
        resourceVersion: '12',
      },
    });
  });

  it('pod upsert adds and replaces, delete removes', () => {
    const s1 = fold(
      ev({ type: 'pod', op: 'upsert', pod: pod('p1', '5', 'Pending') }, 1),
      ev({ type: 'pod', op: 'upsert', pod: pod('p2', '6') }, 2),
      ev({ type: 'pod', op: 'upsert', pod: pod('p1', '7') }, 3),
    );
    expect(s1.pods).toEqual(
      new Map([
        ['p1', pod('p1', '7')],
        ['p2', pod('p2', '6')],
      ]),
    );
    // In order of first appearance, the replaced p1 keeping its place.
    expect([...s1.pods.keys()]).toEqual(['p1', 'p2']);
    const s2 = reduceInstall(s1, ev({ type: 'pod', op: 'delete', pod: pod('p2', '8') }, 4));
    expect(s2.pods).toEqual(new Map([['p1', pod('p1', '7')]]));
    expect(s2.deletedPods).toEqual({ p2: '8' });
  });

  it('k8s-event keeps Warning events, one row per uid, newest last', () => {
    const base = {
      type: 'k8s-event' as const,
      eventType: 'Warning' as const,
      object: { kind: 'Pod', name: 'p1' },
      lastTimestamp: AT,
    };
    const s = fold(
      ev({ ...base, uid: 'u1', reason: 'Failed', message: 'pull failed', count: 1 }, 1),
      ev({ ...base, uid: 'u2', reason: 'BackOff', message: 'back-off', count: 1 }, 2),
      ev({ ...base, uid: 'u1', reason: 'Failed', message: 'pull failed', count: 3 }, 3),
      ev({ ...base, eventType: 'Normal', uid: 'u3', reason: 'Pulled', message: 'ok', count: 1 }, 4),
    );
    expect(s.warnings.map((w) => [w.uid, w.count])).toEqual([
      ['u2', 1],
      ['u1', 3],
    ]);
  });

  it('helm-output appends lines with their event id', () => {
    const s = fold(
      ev({ type: 'helm-output', stream: 'stdout', line: 'Release "lr" does not exist.' }, 1),
      ev({ type: 'helm-output', stream: 'stderr', line: 'WARNING: x' }, 2),
    );
    expect(s.helm).toEqual([
      { id: 1, stream: 'stdout', line: 'Release "lr" does not exist.' },
      { id: 2, stream: 'stderr', line: 'WARNING: x' },
    ]);
  });

  it('override records each check once', () => {
    const s = fold(
      ev({ type: 'override', check: 'storage-class' }, 1),
      ev({ type: 'override', check: 'storage-class' }, 2),
      ev({ type: 'override', check: 'cpu' }, 3),
    );
    expect(s.overrides).toEqual(['storage-class', 'cpu']);
  });

  it('done records outcome, summary, endpoint and login with its time', () => {
    const s = fold(
      ev(
        {
          type: 'done',
          outcome: 'failed',
          summary: ['lr-backend-1: ImagePullBackOff (lightruncom/backend:does-not-exist)'],
          endpoint: 'https://lightrun.example.com',
          login: { user: 'administrator@localhost.com', passwordCommand: 'kubectl get secret …' },
        },
        9,
      ),
    );
    expect(s.done).toEqual({
      outcome: 'failed',
      summary: ['lr-backend-1: ImagePullBackOff (lightruncom/backend:does-not-exist)'],
      endpoint: 'https://lightrun.example.com',
      login: { user: 'administrator@localhost.com', passwordCommand: 'kubectl get secret …' },
      at: AT,
    });
  });
});

describe('reduceInstall: ordering guards', () => {
  it('ignores a pod upsert older than the one it has (stale resourceVersion)', () => {
    const s = fold(
      ev({ type: 'pod', op: 'upsert', pod: pod('p1', '100') }, 1),
      ev({ type: 'pod', op: 'upsert', pod: pod('p1', '99', 'Pending') }, 2),
    );
    expect(s.pods.get('p1')).toEqual(pod('p1', '100'));
    expect(s.lastEventId).toBe(2);
  });

  it('applies an equal resourceVersion (a re-sent pod with a new diagnosis)', () => {
    const s = fold(
      ev({ type: 'pod', op: 'upsert', pod: pod('p1', '100') }, 1),
      ev({ type: 'pod', op: 'upsert', pod: pod('p1', '100', 'ImagePullBackOff') }, 2),
    );
    expect(s.pods.get('p1')?.status).toBe('ImagePullBackOff');
  });

  it('a stale upsert after a delete does not resurrect the pod; a newer one does', () => {
    const s = fold(
      ev({ type: 'pod', op: 'upsert', pod: pod('p1', '10') }, 1),
      ev({ type: 'pod', op: 'delete', pod: pod('p1', '12') }, 2),
      ev({ type: 'pod', op: 'upsert', pod: pod('p1', '11') }, 3),
    );
    expect(s.pods.size).toBe(0);
    const s2 = reduceInstall(s, ev({ type: 'pod', op: 'upsert', pod: pod('p1', '13') }, 4));
    expect(s2.pods).toEqual(new Map([['p1', pod('p1', '13')]]));
    expect(s2.deletedPods).toEqual({});
  });

  it('ignores a stale workload version', () => {
    const w = {
      type: 'workload' as const,
      kind: 'StatefulSet' as const,
      name: 'db',
      component: 'mysql',
      desired: 1,
      message: '',
    };
    const s = fold(
      ev({ ...w, ready: 1, state: 'ready', resourceVersion: '20' }, 1),
      ev({ ...w, ready: 0, state: 'in-progress', resourceVersion: '19' }, 2),
    );
    expect(s.workloads['StatefulSet/db']?.ready).toBe(1);
  });

  it('replaying an event id already applied changes nothing (same object back)', () => {
    const e1 = ev({ type: 'helm-output', stream: 'stdout', line: 'one' }, 1);
    const e2 = ev({ type: 'helm-output', stream: 'stdout', line: 'two' }, 2);
    const s = fold(e1, e2);
    const again = reduceInstallAll(s, [e1, e2]);
    expect(again).toEqual(s);
    expect(again.helm).toBe(s.helm);
    // The boundary: id = lastEventId is a replay, lastEventId + 1 is new.
    expect(
      reduceInstall(s, ev({ type: 'helm-output', stream: 'stdout', line: 'dup' }, 2)).helm.length,
    ).toBe(2);
    expect(
      reduceInstall(s, ev({ type: 'helm-output', stream: 'stdout', line: 'three' }, 3)).helm.length,
    ).toBe(3);
  });

  it('does not mutate its input and keeps untouched pods by identity', () => {
    const s1 = fold(
      ev({ type: 'pod', op: 'upsert', pod: pod('a', '1') }, 1),
      ev({ type: 'pod', op: 'upsert', pod: pod('b', '1') }, 2),
    );
    const a = s1.pods.get('a');
    const s2 = reduceInstall(s1, ev({ type: 'pod', op: 'upsert', pod: pod('b', '2') }, 3));
    expect(s1.pods.get('b')?.resourceVersion).toBe('1');
    expect(s2.pods.get('a')).toBe(a);
    expect(s2.pods).not.toBe(s1.pods);
    expect(initialInstallState.pods.size).toBe(0);
  });

  it('batch fold equals one-by-one fold', () => {
    const events = [
      ev({ type: 'pod', op: 'upsert', pod: pod('a', '1') }, 1),
      ev({ type: 'pod', op: 'upsert', pod: pod('b', '2') }, 2),
      ev({ type: 'pod', op: 'delete', pod: pod('a', '3') }, 3),
      ev({ type: 'pod', op: 'upsert', pod: pod('b', '1') }, 4),
      ev({ type: 'step', step: 'wait', state: 'running', message: '' }, 5),
    ];
    expect(reduceInstallAll(initialInstallState, events)).toEqual(fold(...events));
  });

  it('caps warnings and helm lines at their maximum, dropping the oldest', () => {
    const warnings = Array.from({ length: MAX_WARNINGS + 1 }, (_, i) =>
      ev(
        {
          type: 'k8s-event',
          uid: `u${i}`,
          eventType: 'Warning',
          object: { kind: 'Pod', name: 'p' },
          reason: 'R',
          message: '',
          count: 1,
          lastTimestamp: AT,
        },
        i + 1,
      ),
    );
    const s = reduceInstallAll(initialInstallState, warnings);
    expect(s.warnings.length).toBe(MAX_WARNINGS);
    expect(s.warnings[0]?.uid).toBe('u1');
    const lines = Array.from({ length: MAX_HELM_LINES + 1 }, (_, i) =>
      ev({ type: 'helm-output', stream: 'stdout', line: `l${i}` }, i + 1),
    );
    const h = reduceInstallAll(initialInstallState, lines);
    expect(h.helm.length).toBe(MAX_HELM_LINES);
    expect(h.helm[0]?.line).toBe('l1');
  });
});

describe('isStaleVersion', () => {
  it.each([
    ['9', '10', true],
    ['10', '10', false],
    ['11', '10', false],
    ['5', undefined, false],
    ['abc', '10', false],
    ['99999999999999999998', '99999999999999999999', true],
  ] as const)('%s against %s → %s', (incoming, current, stale) => {
    expect(isStaleVersion(incoming, current)).toBe(stale);
  });
});

describe('installEventSchema', () => {
  it('rejects an unknown type and an event without an id', () => {
    expect(installEventSchema.safeParse({ type: 'nope', id: 1, at: AT }).success).toBe(false);
    expect(installEventSchema.safeParse({ type: 'override', check: 'x', at: AT }).success).toBe(
      false,
    );
    expect(
      installEventSchema.safeParse({ type: 'override', check: 'x', id: 1, at: AT }).success,
    ).toBe(true);
  });
});
