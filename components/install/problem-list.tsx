'use client';

import type { Problem } from '@/lib/status/progress';

/** The pods that are not ready and why, certain failures first: shown live and as the failure summary. */
export function ProblemList({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="problems" data-testid="problems">
      {problems.map((p) => (
        <li
          key={p.pod}
          className={p.certain ? 'certain' : ''}
          data-testid="problem"
          data-pod={p.pod}
        >
          <p>
            <strong className="mono">{p.pod}</strong> — <strong>{p.reason}</strong>
            {p.image ? (
              <>
                {' '}
                (image <code>{p.image}</code>)
              </>
            ) : null}
          </p>
          <p>{p.message}</p>
          <p className="fix">
            <span>Fix:</span> {p.fix}
          </p>
        </li>
      ))}
    </ul>
  );
}
