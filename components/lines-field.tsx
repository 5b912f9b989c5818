'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { useController } from 'react-hook-form';
import { FieldError } from './field-error';
import { describedBy, fieldId } from './field-ids';
import { useFieldIssues } from './issues-context';

const toLines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A list of strings (namespaces, CIDRs) edited as one entry per line. */
export function LinesField({
  name,
  label,
  hint,
  placeholder,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  placeholder?: string;
}) {
  const shown = useFieldIssues(name, true);
  const { field } = useController({ name });
  const value = (field.value as string[] | undefined) ?? [];
  const [text, setText] = useState(value.join('\n'));
  const joined = value.join('\n');
  // An import or a reset replaces the list from outside: show it unless it is what was typed.
  useEffect(() => {
    setText((t) => (toLines(t).join('\n') === joined ? t : joined));
  }, [joined]);
  // An issue at one entry (`cidrs.2`) names the entry, since the list is one text box.
  const error = shown
    .map((i) =>
      i.path.length > name.split('.').length
        ? `${value[Number(i.path[i.path.length - 1])] ?? ''}: ${i.message}`
        : i.message,
    )
    .join(' ');
  const id = fieldId(name);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <textarea
        id={id}
        rows={3}
        className="mono"
        data-testid={`field-${name}`}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, Boolean(hint), Boolean(error))}
        value={text}
        onBlur={field.onBlur}
        ref={field.ref}
        onChange={(e) => {
          setText(e.target.value);
          field.onChange(toLines(e.target.value));
        }}
      />
      <FieldError name={name} message={error || undefined} />
    </div>
  );
}
