import 'server-only';
import type https from 'node:https';
import * as k8s from '@kubernetes/client-node';
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
    authMethods: { default: kc },
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
        const r = v.apply(target, args);
        return r instanceof Promise
          ? withDeadline(r, timeoutMs, `the request (${String(prop)})`)
          : r;
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
