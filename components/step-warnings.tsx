'use client';

import { useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import type { Answers } from '@/lib/answers';
import { stepOfPath, type StepId } from '@/lib/answers/steps';
import { warningsFor } from '@/lib/answers/warnings';

/** The warnings about this step's answers (lib/answers `warningsFor`), where the answer is given, not only on Review. */
export function StepWarnings({ step }: { step: StepId }) {
  const answers = useWatch() as Answers;
  const mine = useMemo(() => {
    try {
      return warningsFor(answers).filter((w) => stepOfPath(w.path) === step);
    } catch {
      return []; // a half-switched branch for one render
    }
  }, [answers, step]);
  if (mine.length === 0) return null;
  return (
    <div className="callout warn" data-testid="step-warnings">
      <p>
        <strong>Read before installing</strong>
      </p>
      <ul>
        {mine.map((w) => (
          <li key={w.path.join('.') + w.message}>{w.message}</li>
        ))}
      </ul>
    </div>
  );
}
