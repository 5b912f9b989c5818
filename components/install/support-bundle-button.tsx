'use client';

import { useState } from 'react';
import { attachmentName, downloadBlob } from '@/lib/browser/download';
import type { JobInfo } from '@/lib/status/reducer';

/**
 * "Download support bundle": POST /api/support-bundle for this job (the server has the job's
 * answers and log; nothing secret goes in the URL), saved as a .tar.gz.
 */
export function SupportBundleButton({
  jobId,
  job,
  failed,
}: {
  jobId: string;
  job: JobInfo;
  failed: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const download = async () => {
    setBusy(true);
    setResult(null);
    try {
      const res = await fetch('/api/support-bundle', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          jobId,
          context: job.context ?? undefined,
          namespace: job.namespace,
          release: job.release,
        }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as {
          error?: string;
          fix?: string;
          issues?: { message: string }[];
        };
        setResult({
          ok: false,
          message: body.error
            ? `${body.error}${body.fix ? ` ${body.fix}` : ''}`
            : (body.issues?.map((i) => i.message).join(' ') ??
              `The bundle could not be made (HTTP ${res.status}).`),
        });
        return;
      }
      const name = attachmentName(
        res.headers.get('content-disposition'),
        `support-bundle-${job.release}.tar.gz`,
      );
      const blob = await res.blob();
      downloadBlob(name, blob);
      setResult({
        ok: true,
        message: `Saved ${name} (${Math.max(1, Math.round(blob.size / 1024))} KB). README.txt inside lists what it holds and what could not be read.`,
      });
    } catch (e) {
      setResult({
        ok: false,
        message: `The wizard server did not answer: ${(e as Error).message}`,
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={`support-bundle${failed ? ' failed' : ''}`} data-testid="support-bundle">
      <button
        type="button"
        className={`button ${failed ? 'primary' : 'secondary'} small`}
        disabled={busy}
        onClick={() => void download()}
        data-testid="support-bundle-button"
      >
        {busy ? 'Collecting…' : 'Download support bundle'}
      </button>
      <span className="muted">
        {failed ? 'Send it to Lightrun support: ' : ''}pods, events, logs, helm history and this
        job’s log in one .tar.gz; every secret value is redacted.
      </span>
      {result && (
        <p
          className={result.ok ? 'muted' : 'field-error'}
          role="status"
          data-testid="support-bundle-result"
        >
          {result.message}
        </p>
      )}
    </div>
  );
}
