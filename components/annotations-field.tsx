'use client';

import { useFieldArray, useFormContext } from 'react-hook-form';
import { FieldError } from './field-error';
import { fieldId } from './field-ids';
import { useFieldIssues } from './issues-context';
import { pathKey } from '@/lib/browser/issue-display';

type Props = {
  name: string;
  legend: string;
  hint?: string;
  presets?: { label: string; items: { key: string; value: string }[] };
};

/** Key/value annotations, added and removed row by row. */
export function AnnotationsField({ name, legend, hint, presets }: Props) {
  const { register } = useFormContext();
  const { fields, append, remove } = useFieldArray({ name });
  const shown = useFieldIssues(name, true);
  const at = (p: string) =>
    shown
      .filter((i) => pathKey(i.path) === p || pathKey(i.path).startsWith(`${p}.`))
      .map((i) => i.message)
      .join(' ') || undefined;
  const own =
    shown
      .filter((i) => pathKey(i.path) === name)
      .map((i) => i.message)
      .join(' ') || undefined;
  return (
    <fieldset className="field annotations">
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}
      {fields.length === 0 && <p className="empty">None.</p>}
      {fields.map((f, i) => {
        const keyName = `${name}.${i}.key`;
        const keyError = at(keyName);
        const valueError = at(`${name}.${i}.value`);
        return (
          <div className="annotation-row" key={f.id}>
            <label
              className="visually-hidden"
              htmlFor={fieldId(keyName)}
            >{`Annotation ${i + 1} key`}</label>
            <input
              id={fieldId(keyName)}
              className="mono"
              placeholder="key"
              data-testid={`field-${keyName}`}
              aria-invalid={keyError ? true : undefined}
              aria-describedby={keyError ? `${fieldId(keyName)}-error` : undefined}
              {...register(keyName)}
            />
            <label
              className="visually-hidden"
              htmlFor={fieldId(`${name}.${i}.value`)}
            >{`Annotation ${i + 1} value`}</label>
            <input
              id={fieldId(`${name}.${i}.value`)}
              className="mono"
              placeholder="value"
              data-testid={`field-${name}.${i}.value`}
              aria-invalid={valueError ? true : undefined}
              aria-describedby={valueError ? `${fieldId(`${name}.${i}.value`)}-error` : undefined}
              {...register(`${name}.${i}.value`)}
            />
            <button
              type="button"
              className="button ghost small"
              aria-label={`Remove annotation ${i + 1}`}
              onClick={() => remove(i)}
            >
              Remove
            </button>
            <FieldError name={keyName} message={keyError} />
            <FieldError name={`${name}.${i}.value`} message={valueError} />
          </div>
        );
      })}
      <FieldError name={name} message={own} />
      <div className="row-actions">
        <button
          type="button"
          className="button secondary small"
          data-testid={`add-${name}`}
          onClick={() => append({ key: '', value: '' })}
        >
          Add annotation
        </button>
        {presets && (
          <button
            type="button"
            className="button secondary small"
            data-testid={`preset-${name}`}
            onClick={() => append(presets.items)}
          >
            {presets.label}
          </button>
        )}
      </div>
    </fieldset>
  );
}
