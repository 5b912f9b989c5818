import 'server-only';
import http from 'node:http';
import https from 'node:https';
import type * as k8s from '@kubernetes/client-node';
import { prepareCredentials, withDeadline } from './client';
import { describeProbeError } from './probe-error';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  IDLE_MS,
  itemsWithKind,
  listUrl,
  MIN_HEALTHY_WATCH_MS,
  parseWatchLine,
  REQUEST_TIMEOUT_MS,
  WATCH_TIMEOUT_SECONDS,
  watchUrl,
  type Backoff,
  type KubeObject,
} from './watch-core';

export type { KubeObject } from './watch-core';

// Why not client-node's `Watch`: 2.x's has a working time limit now (1.4.0's had none), measured
// in lib/cluster/client-node-gaps.test.ts on loopback, but still (1) runs the kubeconfig's
// credential step before its clock starts, so an exec plugin waiting for a login hangs it without
// limit; (2) allows a fixed 30 s to the headers and 30 s of silence (a private field), less than
// the IDLE_MS this watch allows while the server closes it after WATCH_TIMEOUT_SECONDS with a
// bookmark; (3) takes no caller signal until the headers arrived; (4) reports a refused watch as
// the bare status text ("Forbidden"), dropping the API server's Status message that names the
// missing permission. No upstream issue is named for these in the package (its README's known
// issues list #592 and #2474); the test fails when an upgrade closes a gap.

/** What `watchResource` yields. SYNC is the complete current state (after the list and every relist). */
export type WatchEvent<T> =
  | { type: 'SYNC'; items: T[]; resourceVersion: string }
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T }
  | { type: 'ERROR'; message: string; code?: number; attempt: number; retryInMs: number };

export interface WatchOptions {
  signal: AbortSignal;
  /** Per request (list page, watch until its headers) limit. */
  requestTimeoutMs?: number;
  /** A watch with no line for this long is aborted and resumed. */
  idleMs?: number;
  /** The server ends each watch after this (and we resume at once). */
  watchTimeoutSeconds?: number;
  backoff?: Backoff;
  pageSize?: number;
  random?: () => number;
}

/** An HTTP answer other than 200, with the API server's own (credential-free) Status message. */
export class HttpStatusError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

/** Opens GET `path` on the context's server with its credentials; resolves at the response headers. */
async function open(
  kc: k8s.KubeConfig,
  path: string,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<http.IncomingMessage> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('The kubeconfig has no current cluster.');
  const url = new URL(withoutTrailingSlashes(cluster.server) + path);
  // Agent with the CA/client cert, Authorization header; an exec plugin gets the same limit.
  const opts = await withDeadline(
    prepareCredentials(kc),
    timeoutMs,
    "the kubeconfig's credential step (exec plugin)",
  );
  const mod = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = mod.request(url, {
      method: 'GET',
      agent: opts.agent,
      headers: { ...opts.headers, Accept: 'application/json' },
      auth: opts.auth,
      signal,
    });
    const timer = setTimeout(
      () =>
        req.destroy(
          Object.assign(
            new Error(`no answer from ${cluster.server} within ${timeoutMs / 1000} s`),
            { name: 'TimeoutError' },
          ),
        ),
      timeoutMs,
    );
    req.on('response', (res) => {
      clearTimeout(timer);
      resolve(res);
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end();
  });
}

async function readBody(res: http.IncomingMessage): Promise<string> {
  res.setEncoding('utf8');
  let s = '';
  for await (const c of res) s += c;
  return s;
}

async function statusError(res: http.IncomingMessage): Promise<HttpStatusError> {
  const body = await readBody(res).catch(() => '');
  let message = `HTTP ${res.statusCode}`;
  try {
    const st = JSON.parse(body) as { message?: string };
    if (st.message) message = st.message;
  } catch {
    /* not a Status */
  }
  return new HttpStatusError(res.statusCode ?? 0, message);
}

/** The whole collection, page by page; restarts when a continue token expires (410). */
async function listAll<T extends KubeObject>(
  kc: k8s.KubeConfig,
  path: string,
  o: Required<Pick<WatchOptions, 'signal' | 'requestTimeoutMs' | 'pageSize'>>,
) {
  for (;;) {
    const items: T[] = [];
    let cont: string | undefined;
    let rv = '';
    let expired = false;
    do {
      const res = await open(kc, listUrl(path, o.pageSize, cont), o.signal, o.requestTimeoutMs);
      if (res.statusCode === 410 && cont) {
        res.resume();
        expired = true;
        break;
      }
      if (res.statusCode !== 200) throw await statusError(res);
      const page = JSON.parse(await readBody(res)) as {
        kind?: string;
        apiVersion?: string;
        items?: T[];
        metadata?: { resourceVersion?: string; continue?: string };
      };
      items.push(...itemsWithKind(page));
      rv = page.metadata?.resourceVersion ?? rv;
      cont = page.metadata?.continue || undefined;
    } while (cont);
    if (!expired) return { items, resourceVersion: rv };
  }
}

/** Splits a stream into lines, aborting it when no line comes for `idleMs`. */
async function* lines(res: http.IncomingMessage, idleMs: number): AsyncGenerator<string> {
  res.setEncoding('utf8');
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () =>
        res.destroy(
          Object.assign(new Error(`the watch was silent for ${idleMs / 1000} s`), {
            name: 'IdleError',
          }),
        ),
      idleMs,
    );
  };
  arm();
  let buf = '';
  try {
    for await (const chunk of res) {
      arm();
      buf += chunk as string;
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.trim()) yield line;
      }
    }
    if (buf.trim()) yield buf;
  } finally {
    clearTimeout(timer);
    res.destroy();
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** The failure in words: our own limits and the server's Status say it; network errors are mapped. */
function describe(e: unknown, kc: k8s.KubeConfig, timeoutMs: number): string {
  if (
    e instanceof HttpStatusError ||
    (e instanceof Error && (e.name === 'IdleError' || e.name === 'TimeoutError'))
  )
    return e.message;
  return describeProbeError(
    e,
    kc.getCurrentCluster()?.server ?? '(no server)',
    kc.getCurrentContext(),
    timeoutMs,
  ).message;
}

/**
 * List+watch of one collection path (e.g. `/api/v1/namespaces/lr/pods`) until `signal` aborts.
 * Yields SYNC with the full list first (and after every relist: a 410 Gone means the resume
 * point has expired), then ADDED/MODIFIED/DELETED. Watches resume from the last resourceVersion
 * (bookmarks keep it fresh); failures are yielded as ERROR events, then retried with backoff.
 * Never ends on its own and never hangs: every request and every silent stream has a limit.
 */
export async function* watchResource<T extends KubeObject>(
  kc: k8s.KubeConfig,
  path: string,
  opts: WatchOptions,
): AsyncGenerator<WatchEvent<T>> {
  const { signal } = opts;
  const o = {
    signal,
    requestTimeoutMs: opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
    pageSize: opts.pageSize ?? 500,
  };
  const idleMs = opts.idleMs ?? IDLE_MS;
  const rand = opts.random ?? Math.random;
  let rv: string | null = null;
  let attempt = 0;
  while (!signal.aborted) {
    try {
      if (rv === null) {
        const l = await listAll<T>(kc, path, o);
        rv = l.resourceVersion;
        attempt = 0;
        yield { type: 'SYNC', items: l.items, resourceVersion: rv };
      }
      const started = Date.now();
      const res = await open(
        kc,
        watchUrl(path, rv, opts.watchTimeoutSeconds ?? WATCH_TIMEOUT_SECONDS),
        signal,
        o.requestTimeoutMs,
      );
      if (res.statusCode === 410) {
        res.resume();
        rv = null;
        continue;
      }
      if (res.statusCode !== 200) throw await statusError(res);
      let seen = 0;
      for await (const line of lines(res, idleMs)) {
        seen++;
        const ev = parseWatchLine<T>(line);
        if (ev.kind === 'gone') {
          rv = null;
          break;
        }
        if (ev.kind === 'error') throw new HttpStatusError(ev.code ?? 0, ev.message);
        if (ev.kind === 'bookmark') {
          rv = ev.resourceVersion;
          attempt = 0;
        }
        if (ev.kind !== 'event') continue;
        if (ev.resourceVersion) rv = ev.resourceVersion;
        attempt = 0;
        yield { type: ev.type, object: ev.object };
      }
      if (rv !== null && seen === 0 && Date.now() - started < MIN_HEALTHY_WATCH_MS)
        throw new Error('the API server ended the watch at once');
    } catch (e) {
      if (signal.aborted) return;
      attempt++;
      const retryInMs = backoffDelay(attempt, opts.backoff ?? DEFAULT_BACKOFF, rand());
      yield {
        type: 'ERROR',
        message: describe(e, kc, o.requestTimeoutMs),
        ...(e instanceof HttpStatusError ? { code: e.code } : {}),
        attempt,
        retryInMs,
      };
      await sleep(retryInMs, signal);
    }
  }
}

/** `s` without trailing `/` (a loop: a `/\/+$/` scan is quadratic on long runs of `/`). */
function withoutTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '/') end--;
  return s.slice(0, end);
}
