'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { JobKind } from '@/lib/status/progress';
import type { JobInfo } from '@/lib/status/reducer';
import { dashboardUrl } from './dashboard-url';
import { RollbackDialog } from './rollback-dialog';
import { UninstallDialog, type UninstallChoice } from './uninstall-dialog';

type Action = 'cancel' | 'rollback' | 'uninstall';
type Extra = { revision?: number; delete?: UninstallChoice };

/** The cancel as what it stops: helm for an install, upgrade, rollback; only the watch for a watch. */
function cancelText(job: JobInfo, kind: JobKind): { button: string; confirm: string } {
  if (job.action === 'watch')
    return {
      button: 'Stop watching',
      confirm: `Stop watching release ${job.release}? Nothing in the cluster changes.`,
    };
  const what = kind === 'install' ? (job.action === 'upgrade' ? 'upgrade' : 'install') : kind;
  return {
    button: `Cancel ${what}`,
    confirm: `Stop helm for release ${job.release}? helm gets SIGTERM and finishes cleanly; what it already created stays.`,
  };
}

async function post(
  action: Action,
  jobId: string,
  job: JobInfo,
  extra: Extra,
): Promise<{ ok: boolean; message: string; jobId?: string }> {
  const url =
    action === 'cancel'
      ? `/api/install/${encodeURIComponent(jobId)}/cancel`
      : `/api/releases/${action}`;
  const target = {
    context: job.context ?? undefined,
    namespace: job.namespace,
    release: job.release,
  };
  // The uninstall route wants the confirmation explicitly; the dialog (name typed) is where it was given.
  const body =
    action === 'cancel'
      ? {}
      : action === 'uninstall'
        ? { ...target, confirm: true, ...(extra.delete ? { delete: extra.delete } : {}) }
        : { ...target, ...(extra.revision ? { revision: extra.revision } : {}) };
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const data = (await res.json().catch(() => ({}))) as {
      jobId?: string;
      message?: string;
      error?: string;
      issues?: { message: string }[];
    };
    return {
      ok: res.ok,
      message:
        data.message ??
        data.error ??
        data.issues?.[0]?.message ??
        (res.ok ? 'Done.' : `Failed (HTTP ${res.status}).`),
      jobId: data.jobId,
    };
  } catch (err) {
    return { ok: false, message: `The wizard server did not answer: ${(err as Error).message}` };
  }
}

/** Cancel while running; roll back or uninstall afterwards — each only after a confirmation. */
export function ReleaseActions({
  jobId,
  job,
  kind,
  running,
}: {
  jobId: string;
  job: JobInfo;
  kind: JobKind;
  running: boolean;
}) {
  const router = useRouter();
  const [asking, setAsking] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const offered: Action[] = running ? ['cancel'] : ['rollback', 'uninstall'];
  const cancel = cancelText(job, kind);
  const confirm = async (a: Action, extra: Extra = {}) => {
    setBusy(true);
    const r = await post(a, jobId, job, extra);
    setBusy(false);
    setAsking(null);
    setResult(r);
    if (r.ok && r.jobId && r.jobId !== jobId)
      router.push(
        dashboardUrl(r.jobId, {
          context: job.context ?? undefined,
          namespace: job.namespace,
          release: job.release,
        }),
      );
  };
  const close = () => setAsking(null);
  const label: Record<Action, string> = {
    cancel: cancel.button,
    rollback: 'Roll back…',
    uninstall: 'Uninstall…',
  };
  return (
    <div className="release-actions" data-testid="release-actions">
      {asking === 'rollback' ? (
        <RollbackDialog
          job={job}
          busy={busy}
          onConfirm={(revision) => void confirm('rollback', { revision })}
          onCancel={close}
        />
      ) : asking === 'uninstall' ? (
        <UninstallDialog
          job={job}
          busy={busy}
          onConfirm={(choice) => void confirm('uninstall', { delete: choice })}
          onCancel={close}
        />
      ) : asking === 'cancel' ? (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="confirm-text"
          data-testid="confirm"
        >
          <p id="confirm-text">{cancel.confirm}</p>
          <div className="row-actions">
            <button
              type="button"
              className="button primary small"
              disabled={busy}
              onClick={() => void confirm('cancel')}
              data-testid="confirm-yes"
            >
              {busy ? 'Working…' : `Yes, ${cancel.button.toLowerCase()}`}
            </button>
            <button
              type="button"
              className="button secondary small"
              disabled={busy}
              onClick={close}
            >
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <div className="row-actions">
          {offered.map((a) => (
            <button
              key={a}
              type="button"
              className="button secondary small"
              onClick={() => {
                setResult(null);
                setAsking(a);
              }}
              data-testid={`action-${a}`}
            >
              {label[a]}
            </button>
          ))}
        </div>
      )}
      {result && (
        <p
          className={result.ok ? 'muted' : 'field-error'}
          role="status"
          data-testid="action-result"
        >
          {result.message}
        </p>
      )}
    </div>
  );
}
