'use client';

import { useState } from 'react';
import { ClusterConnection, useCluster } from './install/cluster-connection';
import { useReleases } from './install/use-releases';
import type { ReleaseTarget } from './wizard-slot';
import './install/install.css';

/**
 * The Lightrun releases of the cluster, each with "Upgrade this release": its values become the
 * answers, whatever state the answers in the page are in. Loaded when the start page's section
 * opens (it asks the cluster).
 */
export function ReleaseList({ onUpgrade }: { onUpgrade: (t: ReleaseTarget) => void }) {
  const [context, setContext] = useState<string | undefined>(undefined);
  const cluster = useCluster(context);
  const selected = cluster.info?.selected ?? null;
  const reachable = cluster.info?.probe?.ok === true;
  const list = useReleases(reachable, selected);
  const lightrun = list.releases?.filter((r) => r.lightrun) ?? [];
  const others = (list.releases?.length ?? 0) - lightrun.length;
  return (
    <div className="release-list" data-testid="release-list">
      <ClusterConnection
        info={cluster.info}
        error={cluster.error}
        loading={cluster.loading}
        onContext={setContext}
        onRetry={cluster.retry}
      />
      {list.loading && <p className="muted">Listing the releases…</p>}
      {list.error && (
        <p className="callout warn" data-testid="release-list-error">
          {list.error}
        </p>
      )}
      {list.releases && lightrun.length === 0 && (
        <p className="muted" data-testid="release-list-empty">
          No Lightrun release in this cluster
          {others > 0 ? ` (${others} release${others === 1 ? '' : 's'} of other charts)` : ''}.
        </p>
      )}
      {lightrun.length > 0 && (
        <ul className="release-rows">
          {lightrun.map((r) => (
            <li key={`${r.namespace}/${r.name}`} data-testid={`release-${r.namespace}-${r.name}`}>
              <span>
                <code>{r.name}</code> in namespace <code>{r.namespace}</code>
                <span className="muted">
                  {' '}
                  · {r.chart} · {r.status} · revision {r.revision}
                </span>
              </span>
              <button
                type="button"
                className="button secondary small"
                data-testid="upgrade-this-release"
                onClick={() =>
                  onUpgrade({
                    release: r.name,
                    namespace: r.namespace,
                    ...(selected ? { context: selected } : {}),
                  })
                }
              >
                Upgrade this release
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
