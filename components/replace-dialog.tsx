'use client';

import { useEffect, useRef } from 'react';
import type { ImportInfo } from './import-info';

/**
 * An import (a values file, a release's values) replaces every answer and secret in the page: asked
 * first when the page holds work of the admin's. Keeping is the default (focused, and Escape).
 */
export function ReplaceDialog({
  pending,
  onCancel,
  onConfirm,
}: {
  pending: ImportInfo | null;
  onCancel: () => void;
  onConfirm: (info: ImportInfo) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (pending && d && !d.open) d.showModal();
    if (!pending && d?.open) d.close();
  }, [pending]);
  return (
    <dialog
      ref={dialog}
      className="confirm"
      data-testid="replace-dialog"
      aria-labelledby="replace-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="replace-title">Replace the answers in this page?</h2>
      <p>
        Every answer and every secret in this page is replaced by those of{' '}
        <strong>{pending?.fileName}</strong>. Files you already downloaded are not changed.
      </p>
      <div className="confirm-actions">
        <button
          type="button"
          className="button secondary"
          data-testid="replace-cancel"
          autoFocus
          onClick={onCancel}
        >
          Keep my answers
        </button>
        <button
          type="button"
          className="button danger"
          data-testid="replace-confirm"
          onClick={() => pending && onConfirm(pending)}
        >
          Replace them
        </button>
      </div>
    </dialog>
  );
}
