'use client';

import { memo } from 'react';
import type { StepEntry } from '@/lib/status/reducer';

const ICON: Record<StepEntry['state'], string> = {
  running: '…',
  done: '✓',
  failed: '✕',
  skipped: '–',
};

/** The job's steps (namespace → secrets → helm → wait) with their state and message. */
export const StepList = memo(function StepList({ steps }: { steps: StepEntry[] }) {
  if (steps.length === 0) return null;
  return (
    <ol className="steps" data-testid="steps">
      {steps.map((s) => (
        <li
          key={s.step}
          className={s.state}
          data-testid="step"
          data-step={s.step}
          data-state={s.state}
        >
          <span className="step-icon" aria-hidden="true">
            {ICON[s.state]}
          </span>
          <strong>{s.step}</strong> <span className="muted">{s.message}</span>
        </li>
      ))}
    </ol>
  );
});
