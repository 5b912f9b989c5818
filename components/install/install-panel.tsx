'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import type { Answers } from '@/lib/answers';
import { issuesLine } from '@/lib/browser/issue-display';
import type { ImportInfo } from '../import-info';
import { releaseImport } from '../release-import';
import { useWizardState, useWizardStore, type ChartChoice } from '../wizard-store';
import { ClusterConnection, useCluster } from './cluster-connection';
import { PreflightPanel, type PreflightSettled } from './preflight-panel';
import { ProfileConflictNote } from './profile-conflict';
import { ReleaseStart } from './release-start';
import { useReleaseDiff, ValuesDiff } from './values-diff';
import {
  CHART_OPTIONS,
  chartForPlan,
  chartHint,
  defaultChartFor,
  looksLikeProduction,
  type ChartSource,
} from '@/lib/browser/chart-source';
import { INITIALISED_SECRETS_OVERRIDE } from '@/lib/status/events';
import type { SecretsChoiceValue } from './secrets-choice';
import { dashboardUrl } from './dashboard-url';
import './install.css';

// Only for secrets kept outside the chart; it brings the YAML library (the Secrets manifest it
// offers), so it loads when shown instead of on every first visit (page weight: 31 kB gzip).
const SecretsChoice = dynamic(() => import('./secrets-choice').then((m) => m.SecretsChoice), {
  ssr: false,
});

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
  // Lightrun's published chart at the plan's version unless the admin picks another source; the
  // choice lives in the wizard's store, so leaving Review (or going to a dashboard and back) keeps
  // it. The published chart follows the plan's profile (chart 3.50.0 for a 3.50 plan).
  const store = useWizardStore();
  const profile = answers.chart;
  const { source, ref, version } = chartForPlan(useWizardState(store).chart, profile);
  const setChart = (patch: Partial<ChartChoice>) =>
    store.set((s) => ({ chart: { ...s.chart, ...patch } }));
  const [override, setOverride] = useState('');
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
  // The preflight's dry run uses the chart the install will use.
  const chartSource = useMemo(
    () =>
      source === 'bundled'
        ? { source }
        : {
            source,
            ref: ref.trim(),
            ...(source === 'oci' && version.trim() ? { version: version.trim() } : {}),
          },
    [source, ref, version],
  );
  const request = useMemo(
    () => ({
      answers,
      context: selected ?? undefined,
      namespace,
      release,
      // Until a path is given the request names none (the install is blocked until then anyway).
      ...(source !== 'bundled' && ref.trim() === '' ? {} : { chart: chartSource }),
    }),
    [answers, selected, namespace, release, chartSource, source, ref],
  );
  const unresolved = preflight.fails.filter((f) => !preflight.overrides.includes(f));
  const needsRef = source !== 'bundled' && ref.trim() === '';
  const diff = useReleaseDiff(
    answers,
    { context: selected, namespace, release },
    reachable && valid,
  );
  // An upgrade that replaces initialised secrets is blocked until the admin types the release's name.
  const breaksSecrets = (diff?.exists && diff.initialised?.length) || 0;
  const overridden = breaksSecrets > 0 && override.trim() === release;
  const production = looksLikeProduction({
    server: cluster.info?.server ?? null,
    context: selected,
  });
  const blocked = !valid
    ? 'Fix the answers above first.'
    : !reachable
      ? 'Connect to a reachable cluster first.'
      : needsRef
        ? 'Give the chart reference.'
        : diff?.conflict
          ? `Release ${release} runs chart ${diff.conflict.running}: see above.`
          : !preflight.done
            ? 'Waiting for the preflight checks.'
            : unresolved.length
              ? `Resolve or override the failed checks: ${unresolved.join(', ')}.`
              : breaksSecrets && !overridden
                ? `This upgrade would replace ${breaksSecrets} secret${breaksSecrets === 1 ? '' : 's'} the release has already initialised: start from this release, or type its name above to override.`
                : null;
  const upgradeTo = diff?.exists && diff.revision ? diff.revision + 1 : null;
  const conflict = diff?.conflict ?? null;

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
    const chart = chartSource;
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
          overrides: [
            ...preflight.overrides,
            ...(overridden ? [INITIALISED_SECRETS_OVERRIDE] : []),
          ],
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
          (body.issues ? issuesLine(body.issues) : undefined) ??
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
          onChange={(e) => {
            const next = e.target.value as ChartSource;
            // Lightrun's reference and version for OCI; a path of the admin's for the others.
            setChart({
              source: next,
              ref: next === 'oci' ? defaultChartFor(profile).ref : '',
              version: next === 'oci' ? defaultChartFor(profile).version : '',
            });
          }}
          data-testid="chart-source"
        >
          {(['oci', 'tgz', 'dir', 'bundled'] as const).map((s) => (
            <option key={s} value={s}>
              {CHART_OPTIONS[s]}
            </option>
          ))}
        </select>
        <p className="hint" data-testid="chart-hint">
          {chartHint(source, profile)}
        </p>
        {source === 'bundled' && production && (
          <p className="callout danger" role="alert" data-testid="chart-bundled-production">
            This cluster does not look like a local test cluster (its API server is{' '}
            <code>{cluster.info?.server}</code>). The wizard’s test and demo chart is not
            Lightrun’s: install Lightrun’s chart on a cluster that serves users.
          </p>
        )}
        {source !== 'bundled' && (
          <div className="grid-2">
            <input
              type="text"
              aria-label="Chart reference"
              placeholder={source === 'oci' ? 'oci://…' : '/path/on/the/server'}
              value={ref}
              onChange={(e) => setChart({ ref: e.target.value })}
              data-testid="chart-ref"
            />
            {source === 'oci' && (
              <input
                type="text"
                aria-label="Chart version"
                placeholder="version"
                value={version}
                onChange={(e) => setChart({ version: e.target.value })}
                data-testid="chart-version"
              />
            )}
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
      {/* before the preflight: the first thing to read when the release runs the other chart */}
      {conflict && (
        <ProfileConflictNote
          conflict={conflict}
          target={{ release, namespace, ...(selected ? { context: selected } : {}) }}
          {...(onImported ? { onStartFromRelease: startFromRelease } : {})}
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
      {/* a values diff against the other chart's release means nothing: the conflict says what to do */}
      {!conflict && (
        <ValuesDiff
          diff={diff}
          namespace={namespace}
          release={release}
          enabled={reachable && valid}
          override={override}
          onOverride={setOverride}
          {...(onImported ? { onStartFromRelease: startFromRelease } : {})}
        />
      )}
      <div className="row-actions">
        <button
          type="button"
          className="button primary"
          disabled={blocked !== null || starting}
          onClick={() => void install()}
          data-testid="install-button"
        >
          {starting
            ? 'Starting…'
            : upgradeTo
              ? `Upgrade to revision ${upgradeTo}`
              : diff?.exists
                ? 'Upgrade'
                : 'Install'}
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
