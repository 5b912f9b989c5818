/**
 * The upgrade plan page's view of a plan (docs/upgrade.md, "The plan page"): PURE, so each branch
 * is unit-tested. It decides which releases are offered a plan, the verdict line, what the users
 * notice, the steps with the release's own names, and the helm command the admin runs.
 */
import { PROJECT_CHART_DIR } from '@/lib/answers/constants';
import { VENDOR_CHART } from '@/lib/images/mirror';
import type { ListedRelease } from '@/lib/helm/release-list';
import type { PlanWithoutValues } from '@/lib/install/upgrade-plan';
import type { DumpFacts } from '@/lib/browser/backup-check';
import { MANIFEST_KIND, type BackupManifest } from '@/lib/upgrade/backup/manifest';
import type { FateKind } from '@/lib/upgrade/types';
import { OWN_BACKUP_PHRASE, ownBackupConfirmed } from '@/lib/upgrade/run';

/**
 * The charts a 3.9.4 plan is made for, as `helm list` names them: the vendor's chart at 3.9.4 and
 * the project's chart/ (version 0.1.0, annotated `lightrun.com/values-contract: "3.9.4"`; the
 * server checks the annotation again and refuses any other).
 */
export const CHARTS_394 = ['lightrun-helm-chart-3.9.4', 'lightrun-0.1.0'] as const;

export type PlanOffer = { offered: true } | { offered: false; why: string };

/** Whether a listed release is offered "Plan the upgrade to chart 3.50", or why not. */
export function planOffer(r: Pick<ListedRelease, 'chart'>): PlanOffer {
  if ((CHARTS_394 as readonly string[]).includes(r.chart)) return { offered: true };
  return {
    offered: false,
    why: `No 3.50 upgrade plan: it runs ${r.chart}, and the plan is for releases of chart 3.9.4.`,
  };
}

/** One refusal that makes `helm upgrade` fail as it stands: the object and what to do. */
export interface Refusal {
  object: string;
  message: string;
  todo: string;
}

export interface Verdict {
  ok: boolean;
  headline: string;
  refusals: Refusal[];
}

/** The release's own names in the plan's sentences. */
export function named(text: string, release: string, namespace: string): string {
  return text.replaceAll('<release>', release).replaceAll('<namespace>', namespace);
}

/**
 * Will helm's upgrade succeed? The API server's refusals first (its dry run), then what the plan
 * predicts helm cannot update, each with what to do before the upgrade.
 */
export function verdict(plan: PlanWithoutValues): Verdict {
  const stepNo = (id: string) => plan.steps.findIndex((s) => s.id === id) + 1;
  const mq = stepNo('delete-mq-statefulset-and-pvc');
  const todo = (kind: string, name: string) =>
    kind === 'StatefulSet' && name.endsWith('-mq') && mq > 0
      ? `Do step ${mq} first: scale ${kind} ${name} to 0, then delete it and its claim.`
      : `Delete ${kind} ${name} before the upgrade; helm creates it again.`;
  const refusals: Refusal[] = (plan.dryRun?.refused ?? []).map((r) => ({
    object: `${r.kind} ${r.name}`,
    message: r.message,
    todo: todo(r.kind, r.name),
  }));
  for (const r of plan.objects?.replaced ?? [])
    if (r.helmFails && !refusals.some((x) => x.object === `${r.kind} ${r.name}`))
      refusals.push({ object: `${r.kind} ${r.name}`, message: r.why, todo: todo(r.kind, r.name) });
  if (refusals.length === 0) {
    const n = plan.dryRun ? plan.dryRun.accepted : 0;
    return {
      ok: true,
      headline: plan.dryRun
        ? `helm upgrade will succeed: the API server accepted all ${n} objects it changes.`
        : 'helm upgrade will succeed as far as the plan can tell.',
      refusals,
    };
  }
  const what = refusals.length === 1 ? refusals[0]!.object : `${refusals.length} objects`;
  return {
    ok: false,
    headline: `helm upgrade fails as it stands: Kubernetes refuses to update ${what}. Fix it first:`,
    refusals,
  };
}

/** The rows whose change the server's users or its network notice. */
const USER_ROWS = new Set([
  'access-ingress-controller',
  'access-openshift-no-router',
  'access-load-balancer',
  'access-cluster-ip',
]);

/** What changes for the server's users: a new address (DNS), allow-lists that no longer apply. */
export function userChanges(plan: PlanWithoutValues): string[] {
  return [
    ...(plan.objects?.userVisible ?? []),
    ...plan.rows.filter((r) => USER_ROWS.has(r.id)).map((r) => r.tell),
  ];
}

export type FateFilter = 'all' | 'changed';

/** The rows the table shows: all, or only the translated and dropped ones. */
export function rowsShown<T extends { fate: FateKind }>(rows: readonly T[], f: FateFilter): T[] {
  return f === 'all' ? [...rows] : rows.filter((r) => r.fate !== 'kept');
}

/** The file the admin downloads, and the `helm upgrade` that reads it. */
export const VALUES_FILE = 'values-3.50.yaml';

/** The exact command the admin runs once the steps before it are done. */
export function helmUpgradeCommand(release: string, namespace: string, bundled: boolean): string {
  const chart = bundled
    ? `./${PROJECT_CHART_DIR['3.50.0']}`
    : `${VENDOR_CHART.ref} --version 3.50.0`;
  return `helm upgrade ${release} ${chart} -n ${namespace} -f ${VALUES_FILE}`;
}

/** What the admin types instead of the page's database backup (the upgrade job checks the same phrase). */
export { OWN_BACKUP_PHRASE, ownBackupConfirmed };

/**
 * What the Upgrade button sends to `POST /api/releases/upgrade-run`, or why it waits: a database
 * backup this page took (the server recorded its digest for the job's gate) or the typed phrase.
 */
export function upgradeRunBody(
  target: { release: string; namespace: string; context?: string },
  bundled: boolean,
  b: { databaseDone: boolean; typed: string },
): { body: Record<string, string> } | { wait: string } {
  const body = { ...target, ...(bundled ? { chart: 'bundled' } : {}) };
  if (b.databaseDone) return { body };
  if (ownBackupConfirmed(b.typed)) return { body: { ...body, ownBackup: OWN_BACKUP_PHRASE } };
  return {
    wait: `Back up the database on this page, or type “${OWN_BACKUP_PHRASE}”, before the upgrade.`,
  };
}

/** The steps whose backups the page takes itself: the Secrets, and the in-chart database. */
export const BACKUP_STEPS = {
  secrets: 'save-release',
  aes: 'backup-aes-key',
  database: 'backup-database',
} as const;

/** The Secrets download's result in a line: which Secrets, and those the namespace lacks. */
export function secretsResult(r: { secrets: { name: string }[]; missing: string[] }): string {
  const names = r.secrets.map((s) => s.name).join(', ');
  const kept = `${r.secrets.length} Secret${r.secrets.length === 1 ? '' : 's'}${names ? ` (${names})` : ''}`;
  return r.missing.length ? `${kept}; not in the namespace: ${r.missing.join(', ')}` : kept;
}

/** Whether the step's backup is covered: taken by the page, or the admin's own (database). */
export function backupsDone(s: {
  secrets: boolean;
  database: boolean;
  ownDatabase: boolean;
  needsDatabase: boolean;
}): boolean {
  return s.secrets && (!s.needsDatabase || s.database || s.ownDatabase);
}

/**
 * The manifest `cli backup` writes beside a dump, for the page's download: from what the page
 * checked itself, so `cli restore --from FILE` checks the file against it (FILE.manifest.json).
 */
export function dumpManifest(a: {
  release: string;
  namespace: string;
  pod: string;
  file: string;
  takenAt: string;
  facts: DumpFacts;
}): BackupManifest {
  return {
    kind: MANIFEST_KIND,
    version: 1,
    release: a.release,
    namespace: a.namespace,
    pod: a.pod,
    container: 'mysql',
    database: a.facts.database,
    takenAt: a.takenAt,
    file: a.file,
    bytes: a.facts.bytes,
    sqlBytes: a.facts.sqlBytes,
    tables: a.facts.tables,
    sha256: a.facts.sha256,
  };
}
