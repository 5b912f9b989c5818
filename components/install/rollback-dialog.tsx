'use client';

import { useEffect, useState } from 'react';
import type { JobInfo } from '@/lib/status/reducer';
import type { RevisionInfo } from '@/lib/install/release-actions';
import { ChangeTable, type ValueChange } from './values-diff';

type Revision = RevisionInfo;
interface HistoryAnswer {
  revisions?: Revision[];
  current?: number;
  diff?: {
    revision: number;
    changes: ValueChange[];
    initialised: { path: string; message: string }[];
  };
  error?: string;
  issues?: { message: string }[];
}

async function history(job: JobInfo, revision?: number): Promise<HistoryAnswer> {
  try {
    const res = await fetch('/api/releases/history', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      cache: 'no-store',
      body: JSON.stringify({
        context: job.context ?? undefined,
        namespace: job.namespace,
        release: job.release,
        ...(revision ? { revision } : {}),
      }),
    });
    const body = (await res.json().catch(() => ({}))) as HistoryAnswer;
    return res.ok
      ? body
      : { error: body.issues?.[0]?.message ?? body.error ?? `HTTP ${res.status}` };
  } catch (e) {
    return { error: `The wizard server did not answer: ${(e as Error).message}` };
  }
}

const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : '');

/**
 * Roll back: the release's revisions to pick from (the newest deployed one before the current by
 * default), the picked revision's values against the current ones, and the revision it creates.
 */
export function RollbackDialog({
  job,
  busy,
  onConfirm,
  onCancel,
}: {
  job: JobInfo;
  busy: boolean;
  onConfirm: (revision: number) => void;
  onCancel: () => void;
}) {
  const [list, setList] = useState<HistoryAnswer | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [diff, setDiff] = useState<HistoryAnswer | null>(null);
  useEffect(() => {
    let live = true;
    void history(job).then((h) => live && setList(h));
    return () => {
      live = false;
    };
  }, [job]);
  const current = list?.current ?? 0;
  const choices = (list?.revisions ?? []).filter((r) => r.revision !== current);
  const fallback =
    choices.find((r) => r.status === 'deployed' || r.status === 'superseded')?.revision ?? null;
  const target = picked ?? fallback;
  useEffect(() => {
    if (target === null) return;
    let live = true;
    void history(job, target).then((h) => live && setDiff(h));
    return () => {
      live = false;
    };
  }, [job, target]);
  const shown = diff?.diff?.revision === target ? diff.diff : null;
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-labelledby="rollback-title"
      data-testid="confirm"
    >
      <p id="rollback-title">
        <strong>
          Roll release {job.release} in namespace {job.namespace} back
          {target !== null ? ` to revision ${target}` : ''}
        </strong>
        {current
          ? ` (it is at revision ${current}; the rollback makes revision ${current + 1})`
          : ''}
        .
      </p>
      {list?.error && <p className="field-error">{list.error}</p>}
      {!list && <p className="muted">Reading the release’s history…</p>}
      {list && !list.error && choices.length === 0 && (
        <p className="muted" data-testid="rollback-none">
          The release has no earlier revision to roll back to.
        </p>
      )}
      {choices.length > 0 && (
        <label className="field">
          Revision{' '}
          <select
            value={target ?? ''}
            onChange={(e) => setPicked(Number(e.target.value))}
            data-testid="rollback-revision"
          >
            {choices.map((r) => (
              <option key={r.revision} value={r.revision}>
                {`revision ${r.revision} · ${r.status}${r.chart ? ` · ${r.chart}` : ''}${r.updated ? ` · ${when(r.updated)}` : ''}`}
              </option>
            ))}
          </select>
        </label>
      )}
      {target !== null && !shown && !diff?.error && <p className="muted">Comparing values…</p>}
      {diff?.error && <p className="field-error">{diff.error}</p>}
      {shown && shown.initialised.length > 0 && (
        <div className="callout danger" role="alert" data-testid="rollback-initialised">
          <p>
            <strong>
              Revision {target} holds other values for secrets the release has initialised;
            </strong>{' '}
            rolling back to it would break the release as such an upgrade would:
          </p>
          <ul>
            {shown.initialised.map((c) => (
              <li key={c.path}>
                <code>{c.path}</code>: {c.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {shown &&
        (shown.changes.length ? (
          <div data-testid="rollback-diff">
            <p>
              {shown.changes.length === 1
                ? '1 value changes back'
                : `${shown.changes.length} values change back`}{' '}
              (secrets masked):
            </p>
            <ChangeTable
              changes={shown.changes}
              initialised={shown.initialised}
              labels={[`Now (revision ${current})`, `Revision ${target}`]}
            />
          </div>
        ) : (
          <p className="muted" data-testid="rollback-diff">
            Revision {target} has the same values as now (its chart or objects may differ).
          </p>
        ))}
      <div className="row-actions">
        <button
          type="button"
          className="button danger small"
          disabled={busy || target === null}
          onClick={() => target !== null && onConfirm(target)}
          data-testid="confirm-yes"
        >
          {busy ? 'Working…' : target !== null ? `Roll back to revision ${target}` : 'Roll back'}
        </button>
        <button type="button" className="button secondary small" disabled={busy} onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}
