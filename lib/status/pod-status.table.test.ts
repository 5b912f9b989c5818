import { describe, expect, it } from 'vitest';
import type { ContainerStatusLike, PodLike } from './k8s-types';
import { humanDuration, podColumns, restartsText } from './pod-status';

const running = (
  name: string,
  ready = true,
  restartCount = 0,
  extra: Partial<ContainerStatusLike> = {},
): ContainerStatusLike => ({
  name,
  ready,
  restartCount,
  state: { running: { startedAt: '2026-12-01T20:00:00Z' } },
  ...extra,
});
const pod = (p: {
  phase?: string;
  containers?: ContainerStatusLike[];
  init?: ContainerStatusLike[];
  initSpecs?: { name: string; restartPolicy?: string }[];
  deletionTimestamp?: string | null;
  reason?: string;
  conditions?: { type: string; status: string; reason?: string }[];
  specCount?: number;
}): PodLike => ({
  metadata: {
    name: 'p',
    ...(p.deletionTimestamp !== undefined
      ? { deletionTimestamp: p.deletionTimestamp as string }
      : {}),
  },
  spec: {
    containers: Array.from({ length: p.specCount ?? p.containers?.length ?? 1 }, (_, i) => ({
      name: `c${i}`,
    })),
    ...(p.initSpecs ? { initContainers: p.initSpecs } : {}),
  },
  status: {
    phase: p.phase ?? 'Running',
    ...(p.reason ? { reason: p.reason } : {}),
    conditions: p.conditions ?? [],
    containerStatuses: p.containers ?? [],
    ...(p.init ? { initContainerStatuses: p.init } : {}),
  },
});

// Edges the fixture table (pod-status.test.ts) does not reach, each against what kubectl prints.
describe('podColumns: edges', () => {
  it('a terminating pod that failed keeps its reason (only running pods become Terminating)', () => {
    const c: ContainerStatusLike = {
      name: 'c0',
      ready: false,
      restartCount: 0,
      state: { terminated: { exitCode: 1, reason: 'Error' } },
    };
    expect(
      podColumns(
        pod({ phase: 'Failed', containers: [c], deletionTimestamp: '2026-12-01T20:00:00Z' }),
      ).status,
    ).toBe('Error');
  });
  it('deletionTimestamp: null is not a deletion', () => {
    expect(podColumns(pod({ containers: [running('c0')], deletionTimestamp: null }))).toEqual({
      status: 'Running',
      ready: '1/1',
      restarts: 0,
    });
  });
  it('NodeLost without a deletion is still shown by phase', () => {
    expect(podColumns(pod({ containers: [running('c0')], reason: 'NodeLost' })).status).toBe(
      'NodeLost',
    );
  });
  it('no restarts: no last-restart time even when a previous termination is recorded', () => {
    const c = running('c0', true, 0, {
      lastState: { terminated: { exitCode: 0, finishedAt: '2026-12-01T19:00:00Z' } },
    });
    expect(podColumns(pod({ containers: [c] }))).toEqual({
      status: 'Running',
      ready: '1/1',
      restarts: 0,
    });
  });
  it('restarts without a finish time: a count and no time', () => {
    expect(podColumns(pod({ containers: [running('c0', true, 2)] }))).toEqual({
      status: 'Running',
      ready: '1/1',
      restarts: 2,
    });
  });
  it('the latest finish of several containers wins, wherever it is in the list', () => {
    const at = (t: string) => ({ lastState: { terminated: { exitCode: 1, finishedAt: t } } });
    const cs = [
      running('c0', true, 1, at('2026-12-01T20:05:00Z')),
      running('c1', true, 1, at('2026-12-01T20:09:00Z')),
      running('c2', true, 1, at('2026-12-01T20:01:00Z')),
    ];
    expect(podColumns(pod({ containers: cs }))).toEqual({
      status: 'Running',
      ready: '3/3',
      restarts: 3,
      lastRestartAt: '2026-12-01T20:09:00.000Z',
    });
  });
  it('a ready container that is not running is not counted ready', () => {
    const waiting: ContainerStatusLike = { name: 'c1', ready: true, restartCount: 0, state: {} };
    expect(podColumns(pod({ containers: [running('c0'), waiting] }))).toEqual({
      status: 'Running',
      ready: '1/2',
      restarts: 0,
    });
  });
  it('a running container that is not ready is not counted ready', () => {
    expect(podColumns(pod({ containers: [running('c0', false)] }))).toEqual({
      status: 'Running',
      ready: '0/1',
      restarts: 0,
    });
  });
  it("the first container's waiting reason wins over a later one's", () => {
    const w = (name: string, reason: string): ContainerStatusLike => ({
      name,
      ready: false,
      restartCount: 0,
      state: { waiting: { reason } },
    });
    expect(
      podColumns(
        pod({
          phase: 'Pending',
          containers: [w('c0', 'ErrImagePull'), w('c1', 'CrashLoopBackOff')],
        }),
      ).status,
    ).toBe('ErrImagePull');
  });
  it('a started sidecar that is not ready counts in the total, not as ready; the init pass then goes on', () => {
    const sidecar: ContainerStatusLike = {
      name: 'proxy',
      ready: false,
      started: true,
      restartCount: 0,
      state: { running: {} },
    };
    const initRunning: ContainerStatusLike = {
      name: 'setup',
      ready: false,
      restartCount: 0,
      state: { running: {} },
    };
    expect(
      podColumns(
        pod({
          phase: 'Pending',
          init: [sidecar, initRunning],
          initSpecs: [{ name: 'proxy', restartPolicy: 'Always' }, { name: 'setup' }],
          containers: [],
          specCount: 1,
        }),
      ),
    ).toEqual({ status: 'Init:1/2', ready: '0/2', restarts: 0 });
  });
  it('a sidecar not started yet holds the init pass at its index', () => {
    const sidecar: ContainerStatusLike = {
      name: 'proxy',
      ready: false,
      started: false,
      restartCount: 0,
      state: { waiting: { reason: 'PodInitializing' } },
    };
    expect(
      podColumns(
        pod({
          phase: 'Pending',
          init: [sidecar],
          initSpecs: [{ name: 'proxy', restartPolicy: 'Always' }],
          containers: [],
        }),
      ).status,
    ).toBe('Init:0/1');
  });
  it('an init container with another restart policy is not a sidecar', () => {
    const c: ContainerStatusLike = {
      name: 'setup',
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: {} },
    };
    expect(
      podColumns(
        pod({
          phase: 'Pending',
          init: [c],
          initSpecs: [{ name: 'setup', restartPolicy: 'OnFailure' }],
          containers: [],
          specCount: 1,
        }),
      ),
    ).toEqual({ status: 'Init:0/1', ready: '0/1', restarts: 0 });
  });
  it('an init reason stays when the pod is not Initialized; with Initialized=True the containers decide', () => {
    const init: ContainerStatusLike = {
      name: 'setup',
      ready: false,
      restartCount: 0,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
    };
    expect(
      podColumns(
        pod({
          phase: 'Pending',
          init: [init],
          initSpecs: [{ name: 'setup' }],
          containers: [running('c0')],
        }),
      ).status,
    ).toBe('Init:CrashLoopBackOff');
    expect(
      podColumns(
        pod({
          phase: 'Running',
          init: [init],
          initSpecs: [{ name: 'setup' }],
          containers: [running('c0')],
          conditions: [{ type: 'Initialized', status: 'True' }],
        }),
      ),
    ).toEqual({ status: 'Init:CrashLoopBackOff', ready: '1/1', restarts: 0 });
  });
  it('main-container restarts are not counted while the init pass decides the status', () => {
    const init: ContainerStatusLike = {
      name: 'setup',
      ready: false,
      restartCount: 2,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
    };
    expect(
      podColumns(
        pod({
          phase: 'Pending',
          init: [init],
          initSpecs: [{ name: 'setup' }],
          containers: [running('c0', false, 7)],
        }),
      ).restarts,
    ).toBe(2);
  });
  it('SchedulingGated needs that reason on PodScheduled, not on another condition', () => {
    expect(
      podColumns(
        pod({
          phase: 'Pending',
          containers: [],
          conditions: [{ type: 'Ready', status: 'False', reason: 'SchedulingGated' }],
        }),
      ).status,
    ).toBe('Pending');
    expect(
      podColumns(
        pod({
          phase: 'Pending',
          containers: [],
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
        }),
      ).status,
    ).toBe('Pending');
  });
});

describe('restartsText: the boundary', () => {
  it('0 restarts with a time is still "0"', () => {
    expect(
      restartsText(
        { restarts: 0, lastRestartAt: '2026-12-01T20:00:00.000Z' },
        Date.parse('2026-12-01T20:10:00Z'),
      ),
    ).toBe('0');
    expect(
      restartsText(
        { restarts: 1, lastRestartAt: '2026-12-01T20:00:00.000Z' },
        Date.parse('2026-12-01T20:10:00Z'),
      ),
    ).toBe('1 (10m ago)');
  });
});

// Rows found by StrykerJS (bench/mutation.md): pods as JSON with optional parts missing, and the
// restart tally once the init pass is over.
describe('podColumns: missing optional parts, the tally after init', () => {
  it('a pod without status or metadata: an empty status, nothing ready', () => {
    expect(podColumns({ spec: { containers: [{ name: 'c0' }] } })).toEqual({
      status: '',
      ready: '0/1',
      restarts: 0,
    });
  });
  it('a terminating pod without status is Terminating', () => {
    expect(
      podColumns({
        metadata: { name: 'p', deletionTimestamp: '2026-12-01T20:00:00Z' },
        spec: { containers: [{ name: 'c0' }] },
      }),
    ).toEqual({ status: 'Terminating', ready: '0/1', restarts: 0 });
  });
  it('an init status without a spec or a state holds the pass at its index, counting only the specs', () => {
    const noState: ContainerStatusLike = { name: 'setup', ready: false, restartCount: 0 };
    expect(podColumns(pod({ phase: 'Pending', init: [noState], containers: [] }))).toEqual({
      status: 'Init:0/0',
      ready: '0/0',
      restarts: 0,
    });
    expect(
      podColumns(
        pod({ phase: 'Pending', init: [noState], initSpecs: [{ name: 'setup' }], containers: [] }),
      ),
    ).toEqual({ status: 'Init:0/1', ready: '0/0', restarts: 0 });
  });
  it("after the init pass only sidecar restarts are added to the main containers'", () => {
    const done = (name: string, restartCount: number): ContainerStatusLike => ({
      name,
      ready: false,
      restartCount,
      state: { terminated: { exitCode: 0, reason: 'Completed' } },
    });
    const sidecar: ContainerStatusLike = {
      name: 'proxy',
      ready: true,
      started: true,
      restartCount: 1,
      state: { running: {} },
    };
    expect(
      podColumns(
        pod({
          init: [done('setup', 2), sidecar],
          initSpecs: [{ name: 'setup' }, { name: 'proxy', restartPolicy: 'Always' }],
          containers: [running('c0', true, 3)],
        }),
      ),
    ).toEqual({ status: 'Running', ready: '2/2', restarts: 4 });
  });
});

describe('humanDuration: inside the hour band at 8 h', () => {
  const h = 3_600_000;
  it.each([
    [8 * h + 30 * 60_000, '8h'],
    [7 * h + 30 * 60_000, '7h30m'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
