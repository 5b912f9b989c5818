import 'server-only';
import { forInClusterHelm, upgradeInstallArgs } from '../helm/args';
import { runsInCluster } from '../cluster/kubeconfig';
import { findHelm, HelmNotFoundError, type HelmBinary } from '../helm/find-helm';
import { MIN_HELM3_MINOR } from '../helm/version';
import { makeRedactor, secretValuesOf } from '../helm/redact';
import { runProcess } from '../helm/spawn';
import type { Answers } from '../answers';
import { renderYaml } from '../values';
import { createValuesDir } from '../helm/values-dir';
import { decideDryRun } from './helm-check';
import { fail, pass, warn, type Verdict } from './result';

/** The helm the wizard would use (lib/helm's findHelm: HELM, PATH, the cluster cache), or why there is none. */
export type HelmLocator = () => Promise<HelmBinary>;

/** The oldest helm 3 per chart; helm 4 runs both. 3.50.0's vendor lists 3.17.0 (docs/chart-3.50.md §2). */
export const MIN_HELM3_MINOR_FOR: Record<Answers['chart'], number> = {
  '3.9.4': MIN_HELM3_MINOR,
  '3.50.0': 17,
};

/** A helm the wizard drives, but too old for the planned chart; `fix` says what to do. */
export class HelmTooOldForChartError extends HelmNotFoundError {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

/**
 * The helm `locate` finds, refused (HelmTooOldForChartError) when it is a helm 3 older than the
 * planned chart needs: the helm check then fails naming both, and the dry run is skipped.
 */
export function helmForChart(chart: Answers['chart'], locate: HelmLocator = findHelm): HelmLocator {
  return async () => {
    const b = await locate();
    const min = MIN_HELM3_MINOR_FOR[chart];
    if (b.version.major === 3 && b.version.minor < min)
      throw new HelmTooOldForChartError(
        `helm ${b.version.raw} (${b.path}, from ${b.source}) is older than 3.${min}, the oldest helm chart ${chart} supports (docs/chart-3.50.md §2).`,
        `Install helm 3.${min}+ or helm 4 and put it on PATH (or set HELM to its path), or plan chart 3.9.4 (the chart answer), which helm 3.${MIN_HELM3_MINOR}+ installs.`,
      );
    return b;
  };
}

/** helm present and supported: findHelm already refuses helm < 3.12 and says how to get one. */
export async function checkHelmVersion(locate: HelmLocator = findHelm): Promise<Verdict> {
  try {
    const b = await locate();
    return pass(`helm ${b.version.raw} (${b.path}, from ${b.source}) is supported.`);
  } catch (e) {
    if (e instanceof HelmTooOldForChartError) return fail(e.message, e.fix);
    if (e instanceof HelmNotFoundError)
      return fail(
        e.message,
        'Install helm 3.12+ or helm 4 and put it on PATH (or set HELM to its path).',
      );
    throw e;
  }
}

/** A namespace made for one dry run, deleted by `drop`. */
export type Scratch = { name: string; drop: () => Promise<void> };

export type DryRunTarget = {
  context: string | null;
  namespace: string;
  release: string;
  chart: string;
  chartVersion?: string;
  namespaceExists: () => Promise<boolean>;
  /**
   * For a namespace that does not exist yet: a scratch namespace to dry-run into (created now,
   * dropped after), or null with the reason when none can be made.
   */
  scratch?: () => Promise<Scratch | { refused: string }>;
};

/**
 * `helm upgrade --install --dry-run=server` of the rendered values (a 0600 temp file, removed
 * afterwards): the API server runs admission, schema and quota on every object and keeps nothing.
 * helm's stderr is redacted with the answers' secrets before it becomes a message.
 */
export async function checkDryRun(
  a: Answers,
  t: DryRunTarget,
  signal?: AbortSignal,
  locate: HelmLocator = findHelm,
): Promise<Verdict> {
  let helm: HelmBinary;
  try {
    helm = await locate();
  } catch {
    return warn(
      'Skipped: no supported helm (see the helm check).',
      'Install helm 3.12+ or helm 4, then run preflight again.',
    );
  }
  let scratch: Scratch | null = null;
  if (!(await t.namespaceExists())) {
    // A first install: the namespace does not exist and a dry run cannot create it. Dry-run into
    // a scratch namespace instead (deleted after): webhooks, policies and schema still answer.
    const made = t.scratch ? await t.scratch() : { refused: 'no way to make one' };
    if ('refused' in made)
      return warn(
        `Skipped: namespace ${t.namespace} does not exist yet and no scratch namespace could be made for the dry run (${made.refused}).`,
        'Create the namespace first (kubectl create namespace ' +
          t.namespace +
          '), then run preflight again to dry-run into it.',
      );
    scratch = made;
  }
  try {
    const v = await dryRun(a, { ...t, namespace: scratch?.name ?? t.namespace }, helm, signal);
    if (!scratch) return v;
    return {
      ...v,
      message: `${v.message}${/[.!?]$/.test(v.message) ? '' : '.'} Namespace ${t.namespace} does not exist yet: the dry run went to a scratch namespace ${scratch.name}, deleted after (a quota or policy the new namespace will get is not seen).`,
    };
  } finally {
    await scratch?.drop().catch(() => undefined);
  }
}

/** helm upgrade --install --dry-run=server into `t.namespace`, the values in a private file. */
async function dryRun(
  a: Answers,
  t: DryRunTarget,
  helm: HelmBinary,
  signal?: AbortSignal,
): Promise<Verdict> {
  // The same private 0700 dir / 0600 file as the install (swept at the next start if the server dies).
  const dir = createValuesDir(undefined, 'lightrun-wizard-dryrun-');
  try {
    const file = dir.write('values.yaml', renderYaml(a).values);
    const args = upgradeInstallArgs(helm.version.major, {
      ...t,
      valuesFiles: [file],
      timeoutSeconds: 60,
    });
    // Both helm 3 (>= 3.13) and 4 accept --dry-run=server; 3.12 only knows the client-side --dry-run.
    const dry =
      helm.version.major === 3 && helm.version.minor < 13 ? '--dry-run' : '--dry-run=server';
    args.splice(args.indexOf('--'), 0, dry);
    const r = await runProcess(helm.path, forInClusterHelm(args, runsInCluster()), { signal });
    return decideDryRun(r.code ?? 1, makeRedactor(secretValuesOf(a))(r.stderr));
  } finally {
    dir.remove();
  }
}
