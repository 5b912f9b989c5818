import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PodLike } from './k8s-types';
import { ageText, humanDuration, podColumns, restartsText, type PodColumns } from './pod-status';

const dir = path.join(__dirname, '__fixtures__', 'pods');
const load = (name: string): PodLike =>
  JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as PodLike;

// One fixture per printPod case; the whole column set is asserted.
const cases: [string, PodColumns][] = [
  ['running-ready', { status: 'Running', ready: '1/1', restarts: 0 }],
  ['running-not-ready-probe', { status: 'Running', ready: '0/1', restarts: 0 }],
  ['pending-unschedulable', { status: 'Pending', ready: '0/1', restarts: 0 }],
  ['pending-no-status', { status: 'Pending', ready: '0/1', restarts: 0 }],
  ['scheduling-gated', { status: 'SchedulingGated', ready: '0/1', restarts: 0 }],
  ['container-creating', { status: 'ContainerCreating', ready: '0/1', restarts: 0 }],
  ['err-image-pull', { status: 'ErrImagePull', ready: '0/1', restarts: 0 }],
  ['image-pull-backoff', { status: 'ImagePullBackOff', ready: '0/1', restarts: 0 }],
  [
    'crash-loop-backoff',
    {
      status: 'CrashLoopBackOff',
      ready: '0/1',
      restarts: 5,
      lastRestartAt: '2026-12-01T20:04:30.000Z',
    },
  ],
  [
    'oom-killed',
    { status: 'OOMKilled', ready: '0/1', restarts: 1, lastRestartAt: '2026-12-01T20:00:50.000Z' },
  ],
  ['exit-code', { status: 'ExitCode:2', ready: '0/1', restarts: 0 }],
  ['signal', { status: 'Signal:9', ready: '0/1', restarts: 0 }],
  ['init-progress', { status: 'Init:1/2', ready: '0/1', restarts: 0 }],
  ['init-pod-initializing', { status: 'Init:0/1', ready: '0/1', restarts: 0 }],
  [
    'init-crash-loop',
    {
      status: 'Init:CrashLoopBackOff',
      ready: '0/1',
      restarts: 3,
      lastRestartAt: '2026-12-01T20:03:10.000Z',
    },
  ],
  ['init-error', { status: 'Init:Error', ready: '0/1', restarts: 0 }],
  ['init-exit-code', { status: 'Init:ExitCode:3', ready: '0/1', restarts: 0 }],
  ['init-signal', { status: 'Init:Signal:15', ready: '0/1', restarts: 0 }],
  // The sidecar counts in READY and its restarts count, and the latest restart of either wins.
  [
    'sidecar-running',
    { status: 'Running', ready: '2/2', restarts: 3, lastRestartAt: '2026-12-01T20:01:00.000Z' },
  ],
  ['completed', { status: 'Completed', ready: '0/1', restarts: 0 }],
  ['not-ready-completed-sibling', { status: 'NotReady', ready: '1/2', restarts: 0 }],
  ['running-completed-sibling', { status: 'Running', ready: '1/2', restarts: 0 }],
  ['terminating', { status: 'Terminating', ready: '1/1', restarts: 0 }],
  ['terminating-succeeded', { status: 'Completed', ready: '0/1', restarts: 0 }],
  ['node-lost', { status: 'Unknown', ready: '1/1', restarts: 0 }],
  ['evicted', { status: 'ContainerStatusUnknown', ready: '0/1', restarts: 0 }],
];

describe('podColumns (kubectl printPod)', () => {
  it('has a case for every fixture', () => {
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(cases.map(([n]) => n).sort()).toEqual(files);
  });
  it.each(cases)('%s', (name, expected) => {
    expect(podColumns(load(name))).toEqual(expected);
  });
  it('takes client-node models with Date times too', () => {
    const pod = load('crash-loop-backoff');
    const term = pod.status!.containerStatuses![0]!.lastState!.terminated!;
    term.finishedAt = new Date('2026-12-01T20:04:30Z');
    expect(podColumns(pod).lastRestartAt).toBe('2026-12-01T20:04:30.000Z');
  });
  it('an evicted pod without container statuses shows the pod reason', () => {
    const pod = load('evicted');
    delete pod.status!.containerStatuses;
    expect(podColumns(pod).status).toBe('Evicted');
  });
});

describe('restartsText and ageText', () => {
  const now = Date.parse('2026-12-01T20:09:30Z');
  it.each([
    [{ restarts: 0 }, '0'],
    [{ restarts: 4 }, '4'],
    [{ restarts: 5, lastRestartAt: '2026-12-01T20:04:30.000Z' }, '5 (5m ago)'],
    [{ restarts: 1, lastRestartAt: '2026-12-01T20:09:00.000Z' }, '1 (30s ago)'],
  ])('%j → %s', (cols, text) => {
    expect(restartsText(cols, now)).toBe(text);
  });
  it('age', () => {
    expect(ageText('2026-12-01T20:00:00Z', now)).toBe('9m30s');
    expect(ageText('garbage', now)).toBe('<unknown>');
  });
});

describe('humanDuration (apimachinery HumanDuration)', () => {
  const s = 1000,
    m = 60 * s,
    h = 60 * m,
    d = 24 * h,
    y = 365 * d;
  it.each([
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [-500, '0s'],
    [0, '0s'],
    [119 * s, '119s'],
    [120 * s, '2m'],
    [150 * s, '2m30s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [47 * h, '47h'],
    [48 * h, '2d'],
    [2 * d + 5 * h, '2d5h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [729 * d, '729d'],
    [2 * y, '2y'],
    [2 * y + 10 * d, '2y10d'],
    [8 * y, '8y'],
    [9 * y + 100 * d, '9y'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
