'use client';

import { useRef } from 'react';

/** "Start over" asks first: it clears every answer and every secret held by the page. */
export function StartOverButton({ onConfirm }: { onConfirm: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button
        type="button"
        className="button ghost small"
        data-testid="start-over"
        onClick={() => dialog.current?.showModal()}
      >
        Start over
      </button>
      <dialog
        ref={dialog}
        className="confirm"
        data-testid="start-over-dialog"
        aria-labelledby="start-over-title"
      >
        <h2 id="start-over-title">Start over?</h2>
        <p>
          Every answer and every secret in this page is cleared, and new passwords are generated.
          Files you already downloaded are not changed.
        </p>
        <div className="confirm-actions">
          <button
            type="button"
            className="button secondary"
            data-testid="start-over-cancel"
            autoFocus
            onClick={() => dialog.current?.close()}
          >
            Keep my answers
          </button>
          <button
            type="button"
            className="button danger"
            data-testid="start-over-confirm"
            onClick={() => {
              dialog.current?.close();
              onConfirm();
            }}
          >
            Clear and start over
          </button>
        </div>
      </dialog>
    </>
  );
}
