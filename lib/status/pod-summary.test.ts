import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventLike, PodLike } from './k8s-types';
import { summarizePod } from './pod-summary';

const read = <T>(p: string): T =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '__fixtures__', p), 'utf8')) as T;

describe('summarizePod', () => {
  it('a ready pod: columns, component, node, no diagnosis', () => {
    expect(
      summarizePod({ pod: read<PodLike>('pods/running-ready.json'), events: [], nowMs: 0 }),
    ).toEqual({
      name: 'lightrun-backend-5d8f7-a1',
      component: 'backend',
      phase: 'Running',
      status: 'Running',
      ready: '1/1',
      restarts: 0,
      node: 'kwok-node-1',
      createdAt: '2026-12-01T20:00:00.000Z',
      resourceVersion: '4242',
      readiness: 'ready',
    });
  });
  it('a wrong image tag: certain diagnosis makes the pod failed', () => {
    const s = summarizePod({
      pod: read<PodLike>('pods/image-pull-backoff.json'),
      events: read<EventLike[]>('events/image-pull-backoff.json'),
      nowMs: Date.parse('2026-12-01T20:00:20Z'),
    });
    expect([
      s.status,
      s.readiness,
      s.diagnosis?.reason,
      s.diagnosis?.image,
      s.diagnosis?.certain,
    ]).toEqual([
      'ImagePullBackOff',
      'failed',
      'ImagePullBackOff',
      'lightruncom/server:does-not-exist',
      true,
    ]);
  });
  it('a crash loop keeps its last restart time; not certain yet stays in-progress', () => {
    const pod = read<PodLike>('pods/crash-loop-backoff.json');
    pod.status!.containerStatuses![0]!.restartCount = 2;
    const s = summarizePod({ pod, events: [], nowMs: 0 });
    expect([s.restarts, s.lastRestartAt, s.readiness, s.diagnosis?.certain]).toEqual([
      2,
      '2026-12-01T20:04:30.000Z',
      'in-progress',
      false,
    ]);
  });
});
