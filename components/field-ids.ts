import { get, type FieldErrors } from 'react-hook-form';

/** DOM ids and test ids derived from an answers path, so labels, hints and errors link up. */
export const fieldId = (name: string) => `f-${name.replace(/\./g, '-')}`;
export const describedBy = (name: string, hint: boolean, error: boolean) =>
  [hint && `${fieldId(name)}-hint`, error && `${fieldId(name)}-error`].filter(Boolean).join(' ') ||
  undefined;

/** The message of the error at a dotted path, if any (also for a union whose branch failed). */
export function errorAt(errors: FieldErrors, name: string): string | undefined {
  const e = get(errors, name) as { message?: unknown } | undefined;
  return typeof e?.message === 'string' && e.message ? e.message : undefined;
}
