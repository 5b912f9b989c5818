import 'server-only';
import { createHash } from 'node:crypto';
import type https from 'node:https';
import * as k8s from '@kubernetes/client-node';
import { Agent as UndiciAgent } from 'undici';
import { shownServer } from './kubeconfig-merge';
import { describeCredentialError, describeProbeError, type ProbeFailure } from './probe-error';

/**
 * Default per-request limit. client-node 2.x's API clients still set none (its fetch gets only the
 * signal a middleware sets; undici's own header and body timeouts are 300 s each), and its
 * credential step (an exec plugin) has no limit at all: lib/cluster/client-node-gaps.test.ts.
 */
export const REQUEST_TIMEOUT_MS = 10_000;
/** The connection probe must answer "unreachable" within a few seconds. */
export const PROBE_TIMEOUT_MS = 4_000;

type ApiConstructor<T> = new (config: k8s.Configuration) => T;

/** A middleware giving every request its own timeout (and the caller's abort signal, if any). */
function timeoutMiddleware(timeoutMs: number, signal?: AbortSignal) {
  return {
    pre: async (ctx: k8s.RequestContext) => {
      const t = AbortSignal.timeout(timeoutMs);
      ctx.setSignal(signal ? AbortSignal.any([signal, t]) : t);
      return ctx;
    },
    post: async (rsp: k8s.ResponseContext) => rsp,
  };
}

type DispatcherMaker = (cluster: k8s.Cluster | null, agentOptions: https.AgentOptions) => unknown;
const SHARED = Symbol('lightrun-wizard.shared-dispatcher');

/** How long a connection may wait idle for the next call of the same kubeconfig. */
export const IDLE_CONNECTION_MS = 2_000;

/** A key for the TLS material and options of a dispatcher: same key, same connection pool. */
function identity(connect: Record<string, unknown>): string {
  const h = createHash('sha256');
  for (const k of Object.keys(connect).sort()) {
    const v = connect[k];
    const text = v === undefined ? '' : Buffer.isBuffer(v) ? v.toString('base64') : String(v);
    h.update(`${k}=${text.length}:${text}\u0000`);
  }
  return h.digest('hex');
}

/**
 * client-node 2.x builds a new undici Agent for every API call, so every call paid a new TCP and
 * TLS handshake with the kubeconfig's certificates: twenty preflights at once (each a few dozen
 * calls) kept the event loop busy with handshakes and stalled every other request of the server
 * for seconds (docs/security.md, bench/preflight-load.ts). Calls made with the same kubeconfig
 * object (one preflight, one job) now share one Agent, whose idle connections close after
 * IDLE_CONNECTION_MS: a connection is reused only between calls in quick succession, never
 * across a long pause in which the API server may have restarted (the stale-socket failure that
 * kept connections per call before). `createDispatcher` is private in client-node's types:
 * lib/cluster/client.test.ts fails when a new version renames it.
 */
export function shareConnections(kc: k8s.KubeConfig): k8s.KubeConfig {
  const k = kc as unknown as {
    createDispatcher?: DispatcherMaker;
    [SHARED]?: Map<string, UndiciAgent>;
  };
  if (k[SHARED] || typeof k.createDispatcher !== 'function') return kc;
  const original = k.createDispatcher.bind(kc);
  const agents = new Map<string, UndiciAgent>();
  k.createDispatcher = (cluster, agentOptions) => {
    const o = kc.createDispatcherOptions(cluster, agentOptions);
    if (o.type !== 'agent') return original(cluster, agentOptions);
    const connect = o.connect as Record<string, unknown>;
    const id = identity(connect);
    let agent = agents.get(id);
    if (!agent) {
      agent = new UndiciAgent({
        connect,
        keepAliveTimeout: IDLE_CONNECTION_MS,
        keepAliveMaxTimeout: IDLE_CONNECTION_MS,
      });
      agents.set(id, agent);
    }
    return agent;
  };
  k[SHARED] = agents;
  return kc;
}

/**
 * True when a failed call certainly did not reach the API server's handlers, or may simply be
 * repeated: the server said GOAWAY (HTTP/2: streams it did not take are not processed), or a
 * reading call (`read…`, `list…`, `get…`) lost its connection before an answer. The connections a
 * kubeconfig shares (shareConnections) meet these when the API server restarts.
 */
export function retryable(e: unknown, method: string): boolean {
  const cause = (e as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (!cause) return false;
  if (cause.code === 'UND_ERR_INFO' && /GOAWAY/.test(cause.message ?? '')) return true;
  const lost = ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED'];
  return lost.includes(cause.code ?? '') && /^(read|list|get)/.test(method);
}

/**
 * `kc.makeApiClient(Api)` with a per-request timeout: every call through the returned client
 * aborts after `timeoutMs` (also while reading the body) or when `signal` aborts.
 */
export function apiClient<T>(
  kc: k8s.KubeConfig,
  Api: ApiConstructor<T>,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): T {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('The kubeconfig has no current cluster.');
  const timeoutMs = opts.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const config = k8s.createConfiguration({
    baseServer: new k8s.ServerConfiguration(cluster.server, {}),
    authMethods: { default: shareConnections(kc) },
    promiseMiddleware: [timeoutMiddleware(timeoutMs, opts.signal)],
  });
  // The middleware's clock starts after the credential step (an exec plugin can wait for a
  // login forever), so each call as a whole also gets the limit.
  const api = new Api(config) as object;
  return new Proxy(api, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const call = () => v.apply(target, args) as unknown;
        const r = call();
        if (!(r instanceof Promise)) return r;
        // A shared connection the server has just closed (a restart): once more, on a new one.
        const once = r.catch((e: unknown) => {
          if (!retryable(e, String(prop))) throw e;
          return call() as Promise<unknown>;
        });
        return withDeadline(once, timeoutMs, `the request (${String(prop)})`);
      };
    },
  }) as T;
}

/** A step that did not finish in time. */
export class DeadlineError extends Error {
  constructor(ms: number, what: string) {
    super(`${what} did not finish within ${ms / 1000} s`);
    this.name = 'TimeoutError';
  }
}

/** `p`, or a DeadlineError after `ms` (the work itself is not cancelled). */
export async function withDeadline<T>(p: Promise<T>, ms: number, what = 'the step'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(ms, what)), ms);
  });
  try {
    return await Promise.race([p, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the kubeconfig's credential step (exec plugin, token/cert files) once, as a request would. */
export async function prepareCredentials(kc: k8s.KubeConfig): Promise<https.RequestOptions> {
  const opts: https.RequestOptions = { headers: {} };
  await kc.applyToHTTPSOptions(opts);
  return opts;
}

export type ProbeResult =
  { ok: true; version: string; platform?: string } | ({ ok: false } & ProbeFailure);

/**
 * Asks the context's API server for /version, within `timeoutMs`. Never throws and never hangs:
 * an unreachable, refusing or untrusted server is `{ok: false, message, fix}`.
 */
export async function probeServer(
  kc: k8s.KubeConfig,
  opts: { timeoutMs?: number } = {},
): Promise<ProbeResult> {
  const timeoutMs = opts.timeoutMs ?? PROBE_TIMEOUT_MS;
  // shown without user info or query (a kubeconfig can hide a credential there)
  const server = shownServer(kc.getCurrentCluster()?.server) ?? '(no server URL)';
  const context = kc.getCurrentContext();
  const t0 = Date.now();
  // Credentials first, on their own clock: an exec plugin waiting for a login would otherwise
  // hang the request before its timeout even starts.
  try {
    await withDeadline(prepareCredentials(kc), timeoutMs);
  } catch (e) {
    const user = kc.getCurrentUser();
    return {
      ok: false,
      ...describeCredentialError({
        err: e,
        timedOut: e instanceof DeadlineError,
        context,
        user: user?.name ?? '',
        command: user?.exec?.command,
        timeoutMs,
      }),
    };
  }
  try {
    const v = await apiClient(kc, k8s.VersionApi, {
      timeoutMs: Math.max(500, timeoutMs - (Date.now() - t0)),
    }).getCode();
    return { ok: true, version: v.gitVersion, ...(v.platform ? { platform: v.platform } : {}) };
  } catch (e) {
    return { ok: false, ...describeProbeError(e, server, context, timeoutMs) };
  }
}
