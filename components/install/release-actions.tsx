'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { JobInfo } from '@/lib/status/reducer';
import { dashboardUrl } from './dashboard-url';

type Action = 'cancel' | 'rollback' | 'uninstall';

const TEXT: Record<Action, { button: string; confirm: (j: JobInfo) => string; danger: boolean }> = {
  cancel: {
    button: 'Cancel install',
    danger: false,
    confirm: (j) =>
      `Stop helm for release ${j.release}? helm gets SIGTERM and finishes cleanly; what it already created stays.`,
  },
  rollback: {
    button: 'Roll back',
    danger: true,
    confirm: (j) =>
      `Roll release ${j.release} in namespace ${j.namespace} back to its previous revision?`,
  },
  uninstall: {
    button: 'Uninstall',
    danger: true,
    confirm: (j) =>
      `Uninstall release ${j.release} from namespace ${j.namespace}? Its workloads and Services are deleted (PersistentVolumeClaims of StatefulSets stay).`,
  },
};

async function post(
  action: Action,
  jobId: string,
  job: JobInfo,
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
  // The uninstall route wants the confirmation explicitly; the dialog above is where it was given.
  const body =
    action === 'cancel' ? {} : action === 'uninstall' ? { ...target, confirm: true } : target;
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
    };
    return {
      ok: res.ok,
      message: data.message ?? data.error ?? (res.ok ? 'Done.' : `Failed (HTTP ${res.status}).`),
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
  running,
  action: upgrade,
}: {
  jobId: string;
  job: JobInfo;
  running: boolean;
  action: JobInfo['action'];
}) {
  const router = useRouter();
  const [asking, setAsking] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const offered: Action[] = running
    ? ['cancel']
    : upgrade === 'upgrade'
      ? ['rollback', 'uninstall']
      : ['uninstall', 'rollback'];
  const confirm = async (a: Action) => {
    setBusy(true);
    const r = await post(a, jobId, job);
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
  return (
    <div className="release-actions" data-testid="release-actions">
      {asking ? (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="confirm-text"
          data-testid="confirm"
        >
          <p id="confirm-text">{TEXT[asking].confirm(job)}</p>
          <div className="row-actions">
            <button
              type="button"
              className={`button ${TEXT[asking].danger ? 'danger' : 'primary'} small`}
              disabled={busy}
              onClick={() => void confirm(asking)}
              data-testid="confirm-yes"
            >
              {busy ? 'Working…' : `Yes, ${TEXT[asking].button.toLowerCase()}`}
            </button>
            <button
              type="button"
              className="button secondary small"
              disabled={busy}
              onClick={() => setAsking(null)}
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
              {TEXT[a].button}
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
