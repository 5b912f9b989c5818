// PURE parts of the list+watch loop in watch.ts: URLs, backoff, and reading one watch line.

/** The least a Kubernetes object has that the watch relies on. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string | Date;
  };
}

/** Reconnect delays: exponential from `initialMs`, capped at `maxMs`, with "equal jitter". */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/**
 * Chosen figures (docs/architecture.md, "The flows"): the server ends each watch after
 * WATCH_TIMEOUT_SECONDS (it sends a bookmark just before, so the resume point stays fresh); a
 * watch silent for IDLE_MS (no event, no bookmark, no end) is taken for dead and aborted;
 * reconnects back off 0.5 s, 1 s, 2 s, 4 s, 8 s, then every 10 s (each ±25 %).
 */
export const WATCH_TIMEOUT_SECONDS = 45;
export const IDLE_MS = 60_000;
export const REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 10_000 };
/** A watch that ends cleanly sooner than this without a single line counts as a failure (no hot loop). */
export const MIN_HEALTHY_WATCH_MS = 1_000;

/** The delay before reconnect attempt `attempt` (1-based); `rand` in [0, 1). */
export function backoffDelay(attempt: number, b: Backoff = DEFAULT_BACKOFF, rand = 0.5): number {
  const n = Math.max(1, Math.floor(attempt));
  const base = Math.min(b.maxMs, b.initialMs * 2 ** Math.min(n - 1, 30));
  // ±25 % so that many watches cut by one apiserver restart do not reconnect in lockstep.
  return Math.round(base * (0.75 + 0.5 * rand));
}

/** `path?limit=…&continue=…` for one page of the initial list. */
export function listUrl(path: string, limit: number, continueToken?: string): string {
  const q = new URLSearchParams({ limit: String(limit) });
  if (continueToken) q.set('continue', continueToken);
  return `${path}?${q}`;
}

/** The watch request resuming after `resourceVersion`, with bookmarks and a server-side end. */
export function watchUrl(
  path: string,
  resourceVersion: string,
  timeoutSeconds = WATCH_TIMEOUT_SECONDS,
): string {
  const q = new URLSearchParams({
    watch: 'true',
    allowWatchBookmarks: 'true',
    resourceVersion,
    timeoutSeconds: String(timeoutSeconds),
  });
  return `${path}?${q}`;
}

export type WatchLine<T> =
  | { kind: 'event'; type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T; resourceVersion?: string }
  | { kind: 'bookmark'; resourceVersion: string }
  | { kind: 'gone' }
  | { kind: 'error'; code?: number; message: string }
  | { kind: 'skip' };

/** Reads one line of a watch stream. `gone` (410: the resume point has expired) means relist. */
export function parseWatchLine<T extends KubeObject>(line: string): WatchLine<T> {
  let data: { type?: string; object?: T & { code?: number; message?: string; reason?: string } };
  try {
    data = JSON.parse(line);
  } catch {
    return { kind: 'skip' };
  }
  const obj = data?.object;
  switch (data?.type) {
    case 'ADDED':
    case 'MODIFIED':
    case 'DELETED':
      return obj
        ? {
            kind: 'event',
            type: data.type,
            object: obj,
            resourceVersion: obj.metadata?.resourceVersion,
          }
        : { kind: 'skip' };
    case 'BOOKMARK': {
      const rv = obj?.metadata?.resourceVersion;
      return rv ? { kind: 'bookmark', resourceVersion: rv } : { kind: 'skip' };
    }
    case 'ERROR':
      if (obj?.code === 410 || obj?.reason === 'Expired' || obj?.reason === 'Gone')
        return { kind: 'gone' };
      return {
        kind: 'error',
        code: obj?.code,
        message: obj?.message ?? 'the API server ended the watch with an error',
      };
    default:
      return { kind: 'skip' };
  }
}

/** Items of a list answer with the kind and apiVersion the API server leaves out of them. */
export function itemsWithKind<T extends KubeObject>(list: {
  kind?: string;
  apiVersion?: string;
  items?: T[];
}): T[] {
  const kind = list.kind?.replace(/List$/, '');
  return (list.items ?? []).map((it) => ({
    ...it,
    ...(kind && !it.kind ? { kind } : {}),
    ...(list.apiVersion && !it.apiVersion ? { apiVersion: list.apiVersion } : {}),
  }));
}
