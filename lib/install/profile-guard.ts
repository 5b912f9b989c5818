/**
 * An install of a plan over a release that runs the other chart (PURE): 3.9.4 → 3.50 needs the
 * steps of the upgrade plan before helm (docs/upgrade.md, docs/chart-3.50.md §13.4), which only
 * the guided upgrade job runs (upgrade-job.ts: an install never does), and 3.50 → 3.9.4 cannot be undone once MySQL 8.4 and the 1.91 images
 * have converted the data (§13.3). The job refuses both before anything reaches the cluster.
 */
import { CHART_VERSIONS, type ChartVersion } from '../answers/constants';

/**
 * The chart profile of a release from `helm get metadata --output=json`: its
 * `lightrun.com/values-contract` annotation (the project's charts), else its version (Lightrun's);
 * null when that is neither 3.9.4 nor 3.50.0, or the text cannot be read.
 */
export function releaseProfile(metadataJson: string): ChartVersion | null {
  let m: unknown;
  try {
    m = JSON.parse(metadataJson);
  } catch {
    return null;
  }
  if (!m || typeof m !== 'object') return null;
  const { version, annotations } = m as { version?: unknown; annotations?: unknown };
  const contract =
    annotations && typeof annotations === 'object'
      ? (annotations as Record<string, unknown>)['lightrun.com/values-contract']
      : undefined;
  const v = typeof contract === 'string' ? contract : version;
  return (CHART_VERSIONS as readonly unknown[]).includes(v) ? (v as ChartVersion) : null;
}

/** Why a plan of `profile` may not be installed over a release running `running`; null when it may. */
export function profileMismatch(
  running: ChartVersion | null,
  profile: ChartVersion | undefined,
  t: { release: string; namespace: string },
): string | null {
  const plan = profile ?? '3.9.4';
  if (running === null || running === plan) return null;
  if (running === '3.9.4')
    return `Refused: release ${t.release} runs chart 3.9.4, and this plan is for chart 3.50.0. Moving a release to 3.50 takes steps before helm (back up the database, the queue's StatefulSet, self-signed internal TLS — docs/chart-3.50.md §13.4) that an install does not take. Nothing was changed. Run the guided upgrade instead (the plan page's Upgrade, or npm run cli -- upgrade --release ${t.release} --namespace ${t.namespace} --to 3.50.0); plan it first with: npm run cli -- upgrade-plan --release ${t.release} --namespace ${t.namespace}`;
  return `Refused: release ${t.release} runs chart 3.50.0, and this plan is for chart 3.9.4. Going back would point MySQL 8.0 and the 1.50 images at data 3.50 has already converted, which cannot be undone (docs/chart-3.50.md §13.3). Nothing was changed. Choose chart 3.50.0 on step 1, or start from this release.`;
}

/** What Review says before Install when the release of the plan runs the other chart. */
export interface ProfileConflict {
  /** The chart the release runs. */
  running: ChartVersion;
  /** The chart of the plan. */
  plan: ChartVersion;
  message: string;
}

/**
 * Review's warning for the case the job refuses (`profileMismatch`), said before Install: a 3.9.4
 * release is moved to 3.50 with the upgrade plan, and a 3.50 release cannot go back to 3.9.4.
 */
export function profileConflict(
  running: ChartVersion | null,
  profile: ChartVersion | undefined,
  t: { release: string; namespace: string },
): ProfileConflict | null {
  const plan = profile ?? '3.9.4';
  if (running === null || running === plan) return null;
  const head = `Release ${t.release} in namespace ${t.namespace} runs chart ${running}, and this plan is for chart ${plan}: the install would be refused.`;
  const message =
    running === '3.9.4'
      ? `${head} Moving a release from 3.9.4 to 3.50 takes steps before helm — back up the database and the release’s Secrets, remove the queue’s StatefulSet, deal with self-signed internal TLS (docs/chart-3.50.md §13.4) — and the upgrade plan lists them with this release’s own names. Open the plan, or give this plan another release name to install beside it.`
      : `${head} A release of chart 3.50 cannot go back to 3.9.4: that would point MySQL 8.0 and the 1.50 images at data 3.50 has already converted, which cannot be undone (docs/chart-3.50.md §13.3). Choose chart 3.50.0 on step 1, or start from this release.`;
  return { running, plan, message };
}
