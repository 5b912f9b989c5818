import { describe, expect, it } from 'vitest';
import { initialInstallState, reduceInstall } from './reducer';
import type { InstallEvent } from './events';
import { eventLines, progressLine } from './event-text';

const at = '2026-12-01T20:00:00.000Z';
const job: InstallEvent = {
  id: 1,
  at,
  type: 'job',
  jobId: 'j',
  release: 'lr',
  namespace: 'ns',
  context: null,
  chart: '/c',
  helmVersion: 'v4.3.1',
  action: 'install',
  timeoutSeconds: 600,
  startedAt: at,
};
const expected: InstallEvent = {
  id: 2,
  at,
  type: 'expected',
  workloads: [
    { kind: 'Deployment', name: 'lr-backend', component: 'backend', replicas: 1 },
    { kind: 'StatefulSet', name: 'lr-mysql', component: 'mysql', replicas: 1 },
  ],
};
const wl = (id: number, ready: number): InstallEvent => ({
  id,
  at,
  type: 'workload',
  kind: 'Deployment',
  name: 'lr-backend',
  component: 'backend',
  ready,
  desired: 1,
  state: ready ? 'ready' : 'in-progress',
  message: '',
  resourceVersion: String(id),
});
const pod = (id: number, status: string, certain?: boolean): InstallEvent => ({
  id,
  at,
  type: 'pod',
  op: 'upsert',
  pod: {
    name: 'lr-backend-1',
    component: 'backend',
    phase: 'Pending',
    status,
    ready: '0/1',
    restarts: 0,
    node: 'n',
    createdAt: at,
    resourceVersion: String(id),
    readiness: 'in-progress',
    ...(certain === undefined
      ? {}
      : {
          diagnosis: {
            reason: 'ImagePullBackOff',
            message: 'cannot pull',
            fix: 'fix it',
            pod: 'lr-backend-1',
            image: 'x:does-not-exist',
            certain,
          },
        }),
  },
});

describe('eventLines', () => {
  it('prints each change once, in words', () => {
    let s = initialInstallState;
    const out: string[] = [];
    for (const e of [
      job,
      expected,
      wl(3, 0),
      wl(4, 0),
      wl(5, 1),
      pod(6, 'ContainerCreating'),
      pod(7, 'ImagePullBackOff', false),
      pod(8, 'ImagePullBackOff', true),
    ]) {
      out.push(...eventLines(e, s));
      s = reduceInstall(s, e);
    }
    expect(out).toEqual([
      'Installing release lr in namespace ns with helm v4.3.1; chart /c; timeout 600s',
      'Expecting 2 workloads: Deployment lr-backend, StatefulSet lr-mysql',
      'Deployment lr-backend: 0/1 ready (in-progress)',
      'Deployment lr-backend: 1/1 ready (ready)',
      'pod lr-backend-1: ContainerCreating 0/1',
      'pod lr-backend-1: ImagePullBackOff 0/1',
      '  why: ImagePullBackOff (image x:does-not-exist): cannot pull',
      '  why: ImagePullBackOff (image x:does-not-exist): cannot pull [certain]',
    ]);
    expect(progressLine(s, Date.parse(at) + 12_000)).toBe('1/2 workloads ready · 12s of 600s');
  });

  it('prints the done summary, endpoint and login', () => {
    expect(
      eventLines(
        {
          id: 9,
          at,
          type: 'done',
          outcome: 'failed',
          summary: ['pod a: ImagePullBackOff'],
          endpoint: 'https://x',
          login: { user: 'u', passwordCommand: 'cmd' },
        },
        initialInstallState,
      ),
    ).toEqual([
      'Done: failed',
      '  pod a: ImagePullBackOff',
      'Open https://x',
      'First login: u; password: cmd',
    ]);
  });

  it('prints the way in and the key backup after the login, each with its command', () => {
    expect(
      eventLines(
        {
          id: 9,
          at,
          type: 'done',
          outcome: 'succeeded',
          summary: [],
          wayIn: { text: 'Point DNS:', command: 'kubectl get ingress r-router -n ns' },
          keyBackup: { text: 'Back up the key:', command: 'kubectl get secret r-backend' },
        },
        initialInstallState,
      ),
    ).toEqual([
      'Done: succeeded',
      'Point DNS:',
      '  kubectl get ingress r-router -n ns',
      'Back up the key:',
      '  kubectl get secret r-backend',
    ]);
  });
});
