import 'server-only';
import { setMaxListeners } from 'node:events';
import type * as k8s from '@kubernetes/client-node';
import {
  applyNamespaceEvent,
  createMirror,
  NAMESPACE_RESOURCES,
  RESOURCE_NAMES,
  snapshotOf,
  type NamespaceEvent,
  type NamespaceMirror,
  type ResourceName,
} from './namespace-mirror';
import { watchResource, type WatchOptions } from './watch';

export * from './namespace-mirror';

/** After the last subscriber leaves, the watches live this long (a page reload re-subscribes). */
export const STOP_GRACE_MS = 30_000;

export interface NamespaceKey {
  context: string;
  namespace: string;
}
export type NamespaceListener = (ev: NamespaceEvent) => void;
export interface SubscribeOptions {
  graceMs?: number;
  watch?: Omit<WatchOptions, 'signal'>;
}

interface Entry {
  mirror: NamespaceMirror;
  listeners: Set<NamespaceListener>;
  abort: AbortController;
  failing: Set<ResourceName>;
  stopTimer?: NodeJS.Timeout;
  graceMs: number;
}

// One registry per process; kept on globalThis so Next's dev reloads do not start second watches.
const registry: Map<string, Entry> = ((
  globalThis as { __lwNamespaceWatches?: Map<string, Entry> }
).__lwNamespaceWatches ??= new Map());

const keyString = (k: NamespaceKey) => JSON.stringify([k.context, k.namespace]);

function emit(entry: Entry, ev: NamespaceEvent) {
  applyNamespaceEvent(entry.mirror, ev);
  for (const l of [...entry.listeners]) {
    try {
      l(ev);
    } catch {
      /* one broken subscriber must not starve the others */
    }
  }
}

/** Marks a resource failing or healthy again, and tells subscribers when the overall state changes. */
function setHealth(
  entry: Entry,
  resource: ResourceName,
  failure?: { message: string; retryInMs: number },
) {
  const wasLive = entry.failing.size === 0 && entry.mirror.connection.state === 'live';
  if (failure) {
    entry.failing.add(resource);
    emit(entry, {
      type: 'connection',
      connection: { state: 'reconnecting', resource, ...failure },
    });
    return;
  }
  entry.failing.delete(resource);
  const allListed = RESOURCE_NAMES.every((r) => entry.mirror.synced.has(r));
  if (entry.failing.size === 0 && allListed && !wasLive)
    emit(entry, { type: 'connection', connection: { state: 'live' } });
}

async function pump(
  kc: k8s.KubeConfig,
  entry: Entry,
  resource: ResourceName,
  namespace: string,
  opts: SubscribeOptions['watch'],
) {
  const path = NAMESPACE_RESOURCES[resource].replace('{ns}', encodeURIComponent(namespace));
  for await (const ev of watchResource(kc, path, { ...opts, signal: entry.abort.signal })) {
    if (ev.type === 'ERROR') {
      setHealth(entry, resource, { message: ev.message, retryInMs: ev.retryInMs });
      continue;
    }
    if (ev.type === 'SYNC') emit(entry, { type: 'sync', resource, objects: ev.items });
    else
      emit(entry, {
        type: ev.type === 'DELETED' ? 'delete' : 'upsert',
        resource,
        object: ev.object,
      });
    setHealth(entry, resource);
  }
}

function start(kc: k8s.KubeConfig, key: NamespaceKey, opts: SubscribeOptions): Entry {
  const entry: Entry = {
    mirror: createMirror(),
    listeners: new Set(),
    abort: new AbortController(),
    failing: new Set(),
    graceMs: opts.graceMs ?? STOP_GRACE_MS,
  };
  // Every collection's requests and back-off sleeps listen on this one signal.
  setMaxListeners(4 * RESOURCE_NAMES.length, entry.abort.signal);
  for (const r of RESOURCE_NAMES) void pump(kc, entry, r, key.namespace, opts.watch);
  return entry;
}

/**
 * Subscribes to one namespace's pods, events, PVCs, Deployments, StatefulSets, DaemonSets and
 * Jobs. The first subscriber for a (context, namespace) starts one list+watch per collection
 * (with `kc`); every later one shares it. `onEvent` first gets a snapshot of what is known,
 * then every change. Returns the unsubscribe; the watches stop STOP_GRACE_MS after the last
 * subscriber leaves.
 */
export function subscribeNamespace(
  kc: k8s.KubeConfig,
  key: NamespaceKey,
  onEvent: NamespaceListener,
  opts: SubscribeOptions = {},
): () => void {
  const k = keyString(key);
  let entry = registry.get(k);
  if (!entry) {
    entry = start(kc, key, opts);
    registry.set(k, entry);
  }
  clearTimeout(entry.stopTimer);
  entry.stopTimer = undefined;
  onEvent(snapshotOf(entry.mirror));
  entry.listeners.add(onEvent);
  const e = entry;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    e.listeners.delete(onEvent);
    if (e.listeners.size > 0) return;
    e.stopTimer = setTimeout(() => stop(k, e), e.graceMs);
    e.stopTimer.unref?.();
  };
}

function stop(k: string, e: Entry) {
  if (e.listeners.size > 0) return;
  e.abort.abort();
  if (registry.get(k) === e) registry.delete(k);
}

/** The (context, namespace) pairs being watched now, with their subscriber counts (diagnostics, tests). */
export function activeNamespaceWatches(): { key: NamespaceKey; subscribers: number }[] {
  return [...registry.entries()].map(([k, e]) => {
    const [context, namespace] = JSON.parse(k) as [string, string];
    return { key: { context, namespace }, subscribers: e.listeners.size };
  });
}

/** Stops every watch at once (server shutdown, end of a test file). */
export function stopAllNamespaceWatches(): void {
  for (const [k, e] of registry) {
    e.listeners.clear();
    clearTimeout(e.stopTimer);
    stop(k, e);
  }
}
