'use client';

import type { ReactNode } from 'react';
import { useWatch } from 'react-hook-form';
import { FieldError } from './field-error';
import { fieldId } from './field-ids';
import { useFieldIssue } from './issues-context';

export type Choice<V extends string> = { value: V; label: string; description?: ReactNode };

type Props<V extends string> = {
  /** The discriminator's path, e.g. `database.mode`; errors attached to it show here. */
  name: string;
  legend: string;
  choices: Choice<V>[];
  /** Replaces the whole branch (see lib/browser/branches) so no field of the old branch stays. */
  onSelect: (value: V) => void;
  columns?: 2 | 3 | 4;
  /** The choice an absent (optional) answer stands for, e.g. chart 3.50's custom CA: none. */
  absent?: V;
};

export function ChoiceField<V extends string>({
  name,
  legend,
  choices,
  onSelect,
  columns = 3,
  absent,
}: Props<V>) {
  const current = String((useWatch({ name }) as unknown) ?? absent);
  const error = useFieldIssue(name);
  const id = fieldId(name);
  return (
    <fieldset className="field choice" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div className={`choice-grid cols-${columns}`}>
        {choices.map((c, i) => (
          <label key={c.value} className={`choice-card${current === c.value ? ' selected' : ''}`}>
            <input
              type="radio"
              name={id}
              value={c.value}
              checked={current === c.value}
              onChange={() => onSelect(c.value)}
              data-testid={`choice-${name}-${c.value}`}
              aria-invalid={
                error &&
                (current === c.value || (i === 0 && !choices.some((x) => x.value === current)))
                  ? true
                  : undefined
              }
            />
            <span className="choice-body">
              <span className="choice-title">{c.label}</span>
              {c.description && <span className="choice-desc">{c.description}</span>}
            </span>
          </label>
        ))}
      </div>
      <FieldError name={name} message={error} />
    </fieldset>
  );
}
