/**
 * Whether a rollback crosses the one-way upgrade from chart 3.9.4 to 3.50 (docs/chart-3.50.md
 * §13.3, docs/upgrade.md "Roll back"): once a 3.50 revision has run, MySQL 8.4 has converted the
 * data directory and Lightrun 1.91 its tables, and `helm rollback` to a 3.9.4 revision would start
 * 3.9.4 on data it cannot read. Such a rollback is refused before helm runs, with the way back
 * that works: reinstall 3.9.4 from what was saved and restore the database backup. PURE.
 */

/** A revision of the release and the values contract of its chart (annotation, else version). */
export interface RevisionContract {
  revision: number;
  contract: string;
  /** `<chart name>-<chart version>`, as helm lists it */
  chart?: string;
}

/** The first contract on the 3.50 side of the one-way step. */
const ONE_WAY_FROM = [3, 50, 0];

/** The numbers of a version `3.9.4` / `3.50.0` / `v3.50.1`, or null when it is none. */
function versionOf(s: string): number[] | null {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(s.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

/** a ≥ 3.50.0, or null when a is no version. */
function isAfterStep(contract: string): boolean | null {
  const v = versionOf(contract);
  if (!v) return null;
  for (let i = 0; i < 3; i++) if (v[i] !== ONE_WAY_FROM[i]) return v[i]! > ONE_WAY_FROM[i]!;
  return true;
}

/** What refuses the rollback: the target revision and the 3.50 revision after it. */
export interface OneWayCrossing {
  to: RevisionContract;
  crossed: RevisionContract;
}

/**
 * The crossing when rolling back to revision `to` would go from a 3.50 revision (any revision
 * after `to`, whatever its status: a failed upgrade may have started MySQL 8.4 already) back to a
 * revision before 3.50; null when it does not, or when a contract is unknown (not a version).
 */
export function oneWayCrossing(
  revisions: readonly RevisionContract[],
  to: number,
): OneWayCrossing | null {
  const target = revisions.find((r) => r.revision === to);
  if (!target || isAfterStep(target.contract) !== false) return null;
  const crossed = revisions
    .filter((r) => r.revision > to && isAfterStep(r.contract) === true)
    .sort((a, b) => a.revision - b.revision)[0];
  return crossed ? { to: target, crossed } : null;
}

/** The refusal, in the admin's words: why, that nothing changed, and the restore path. */
export function oneWayRollbackMessage(
  c: OneWayCrossing,
  t: { release: string; namespace: string },
): string {
  const chart = (r: RevisionContract) =>
    `${r.chart ? `chart ${r.chart}, ` : ''}values contract ${r.contract}`;
  return [
    `Rollback of ${t.release} to revision ${c.to.revision} (${chart(c.to)}) refused: revision ${c.crossed.revision} (${chart(c.crossed)}) upgraded it past a one-way step.`,
    'MySQL 8.4 converts the data directory and Lightrun 1.91 converts its tables on first start; helm rollback would start the old release on data it cannot read. Nothing was changed.',
    `A rollback across this upgrade is a restore: reinstall the old release from the values and Secrets saved before the upgrade (the plan page's "Keep the release as it is now"), then load the database backup taken before it (the plan page's "Back up the database" or \`cli backup\`) with \`npm run cli -- restore --release ${t.release} --namespace ${t.namespace} --from FILE --yes-restore\` (docs/upgrade.md, "Backup and restore of the database").`,
  ].join(' ');
}
