'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import { ClusterConnection, useCluster } from './install/cluster-connection';
import { useReleases } from './install/use-releases';
import { planOffer } from './upgrade-plan-view';
import type { ReleaseTarget } from './wizard-slot';
import './install/install.css';

// The plan page asks the cluster and the API server: loaded when an admin asks for it.
const UpgradePlanPage = dynamic(
  () => import('./upgrade-plan-page').then((m) => m.UpgradePlanPage),
  { ssr: false, loading: () => <p className="muted">Loading…</p> },
);

/**
 * The Lightrun releases of the cluster, each with "Upgrade this release": its values become the
 * answers, whatever state the answers in the page are in; a release of chart 3.9.4 also with
 * "Plan the upgrade to chart 3.50" (the plan page, docs/upgrade.md). Loaded when the start page's
 * section opens (it asks the cluster).
 */
export function ReleaseList({ onUpgrade }: { onUpgrade: (t: ReleaseTarget) => void }) {
  const [context, setContext] = useState<string | undefined>(undefined);
  const cluster = useCluster(context);
  const selected = cluster.info?.selected ?? null;
  const reachable = cluster.info?.probe?.ok === true;
  const list = useReleases(reachable, selected);
  const lightrun = list.releases?.filter((r) => r.lightrun) ?? [];
  const others = (list.releases?.length ?? 0) - lightrun.length;
  const [plan, setPlan] = useState<ReleaseTarget | null>(null);
  if (plan) return <UpgradePlanPage target={plan} onClose={() => setPlan(null)} />;
  const targetOf = (r: { name: string; namespace: string }): ReleaseTarget => ({
    release: r.name,
    namespace: r.namespace,
    ...(selected ? { context: selected } : {}),
  });
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
                onClick={() => onUpgrade(targetOf(r))}
              >
                Upgrade this release
              </button>
              <PlanAction chart={r.chart} onPlan={() => setPlan(targetOf(r))} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "Plan the upgrade to chart 3.50" for a release of chart 3.9.4; for another, why not. */
function PlanAction({ chart, onPlan }: { chart: string; onPlan: () => void }) {
  const offer = planOffer({ chart });
  if (!offer.offered)
    return (
      <span className="muted small" data-testid="plan-not-offered">
        {offer.why}
      </span>
    );
  return (
    <button
      type="button"
      className="button secondary small"
      data-testid="plan-upgrade-350"
      onClick={onPlan}
    >
      Plan the upgrade to chart 3.50
    </button>
  );
}
