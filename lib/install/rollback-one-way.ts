import 'server-only';
/**
 * The rollback's guard against crossing the one-way 3.9.4 → 3.50 upgrade (docs/upgrade.md,
 * "Roll back"): the values contract of the target revision and of each later one, read with
 * `helm get metadata --revision` (the chart's `lightrun.com/values-contract` annotation, else its
 * version; never values), then lib/upgrade/rollback.ts decides. Refused before helm runs.
 */
import { getMetadataArgs } from '../helm/args';
import type { HistoryEntry } from '../helm/history';
import type { Target } from '../target';
import { oneWayCrossing, oneWayRollbackMessage, type RevisionContract } from '../upgrade/rollback';
import { ConflictError } from './errors';
import type { HelmCli } from './helm-cli';

/** A rollback across the one-way upgrade to chart 3.50: the message names the restore path. */
export class OneWayRollback extends ConflictError {
  override name = 'OneWayRollback';
}

/** The revision's chart and values contract, or null when helm cannot say. */
async function contractOf(
  helm: HelmCli,
  target: Target,
  e: HistoryEntry,
): Promise<RevisionContract | null> {
  const r = await helm.run(getMetadataArgs(target, target.release, e.revision));
  if (r.code !== 0) return null;
  try {
    const m = JSON.parse(r.stdout) as {
      chart?: unknown;
      version?: unknown;
      annotations?: Record<string, unknown> | null;
    };
    const contract = m.annotations?.['lightrun.com/values-contract'] ?? m.version;
    if (typeof contract !== 'string') return null;
    const chart = typeof m.chart === 'string' ? `${m.chart}-${String(m.version)}` : e.chart;
    return { revision: e.revision, contract, ...(chart ? { chart } : {}) };
  } catch {
    return null;
  }
}

/**
 * Throws OneWayRollback when rolling back to `to` would take a 3.50 revision back to one before
 * 3.50. Reads metadata only when a later revision runs another chart than the target.
 */
export async function refuseOneWayRollback(
  helm: HelmCli,
  target: Target & { release: string },
  history: readonly HistoryEntry[],
  to: number,
): Promise<void> {
  const from = history.find((e) => e.revision === to);
  const later = history.filter((e) => e.revision > to && e.chart !== from?.chart);
  if (!from || !later.length) return;
  const revisions: RevisionContract[] = [];
  for (const e of [from, ...later]) {
    const c = await contractOf(helm, target, e);
    if (c) revisions.push(c);
  }
  const crossing = oneWayCrossing(revisions, to);
  if (crossing) throw new OneWayRollback(oneWayRollbackMessage(crossing, target));
}
