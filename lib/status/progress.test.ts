import { describe, expect, it } from 'vitest';
import type { PodSummary } from './events';
import {
  clock,
  componentProgress,
  elapsedSeconds,
  jobKind,
  orderPods,
  podBlocks,
  podProblems,
  sameRows,
  sortPods,
  totalProgress,
} from './progress';
import { initialInstallState, type InstallState } from './reducer';

const wl = (
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet',
  name: string,
  component: string,
  ready: number,
  desired: number,
  state: 'ready' | 'in-progress' | 'failed',
) => ({ kind, name, component, ready, desired, state, message: '', resourceVersion: '1' });

describe('componentProgress', () => {
  const state: InstallState = {
    ...initialInstallState,
    expected: [
      { kind: 'Deployment', name: 'lr-backend', component: 'backend', replicas: 2 },
      { kind: 'StatefulSet', name: 'lr-mysql', component: 'mysql', replicas: 1 },
      { kind: 'Deployment', name: 'lr-frontend', component: 'frontend', replicas: 1 },
      { kind: 'DaemonSet', name: 'lr-agent', component: '', replicas: 0 },
      { kind: 'Deployment', name: 'lr-backend-2', component: 'backend', replicas: 1 },
    ],
    workloads: {
      'Deployment/lr-backend': wl('Deployment', 'lr-backend', 'backend', 2, 2, 'ready'),
      'StatefulSet/lr-mysql': wl('StatefulSet', 'lr-mysql', 'mysql', 0, 1, 'failed'),
      'DaemonSet/lr-agent': wl('DaemonSet', 'lr-agent', '', 3, 3, 'ready'),
      'Deployment/lr-backend-2': wl('Deployment', 'lr-backend-2', 'backend', 5, 1, 'ready'),
    },
  };
  it('sums per component, counts unreported workloads as in progress, caps ready at expected', () => {
    expect(componentProgress(state)).toEqual([
      {
        component: 'backend',
        ready: 3,
        expected: 3,
        state: 'ready',
        workloads: ['Deployment/lr-backend', 'Deployment/lr-backend-2'],
      },
      {
        component: 'mysql',
        ready: 0,
        expected: 1,
        state: 'failed',
        workloads: ['StatefulSet/lr-mysql'],
      },
      {
        component: 'frontend',
        ready: 0,
        expected: 1,
        state: 'in-progress',
        workloads: ['Deployment/lr-frontend'],
      },
      {
        component: 'lr-agent',
        ready: 3,
        expected: 3,
        state: 'ready',
        workloads: ['DaemonSet/lr-agent'],
      },
    ]);
    expect(totalProgress(componentProgress(state))).toEqual({ ready: 6, expected: 8 });
  });
  it('a failed workload wins over in-progress in the same component', () => {
    const s: InstallState = {
      ...initialInstallState,
      expected: [
        { kind: 'Deployment', name: 'a', component: 'c', replicas: 1 },
        { kind: 'Deployment', name: 'b', component: 'c', replicas: 1 },
      ],
      workloads: { 'Deployment/a': wl('Deployment', 'a', 'c', 0, 1, 'failed') },
    };
    expect(componentProgress(s)[0]?.state).toBe('failed');
  });
});

const pod = (
  name: string,
  readiness: PodSummary['readiness'],
  component = 'backend',
  certain?: boolean,
): PodSummary => ({
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
  ...(certain === undefined
    ? {}
    : { diagnosis: { reason: 'R', message: 'm', fix: 'f', pod: name, certain } }),
});

const asMap = (o: Record<string, PodSummary>): ReadonlyMap<string, PodSummary> =>
  new Map(Object.entries(o));

describe('podProblems and sortPods', () => {
  const pods = asMap({
    b: pod('b', 'in-progress', 'backend', false),
    a: pod('a', 'ready'),
    c: pod('c', 'failed', 'mysql', true),
    d: pod('d', 'in-progress', 'api', false),
  });
  it('problems: certain first, then by name', () => {
    expect(podProblems(pods).map((p) => [p.pod, p.component, p.certain])).toEqual([
      ['c', 'mysql', true],
      ['b', 'backend', false],
      ['d', 'api', false],
    ]);
  });
  it('sort: failed, in-progress (by component), ready', () => {
    expect(sortPods(pods).map((p) => p.name)).toEqual(['c', 'd', 'b', 'a']);
  });
});

describe('orderPods: sortPods without sorting again when no pod moves', () => {
  const base = (): Record<string, PodSummary> => ({
    b: pod('b', 'in-progress', 'backend'),
    a: pod('a', 'ready'),
    c: pod('c', 'failed', 'mysql', true),
    d: pod('d', 'in-progress', 'api'),
  });
  const names = (rows: PodSummary[]) => rows.map((p) => p.name);

  it('with nothing before, it is sortPods', () => {
    const pods = base();
    expect(orderPods(undefined, asMap(pods))).toEqual(sortPods(asMap(pods)));
  });

  it('a changed pod that keeps its readiness and component keeps its place, and the new object is the one shown', () => {
    const pods = base();
    const before = orderPods(undefined, asMap(pods));
    const b2 = { ...pods.b!, status: 'ContainerCreating', resourceVersion: '2' };
    const after = orderPods(before, asMap({ ...pods, b: b2 }));
    expect(names(after)).toEqual(['c', 'd', 'b', 'a']);
    expect(after[2]).toBe(b2);
    // The others are the very same objects (their rows are not rendered again).
    expect(after[0]).toBe(before[0]);
    expect(after[3]).toBe(before[3]);
    expect(after).not.toBe(before);
  });

  it('the fast path never sorts: a `previous` out of order is kept as it is', () => {
    const pods = base();
    const unsorted = [pods.a!, pods.b!, pods.c!, pods.d!];
    expect(names(orderPods(unsorted, asMap({ ...pods, b: { ...pods.b!, status: 'x' } })))).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it.each([
    [
      'readiness changes',
      (p: Record<string, PodSummary>) => ({ ...p, d: { ...p.d!, readiness: 'ready' as const } }),
      ['c', 'b', 'd', 'a'],
    ],
    [
      'component changes',
      (p: Record<string, PodSummary>) => ({ ...p, b: { ...p.b!, component: 'aaa' } }),
      ['c', 'b', 'd', 'a'],
    ],
    [
      'a pod is added',
      (p: Record<string, PodSummary>) => ({ ...p, e: pod('e', 'failed', 'api', true) }),
      ['e', 'c', 'd', 'b', 'a'],
    ],
    [
      'a pod is removed',
      (p: Record<string, PodSummary>) => {
        const { d: _d, ...rest } = p;
        return rest;
      },
      ['c', 'b', 'a'],
    ],
    [
      'one pod replaces another (same count)',
      (p: Record<string, PodSummary>) => {
        const { d: _d, ...rest } = p;
        return { ...rest, e: pod('e', 'failed', 'api', true) };
      },
      ['e', 'c', 'b', 'a'],
    ],
  ])('when %s it sorts again', (_, change, order) => {
    // `previous` deliberately out of order: only a real sort puts the result right.
    const pods = base();
    const unsorted = [pods.a!, pods.b!, pods.c!, pods.d!];
    const next = asMap(change(pods));
    expect(names(orderPods(unsorted, next))).toEqual(order);
    expect(orderPods(unsorted, next)).toEqual(sortPods(next));
  });

  it('a pod stored under a key that is not its name sorts again', () => {
    const pods = base();
    const unsorted = [pods.a!, pods.b!, pods.c!, pods.d!];
    const next = asMap({ ...pods, b: { ...pods.b!, name: 'zz' } });
    expect(orderPods(unsorted, next)).toEqual(sortPods(next));
  });

  it('always agrees with sortPods over a run of random changes', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const states: PodSummary['readiness'][] = ['failed', 'in-progress', 'ready'];
    let pods: Record<string, PodSummary> = {};
    let shown: PodSummary[] | undefined;
    for (let step = 0; step < 400; step++) {
      const name = `p${rand(30)}`;
      const roll = rand(10);
      if (roll === 0) {
        const { [name]: _gone, ...rest } = pods;
        pods = rest;
      } else
        pods = {
          ...pods,
          [name]: {
            ...(pods[name] ?? pod(name, 'in-progress', `c${rand(3)}`)),
            readiness: roll < 3 ? states[rand(3)]! : (pods[name]?.readiness ?? 'in-progress'),
            resourceVersion: String(step),
          },
        };
      shown = orderPods(shown, asMap(pods));
      expect(names(shown)).toEqual(names(sortPods(asMap(pods))));
      expect(sameRows(shown, sortPods(asMap(pods)))).toBe(true);
    }
  });
});

describe('podBlocks and sameRows', () => {
  it.each([
    [0, 3, []],
    [1, 3, [1]],
    [3, 3, [3]],
    [4, 3, [3, 1]],
    [6, 3, [3, 3]],
    [7, 1, [1, 1, 1, 1, 1, 1, 1]],
  ])('%d rows in blocks of %d: sizes %j, rows in order', (n, size, sizes) => {
    const rows = Array.from({ length: n }, (_, i) => i);
    const blocks = podBlocks(rows, size);
    expect(blocks.map((b) => b.length)).toEqual(sizes);
    expect(blocks.flat()).toEqual(rows);
  });

  it.each([0, -2, 2.5, Number.NaN])('refuses blocks of %s rows', (size) => {
    expect(() => podBlocks([1, 2], size)).toThrow(
      /block size must be a whole number of rows, at least 1/,
    );
  });

  it('same objects in the same order are the same rows; a copy, a reorder, a shorter or longer list are not', () => {
    const x = { n: 1 };
    const y = { n: 2 };
    expect(sameRows([x, y], [x, y])).toBe(true);
    expect(sameRows([], [])).toBe(true);
    expect(sameRows([x, y], [x, { ...y }])).toBe(false);
    expect(sameRows([x, y], [y, x])).toBe(false);
    expect(sameRows([x, y], [x])).toBe(false);
    expect(sameRows([x], [x, y])).toBe(false);
  });
});

describe('elapsedSeconds and clock', () => {
  const job = {
    jobId: 'j',
    release: 'r',
    namespace: 'n',
    context: null,
    chart: 'c',
    helmVersion: 'v4',
    action: 'install' as const,
    timeoutSeconds: 600,
    startedAt: '2026-12-01T20:00:00.000Z',
  };
  it('counts to now while running and stops at done', () => {
    expect(elapsedSeconds(initialInstallState, 1e12)).toBe(0);
    expect(
      elapsedSeconds({ ...initialInstallState, job }, Date.parse('2026-12-01T20:01:05.900Z')),
    ).toBe(65);
    expect(
      elapsedSeconds(
        {
          ...initialInstallState,
          job,
          done: { outcome: 'succeeded', summary: [], at: '2026-12-01T20:00:30.000Z' },
        },
        1e13,
      ),
    ).toBe(30);
  });
  it.each([
    [0, '0m00s'],
    [65, '1m05s'],
    [600, '10m00s'],
  ])('%d → %s', (s, text) => expect(clock(s)).toBe(text));
});

describe('jobKind', () => {
  const step = (s: 'helm' | 'rollback' | 'uninstall') => ({
    step: s,
    state: 'done' as const,
    message: '',
    at: '',
  });
  it.each([
    [[], 'install'],
    [[step('helm')], 'install'],
    [[step('rollback')], 'rollback'],
    [[step('helm'), step('uninstall')], 'uninstall'],
  ] as const)('%j → %s', (steps, kind) => {
    expect(jobKind({ ...initialInstallState, steps: [...steps] })).toBe(kind);
  });
});
