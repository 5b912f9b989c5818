/** What `helm history --output json` says about a release (PURE). */

export interface HistoryEntry {
  revision: number;
  status: string;
  chart?: string;
  app_version?: string;
  updated?: string;
  description?: string;
}

export type ReleaseState =
  | { kind: 'absent' }
  | { kind: 'ok'; revision: number; status: string; updated?: string }
  /** The newest revision is pending-install/upgrade/rollback: a helm was killed mid-operation. */
  | {
      kind: 'pending';
      revision: number;
      status: string;
      recovery: { action: 'rollback'; toRevision: number } | { action: 'uninstall' };
    };

/** Parses helm history JSON; throws on anything that is not a list of revisions. */
export function parseHistory(json: string): HistoryEntry[] {
  const v: unknown = JSON.parse(json);
  if (!Array.isArray(v)) throw new Error('helm history did not return a list');
  return v
    .filter(
      (e): e is HistoryEntry =>
        !!e &&
        typeof e === 'object' &&
        Number.isInteger((e as HistoryEntry).revision) &&
        typeof (e as HistoryEntry).status === 'string',
    )
    .sort((a, b) => a.revision - b.revision);
}

/**
 * The release's state for the job: absent, fine, or stuck `pending-*` with the recovery — roll
 * back to the last `deployed` (or superseded) revision, or uninstall when it never deployed.
 */
export function releaseState(history: readonly HistoryEntry[]): ReleaseState {
  const last = history[history.length - 1];
  if (!last) return { kind: 'absent' };
  if (!last.status.startsWith('pending-'))
    return {
      kind: 'ok',
      revision: last.revision,
      status: last.status,
      ...(last.updated ? { updated: last.updated } : {}),
    };
  const good = [...history]
    .reverse()
    .find(
      (h) => h.revision < last.revision && (h.status === 'deployed' || h.status === 'superseded'),
    );
  return {
    kind: 'pending',
    revision: last.revision,
    status: last.status,
    recovery: good ? { action: 'rollback', toRevision: good.revision } : { action: 'uninstall' },
  };
}

/** The revision a rollback goes to: the newest deployed/superseded one before the current. */
export function previousRevision(history: readonly HistoryEntry[]): number | null {
  const last = history[history.length - 1];
  if (!last) return null;
  const prev = [...history]
    .reverse()
    .find(
      (h) => h.revision < last.revision && (h.status === 'deployed' || h.status === 'superseded'),
    );
  return prev?.revision ?? null;
}
