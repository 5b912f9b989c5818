'use client';

import { useState, type ReactNode } from 'react';
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
  const {
    field: { value: raw, onChange, onBlur, ref },
  } = useController({ name });
  const value = (raw as string[] | undefined) ?? [];
  const joined = value.join('\n');
  const [text, setText] = useState(joined);
  // An import or a reset replaces the list from outside: show it unless it is what was typed. The
  // list last seen is kept to notice that during render (react.dev, "You might not need an effect":
  // adjusting some state when a prop changes).
  const [seen, setSeen] = useState(joined);
  if (seen !== joined) {
    setSeen(joined);
    if (toLines(text).join('\n') !== joined) setText(joined);
  }
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
        onBlur={onBlur}
        ref={ref}
        onChange={(e) => {
          setText(e.target.value);
          onChange(toLines(e.target.value));
        }}
      />
      <FieldError name={name} message={error || undefined} />
    </div>
  );
}
