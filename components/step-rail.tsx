'use client';

import { STEPS, type StepId } from '@/lib/answers/steps';
import type { StepState } from './step-status';

const LABEL: Record<StepState, string> = {
  untouched: 'not visited',
  valid: 'complete',
  error: 'has errors',
};

export function StepRail({
  current,
  states,
  onSelect,
}: {
  current: StepId;
  states: Record<StepId, StepState>;
  onSelect: (id: StepId) => void;
}) {
  const index = STEPS.findIndex((s) => s.id === current);
  return (
    <nav className="rail" aria-label="Wizard steps">
      <p className="rail-progress" aria-hidden="true">
        Step {index + 1} of {STEPS.length}
      </p>
      <ol>
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              className={`rail-step ${states[s.id]}`}
              aria-current={s.id === current ? 'step' : undefined}
              data-testid={`step-${s.id}`}
              data-state={states[s.id]}
              // one name at every width, e.g. "Database, not visited" (issue 25 #13: "3 , not visited")
              aria-label={`${s.title}, ${LABEL[states[s.id]]}`}
              onClick={() => onSelect(s.id)}
            >
              <span className="rail-dot" aria-hidden="true">
                {states[s.id] === 'valid' ? '✓' : states[s.id] === 'error' ? '!' : i + 1}
              </span>
              <span className="rail-title">{s.title}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
