'use client';

import type { ReactNode } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { FieldError } from './field-error';
import { describedBy, fieldId } from './field-ids';
import { useFieldIssue } from './issues-context';

type Props = {
  name: string;
  label: string;
  hint?: ReactNode;
  /** For a union switch (`networkPolicy.enabled`): replace the branch instead of setting the flag. */
  onToggle?: (on: boolean) => void;
};

export function ToggleField({ name, label, hint, onToggle }: Props) {
  const { register } = useFormContext();
  const checked = Boolean(useWatch({ name }));
  const error = useFieldIssue(name);
  const id = fieldId(name);
  const input = onToggle
    ? { checked, onChange: (e: React.ChangeEvent<HTMLInputElement>) => onToggle(e.target.checked) }
    : register(name);
  return (
    <div className="field toggle">
      <input
        type="checkbox"
        id={id}
        data-testid={`field-${name}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, Boolean(hint), Boolean(error))}
        {...input}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        {hint && (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        <FieldError name={name} message={error} />
      </div>
    </div>
  );
}
