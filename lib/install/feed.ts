import 'server-only';
/**
 * The namespace's live objects for the wait step, from the shared namespace watch
 * (lib/cluster/namespace-watch.ts: one list+watch per namespace for every job and browser,
 * resumed from resourceVersion, relisted on 410, backoff, inactivity watchdog), as per-kind events.
 */
import type * as k8s from '@kubernetes/client-node';
import { kindEventsOf, subscribeNamespace } from '../cluster/namespace-watch';
import type { RawObject, WatchKind } from './tracker';

export type FeedEvent = { kind: WatchKind } & (
  | { type: 'SYNC'; items: RawObject[] }
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: RawObject }
  | { type: 'ERROR'; message: string }
);

/** Subscribes to a namespace's objects; returns the unsubscribe. */
export type NamespaceFeed = (onEvent: (e: FeedEvent) => void) => () => void;

/** A feed of one namespace (validated name) through the given KubeConfig. */
export function namespaceFeed(
  kc: k8s.KubeConfig,
  context: string | null,
  namespace: string,
): NamespaceFeed {
  return (onEvent) =>
    subscribeNamespace(kc, { context: context ?? kc.getCurrentContext(), namespace }, (e) => {
      for (const k of kindEventsOf(e)) onEvent(k as FeedEvent);
    });
}
