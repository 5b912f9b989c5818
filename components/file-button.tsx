'use client';

import { useId } from 'react';

type File1 = { text: string; name: string };
type Props = {
  label: string;
  accept?: string;
  testId: string;
  multiple?: boolean;
  onText?: (text: string, fileName: string) => void;
  onFiles?: (files: File1[]) => void;
};

/** A keyboard-reachable upload button: the file input itself takes focus, its label looks like a button. */
export function FileButton({ label, accept, testId, multiple, onText, onFiles }: Props) {
  const id = useId();
  return (
    <span className="file-button">
      <input
        id={id}
        type="file"
        accept={accept}
        multiple={multiple}
        className="visually-hidden-input"
        data-testid={testId}
        onChange={async (e) => {
          const files = await Promise.all(
            [...(e.target.files ?? [])].map(async (f) => ({ text: await f.text(), name: f.name })),
          );
          e.target.value = '';
          if (files[0]) onText?.(files[0].text, files[0].name);
          if (files.length) onFiles?.(files);
        }}
      />
      <label htmlFor={id} className="button secondary small">
        {label}
      </label>
    </span>
  );
}
