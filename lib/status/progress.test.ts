import { describe, expect, it } from 'vitest';
import type { PodSummary } from './events';
import { clock, componentProgress, elapsedSeconds, jobKind, podProblems, sortPods, totalProgress } from './progress';
import { initialInstallState, type InstallState } from './reducer';

const wl = (kind: 'Deployment' | 'StatefulSet' | 'DaemonSet', name: string, component: string, ready: number, desired: number, state: 'ready' | 'in-progress' | 'failed') =>
  ({ kind, name, component, ready, desired, state, message: '', resourceVersion: '1' });

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
      { component: 'backend', ready: 3, expected: 3, state: 'ready', workloads: ['Deployment/lr-backend', 'Deployment/lr-backend-2'] },
      { component: 'mysql', ready: 0, expected: 1, state: 'failed', workloads: ['StatefulSet/lr-mysql'] },
      { component: 'frontend', ready: 0, expected: 1, state: 'in-progress', workloads: ['Deployment/lr-frontend'] },
      { component: 'lr-agent', ready: 3, expected: 3, state: 'ready', workloads: ['DaemonSet/lr-agent'] },
    ]);
    expect(totalProgress(componentProgress(state))).toEqual({ ready: 6, expected: 8 });
  });
  it('a failed workload wins over in-progress in the same component', () => {
    const s: InstallState = { ...initialInstallState,
      expected: [{ kind: 'Deployment', name: 'a', component: 'c', replicas: 1 }, { kind: 'Deployment', name: 'b', component: 'c', replicas: 1 }],
      workloads: { 'Deployment/a': wl('Deployment', 'a', 'c', 0, 1, 'failed') } };
    expect(componentProgress(s)[0]?.state).toBe('failed');
  });
});

const pod = (name: string, readiness: PodSummary['readiness'], component = 'backend', certain?: boolean): PodSummary => ({
  name, component, phase: 'Running', status: 'Running', ready: '1/1', restarts: 0, node: 'n', createdAt: '', resourceVersion: '1', readiness,
  ...(certain === undefined ? {} : { diagnosis: { reason: 'R', message: 'm', fix: 'f', pod: name, certain } }),
});

describe('podProblems and sortPods', () => {
  const pods = { b: pod('b', 'in-progress', 'backend', false), a: pod('a', 'ready'), c: pod('c', 'failed', 'mysql', true), d: pod('d', 'in-progress', 'api', false) };
  it('problems: certain first, then by name', () => {
    expect(podProblems(pods).map((p) => [p.pod, p.component, p.certain])).toEqual([['c', 'mysql', true], ['b', 'backend', false], ['d', 'api', false]]);
  });
  it('sort: failed, in-progress (by component), ready', () => {
    expect(sortPods(pods).map((p) => p.name)).toEqual(['c', 'd', 'b', 'a']);
  });
});

describe('elapsedSeconds and clock', () => {
  const job = { jobId: 'j', release: 'r', namespace: 'n', context: null, chart: 'c', helmVersion: 'v4', action: 'install' as const, timeoutSeconds: 600, startedAt: '2026-12-01T20:00:00.000Z' };
  it('counts to now while running and stops at done', () => {
    expect(elapsedSeconds(initialInstallState, 1e12)).toBe(0);
    expect(elapsedSeconds({ ...initialInstallState, job }, Date.parse('2026-12-01T20:01:05.900Z'))).toBe(65);
    expect(elapsedSeconds({ ...initialInstallState, job, done: { outcome: 'succeeded', summary: [], at: '2026-12-01T20:00:30.000Z' } }, 1e13)).toBe(30);
  });
  it.each([[0, '0m00s'], [65, '1m05s'], [600, '10m00s']])('%d → %s', (s, text) => expect(clock(s)).toBe(text));
});

describe('jobKind', () => {
  const step = (s: 'helm' | 'rollback' | 'uninstall') => ({ step: s, state: 'done' as const, message: '', at: '' });
  it.each([
    [[], 'install'], [[step('helm')], 'install'], [[step('rollback')], 'rollback'], [[step('helm'), step('uninstall')], 'uninstall'],
  ] as const)('%j → %s', (steps, kind) => {
    expect(jobKind({ ...initialInstallState, steps: [...steps] })).toBe(kind);
  });
});
