/**
 * argv builders for every helm command the wizard runs, per helm major version (PURE).
 *
 * Every value flag uses the `--flag=value` form (a value can never be taken for another flag) and
 * `--` precedes the positionals (a positional can never be taken for a flag). Names are validated
 * before they get here (names.ts).
 *
 * Wait mode: helm is NOT asked to wait for readiness. The wizard's own watch decides readiness
 * (lib/status), because helm 4's watcher reports false "not ready"s and helm 3 only says "timed
 * out"; a helm that returns as soon as the objects are applied also leaves the release
 * `deployed` (never stuck `pending-*`) when the admin cancels during the wait. Hooks are still
 * waited for by both (helm 4 `--wait=hookOnly`, passed explicitly so a change of default cannot
 * change behaviour; helm 3 always waits for hooks), bounded by `--timeout`.
 */
import type { HelmMajor } from './version';

/** Where helm talks to: the kubeconfig context (null = kubeconfig's current) and the namespace. */
export interface Target {
  context: string | null;
  namespace: string;
}

function targetFlags(t: Target): string[] {
  return [...(t.context ? [`--kube-context=${t.context}`] : []), `--namespace=${t.namespace}`];
}

/** client-node's name for the pod's own service-account context (kubeconfig.ts reads it in a pod). */
export const IN_CLUSTER_CONTEXT = 'inClusterContext';

/**
 * In a pod the wizard's context is client-node's `inClusterContext`, which helm does not know:
 * helm's own in-cluster config has no contexts, so the flag is dropped and helm uses the pod's
 * service account as the wizard does. Elsewhere the args are returned as they are.
 */
export function forInClusterHelm(args: readonly string[], inCluster: boolean): string[] {
  return inCluster ? args.filter((a) => a !== `--kube-context=${IN_CLUSTER_CONTEXT}`) : [...args];
}

function waitFlags(major: HelmMajor): string[] {
  return major === 4 ? ['--wait=hookOnly'] : [];
}

export interface UpgradeInstallArgs extends Target {
  release: string;
  /** Absolute chart path or oci:// reference. */
  chart: string;
  chartVersion?: string;
  /** 0600 values files, in order (later wins). */
  valuesFiles: string[];
  timeoutSeconds: number;
}

/**
 * `helm upgrade --install`. Never `--atomic` / `--rollback-on-failure`: a rollback deletes the very
 * pods and events that explain a failure; rollback is an explicit dashboard action instead. The
 * namespace is created by the job itself (so no `--create-namespace`).
 */
export function upgradeInstallArgs(major: HelmMajor, a: UpgradeInstallArgs): string[] {
  return [
    'upgrade',
    '--install',
    ...targetFlags(a),
    ...a.valuesFiles.map((f) => `--values=${f}`),
    ...(a.chartVersion ? [`--version=${a.chartVersion}`] : []),
    `--timeout=${a.timeoutSeconds}s`,
    ...waitFlags(major),
    '--',
    a.release,
    a.chart,
  ];
}

/** `helm template` with the same inputs, to learn the expected workloads before installing. */
export function templateArgs(
  a: Omit<UpgradeInstallArgs, 'timeoutSeconds' | 'context'> & { context?: string | null },
): string[] {
  return [
    'template',
    `--namespace=${a.namespace}`,
    ...a.valuesFiles.map((f) => `--values=${f}`),
    ...(a.chartVersion ? [`--version=${a.chartVersion}`] : []),
    '--',
    a.release,
    a.chart,
  ];
}

/** `helm get values` (the user-supplied values of the current revision) as JSON. */
export function getValuesArgs(t: Target, release: string, revision?: number): string[] {
  return [
    'get',
    'values',
    ...targetFlags(t),
    ...(revision === undefined ? [] : [`--revision=${revision}`]),
    '--output=json',
    '--',
    release,
  ];
}

/** `helm get manifest` (rendered objects of the current revision, hooks excluded). */
export function getManifestArgs(t: Target, release: string): string[] {
  return ['get', 'manifest', ...targetFlags(t), '--', release];
}

/**
 * `helm get metadata` as JSON: chart name, version and annotations, revision and status of the
 * current revision, and no values (`helm status -o json` would print the values too).
 */
export function getMetadataArgs(t: Target, release: string, revision?: number): string[] {
  const rev = revision !== undefined ? [`--revision=${revision}`] : [];
  return ['get', 'metadata', ...targetFlags(t), ...rev, '--output=json', '--', release];
}

/** `helm status` as JSON. */
export function statusArgs(t: Target, release: string): string[] {
  return ['status', ...targetFlags(t), '--output=json', '--', release];
}

/** `helm history` as JSON, the last `max` revisions. */
export function historyArgs(t: Target, release: string, max = 20): string[] {
  return ['history', ...targetFlags(t), '--output=json', `--max=${max}`, '--', release];
}

/** `helm rollback` to a revision (0 = the previous one, helm's own meaning). */
export function rollbackArgs(
  major: HelmMajor,
  t: Target & { timeoutSeconds: number },
  release: string,
  revision: number,
): string[] {
  return [
    'rollback',
    ...targetFlags(t),
    `--timeout=${t.timeoutSeconds}s`,
    ...waitFlags(major),
    '--',
    release,
    String(revision),
  ];
}

/** `helm uninstall` (objects deleted in the background; the wizard's watch shows them go). */
export function uninstallArgs(
  major: HelmMajor,
  t: Target & { timeoutSeconds: number },
  release: string,
): string[] {
  return [
    'uninstall',
    ...targetFlags(t),
    `--timeout=${t.timeoutSeconds}s`,
    ...waitFlags(major),
    '--',
    release,
  ];
}

/** `helm version --short`. */
export const VERSION_ARGS: readonly string[] = ['version', '--short'];

/**
 * `helm list` as JSON, every status (helm 3 needs `--all`; helm 4 lists every status by default
 * and has no such flag), in one namespace or across all of them.
 */
export function listArgs(
  major: HelmMajor,
  t: { context: string | null; namespace: string | null },
): string[] {
  return [
    'list',
    ...(t.context ? [`--kube-context=${t.context}`] : []),
    ...(t.namespace ? [`--namespace=${t.namespace}`] : ['--all-namespaces']),
    ...(major === 3 ? ['--all'] : []),
    '--output=json',
  ];
}
