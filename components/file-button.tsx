'use client';

import { useId } from 'react';

type Props = { label: string; accept?: string; testId: string; onText: (text: string, fileName: string) => void };

/** A keyboard-reachable upload button: the file input itself takes focus, its label looks like a button. */
export function FileButton({ label, accept, testId, onText }: Props) {
  const id = useId();
  return (
    <span className="file-button">
      <input
        id={id}
        type="file"
        accept={accept}
        className="visually-hidden-input"
        data-testid={testId}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onText(await file.text(), file.name);
        }}
      />
      <label htmlFor={id} className="button secondary small">
        {label}
      </label>
    </span>
  );
}
