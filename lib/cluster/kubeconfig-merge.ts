// PURE: how kubectl finds and merges kubeconfig files, and what the wizard says when it finds none.
// No IO here: lib/cluster/kubeconfig.ts reads the files and hands their parsed contents in.
// Merge rules ported from client-go's loader (ClientConfigLoadingRules.Load):
// https://github.com/kubernetes/client-go/blob/master/tools/clientcmd/loader.go
// Not client-node's `KubeConfig.loadFromDefault`: in 2.x it still differs from kubectl for every
// case below (measured in lib/cluster/client-node-gaps.test.ts): a missing file in KUBECONFIG
// throws ENOENT (kubectl skips it), a cluster/user/context name in two files or a file listed
// twice throws "Duplicate …" (kubectl keeps the first), current-context comes from the last file
// that sets one, or with its flag only from the first file (kubectl: the first file that sets
// one), and an empty file throws (kubectl: an empty config). The package's README lists
// multi-kubeconfig support as a known issue (kubernetes-client/javascript#592). Each file is still
// parsed by client-node (lib/cluster/kubeconfig.ts).
import type { Cluster, Context, User } from '@kubernetes/client-node';

/** One kubeconfig file as read from disk: parsed, missing, or broken. */
export type LoadedFile =
  | {
      path: string;
      state: 'ok';
      clusters: Cluster[];
      users: User[];
      contexts: Context[];
      currentContext?: string;
    }
  | { path: string; state: 'missing' }
  | { path: string; state: 'invalid'; reason: string };

export type SourceKind = 'KUBECONFIG' | 'home' | 'in-cluster' | 'none';

export interface Merged {
  source: SourceKind;
  /** Where the files were listed — also when none exists and `source` is 'none'. */
  listedBy?: 'KUBECONFIG' | 'home';
  files: string[];
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
  currentContext: string | null;
}

export interface Problem {
  message: string;
  fix: string;
}

export interface ContextSummary {
  name: string;
  cluster: string;
  server: string | null;
  user: string;
  namespace?: string;
}

/** Every context of the kubeconfig: names and server URLs only, never credentials. */
export interface ContextList {
  source: SourceKind;
  files: string[];
  contexts: ContextSummary[];
  current: string | null;
  problem?: Problem;
}

/**
 * The files kubectl would read: every non-empty entry of KUBECONFIG (split on the platform's
 * delimiter, duplicates dropped, order kept), else `<home>/.kube/config`.
 */
export function kubeconfigPaths(
  kubeconfigEnv: string | undefined,
  home: string,
  delimiter = ':',
): { source: 'KUBECONFIG' | 'home'; paths: string[] } {
  const listed = (kubeconfigEnv ?? '').split(delimiter).filter((p) => p.length > 0);
  if (listed.length > 0) return { source: 'KUBECONFIG', paths: [...new Set(listed)] };
  return { source: 'home', paths: [`${withoutTrailingSlashes(home)}/.kube/config`] };
}

/**
 * Merges files kubectl's way: the first file to define a cluster/user/context name wins (later
 * duplicates are ignored, not an error), the first file that sets current-context wins, and
 * missing files are skipped.
 */
export function mergeKubeconfigs(source: SourceKind, files: LoadedFile[]): Merged {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext: string | null = null;
  for (const f of files) {
    if (f.state !== 'ok') continue;
    for (const c of f.clusters) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of f.users) if (!users.has(u.name)) users.set(u.name, u);
    for (const x of f.contexts) if (!contexts.has(x.name)) contexts.set(x.name, x);
    if (currentContext === null && f.currentContext) currentContext = f.currentContext;
  }
  return {
    source,
    files: files.map((f) => f.path),
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext,
  };
}

const FALLBACK =
  'kubectl and client libraries would silently try http://localhost:8080, where no cluster answers';

/**
 * `hidePaths`: the messages name no file path — a file by its place in KUBECONFIG, the default
 * one as ~/.kube/config — for the page, which anyone with the access token sees (issue 26 #11);
 * the CLI's messages name the paths.
 */
export type ProblemOptions = { hidePaths?: boolean };

/** How a message names one of the files. */
function fileNamer(merged: Merged, files: LoadedFile[], opts: ProblemOptions) {
  const byEnv = (merged.listedBy ?? merged.source) === 'KUBECONFIG';
  const name = (p: string) =>
    !opts.hidePaths
      ? p
      : byEnv
        ? `number ${files.findIndex((f) => f.path === p) + 1} in KUBECONFIG`
        : '~/.kube/config';
  return { byEnv, name };
}

/** The problem of a file that cannot be read, or of no file at all; undefined otherwise. */
function filesProblem(
  merged: Merged,
  files: LoadedFile[],
  opts: ProblemOptions,
): Problem | undefined {
  const { byEnv, name } = fileNamer(merged, files, opts);
  const invalid = files.find((f) => f.state === 'invalid');
  if (invalid && invalid.state === 'invalid') {
    return {
      message: `The kubeconfig file ${name(invalid.path)} cannot be read: ${invalid.reason}.`,
      fix: opts.hidePaths
        ? 'Fix or replace that file (check it with `kubectl config view`), then press Check again.'
        : `Fix or replace ${invalid.path} (check it with \`kubectl config view --kubeconfig ${invalid.path}\`), then run the command again.`,
    };
  }
  if (!files.every((f) => f.state === 'missing')) return undefined;
  const where = !byEnv
    ? `KUBECONFIG is not set and ${files[0] ? name(files[0].path) : '~/.kube/config'} does not exist`
    : opts.hidePaths
      ? `none of the ${files.length} file(s) KUBECONFIG lists exists`
      : `KUBECONFIG lists ${files.map((f) => f.path).join(', ')}, but no such file exists`;
  return {
    message: `No kubeconfig found: ${where}; ${FALLBACK}.`,
    fix: "Point KUBECONFIG at your cluster's kubeconfig file (export KUBECONFIG=/path/to/kubeconfig) or copy it to ~/.kube/config, then restart the wizard.",
  };
}

/** Why the merged kubeconfig cannot be used as it is, with what to do; undefined when it can. */
export function detectProblem(
  merged: Merged,
  files: LoadedFile[],
  opts: ProblemOptions = {},
): Problem | undefined {
  if (merged.source === 'in-cluster') return undefined;
  const fileProblem = filesProblem(merged, files, opts);
  if (fileProblem) return fileProblem;
  if (merged.contexts.length === 0) {
    const which = opts.hidePaths ? '' : ` (${merged.files.join(', ')})`;
    return {
      message: `The kubeconfig${which} defines no context; ${FALLBACK}.`,
      fix: 'Add a context for your cluster (`kubectl config set-context NAME --cluster=… --user=…`) or use the kubeconfig your cluster provider gives you.',
    };
  }
  if (merged.currentContext === null) {
    return {
      message: `The kubeconfig sets no current-context; ${FALLBACK}.`,
      fix: `Pick one of its ${merged.contexts.length} context(s) here, or run \`kubectl config use-context NAME\`.`,
    };
  }
  if (!merged.contexts.some((c) => c.name === merged.currentContext)) {
    return {
      message: `The kubeconfig's current-context "${merged.currentContext}" is not defined in it.`,
      fix: 'Pick a context here, or run `kubectl config use-context NAME` with a context `kubectl config get-contexts` lists.',
    };
  }
  return undefined;
}

/** The context a request means: the one asked for, else the kubeconfig's current one. */
export function selectContext(
  merged: Merged,
  requested?: string,
): { context: Context; cluster?: Cluster } | Problem {
  const name = requested || merged.currentContext;
  const context = merged.contexts.find((c) => c.name === name);
  if (!name || !context) {
    const known = merged.contexts.map((c) => c.name).join(', ') || 'none';
    return requested
      ? {
          message: `The kubeconfig has no context "${requested}" (it has: ${known}).`,
          fix: 'Pick one of the listed contexts.',
        }
      : { message: 'No context is selected.', fix: 'Pick a context.' };
  }
  const cluster = merged.clusters.find((c) => c.name === context.cluster);
  if (!cluster)
    return {
      message: `Context "${context.name}" names cluster "${context.cluster}", which the kubeconfig does not define.`,
      fix: `Add the cluster "${context.cluster}" to the kubeconfig or pick another context.`,
    };
  if (!merged.users.some((u) => u.name === context.user) && context.user) {
    return {
      message: `Context "${context.name}" names user "${context.user}", which the kubeconfig does not define.`,
      fix: `Add the user "${context.user}" to the kubeconfig or pick another context.`,
    };
  }
  return { context, cluster };
}

/** Names and server URLs of every context (no credentials). */
export function summarizeContexts(
  merged: Merged,
  files: LoadedFile[],
  opts: ProblemOptions = {},
): ContextList {
  const contexts = merged.contexts.map((c): ContextSummary => ({
    name: c.name,
    cluster: c.cluster,
    user: c.user,
    server: merged.clusters.find((k) => k.name === c.cluster)?.server ?? null,
    ...(c.namespace ? { namespace: c.namespace } : {}),
  }));
  const current =
    merged.currentContext && merged.contexts.some((c) => c.name === merged.currentContext)
      ? merged.currentContext
      : null;
  const problem = detectProblem(merged, files, opts);
  return {
    source: merged.source,
    files: merged.files,
    contexts,
    current,
    ...(problem ? { problem } : {}),
  };
}

/**
 * What GET /api/cluster answers: what the install page shows to pick a context and recognise it
 * — the context names, the current and the selected one, the selected one's server — whether it
 * answers, and how to get a kubeconfig when there is none. No file path, user, cluster name,
 * namespace or other context's server (issue 26 #11).
 */
export interface ClusterView<P> {
  source: SourceKind;
  contexts: string[];
  current: string | null;
  selected: string | null;
  server: string | null;
  problem?: Problem;
  probe: P | null;
}

/** The page's view of `list` (its problem built with hidePaths) with `selected` probed. */
export function clusterView<P>(
  list: ContextList,
  selected: string | null,
  probe: P | null,
): ClusterView<P> {
  const ctx = list.contexts.find((c) => c.name === selected);
  return {
    source: list.source,
    contexts: list.contexts.map((c) => c.name),
    current: list.current,
    selected,
    server: shownServer(ctx?.server),
    ...(list.problem ? { problem: list.problem } : {}),
    probe,
  };
}

/**
 * A server URL as shown to a person: scheme, host, port and path — never user info, a query or a
 * fragment, where a kubeconfig can hide a credential. Null when it is no http(s) URL.
 */
export function shownServer(server: string | null | undefined): string | null {
  if (!server) return null;
  let u: URL;
  try {
    u = new URL(server);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
}

/** `s` without trailing `/` (a loop: a `/\/+$/` scan is quadratic on long runs of `/`). */
function withoutTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '/') end--;
  return s.slice(0, end);
}
