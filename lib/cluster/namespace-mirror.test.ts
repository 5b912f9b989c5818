import { describe, expect, it } from 'vitest';
import {
  applyNamespaceEvent,
  createMirror,
  isSynced,
  kindEventsOf,
  list,
  MAX_EVENTS,
  RESOURCE_NAMES,
  snapshotOf,
  workloads,
  type NamespaceEvent,
} from './namespace-mirror';

const obj = (name: string, extra: Record<string, unknown> = {}) => ({
  metadata: { name },
  ...extra,
});
const apply = (...evs: NamespaceEvent[]) => evs.reduce(applyNamespaceEvent, createMirror());

describe('applyNamespaceEvent', () => {
  it('sync replaces one collection and marks it synced; others untouched', () => {
    const m = apply(
      { type: 'sync', resource: 'pods', objects: [obj('a'), obj('b')] },
      { type: 'sync', resource: 'deployments', objects: [obj('d')] },
      { type: 'sync', resource: 'pods', objects: [obj('c')] },
    );
    expect(list(m, 'pods')).toEqual([obj('c')]);
    expect(list(m, 'deployments')).toEqual([obj('d')]);
    expect([...m.synced].sort()).toEqual(['deployments', 'pods']);
    expect(isSynced(m)).toBe(false);
  });
  it('upsert adds or replaces by name, delete removes', () => {
    const m = apply(
      { type: 'upsert', resource: 'pods', object: obj('a', { v: 1 }) },
      { type: 'upsert', resource: 'pods', object: obj('b') },
      { type: 'upsert', resource: 'pods', object: obj('a', { v: 2 }) },
      { type: 'delete', resource: 'pods', object: obj('b') },
    );
    expect(list(m, 'pods')).toEqual([obj('a', { v: 2 })]);
  });
  it('snapshot replaces everything, and snapshotOf round-trips sorted by name', () => {
    const src = apply(
      ...RESOURCE_NAMES.map((r): NamespaceEvent => ({ type: 'sync', resource: r, objects: [] })),
      { type: 'upsert', resource: 'pods', object: obj('z') },
      { type: 'upsert', resource: 'pods', object: obj('a') },
      { type: 'connection', connection: { state: 'live' } },
    );
    const snap = snapshotOf(src);
    expect(snap.objects.pods).toEqual([obj('a'), obj('z')]);
    expect(snap.synced).toEqual(RESOURCE_NAMES);
    expect(snap.connection).toEqual({ state: 'live' });
    const copy = apply({ type: 'upsert', resource: 'jobs', object: obj('stale') }, snap);
    expect(isSynced(copy)).toBe(true);
    expect(list(copy, 'jobs')).toEqual([]);
    expect(list(copy, 'pods')).toEqual([obj('a'), obj('z')]);
  });
  it('connection only changes the state', () => {
    const m = apply({
      type: 'connection',
      connection: { state: 'reconnecting', resource: 'pods', message: 'x', retryInMs: 500 },
    });
    expect(m.connection).toEqual({
      state: 'reconnecting',
      resource: 'pods',
      message: 'x',
      retryInMs: 500,
    });
    expect(createMirror().connection).toEqual({ state: 'connecting' });
  });
  it(`keeps only the newest ${MAX_EVENTS} events`, () => {
    const ev = (i: number) =>
      obj(`e${i}`, { lastTimestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() });
    const many = Array.from({ length: MAX_EVENTS + 2 }, (_, i) => ev(i));
    const m = apply({ type: 'sync', resource: 'events', objects: many.slice(0, MAX_EVENTS) });
    expect(m.objects.events.size).toBe(MAX_EVENTS);
    applyNamespaceEvent(m, { type: 'upsert', resource: 'events', object: many[MAX_EVENTS]! });
    expect(m.objects.events.size).toBe(MAX_EVENTS);
    expect(m.objects.events.has('e0')).toBe(false);
    expect(m.objects.events.has('e1')).toBe(true);
    expect(m.objects.events.has(`e${MAX_EVENTS}`)).toBe(true);
  });
});

describe('workloads', () => {
  it('lists Deployments, StatefulSets, DaemonSets, Jobs and PVCs, not pods or events', () => {
    const m = apply(
      { type: 'upsert', resource: 'deployments', object: obj('d') },
      { type: 'upsert', resource: 'statefulsets', object: obj('s') },
      { type: 'upsert', resource: 'daemonsets', object: obj('ds') },
      { type: 'upsert', resource: 'jobs', object: obj('j') },
      { type: 'upsert', resource: 'persistentvolumeclaims', object: obj('pvc') },
      { type: 'upsert', resource: 'pods', object: obj('p') },
      { type: 'upsert', resource: 'events', object: obj('e') },
    );
    expect(workloads(m).map((o) => o.metadata?.name)).toEqual(['d', 's', 'ds', 'j', 'pvc']);
  });
});

describe('kindEventsOf', () => {
  it.each<{ ev: NamespaceEvent; want: unknown[] }>([
    {
      ev: {
        type: 'snapshot',
        objects: {
          ...Object.fromEntries(RESOURCE_NAMES.map((r) => [r, []])),
          pods: [obj('p')],
          jobs: [obj('j')],
        } as never,
        synced: ['pods', 'jobs'],
        connection: { state: 'connecting' },
      },
      want: [
        { kind: 'Pod', type: 'SYNC', items: [obj('p')] },
        { kind: 'Job', type: 'SYNC', items: [obj('j')] },
      ],
    },
    {
      ev: { type: 'sync', resource: 'events', objects: [obj('e')] },
      want: [{ kind: 'Event', type: 'SYNC', items: [obj('e')] }],
    },
    {
      ev: { type: 'upsert', resource: 'statefulsets', object: obj('s') },
      want: [{ kind: 'StatefulSet', type: 'MODIFIED', object: obj('s') }],
    },
    {
      ev: { type: 'delete', resource: 'persistentvolumeclaims', object: obj('c') },
      want: [{ kind: 'PersistentVolumeClaim', type: 'DELETED', object: obj('c') }],
    },
    {
      ev: {
        type: 'connection',
        connection: {
          state: 'reconnecting',
          resource: 'daemonsets',
          message: 'gone',
          retryInMs: 1,
        },
      },
      want: [{ kind: 'DaemonSet', type: 'ERROR', message: 'gone' }],
    },
    { ev: { type: 'connection', connection: { state: 'live' } }, want: [] },
    {
      ev: { type: 'upsert', resource: 'deployments', object: obj('d') },
      want: [{ kind: 'Deployment', type: 'MODIFIED', object: obj('d') }],
    },
  ])('$ev.type', ({ ev, want }) => {
    expect(kindEventsOf(ev)).toEqual(want);
  });
});
