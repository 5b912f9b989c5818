'use client';

import type { StepId } from '@/lib/answers/steps';
import { SECRET_LABELS } from './secret-labels';

type Props = {
  lost: readonly string[];
  generatable: number;
  onGo: (id: StepId) => void;
  onGenerate: () => void;
};

/**
 * After a reload: which secrets are gone (they are never stored in the browser) and must be
 * entered again. New passwords are only made on an explicit click, because an installed MySQL
 * or Keycloak keeps the password it was created with.
 */
export function LostSecrets({ lost, generatable, onGo, onGenerate }: Props) {
  if (lost.length === 0) return null;
  return (
    <div className="callout warn" role="status" data-testid="lost-secrets">
      <p>
        <strong>
          The page was reloaded:{' '}
          {lost.length === 1 ? 'one secret is' : `${lost.length} secrets are`} gone and must be
          entered again.
        </strong>{' '}
        Secrets are never stored in the browser. Enter the same values as before if this plan was
        already downloaded or installed.
      </p>
      <ul data-testid="lost-secrets-list">
        {lost.map((p) => (
          <li key={p}>
            <button
              type="button"
              className="link-button"
              onClick={() => onGo(SECRET_LABELS[p]?.step ?? 'review')}
            >
              {SECRET_LABELS[p]?.label ?? p}
            </button>
          </li>
        ))}
      </ul>
      {generatable > 0 && (
        <p className="lost-actions">
          <button
            type="button"
            className="button secondary small"
            data-testid="regenerate-secrets"
            onClick={onGenerate}
          >
            Generate new {generatable === 1 ? 'value' : `values (${generatable})`} instead
          </button>{' '}
          <span className="muted">
            Only for a plan that was never installed: an installed MySQL and Keycloak keep their
            first passwords.
          </span>
        </p>
      )}
    </div>
  );
}
