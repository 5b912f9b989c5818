'use client';

import { memo, useMemo, useState } from 'react';
import type { PodSummary } from '@/lib/status/events';
import { ageText, restartsText } from '@/lib/status/pod-status';
import { orderPods, podBlocks, sameRows } from '@/lib/status/progress';
import { useClock } from './use-now';

/** Re-renders only when its text changes, not on every 5 s tick. */
function Age({ createdAt }: { createdAt: string }) {
  return <>{useClock(5000, (now) => (now ? ageText(createdAt, now) : ''))}</>;
}

function Restarts({ pod }: { pod: PodSummary }) {
  return <>{useClock(5000, (now) => (now ? restartsText(pod, now) : String(pod.restarts)))}</>;
}

/** One row; memoized on the pod object, which the reducer replaces only when that pod changed. */
const PodRow = memo(function PodRow({ pod }: { pod: PodSummary }) {
  const d = pod.diagnosis;
  return (
    <tr
      role="row"
      className={`pod-row ${pod.readiness}`}
      data-testid="pod-row"
      data-pod={pod.name}
      data-status={pod.status}
    >
      <td role="cell" className="mono" title={pod.name}>
        {pod.name}
      </td>
      <td role="cell">{pod.component || '—'}</td>
      <td role="cell">
        <span className={`status-pill ${pod.readiness}`} data-testid="pod-status">
          {pod.status}
        </span>
      </td>
      <td role="cell" className="num">
        {pod.ready}
      </td>
      <td role="cell" className="num">
        <Restarts pod={pod} />
      </td>
      <td role="cell" className="mono">
        {pod.node || '—'}
      </td>
      <td role="cell" className="num" data-testid="pod-age">
        <Age createdAt={pod.createdAt} />
      </td>
      <td role="cell" className="why" data-testid="pod-why">
        {d ? (
          <>
            <strong>{d.reason}</strong>
            {d.certain ? <span className="tag danger">failed</span> : null}
            <div>{d.message}</div>
            <div className="fix">
              <span>Fix:</span> {d.fix}
            </div>
            {d.logs && d.logs.length > 0 && (
              <details>
                <summary>Last log lines</summary>
                <pre className="logs">{d.logs.join('\n')}</pre>
              </details>
            )}
          </>
        ) : pod.readiness === 'ready' ? (
          <span className="muted">ready</span>
        ) : (
          <span className="muted">starting</span>
        )}
      </td>
    </tr>
  );
});

/** From this many rows on, rows off screen are not rendered (content-visibility) and rows render in blocks. */
const LONG_TABLE = 100;
/**
 * Rows per memoized block of a long table. React compares every memoized child on each render (and
 * walks up its parents for context changes): with 1,000 flat rows that was most of a frame's
 * script (`npm run bench -- scale`); in blocks, a frame with one changed pod compares 20 blocks
 * and the 50 rows of one. A row that moves to another block (its pod changed readiness) is
 * mounted again there.
 */
const BLOCK = 50;

/** One block of rows; renders again only when one of its pods is a new object (or moved). */
const PodBlock = memo(
  function PodBlock({ rows }: { rows: PodSummary[] }) {
    return (
      <>
        {rows.map((p) => (
          <PodRow key={p.name} pod={p} />
        ))}
      </>
    );
  },
  (a, b) => sameRows(a.rows, b.rows),
);

/** Column headers (the rows are CSS grids, so the table roles are stated explicitly for assistive tech). */
const HEADERS = ['Pod', 'Component', 'Status', 'Ready', 'Restarts', 'Node', 'Age', 'Why not ready'];

/** kubectl-style pod table with the reason in words and the fix. */
export function PodTable({ pods }: { pods: ReadonlyMap<string, PodSummary> }) {
  // The last order shown, kept with the pods it was made from: a change that keeps every pod's
  // place is not sorted again. New pods adjust it during render (react.dev, "You might not need an
  // effect": storing information from previous renders); React renders again at once, before the
  // children, and a render it discards leaves the kept order as it was.
  const [order, setOrder] = useState(() => ({ pods, rows: orderPods(undefined, pods) }));
  let rows = order.rows;
  if (order.pods !== pods) {
    rows = orderPods(order.rows, pods);
    setOrder({ pods, rows });
  }
  const long = rows.length > LONG_TABLE;
  const blocks = useMemo(() => (long ? podBlocks(rows, BLOCK) : [rows]), [rows, long]);
  if (rows.length === 0) return <p className="empty">No pods yet.</p>;
  return (
    <div className="table-wrap">
      <table
        className={`pod-table pod-grid${long ? ' long' : ''}`}
        role="table"
        data-testid="pod-table"
      >
        <thead role="rowgroup">
          <tr role="row">
            {HEADERS.map((h) => (
              <th key={h} role="columnheader">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {blocks.map((b, i) => (
            <PodBlock key={i} rows={b} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
