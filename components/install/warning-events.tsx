'use client';

import { memo } from 'react';
import type { WarningEntry } from '@/lib/status/reducer';

const SHOWN = 50;

/** Kubernetes Warning events as they happen, newest first (memoized: the page renders on every pod change, the warnings change far less often). */
export const WarningEvents = memo(function WarningEvents({
  warnings,
}: {
  warnings: WarningEntry[];
}) {
  if (warnings.length === 0) return <p className="empty">No warnings.</p>;
  const newest = warnings.slice(-SHOWN).reverse();
  return (
    <ul className="warnings" data-testid="warnings">
      {newest.map((w) => (
        <li key={w.uid} data-testid="warning">
          <span className="mono when">{new Date(w.lastTimestamp).toLocaleTimeString()}</span>
          <span className="mono">
            {w.object.kind}/{w.object.name}
          </span>
          <strong>{w.reason}</strong>
          {w.count > 1 ? <span className="muted"> ×{w.count}</span> : null}
          <span className="msg">{w.message}</span>
        </li>
      ))}
      {warnings.length > SHOWN && (
        <li className="muted">…and {warnings.length - SHOWN} older warnings.</li>
      )}
    </ul>
  );
});
