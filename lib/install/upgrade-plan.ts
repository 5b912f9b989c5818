import 'server-only';
/**
 * The 3.9.4 → 3.50 upgrade plan of a live release (docs/upgrade.md), one function for
 * `cli upgrade-plan --release` and `POST /api/releases/upgrade-plan`: the release read through
 * helm and the API (upgrade-source.ts), refused when its chart is not 3.9.4, its values
 * translated, the target chart rendered with them, the objects and claims compared and each
 * changed object dry-run by the API server. The plan it returns still holds the translated values
 * (the CLI writes them to a file); `planWithoutValues` is what may leave the server.
 */
import { kubeConfigFor } from '../cluster/kubeconfig';
import { makeRedactor, secretValuesOfTree } from '../helm/redact';
import type { Target } from '../target';
import { upgradePlan, type UpgradePlan } from '../upgrade/plan';
import { translateTo350 } from '../upgrade/translate';
import { toYaml } from '../values/to-yaml';
import type { Tree } from '../values/tree';
import { apiSecretReader, secretsFile, type SecretsFile } from './backup/secrets';
import { dryRunChanges } from './upgrade-dry-run';
import { readLiveRelease, renderTarget, targetChart } from './upgrade-source';
import type { InstallRequest } from './request';

/** A release of another chart than 3.9.4: refused in one sentence (CLI exit 2, HTTP 409). */
export class NotChart394 extends Error {
  override name = 'NotChart394';
}

/** The release the plan was made for. */
export interface PlannedRelease {
  name: string;
  namespace: string;
  revision: number;
  chart: string;
}

export interface LivePlan {
  plan: UpgradePlan;
  release: PlannedRelease;
}

/** The plan as it may leave the server: everything but the translated values. */
export type PlanWithoutValues = Omit<UpgradePlan, 'values'> & {
  from: '3.9.4';
  to: '3.50.0';
  release?: PlannedRelease;
};

/** The live release, when its chart is 3.9.4 (the values contract). */
async function live394(t: Partial<Pick<Target, 'release' | 'namespace'>> & { context?: string }) {
  const live = await readLiveRelease(t);
  const { namespace, release } = live.target;
  if (live.contract !== '3.9.4')
    throw new NotChart394(
      `release ${release} in ${namespace} runs chart ${live.chart} (values contract ${live.contract}), not chart 3.9.4: there is no 3.9.4 → 3.50 plan for it.`,
    );
  return live;
}

/**
 * Plans the upgrade of a live release to chart 3.50 (`chart`: as an install request names it;
 * none: Lightrun's published chart at 3.50.0). Throws RequestProblems, ReleaseReadError,
 * NotChart394, KubeconfigError, HelmNotFoundError.
 */
export async function planLiveRelease(
  t: Partial<Pick<Target, 'release' | 'namespace'>> & { context?: string },
  chart?: InstallRequest['chart'],
): Promise<LivePlan> {
  const live = await live394(t);
  const { namespace, release } = live.target;
  const values = translateTo350(live.values).values;
  const target = await renderTarget(live, targetChart(chart), values);
  const plan = upgradePlan(live.values, undefined, {
    current: live.manifest,
    target,
    claims: live.claims,
  });
  if (plan.objects) {
    const dryRun = await dryRunChanges(
      kubeConfigFor(live.target.context ?? undefined),
      namespace,
      target,
      plan.objects,
    );
    // the API server's message may quote a field of the object it refused: never a secret
    const redact = makeRedactor(secretValuesOfTree(live.values, [namespace, release]));
    plan.dryRun = {
      ...dryRun,
      refused: dryRun.refused.map((r) => ({ ...r, message: redact(r.message) })),
    };
  }
  const info = { name: release, namespace, revision: live.revision, chart: live.chart };
  return { plan, release: info };
}

/** The plan without the translated values (they hold the release's passwords). */
export function planWithoutValues(plan: UpgradePlan, release?: PlannedRelease): PlanWithoutValues {
  const { values: _values, ...rest } = plan;
  void _values;
  return { from: '3.9.4', to: '3.50.0', ...(release ? { release } : {}), ...rest };
}

/** `POST /api/releases/upgrade-plan`: the plan of a release, bundled chart-3.50/ or Lightrun's 3.50.0. */
export async function upgradePlanOfRelease(req: {
  context?: string;
  namespace?: string;
  release?: string;
  chart?: 'bundled';
}): Promise<PlanWithoutValues> {
  const { chart, ...target } = req;
  const { plan, release } = await planLiveRelease(
    target,
    chart === 'bundled' ? { source: 'bundled' } : undefined,
  );
  return planWithoutValues(plan, release);
}

/** The translated values as the file `helm upgrade -f` reads (it holds the release's passwords). */
export function valuesFileText(values: Tree): string {
  const header =
    'Lightrun chart 3.50.0 values translated from a 3.9.4 release by the wizard (docs/upgrade.md)';
  return toYaml(values, { header });
}

/**
 * `POST /api/releases/upgrade-values`: the plan's translated values-3.50.yaml of a live 3.9.4
 * release, for the plan page's download (only on the admin's click; the page never shows it).
 */
export async function upgradeValuesOfRelease(t: {
  context?: string;
  namespace?: string;
  release?: string;
}): Promise<{ file: string; yaml: string }> {
  const live = await live394(t);
  return { file: 'values-3.50.yaml', yaml: valuesFileText(translateTo350(live.values).values) };
}

/**
 * `POST /api/releases/upgrade-secrets`: the Secrets the plan's steps name (backend, keycloak,
 * certificate, the AES key's when on) of a live 3.9.4 release, as one YAML file for the plan
 * page's download (only on the admin's click; the page never shows it).
 */
export async function upgradeSecretsOfRelease(t: {
  context?: string;
  namespace?: string;
  release?: string;
}): Promise<SecretsFile> {
  const live = await live394(t);
  const { context, namespace, release } = live.target;
  return secretsFile(apiSecretReader(context, namespace), live.values, { release, namespace });
}
