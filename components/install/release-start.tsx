'use client';

import { useReleases } from './use-releases';

/**
 * "Start from this release" while the answers are not valid yet (the upgrade diff needs valid
 * answers): exactly when an admin who means to upgrade has not re-typed everything. Shown when the
 * release of the answers exists in the cluster.
 */
export function ReleaseStart({
  context,
  namespace,
  release,
  onStart,
}: {
  context: string | null;
  namespace: string;
  release: string;
  onStart: () => void;
}) {
  const { releases } = useReleases(true, context, namespace);
  const found = releases?.find((r) => r.name === release);
  if (!found) return null;
  return (
    <div className="callout info start-from" data-testid="start-from">
      <p>
        <strong>Release {release} is already installed</strong> (revision {found.revision},{' '}
        {found.status}). Start from its values so that what it already set up stays: its database,
        Keycloak and queue passwords, license and every other answer (read from the release; secrets
        are kept in this page only).
      </p>
      <button
        type="button"
        className="button secondary small"
        onClick={onStart}
        data-testid="start-from-release"
      >
        Start from this release
      </button>
    </div>
  );
}
