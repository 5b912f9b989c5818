import 'server-only';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import {
  kubeconfigPaths,
  mergeKubeconfigs,
  selectContext,
  summarizeContexts,
  type ContextList,
  type LoadedFile,
  type Merged,
  type Problem,
  type ProblemOptions,
} from './kubeconfig-merge';

export type { ContextList, ContextSummary, Problem } from './kubeconfig-merge';

/** The environment kubeconfig is looked up from (KUBECONFIG, HOME, KUBERNETES_SERVICE_*). */
export type Env = Record<string, string | undefined>;

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** `serviceAccountRoot` prefixes the standard service-account mount path (tests mount one in a temp dir). */
export interface LoadOptions {
  serviceAccountRoot?: string;
}

/** How listContexts words its problem: `hidePaths` for the page (see ProblemOptions). */
export type ListOptions = LoadOptions & ProblemOptions;

/** A kubeconfig that cannot be used, with what to do about it (safe to show: no credentials). */
export class KubeconfigError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
    this.name = 'KubeconfigError';
  }
}

function readKubeconfigFile(file: string): LoadedFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { path: file, state: 'missing' };
    return {
      path: file,
      state: 'invalid',
      reason:
        code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a directory'
            : `read failed (${code ?? 'unknown error'})`,
    };
  }
  if (text.trim() === '') return { path: file, state: 'ok', clusters: [], users: [], contexts: [] };
  try {
    const kc = new k8s.KubeConfig();
    // Invalid entries are dropped rather than failing the whole file, as kubectl keeps going too.
    kc.loadFromString(text, { onInvalidEntry: 'filter' });
    kc.makePathsAbsolute(path.dirname(path.resolve(file)));
    return {
      path: file,
      state: 'ok',
      clusters: kc.getClusters(),
      users: kc.getUsers(),
      contexts: kc.getContexts(),
      currentContext: kc.getCurrentContext() || undefined,
    };
  } catch (e) {
    // Never echo the parser's message: it quotes the offending line, which may hold a token.
    const line = (e as { mark?: { line?: number } }).mark?.line;
    return {
      path: file,
      state: 'invalid',
      reason:
        line !== undefined ? `it is not valid YAML (line ${line + 1})` : 'it is not a kubeconfig',
    };
  }
}

function inClusterMerged(env: Env, root: string): Merged {
  const kc = new k8s.KubeConfig();
  kc.loadFromCluster(root); // CA, token file and namespace from the mount
  // client-node takes the address from process.env; use the environment we were given.
  const host = env.KUBERNETES_SERVICE_HOST!;
  const server = `https://${net.isIPv6(host) ? `[${host}]` : host}:${env.KUBERNETES_SERVICE_PORT}`;
  const clusters = kc.getClusters().map((c) => ({ ...c, server }));
  return {
    source: 'in-cluster',
    files: [],
    clusters,
    users: kc.getUsers(),
    contexts: kc.getContexts(),
    currentContext: kc.getCurrentContext(),
  };
}

/**
 * Reads kubeconfig as kubectl does: the KUBECONFIG list merged (first definition wins), else
 * ~/.kube/config, else the pod's service account when running in a cluster.
 */
export function loadKubeconfig(
  env: Env = process.env,
  opts: LoadOptions = {},
): { merged: Merged; files: LoadedFile[] } {
  const root = opts.serviceAccountRoot ?? '';
  const { source, paths } = kubeconfigPaths(
    env.KUBECONFIG,
    env.HOME || os.homedir(),
    path.delimiter,
  );
  const files = paths.map(readKubeconfigFile);
  const found = files.some((f) => f.state !== 'missing');
  if (
    !found &&
    env.KUBERNETES_SERVICE_HOST &&
    env.KUBERNETES_SERVICE_PORT &&
    existsSync(root + SERVICE_ACCOUNT_TOKEN)
  ) {
    return { merged: inClusterMerged(env, root), files: [] };
  }
  return {
    merged: { ...mergeKubeconfigs(found ? source : 'none', files), listedBy: source },
    files,
  };
}

/** True when the wizard runs in a pod with no kubeconfig: its context is the pod's service account. */
export function runsInCluster(env: Env = process.env, opts: LoadOptions = {}): boolean {
  return loadKubeconfig(env, opts).merged.source === 'in-cluster';
}

/** Every context with its cluster, server URL, user and namespace; `problem` when none is usable. */
export function listContexts(env: Env = process.env, opts: ListOptions = {}): ContextList {
  const { merged, files } = loadKubeconfig(env, opts);
  return summarizeContexts(merged, files, { hidePaths: opts.hidePaths });
}

/**
 * A fresh KubeConfig for one context (the current one when omitted). Each call builds new
 * objects, so a caller that switches context can never change another caller's target.
 * Throws KubeconfigError when the context is missing or incomplete.
 */
export function kubeConfigFor(
  context?: string,
  env: Env = process.env,
  opts: LoadOptions = {},
): k8s.KubeConfig {
  const { merged, files } = loadKubeconfig(env, opts);
  const listed = summarizeContexts(merged, files);
  if (listed.problem && !context) throw new KubeconfigError(listed.problem);
  const picked = selectContext(merged, context);
  if ('message' in picked) throw new KubeconfigError(picked);
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: structuredClone(merged.clusters),
    users: structuredClone(merged.users),
    contexts: structuredClone(merged.contexts),
    currentContext: picked.context.name,
  });
  return kc;
}
