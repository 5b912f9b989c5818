'use client';

import { memo, useMemo } from 'react';
import type { PodSummary } from '@/lib/status/events';
import { ageText, restartsText } from '@/lib/status/pod-status';
import { sortPods } from '@/lib/status/progress';
import { useNow } from './use-now';

function Age({ createdAt }: { createdAt: string }) {
  const now = useNow(5000);
  return <>{now ? ageText(createdAt, now) : ''}</>;
}

function Restarts({ pod }: { pod: PodSummary }) {
  const now = useNow(5000);
  return <>{now ? restartsText(pod, now) : String(pod.restarts)}</>;
}

/** One row; memoized on the pod object, which the reducer replaces only when that pod changed. */
const PodRow = memo(function PodRow({ pod }: { pod: PodSummary }) {
  const d = pod.diagnosis;
  return (
    <tr className={`pod-row ${pod.readiness}`} data-testid="pod-row" data-pod={pod.name} data-status={pod.status}>
      <td className="mono">{pod.name}</td>
      <td>{pod.component || '—'}</td>
      <td><span className={`status-pill ${pod.readiness}`} data-testid="pod-status">{pod.status}</span></td>
      <td className="num">{pod.ready}</td>
      <td className="num"><Restarts pod={pod} /></td>
      <td className="mono">{pod.node || '—'}</td>
      <td className="num"><Age createdAt={pod.createdAt} /></td>
      <td className="why" data-testid="pod-why">
        {d ? (
          <>
            <strong>{d.reason}</strong>{d.certain ? <span className="tag danger">failed</span> : null}
            <div>{d.message}</div>
            <div className="fix"><span>Fix:</span> {d.fix}</div>
            {d.logs && d.logs.length > 0 && (
              <details><summary>Last log lines</summary><pre className="logs">{d.logs.join('\n')}</pre></details>
            )}
          </>
        ) : pod.readiness === 'ready' ? <span className="muted">ready</span> : <span className="muted">starting</span>}
      </td>
    </tr>
  );
});

/** kubectl-style pod table with the reason in words and the fix. */
export function PodTable({ pods }: { pods: Record<string, PodSummary> }) {
  const rows = useMemo(() => sortPods(pods), [pods]);
  if (rows.length === 0) return <p className="empty">No pods yet.</p>;
  return (
    <div className="table-wrap">
      <table className="pod-table" data-testid="pod-table">
        <thead>
          <tr><th>Pod</th><th>Component</th><th>Status</th><th>Ready</th><th>Restarts</th><th>Node</th><th>Age</th><th>Why not ready</th></tr>
        </thead>
        <tbody>{rows.map((p) => <PodRow key={p.name} pod={p} />)}</tbody>
      </table>
    </div>
  );
}
