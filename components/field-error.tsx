import { fieldId } from './field-ids';

export function FieldError({ name, message }: { name: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="field-error" id={`${fieldId(name)}-error`} data-testid={`error-${name}`}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}
