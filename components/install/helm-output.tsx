'use client';

import { memo } from 'react';
import type { HelmLine } from '@/lib/status/reducer';

/** helm's own output (redacted by the job), stderr marked. */
export const HelmOutput = memo(function HelmOutput({ lines }: { lines: HelmLine[] }) {
  if (lines.length === 0) return <p className="empty">helm has not written anything yet.</p>;
  return (
    <pre className="helm-output" data-testid="helm-output">
      {lines.map((l) => (
        <span key={l.id} className={l.stream === 'stderr' ? 'stderr' : undefined}>
          {l.line}
          {'\n'}
        </span>
      ))}
    </pre>
  );
});
