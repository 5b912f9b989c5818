'use client';

import { clock, elapsedSeconds, type JobKind } from '@/lib/status/progress';
import type { InstallState } from '@/lib/status/reducer';
import type { StreamConnection } from '../hooks/use-event-stream';
import { useNow } from './use-now';

const SUCCEEDED: Record<JobKind, string> = {
  install: 'Installed',
  rollback: 'Rolled back',
  uninstall: 'Uninstalled',
};
const RUNNING: Record<JobKind, string> = {
  install: 'Installing',
  rollback: 'Rolling back',
  uninstall: 'Uninstalling',
};

/** Elapsed against the timeout; ticks on its own so nothing else re-renders each second. */
function Elapsed({ state }: { state: InstallState }) {
  // useNow is 0 only in the server render and hydration, where the state is still the initial one
  // (no job: elapsedSeconds is 0 whatever the time); every client render after reads the clock.
  const now = useNow(1000);
  const timeout = state.job?.timeoutSeconds ?? 0;
  const elapsed = elapsedSeconds(state, now);
  const pct = timeout ? Math.min(100, Math.round((elapsed / timeout) * 100)) : 0;
  return (
    <div className="elapsed" data-testid="elapsed">
      <span>
        {clock(elapsed)} of {clock(timeout)}
      </span>
      <span className="bar" aria-hidden="true">
        <span style={{ width: `${pct}%` }} />
      </span>
    </div>
  );
}

/** What the job does to which revision: "Upgrade to revision 3", "Rollback to revision 1 (makes revision 4)". */
function eyebrow(kind: JobKind, job: InstallState['job']): string {
  const r = job?.revision;
  if (kind === 'rollback')
    return `Rollback${job?.toRevision ? ` to revision ${job.toRevision}` : ''}${r ? ` (makes revision ${r})` : ''}`;
  if (kind === 'uninstall') return `Uninstall${r ? ` of revision ${r}` : ''}`;
  if (job?.action === 'watch') return `Watching${r ? ` revision ${r}` : ''}`;
  if (job?.action === 'upgrade') return `Upgrade${r ? ` to revision ${r}` : ''}`;
  return `Install${r ? ` · revision ${r}` : ''}`;
}

/** Title, target and status of the job. */
export function JobHeader({
  state,
  kind,
  connection,
  ready,
  expected,
}: {
  state: InstallState;
  kind: JobKind;
  connection: StreamConnection;
  ready: number;
  expected: number;
}) {
  const job = state.job;
  const outcome = state.done?.outcome;
  const watch = job?.action === 'watch';
  const status =
    outcome === 'succeeded'
      ? watch
        ? 'Ready'
        : SUCCEEDED[kind]
      : outcome === 'failed'
        ? 'Failed'
        : outcome === 'cancelled'
          ? 'Cancelled'
          : job
            ? watch
              ? 'Watching'
              : RUNNING[kind]
            : 'Connecting';
  return (
    <header className="job-header">
      <div>
        <p className="eyebrow" data-testid="job-eyebrow">
          {eyebrow(kind, job)}
        </p>
        <h1>
          {job ? (
            <>
              Release <code>{job.release}</code> in namespace <code>{job.namespace}</code>
            </>
          ) : (
            'Install'
          )}
        </h1>
        {job && (
          <p className="muted job-target">
            context <code>{job.context ?? '(current)'}</code> · chart <code>{job.chart}</code>
            {job.chartVersion ? <> {job.chartVersion}</> : null}
            {job.bundledChart ? (
              <strong className="tag warn" data-testid="job-bundled-chart">
                the wizard’s test and demo chart, not Lightrun’s
              </strong>
            ) : null}{' '}
            · helm {job.helmVersion}
          </p>
        )}
        {state.overrides.length > 0 && (
          <p className="muted" data-testid="job-overrides">
            Overridden by the admin:{' '}
            {state.overrides.map((o) => (
              <code key={o}>{o} </code>
            ))}
          </p>
        )}
      </div>
      <div className="job-status">
        <span
          className={`status-pill big ${state.done?.outcome ?? 'running'}`}
          data-testid="job-status"
        >
          {status}
        </span>
        {kind !== 'uninstall' && (
          <span className="muted" data-testid="total-progress">
            {ready} / {expected} ready
          </span>
        )}
        {/* An uninstall's stream ends with its job (nothing to watch): its reconnect is no news. */}
        {connection === 'reconnecting' && !(kind === 'uninstall' && state.done) && (
          <span className="tag warn" role="status">
            reconnecting…
          </span>
        )}
        {connection === 'stopped' && (
          <span className="tag warn" role="status" data-testid="server-stopped">
            the wizard&apos;s server stopped: start it again to follow the release
          </span>
        )}
        {state.done && connection === 'open' && kind !== 'uninstall' && (
          <span
            className="tag live"
            data-testid="live-tag"
            title="The job has ended; the namespace is still watched, so pods and warnings stay current."
          >
            live: still watching the pods
          </span>
        )}
        <Elapsed state={state} />
      </div>
    </header>
  );
}
