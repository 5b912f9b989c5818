/**
 * The CLI's live text for an install job (PURE): one plain line per meaningful event, and the
 * progress line a TTY rewrites in place.
 */
import { INITIALISED_SECRETS_OVERRIDE, type InstallEvent } from './events';
import type { InstallState } from './reducer';

/** The lines an event prints (none for a repeat that changes nothing the reader cares about). */
export function eventLines(e: InstallEvent, before: InstallState): string[] {
  switch (e.type) {
    case 'job':
      return [
        `${e.action === 'install' ? 'Installing' : e.action === 'upgrade' ? 'Upgrading' : 'Watching'} release ${e.release}${e.revision ? ` (revision ${e.revision})` : ''} in namespace ${e.namespace}${e.context ? ` (context ${e.context})` : ''} with helm ${e.helmVersion}; chart ${e.chart}${e.chartVersion ? ` ${e.chartVersion}` : ''}${e.bundledChart ? ' (the wizard’s test and demo chart, not Lightrun’s)' : ''}; timeout ${e.timeoutSeconds}s`,
      ];
    case 'override':
      return [
        e.check === INITIALISED_SECRETS_OVERRIDE
          ? 'overridden by the admin: the upgrade replaces secrets the release has already initialised'
          : `preflight check ${e.check} overridden by the admin`,
      ];
    case 'step':
      return [`[${e.step}] ${e.state}: ${e.message}`];
    case 'helm-output':
      return [`  helm ${e.stream === 'stderr' ? '!' : '|'} ${e.line}`];
    case 'expected':
      return [
        `Expecting ${e.workloads.length} workloads: ${e.workloads.map((w) => `${w.kind} ${w.name}`).join(', ')}`,
      ];
    case 'workload': {
      const prev = before.workloads[`${e.kind}/${e.name}`];
      if (prev && prev.state === e.state && prev.ready === e.ready && prev.desired === e.desired)
        return [];
      return [`${e.kind} ${e.name}: ${e.ready}/${e.desired} ready (${e.state})`];
    }
    case 'pod': {
      if (e.op === 'delete') return [`pod ${e.pod.name}: deleted`];
      const prev = before.pods.get(e.pod.name);
      const lines: string[] = [];
      if (!prev || prev.status !== e.pod.status || prev.ready !== e.pod.ready)
        lines.push(
          `pod ${e.pod.name}: ${e.pod.status} ${e.pod.ready}${e.pod.restarts ? ` restarts ${e.pod.restarts}` : ''}`,
        );
      const d = e.pod.diagnosis;
      if (d && JSON.stringify(d) !== JSON.stringify(prev?.diagnosis)) {
        lines.push(
          `  why: ${d.reason}${d.image ? ` (image ${d.image})` : ''}: ${d.message}${d.certain ? ' [certain]' : ''}`,
        );
      }
      return lines;
    }
    case 'k8s-event':
      return e.eventType === 'Warning'
        ? [
            `warning ${e.object.kind}/${e.object.name} ${e.reason}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`,
          ]
        : [];
    case 'done':
      return [
        `Done: ${e.outcome}`,
        ...e.summary.map((s) => `  ${s}`),
        ...(e.endpoint ? [`Open ${e.endpoint}`] : []),
        ...(e.login ? [`First login: ${e.login.user}; password: ${e.login.passwordCommand}`] : []),
        ...(e.wayIn ? [e.wayIn.text, `  ${e.wayIn.command}`] : []),
        ...(e.keyBackup ? [e.keyBackup.text, `  ${e.keyBackup.command}`] : []),
      ];
  }
}

/** "3/5 workloads ready · 12s of 600s" for a TTY's progress line. */
export function progressLine(s: InstallState, nowMs: number): string {
  const ready = s.expected.filter(
    (w) => s.workloads[`${w.kind}/${w.name}`]?.state === 'ready',
  ).length;
  const started = s.job ? Date.parse(s.job.startedAt) : nowMs;
  const elapsed = Math.max(0, Math.round((nowMs - started) / 1000));
  const step = s.steps[s.steps.length - 1];
  return `${s.expected.length ? `${ready}/${s.expected.length} workloads ready` : step ? `${step.step} ${step.state}` : 'starting'} · ${elapsed}s${s.job ? ` of ${s.job.timeoutSeconds}s` : ''}`;
}
