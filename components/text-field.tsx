'use client';

import { useState, type ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { FieldError } from './field-error';
import { describedBy, fieldId } from './field-ids';
import { useFieldIssue } from './issues-context';

type Props = {
  name: string;
  label: string;
  hint?: ReactNode;
  placeholder?: string;
  /** Masked until the user reveals it; never autocompleted or spell-checked. */
  secret?: boolean;
  multiline?: boolean;
  number?: boolean;
  mono?: boolean;
  children?: ReactNode;
};

export function TextField({
  name,
  label,
  hint,
  placeholder,
  secret,
  multiline,
  number,
  mono,
  children,
}: Props) {
  const { register } = useFormContext();
  const [shown, setShown] = useState(false);
  const error = useFieldIssue(name);
  const id = fieldId(name);
  const common = {
    id,
    'data-testid': `field-${name}`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(name, Boolean(hint), Boolean(error)),
    placeholder,
    spellCheck: false,
    autoComplete: 'off',
    className:
      [mono || secret ? 'mono' : '', secret && !shown ? 'masked' : ''].filter(Boolean).join(' ') ||
      undefined,
    ...register(name, number ? { valueAsNumber: true } : undefined),
  };
  return (
    <div className="field">
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {secret && (
          <button
            type="button"
            className="link-button"
            aria-pressed={shown}
            aria-label={`${shown ? 'Hide' : 'Show'} ${label}`}
            onClick={() => setShown(!shown)}
          >
            {shown ? 'Hide' : 'Show'}
          </button>
        )}
      </div>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="input-row">
        {multiline ? (
          <textarea rows={4} {...common} />
        ) : (
          <input
            type={secret && !shown ? 'password' : number ? 'number' : 'text'}
            inputMode={number ? 'numeric' : undefined}
            {...common}
            autoComplete={secret ? 'new-password' : 'off'}
          />
        )}
        {children}
      </div>
      <FieldError name={name} message={error} />
    </div>
  );
}
