'use client';

import { useEffect, useState } from 'react';

/** GET /api/cluster's answer (lib/cluster/kubeconfig-merge.ts ClusterView): names, no paths or users. */
export interface ClusterInfo {
  source: string;
  contexts: string[];
  current: string | null;
  problem?: { message: string; fix: string };
  selected: string | null;
  /** The selected context's API server. */
  server: string | null;
  probe: { ok: true; version: string } | { ok: false; message: string; fix: string } | null;
}

/**
 * GET /api/cluster for a context (undefined: the kubeconfig's current one). `retry` asks again: a
 * kubeconfig exported (and the wizard restarted) or a cluster started while the page was open.
 */
export function useCluster(context: string | undefined): {
  info: ClusterInfo | null;
  error: string | null;
  loading: boolean;
  retry: () => void;
} {
  const [res, setRes] = useState<{
    key: string;
    info: ClusterInfo | null;
    error: string | null;
  } | null>(null);
  const [round, setRound] = useState(0);
  const key = `${round}:${context ?? ''}`;
  useEffect(() => {
    let live = true;
    const q = context ? `?context=${encodeURIComponent(context)}` : '';
    fetch(`/api/cluster${q}`, { cache: 'no-store' })
      .then(async (r) => {
        const body = (await r.json()) as ClusterInfo & { issues?: { message: string }[] };
        if (!live) return;
        if (!r.ok)
          setRes({ key, info: null, error: body.issues?.[0]?.message ?? `HTTP ${r.status}` });
        else setRes({ key, info: body, error: null });
      })
      .catch(
        (e: Error) =>
          live &&
          setRes({ key, info: null, error: `The wizard server did not answer: ${e.message}` }),
      );
    return () => {
      live = false;
    };
  }, [context, key]);
  const fresh = res?.key === key ? res : null;
  return {
    info: fresh?.info ?? null,
    error: fresh?.error ?? null,
    loading: fresh === null,
    retry: () => setRound((n) => n + 1),
  };
}

function Retry({ onRetry }: { onRetry?: () => void }) {
  if (!onRetry) return null;
  return (
    <button
      type="button"
      className="button secondary small"
      data-testid="cluster-retry"
      onClick={onRetry}
    >
      Check again
    </button>
  );
}

/** Which cluster the install goes to: context picker, server, version — or why there is none. */
export function ClusterConnection({
  info,
  error,
  loading,
  onContext,
  onRetry,
}: {
  info: ClusterInfo | null;
  error: string | null;
  loading: boolean;
  onContext: (name: string) => void;
  onRetry?: () => void;
}) {
  if (error)
    return (
      <div className="callout danger" data-testid="cluster-error">
        <p>{error}</p>
        <Retry onRetry={onRetry} />
      </div>
    );
  if (!info)
    return (
      <p className="muted" data-testid="cluster-loading">
        {loading ? 'Reading the kubeconfig…' : ''}
      </p>
    );
  if (info.contexts.length === 0 || !info.selected) {
    return (
      <div className="callout warn" data-testid="no-kubeconfig">
        <p>
          <strong>No cluster to install on.</strong>{' '}
          {info.problem?.message ?? 'The wizard server found no kubeconfig.'}
        </p>
        <p>
          {info.problem?.fix ??
            'Set KUBECONFIG (or create ~/.kube/config) for the user running the wizard, then check again.'}{' '}
          Planning and downloading the values file still work without one.
        </p>
        <Retry onRetry={onRetry} />
      </div>
    );
  }
  return (
    <div className="cluster" data-testid="cluster">
      <div className="field">
        <label htmlFor="install-context">Kubernetes context</label>
        <select
          id="install-context"
          value={info.selected}
          onChange={(e) => onContext(e.target.value)}
          data-testid="context-select"
        >
          {info.contexts.map((name) => (
            <option key={name} value={name}>
              {name}
              {name === info.current ? ' (current)' : ''}
            </option>
          ))}
        </select>
      </div>
      <dl className="facts">
        <dt>Server</dt>
        <dd className="mono" data-testid="cluster-server">
          {info.server ?? '—'}
        </dd>
        <dt>Version</dt>
        <dd data-testid="cluster-version">
          {info.probe === null ? (
            'checking…'
          ) : info.probe.ok ? (
            info.probe.version
          ) : (
            <span className="field-error">unreachable</span>
          )}
        </dd>
      </dl>
      {info.probe && !info.probe.ok && (
        <div className="callout danger" data-testid="cluster-unreachable">
          <p>
            <strong>{info.probe.message}</strong> {info.probe.fix}
          </p>
          <Retry onRetry={onRetry} />
        </div>
      )}
    </div>
  );
}
