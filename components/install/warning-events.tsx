'use client';

import { memo } from 'react';
import type { PodSummary } from '@/lib/status/events';
import type { WarningEntry } from '@/lib/status/reducer';

/**
 * A warning about a pod that is ready now (a FailedScheduling before the node had room, a probe
 * that failed while the backend started): history, not a problem, so it is shown muted.
 */
function resolved(w: WarningEntry, pods: ReadonlyMap<string, PodSummary>): boolean {
  return w.object.kind === 'Pod' && pods.get(w.object.name)?.readiness === 'ready';
}

const SHOWN = 50;

/** Kubernetes Warning events as they happen, newest first (memoized: the page renders on every pod change, the warnings change far less often). */
export const WarningEvents = memo(function WarningEvents({
  warnings,
  pods,
}: {
  warnings: WarningEntry[];
  pods: ReadonlyMap<string, PodSummary>;
}) {
  if (warnings.length === 0) return <p className="empty">No warnings.</p>;
  const newest = warnings.slice(-SHOWN).reverse();
  return (
    <ul className="warnings" data-testid="warnings">
      {newest.map((w) => (
        <li
          key={w.uid}
          data-testid="warning"
          className={resolved(w, pods) ? 'resolved' : 'open'}
          data-resolved={resolved(w, pods) ? 'true' : 'false'}
        >
          <span className="mono when">{new Date(w.lastTimestamp).toLocaleTimeString()}</span>
          <span className="mono">
            {w.object.kind}/{w.object.name}
          </span>
          <strong>{w.reason}</strong>
          {w.count > 1 ? <span className="muted"> ×{w.count}</span> : null}
          {resolved(w, pods) && <span className="tag">resolved: the pod is ready now</span>}
          <span className="msg">{w.message}</span>
        </li>
      ))}
      {warnings.length > SHOWN && (
        <li className="muted">…and {warnings.length - SHOWN} older warnings.</li>
      )}
    </ul>
  );
});
