// PURE: the objects of one namespace as the watch registry sees them, kept from its events.
// The registry keeps one mirror per (context, namespace) and hands its snapshot to each new
// subscriber; a subscriber (the install job, the status route) keeps its own mirror by applying
// every NamespaceEvent it receives, and reads pods/events/workloads from it for lib/status.
import type { KubeObject } from './watch-core';

/** The collections watched per namespace, with their API paths. */
export const NAMESPACE_RESOURCES = {
  pods: '/api/v1/namespaces/{ns}/pods',
  events: '/api/v1/namespaces/{ns}/events',
  persistentvolumeclaims: '/api/v1/namespaces/{ns}/persistentvolumeclaims',
  deployments: '/apis/apps/v1/namespaces/{ns}/deployments',
  statefulsets: '/apis/apps/v1/namespaces/{ns}/statefulsets',
  daemonsets: '/apis/apps/v1/namespaces/{ns}/daemonsets',
  jobs: '/apis/batch/v1/namespaces/{ns}/jobs',
} as const;
export type ResourceName = keyof typeof NAMESPACE_RESOURCES;
export const RESOURCE_NAMES = Object.keys(NAMESPACE_RESOURCES) as ResourceName[];

/** Events are the only collection that grows without bound; keep the newest this many. */
export const MAX_EVENTS = 1000;

export type ConnectionState =
  | { state: 'connecting' | 'live' }
  | { state: 'reconnecting'; resource: ResourceName; message: string; retryInMs: number };

/** What the registry sends to subscribers. `snapshot` comes first, once, to each new subscriber. */
export type NamespaceEvent =
  | {
      type: 'snapshot';
      objects: Record<ResourceName, KubeObject[]>;
      synced: ResourceName[];
      connection: ConnectionState;
    }
  | { type: 'sync'; resource: ResourceName; objects: KubeObject[] }
  | { type: 'upsert' | 'delete'; resource: ResourceName; object: KubeObject }
  | { type: 'connection'; connection: ConnectionState };

export interface NamespaceMirror {
  objects: Record<ResourceName, Map<string, KubeObject>>;
  synced: Set<ResourceName>;
  connection: ConnectionState;
}

export function createMirror(): NamespaceMirror {
  const objects = Object.fromEntries(
    RESOURCE_NAMES.map((r) => [r, new Map()]),
  ) as NamespaceMirror['objects'];
  return { objects, synced: new Set(), connection: { state: 'connecting' } };
}

// Keyed by name: one namespace, one kind, so the name is unique (a re-created object replaces the old).
const keyOf = (o: KubeObject) => o.metadata?.name ?? '';

const eventTime = (e: KubeObject & { lastTimestamp?: unknown; eventTime?: unknown }) =>
  String(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '');

function capEvents(m: Map<string, KubeObject>) {
  if (m.size <= MAX_EVENTS) return;
  const oldest = [...m.values()]
    .sort((a, b) => eventTime(a).localeCompare(eventTime(b)))
    .slice(0, m.size - MAX_EVENTS);
  for (const e of oldest) m.delete(keyOf(e));
}

/** Applies one registry event to a mirror (in place) and returns it. */
export function applyNamespaceEvent(m: NamespaceMirror, ev: NamespaceEvent): NamespaceMirror {
  switch (ev.type) {
    case 'snapshot':
      for (const r of RESOURCE_NAMES)
        m.objects[r] = new Map((ev.objects[r] ?? []).map((o) => [keyOf(o), o]));
      m.synced = new Set(ev.synced);
      m.connection = ev.connection;
      break;
    case 'sync':
      m.objects[ev.resource] = new Map(ev.objects.map((o) => [keyOf(o), o]));
      m.synced.add(ev.resource);
      break;
    case 'upsert':
      m.objects[ev.resource].set(keyOf(ev.object), ev.object);
      break;
    case 'delete':
      m.objects[ev.resource].delete(keyOf(ev.object));
      break;
    case 'connection':
      m.connection = ev.connection;
      break;
  }
  if (ev.type !== 'connection' && ev.type !== 'delete') capEvents(m.objects.events);
  return m;
}

/** The snapshot event a new subscriber gets: every object, sorted by name, and what has synced. */
export function snapshotOf(m: NamespaceMirror): Extract<NamespaceEvent, { type: 'snapshot' }> {
  const objects = Object.fromEntries(
    RESOURCE_NAMES.map((r) => [
      r,
      [...m.objects[r].values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b))),
    ]),
  ) as Record<ResourceName, KubeObject[]>;
  return {
    type: 'snapshot',
    objects,
    synced: RESOURCE_NAMES.filter((r) => m.synced.has(r)),
    connection: m.connection,
  };
}

/** True once every collection has been listed at least once (the mirror is complete). */
export const isSynced = (m: NamespaceMirror) => RESOURCE_NAMES.every((r) => m.synced.has(r));

/** The objects of one collection, sorted by name (pods, events, workloads for lib/status). */
export function list<T = KubeObject>(m: NamespaceMirror, resource: ResourceName): T[] {
  return [...m.objects[resource].values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b))) as T[];
}

/** Every workload object (Deployment, StatefulSet, DaemonSet, Job, PVC) in one list. */
export function workloads(m: NamespaceMirror): KubeObject[] {
  return (
    ['deployments', 'statefulsets', 'daemonsets', 'jobs', 'persistentvolumeclaims'] as const
  ).flatMap((r) => list<KubeObject>(m, r));
}

/** The object kind of each watched collection. */
export const RESOURCE_KINDS = {
  pods: 'Pod',
  events: 'Event',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  jobs: 'Job',
} as const satisfies Record<ResourceName, string>;
export type ResourceKind = (typeof RESOURCE_KINDS)[ResourceName];

/** A registry event as per-kind watch events (the shape lib/install's feed consumes). */
export type KindEvent = { kind: ResourceKind } & (
  | { type: 'SYNC'; items: KubeObject[] }
  | { type: 'MODIFIED' | 'DELETED'; object: KubeObject }
  | { type: 'ERROR'; message: string }
);

/**
 * Splits a registry event into per-kind watch events: a snapshot is one SYNC per collection
 * already listed (the others' SYNC follows when their list lands), `upsert` is MODIFIED (an
 * add and a change are the same to a mirror), `reconnecting` is an ERROR of its collection.
 */
export function kindEventsOf(ev: NamespaceEvent): KindEvent[] {
  switch (ev.type) {
    case 'snapshot':
      return ev.synced.map((r) => ({
        kind: RESOURCE_KINDS[r],
        type: 'SYNC',
        items: ev.objects[r],
      }));
    case 'sync':
      return [{ kind: RESOURCE_KINDS[ev.resource], type: 'SYNC', items: ev.objects }];
    case 'upsert':
      return [{ kind: RESOURCE_KINDS[ev.resource], type: 'MODIFIED', object: ev.object }];
    case 'delete':
      return [{ kind: RESOURCE_KINDS[ev.resource], type: 'DELETED', object: ev.object }];
    case 'connection':
      return ev.connection.state === 'reconnecting'
        ? [
            {
              kind: RESOURCE_KINDS[ev.connection.resource],
              type: 'ERROR',
              message: ev.connection.message,
            },
          ]
        : [];
  }
}
