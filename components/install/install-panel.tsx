'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import type { Answers } from '@/lib/answers';
import type { ImportInfo } from '../import-info';
import { releaseImport } from '../release-import';
import { ClusterConnection, useCluster } from './cluster-connection';
import { PreflightPanel, type PreflightSettled } from './preflight-panel';
import { ReleaseStart } from './release-start';
import { ValuesDiff } from './values-diff';
import type { SecretsChoiceValue } from './secrets-choice';
import { dashboardUrl } from './dashboard-url';
import './install.css';

// Only for secrets kept outside the chart; it brings the YAML library (the Secrets manifest it
// offers), so it loads when shown instead of on every first visit (page weight: 31 kB gzip).
const SecretsChoice = dynamic(() => import('./secrets-choice').then((m) => m.SecretsChoice), {
  ssr: false,
});

type ChartSource = 'bundled' | 'oci' | 'dir' | 'tgz';
const CHART_HINT: Record<ChartSource, string> = {
  bundled: 'The chart shipped with the wizard (works offline).',
  oci: 'An oci:// reference, e.g. oci://registry-1.docker.io/lightruncom/lightrun-helm-chart (the vendor’s quick start).',
  dir: 'A chart directory on the wizard server that Lightrun sent you.',
  tgz: 'A chart .tgz on the wizard server that Lightrun sent you.',
};

/** Review → install: the target cluster, release and chart, preflight, an upgrade's diff, Install. */
export function InstallPanel({
  answers,
  valid,
  onImported,
}: {
  answers: Answers;
  valid: boolean;
  onImported?: (info: ImportInfo) => void;
}) {
  const router = useRouter();
  const [context, setContext] = useState<string | undefined>(undefined);
  const cluster = useCluster(context);
  const [source, setSource] = useState<ChartSource>('bundled');
  const [ref, setRef] = useState('');
  const [version, setVersion] = useState('');
  const [preflight, setPreflight] = useState<PreflightSettled>({
    done: false,
    fails: [],
    overrides: [],
  });
  const [starting, setStarting] = useState(false);
  const [secrets, setSecrets] = useState<SecretsChoiceValue>({ mode: 'manifest' });
  const outside = answers.secrets?.mode === 'existing';
  const [error, setError] = useState<string | null>(null);
  const onSettled = useCallback((r: PreflightSettled) => setPreflight(r), []);

  const selected = cluster.info?.selected ?? null;
  const reachable = cluster.info?.probe?.ok === true;
  const { name: release, namespace } = answers.release;
  const request = useMemo(
    () => ({ answers, context: selected ?? undefined, namespace, release }),
    [answers, selected, namespace, release],
  );
  const unresolved = preflight.fails.filter((f) => !preflight.overrides.includes(f));
  const needsRef = source !== 'bundled' && ref.trim() === '';
  const blocked = !valid
    ? 'Fix the answers above first.'
    : !reachable
      ? 'Connect to a reachable cluster first.'
      : needsRef
        ? 'Give the chart reference.'
        : !preflight.done
          ? 'Waiting for the preflight checks.'
          : unresolved.length
            ? `Resolve or override the failed checks: ${unresolved.join(', ')}.`
            : null;

  // "Start from this release": its values into this page's memory only (release-import.ts).
  const startFromRelease = () => {
    setError(null);
    releaseImport({ context: selected ?? undefined, namespace, release }).then(
      (info) => onImported?.(info),
      (e: Error) => setError(e.message),
    );
  };

  const install = async () => {
    setStarting(true);
    setError(null);
    const chart =
      source === 'bundled'
        ? { source }
        : { source, ref: ref.trim(), ...(version.trim() ? { version: version.trim() } : {}) };
    try {
      const res = await fetch('/api/install', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          answers,
          context: selected ?? undefined,
          namespace,
          release,
          chart,
          overrides: preflight.overrides,
          ...(outside ? { secrets } : {}),
        }),
      });
      const body = (await res.json().catch(() => ({}))) as {
        jobId?: string;
        issues?: { path?: (string | number)[]; message: string }[];
        error?: string;
        fix?: string;
      };
      if (!res.ok || !body.jobId) {
        setError(
          body.issues?.map((i) => `${(i.path ?? []).join('.')}: ${i.message}`).join(' ') ??
            (body.error
              ? `${body.error}${body.fix ? ` ${body.fix}` : ''}`
              : `The install did not start (HTTP ${res.status}).`),
        );
        setStarting(false);
        return;
      }
      router.push(dashboardUrl(body.jobId, { context: selected ?? undefined, namespace, release }));
    } catch (e) {
      setError(`The wizard server did not answer: ${(e as Error).message}`);
      setStarting(false);
    }
  };

  return (
    <section className="install-panel" aria-labelledby="install-title" data-testid="install-panel">
      <h2 id="install-title">Install on a cluster</h2>
      <ClusterConnection
        info={cluster.info}
        error={cluster.error}
        loading={cluster.loading}
        onContext={setContext}
        onRetry={cluster.retry}
      />
      <dl className="facts">
        <dt>Release</dt>
        <dd>
          <code data-testid="install-release">{release}</code>
        </dd>
        <dt>Namespace</dt>
        <dd>
          <code data-testid="install-namespace">{namespace}</code> (created if missing)
        </dd>
      </dl>
      <div className="field">
        <label htmlFor="chart-source">Chart</label>
        <select
          id="chart-source"
          value={source}
          onChange={(e) => setSource(e.target.value as ChartSource)}
          data-testid="chart-source"
        >
          <option value="bundled">Bundled chart</option>
          <option value="oci">OCI registry</option>
          <option value="dir">Chart directory</option>
          <option value="tgz">Chart .tgz</option>
        </select>
        <p className="hint">{CHART_HINT[source]}</p>
        {source !== 'bundled' && (
          <div className="grid-2">
            <input
              type="text"
              aria-label="Chart reference"
              placeholder={source === 'oci' ? 'oci://…' : '/path/on/the/server'}
              value={ref}
              onChange={(e) => setRef(e.target.value)}
              data-testid="chart-ref"
            />
            <input
              type="text"
              aria-label="Chart version"
              placeholder="version (optional)"
              value={version}
              onChange={(e) => setVersion(e.target.value)}
            />
          </div>
        )}
      </div>
      {valid && outside && (
        <SecretsChoice
          answers={answers}
          release={release}
          namespace={namespace}
          value={secrets}
          onChange={setSecrets}
        />
      )}
      {reachable && valid && <PreflightPanel request={request} onSettled={onSettled} />}
      {reachable && !valid && onImported && (
        <ReleaseStart
          context={selected}
          namespace={namespace}
          release={release}
          onStart={startFromRelease}
        />
      )}
      <ValuesDiff
        answers={answers}
        context={selected}
        namespace={namespace}
        release={release}
        enabled={reachable && valid}
        {...(onImported ? { onStartFromRelease: startFromRelease } : {})}
      />
      <div className="row-actions">
        <button
          type="button"
          className="button primary"
          disabled={blocked !== null || starting}
          onClick={() => void install()}
          data-testid="install-button"
        >
          {starting ? 'Starting…' : 'Install'}
        </button>
        {blocked && (
          <span className="muted" data-testid="install-blocked">
            {blocked}
          </span>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="install-error">
          {error}
        </p>
      )}
    </section>
  );
}
