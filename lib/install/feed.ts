import 'server-only';
/**
 * The namespace's live objects for the wait step: one list+watch per kind (lib/cluster/watch.ts:
 * resume from resourceVersion, relist on 410, backoff, inactivity watchdog), as one callback.
 */
import type * as k8s from '@kubernetes/client-node';
import { watchResource, type KubeObject } from '../cluster/watch';
import type { RawObject, WatchKind } from './tracker';

export type FeedEvent = { kind: WatchKind } & (
  | { type: 'SYNC'; items: RawObject[] }
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: RawObject }
  | { type: 'ERROR'; message: string }
);

/** Subscribes to a namespace's objects; returns the unsubscribe. */
export type NamespaceFeed = (onEvent: (e: FeedEvent) => void) => () => void;

const PATHS: Array<[WatchKind, (ns: string) => string]> = [
  ['Pod', (ns) => `/api/v1/namespaces/${ns}/pods`],
  ['Event', (ns) => `/api/v1/namespaces/${ns}/events`],
  ['PersistentVolumeClaim', (ns) => `/api/v1/namespaces/${ns}/persistentvolumeclaims`],
  ['Deployment', (ns) => `/apis/apps/v1/namespaces/${ns}/deployments`],
  ['StatefulSet', (ns) => `/apis/apps/v1/namespaces/${ns}/statefulsets`],
  ['DaemonSet', (ns) => `/apis/apps/v1/namespaces/${ns}/daemonsets`],
  ['Job', (ns) => `/apis/batch/v1/namespaces/${ns}/jobs`],
];

/** A feed of one namespace (validated name) through the given KubeConfig. */
export function namespaceFeed(kc: k8s.KubeConfig, namespace: string): NamespaceFeed {
  return (onEvent) => {
    // One controller per watch: they share no signal, so no signal collects listeners from all seven.
    const controllers = PATHS.map(() => new AbortController());
    PATHS.forEach(([kind, path], i) => {
      const ac = controllers[i]!;
      void (async () => {
        for await (const ev of watchResource<KubeObject>(kc, path(namespace), { signal: ac.signal })) {
          if (ev.type === 'SYNC') onEvent({ kind, type: 'SYNC', items: ev.items as RawObject[] });
          else if (ev.type === 'ERROR') onEvent({ kind, type: 'ERROR', message: ev.message });
          else onEvent({ kind, type: ev.type, object: ev.object as RawObject });
        }
      })().catch((e: unknown) => onEvent({ kind, type: 'ERROR', message: (e as Error).message }));
    });
    return () => controllers.forEach((c) => c.abort());
  };
}
