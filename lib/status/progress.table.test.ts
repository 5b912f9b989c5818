import { describe, expect, it } from 'vitest';
import type { ExpectedWorkload, PodSummary } from './events';
import { componentProgress, elapsedSeconds, sortPods, totalProgress } from './progress';
import { initialInstallState, type InstallState, type WorkloadStatus } from './reducer';

const exp = (
  kind: ExpectedWorkload['kind'],
  name: string,
  component: string,
  replicas: number,
): ExpectedWorkload => ({ kind, name, component, replicas });
const live = (
  kind: WorkloadStatus['kind'],
  name: string,
  ready: number,
  desired: number,
  state: WorkloadStatus['state'],
): WorkloadStatus => ({
  kind,
  name,
  component: '',
  ready,
  desired,
  state,
  message: '',
  resourceVersion: '1',
});
const state = (expected: ExpectedWorkload[], workloads: WorkloadStatus[]): InstallState => ({
  ...initialInstallState,
  expected,
  workloads: Object.fromEntries(workloads.map((w) => [`${w.kind}/${w.name}`, w])),
});

describe('componentProgress: the other side of each rule', () => {
  it('a DaemonSet not reported yet expects 0 (the cluster decides its size) and is in progress', () => {
    expect(componentProgress(state([exp('DaemonSet', 'agent', 'agent', 0)], []))).toEqual([
      {
        component: 'agent',
        ready: 0,
        expected: 0,
        state: 'in-progress',
        workloads: ['DaemonSet/agent'],
      },
    ]);
  });
  it('a workload that expects replicas keeps its own count even when the cluster reports another desired count', () => {
    expect(
      componentProgress(
        state([exp('Deployment', 'b', 'backend', 2)], [live('Deployment', 'b', 3, 5, 'ready')]),
      ),
    ).toEqual([
      { component: 'backend', ready: 2, expected: 2, state: 'ready', workloads: ['Deployment/b'] },
    ]);
  });
  it("an explicit replicas: 0 workload that is reported takes the cluster's desired count", () => {
    expect(
      componentProgress(
        state([exp('Deployment', 'b', 'backend', 0)], [live('Deployment', 'b', 0, 0, 'ready')]),
      )[0],
    ).toMatchObject({ ready: 0, expected: 0, state: 'ready' });
  });
  it('in progress after ready stays in progress; ready after in progress does not make it ready', () => {
    const s = state(
      [
        exp('Deployment', 'a', 'c', 1),
        exp('Deployment', 'b', 'c', 1),
        exp('Deployment', 'x', 'd', 1),
        exp('Deployment', 'y', 'd', 1),
      ],
      [
        live('Deployment', 'a', 1, 1, 'ready'),
        live('Deployment', 'b', 0, 1, 'in-progress'),
        live('Deployment', 'x', 0, 1, 'in-progress'),
        live('Deployment', 'y', 1, 1, 'ready'),
      ],
    );
    expect(componentProgress(s).map((c) => [c.component, c.state, c.ready, c.expected])).toEqual([
      ['c', 'in-progress', 1, 2],
      ['d', 'in-progress', 1, 2],
    ]);
  });
  it('failed wins whether it comes first or last, and in progress after failed keeps failed', () => {
    const s = state(
      [
        exp('Deployment', 'a', 'c', 1),
        exp('Deployment', 'b', 'c', 1),
        exp('Deployment', 'f', 'c', 1),
        exp('Deployment', 'g', 'c', 1),
      ],
      [
        live('Deployment', 'a', 1, 1, 'ready'),
        live('Deployment', 'b', 0, 1, 'in-progress'),
        live('Deployment', 'f', 0, 1, 'failed'),
        live('Deployment', 'g', 0, 1, 'in-progress'),
      ],
    );
    expect(componentProgress(s)[0]?.state).toBe('failed');
  });
  it('all ready is ready; no expected workloads is an empty list and zero totals', () => {
    const s = state([exp('Job', 'j', 'jobs', 2)], [live('Job', 'j', 2, 2, 'ready')]);
    expect(componentProgress(s)).toEqual([
      { component: 'jobs', ready: 2, expected: 2, state: 'ready', workloads: ['Job/j'] },
    ]);
    expect(componentProgress(initialInstallState)).toEqual([]);
    expect(totalProgress([])).toEqual({ ready: 0, expected: 0 });
  });
});

const pod = (name: string, component: string, readiness: PodSummary['readiness']): PodSummary => ({
  name,
  component,
  phase: 'Running',
  status: 'Running',
  ready: '1/1',
  restarts: 0,
  node: 'n',
  createdAt: '',
  resourceVersion: '1',
  readiness,
});

describe('sortPods: by state, then component, then name', () => {
  it('ties within a component are broken by pod name', () => {
    const pods = {
      z: pod('z', 'backend', 'ready'),
      a: pod('a', 'backend', 'ready'),
      m: pod('m', 'api', 'ready'),
      f: pod('f', 'zz', 'failed'),
    };
    expect(sortPods(new Map(Object.entries(pods))).map((p) => p.name)).toEqual([
      'f',
      'm',
      'a',
      'z',
    ]);
  });
  const names = (list: [string, string][]) =>
    sortPods(
      new Map(list.map(([name, component]) => [name, pod(name, component, 'in-progress')])),
    ).map((p) => p.name);
  it.each([
    [
      'names in reverse, one component',
      [
        ['e', 'c'],
        ['d', 'c'],
        ['c', 'c'],
        ['b', 'c'],
        ['a', 'c'],
      ],
      ['a', 'b', 'c', 'd', 'e'],
    ],
    [
      'names in order, one component',
      [
        ['a', 'c'],
        ['b', 'c'],
        ['c', 'c'],
        ['d', 'c'],
        ['e', 'c'],
      ],
      ['a', 'b', 'c', 'd', 'e'],
    ],
    [
      'the component decides before the name, either way round',
      [
        ['a', 'zz'],
        ['z', 'aa'],
      ],
      ['z', 'a'],
    ],
    [
      'the component decides before the name (given the other way)',
      [
        ['z', 'aa'],
        ['a', 'zz'],
      ],
      ['z', 'a'],
    ],
    [
      'code-unit order: digits before letters, a prefix first',
      [
        ['pod-b', 'c'],
        ['pod-1', 'c'],
        ['pod', 'c'],
      ],
      ['pod', 'pod-1', 'pod-b'],
    ],
  ] as [string, [string, string][], string[]][])('%s', (_, list, order) => {
    expect(names(list)).toEqual(order);
  });
});

describe('elapsedSeconds: unreadable and reversed times', () => {
  const job = {
    jobId: 'j',
    release: 'r',
    namespace: 'n',
    context: null,
    chart: 'c',
    helmVersion: 'v4',
    action: 'install' as const,
    timeoutSeconds: 600,
  };
  it('an unreadable start is 0', () => {
    expect(
      elapsedSeconds({ ...initialInstallState, job: { ...job, startedAt: 'not a time' } }, 1e12),
    ).toBe(0);
  });
  it('a clock behind the start is 0, not negative', () => {
    expect(
      elapsedSeconds(
        { ...initialInstallState, job: { ...job, startedAt: '2026-12-01T20:00:00.000Z' } },
        Date.parse('2026-12-01T19:59:00.000Z'),
      ),
    ).toBe(0);
  });
  it('rounds down: 1.999 s is 1', () => {
    expect(
      elapsedSeconds(
        { ...initialInstallState, job: { ...job, startedAt: '2026-12-01T20:00:00.000Z' } },
        Date.parse('2026-12-01T20:00:01.999Z'),
      ),
    ).toBe(1);
  });
});
