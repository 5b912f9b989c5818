'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { componentProgress, jobKind, podProblems, totalProgress } from '@/lib/status/progress';
import { useEventStream } from '../hooks/use-event-stream';
import { dashboardUrl, type DashboardTarget } from './dashboard-url';
import { ComponentProgressList } from './component-progress';
import { HelmOutput } from './helm-output';
import { JobHeader } from './job-header';
import { PodTable } from './pod-table';
import { ProblemList } from './problem-list';
import { ReleaseActions } from './release-actions';
import { StepList } from './step-list';
import { SuccessPanel } from './success-panel';
import { SupportBundleButton } from './support-bundle-button';
import { UpgradeLink } from './upgrade-link';
import { WarningEvents } from './warning-events';
import './install.css';

/**
 * When the server does not know the job (it was restarted), find the release in the cluster
 * (POST /api/releases/status adopts it: a watch-only job streaming its live state) and move there.
 */
function useAdoptAfterRestart(
  jobId: string,
  unknown: boolean,
  target: DashboardTarget | undefined,
): { adopting: boolean; problem: string | null } {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const active = unknown && target !== undefined;
  useEffect(() => {
    if (!active || !target) return;
    let live = true;
    fetch('/api/releases/status', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        release: target.release,
        ...(target.namespace ? { namespace: target.namespace } : {}),
        ...(target.context ? { context: target.context } : {}),
      }),
      cache: 'no-store',
    })
      .then(async (r) => ({
        ok: r.ok,
        body: (await r.json().catch(() => ({}))) as { jobId?: string; error?: string },
      }))
      .then(({ ok, body }) => {
        if (!live) return;
        if (ok && body.jobId && body.jobId === jobId)
          setProblem(
            'The connection to the wizard server closed; reload the page to resume (the install goes on without it).',
          );
        else if (ok && body.jobId) router.replace(dashboardUrl(body.jobId, target));
        else setProblem(body.error ?? 'The release was not found in the cluster.');
      })
      .catch((e: Error) => live && setProblem(`The wizard server did not answer: ${e.message}`));
    return () => {
      live = false;
    };
  }, [jobId, active, target?.context, target?.namespace, target?.release, router]); // eslint-disable-line react-hooks/exhaustive-deps
  return { adopting: active && problem === null, problem };
}

/** The live install dashboard of one job. */
export function InstallDashboard({ jobId, target }: { jobId: string; target?: DashboardTarget }) {
  const { state, connection, invalid } = useEventStream(jobId);
  // The stream closed for good before the job ended: the server answered 404 — it no longer knows
  // the job (restarted), whether or not this page had already shown some of it.
  const unknownJob = connection === 'closed' && !state.done;
  const adopt = useAdoptAfterRestart(jobId, unknownJob, target);
  // Progress reads only the expected workloads and their counts: a pod event does not redo it.
  const { expected, workloads } = state;
  const components = useMemo(
    () => componentProgress({ expected, workloads }),
    [expected, workloads],
  );
  const total = totalProgress(components);
  const problems = useMemo(() => podProblems(state.pods), [state.pods]);
  const done = state.done;
  const kind = jobKind(state);
  return (
    <main
      className="install-page"
      data-testid="install-dashboard"
      data-last-event={state.lastEventId}
    >
      <nav className="crumbs">
        <Link href="/">← Back to the wizard</Link>
        {state.job && kind !== 'uninstall' && <UpgradeLink job={state.job} />}
      </nav>
      <JobHeader
        state={state}
        kind={kind}
        connection={connection}
        ready={total.ready}
        expected={total.expected}
      />
      {invalid > 0 && (
        <p className="callout warn">
          {invalid} event{invalid === 1 ? '' : 's'} from the server could not be read and{' '}
          {invalid === 1 ? 'was' : 'were'} skipped.
        </p>
      )}
      {unknownJob && adopt.adopting && (
        <p className="callout info" data-testid="job-adopting">
          The wizard server does not know this job (it was restarted): looking for release{' '}
          <code>{target?.release}</code> in the cluster to show its live state…
        </p>
      )}
      {unknownJob && !adopt.adopting && (
        <p className="callout danger" data-testid="job-unknown">
          The wizard server does not know job <code>{jobId}</code> (it may have been restarted).
          {adopt.problem ? <> {adopt.problem}</> : null} Start the install again from the Review
          page: it finds the release in the cluster and shows its live state.
        </p>
      )}
      {done?.outcome === 'succeeded' && kind !== 'uninstall' && (
        <SuccessPanel
          done={done}
          namespace={state.job?.namespace ?? ''}
          rolledBack={kind === 'rollback'}
          upgraded={state.steps.some((s) => s.step === 'survived')}
        />
      )}
      {done?.outcome === 'succeeded' && kind === 'uninstall' && (
        <section className="callout ok outcome" data-testid="uninstalled-panel">
          <h2>Uninstalled</h2>
          <ul>
            {done.summary.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      )}
      {done && done.outcome !== 'succeeded' && (
        <section className="callout danger outcome" data-testid="failure-summary">
          <h2>
            {done.outcome === 'cancelled' ? `The ${kind} was cancelled` : `The ${kind} failed`}
          </h2>
          <ul data-testid="summary-lines">
            {done.summary.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {problems.length > 1 && (
            <p data-testid="failing-now">
              {problems.length} pods report a problem now: each is under “Why not ready”.
            </p>
          )}
          {state.job && <SupportBundleButton jobId={jobId} job={state.job} failed />}
        </section>
      )}
      {state.job && !(kind === 'uninstall' && done?.outcome === 'succeeded') && (
        <ReleaseActions jobId={jobId} job={state.job} kind={kind} running={!done} />
      )}
      {state.job && !(done && done.outcome !== 'succeeded') && (
        <SupportBundleButton jobId={jobId} job={state.job} failed={false} />
      )}
      <StepList steps={state.steps} />
      {kind !== 'uninstall' && (
        <div className="install-grid">
          <section className="card" aria-labelledby="progress-title">
            <h2 id="progress-title">Components</h2>
            <ComponentProgressList components={components} />
          </section>
          <section className="card" aria-labelledby="problems-title">
            <h2 id="problems-title">Why not ready</h2>
            {problems.length ? (
              <ProblemList problems={problems} />
            ) : (
              <p className="empty" data-testid="no-problems">
                {state.pods.size === 0
                  ? 'No pods yet.'
                  : done?.outcome === 'succeeded'
                    ? 'Nothing: every pod is ready.'
                    : 'No pod reports a problem.'}
              </p>
            )}
          </section>
        </div>
      )}
      {kind !== 'uninstall' && (
        <section className="card" aria-labelledby="pods-title">
          <h2 id="pods-title">
            Pods <span className="muted">({state.pods.size})</span>
          </h2>
          <PodTable pods={state.pods} />
        </section>
      )}
      <div className="install-grid">
        <section className="card" aria-labelledby="warnings-title">
          <h2 id="warnings-title">Warning events</h2>
          <WarningEvents warnings={state.warnings} pods={state.pods} />
        </section>
        <section className="card" aria-labelledby="helm-title">
          <h2 id="helm-title">helm output</h2>
          <HelmOutput lines={state.helm} />
        </section>
      </div>
    </main>
  );
}
