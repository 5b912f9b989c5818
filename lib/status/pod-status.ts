/**
 * kubectl's STATUS, READY and RESTARTS columns for a pod. PURE.
 *
 * A port of `printPod` in kubernetes/kubernetes pkg/printers/internalversion/printers.go
 * (https://github.com/kubernetes/kubernetes/blob/master/pkg/printers/internalversion/printers.go)
 * and of `HumanDuration` in staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go, so the
 * dashboard says exactly what `kubectl get pods` would say about the same object.
 */
import {
  toIso,
  toMillis,
  type ContainerLike,
  type ContainerStatusLike,
  type PodLike,
} from './k8s-types';

export interface PodColumns {
  /** STATUS: Running, Pending, Init:1/2, Init:CrashLoopBackOff, ImagePullBackOff, Terminating… */
  status: string;
  /** READY: "ready/total" containers (restartable init containers, i.e. sidecars, count). */
  ready: string;
  /** RESTARTS: the number kubectl prints before "(5m ago)". */
  restarts: number;
  /** ISO time of the most recent restart counted above (kubectl's "(… ago)"), when known. */
  lastRestartAt?: string;
}

const NODE_UNREACHABLE_REASON = 'NodeLost';

function isSidecar(c: ContainerLike | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function conditionTrue(pod: PodLike, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** Tracks the restart count and the latest lastState.terminated.finishedAt of a set of containers. */
class RestartTally {
  count = 0;
  last = Number.NaN;
  add(cs: ContainerStatusLike): void {
    this.count += cs.restartCount;
    const finished = toMillis(cs.lastState?.terminated?.finishedAt);
    if (!Number.isNaN(finished) && (Number.isNaN(this.last) || finished > this.last))
      this.last = finished;
  }
}

/** The status kubectl derives from one terminated container without a reason. */
function exitText(t: { exitCode: number; signal?: number }): string {
  return t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
}

interface InitResult {
  reason: string | null;
  initializing: boolean;
  ready: number;
}

/** The init-container pass: the first init container not done decides "Init:…". */
function initPass(pod: PodLike, all: RestartTally, sidecars: RestartTally): InitResult {
  const specs = pod.spec?.initContainers ?? [];
  const byName = new Map(specs.map((c) => [c.name, c]));
  let ready = 0;
  const statuses = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < statuses.length; i++) {
    const cs = statuses[i]!;
    all.add(cs);
    const sidecar = isSidecar(byName.get(cs.name));
    if (sidecar) sidecars.add(cs);
    const term = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (term)
      return {
        reason: term.reason ? `Init:${term.reason}` : `Init:${exitText(term)}`,
        initializing: true,
        ready,
      };
    if (waiting?.reason && waiting.reason !== 'PodInitializing')
      return { reason: `Init:${waiting.reason}`, initializing: true, ready };
    return { reason: `Init:${i}/${specs.length}`, initializing: true, ready };
  }
  return { reason: null, initializing: false, ready };
}

/**
 * kubectl's columns for a pod.
 * @param pod a core/v1 Pod (raw JSON or client-node model)
 */
export function podColumns(pod: PodLike): PodColumns {
  const phase = pod.status?.phase ?? '';
  let reason = pod.status?.reason || phase;
  if (
    (pod.status?.conditions ?? []).some(
      (c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated',
    )
  ) {
    reason = 'SchedulingGated';
  }
  const specs = pod.spec?.initContainers ?? [];
  const total = (pod.spec?.containers ?? []).length + specs.filter(isSidecar).length;

  const all = new RestartTally();
  const sidecars = new RestartTally();
  const init = initPass(pod, all, sidecars);
  let ready = init.ready;
  if (init.reason !== null) reason = init.reason;
  let tally = all;

  if (!init.initializing || conditionTrue(pod, 'Initialized')) {
    tally = sidecars;
    let hasRunning = false;
    const statuses = pod.status?.containerStatuses ?? [];
    // kubectl walks the containers last to first, so the first container's reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      tally.add(cs);
      const { waiting, terminated, running } = cs.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) reason = exitText(terminated);
      else if (cs.ready && running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning)
      reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  const deleting =
    pod.metadata?.deletionTimestamp !== undefined && pod.metadata?.deletionTimestamp !== null;
  if (deleting && pod.status?.reason === NODE_UNREACHABLE_REASON) reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  const columns: PodColumns = { status: reason, ready: `${ready}/${total}`, restarts: tally.count };
  if (tally.count !== 0 && !Number.isNaN(tally.last))
    columns.lastRestartAt = toIso(new Date(tally.last));
  return columns;
}

/**
 * kubectl's RESTARTS cell: "0", or "3 (5m ago)" when the last restart time is known.
 * @param nowMs the current time (injected so output is deterministic)
 */
export function restartsText(
  columns: Pick<PodColumns, 'restarts' | 'lastRestartAt'>,
  nowMs: number,
): string {
  if (columns.restarts === 0 || columns.lastRestartAt === undefined)
    return String(columns.restarts);
  return `${columns.restarts} (${humanDuration(nowMs - Date.parse(columns.lastRestartAt))} ago)`;
}

/** kubectl's AGE cell for a creation time. */
export function ageText(createdAt: string, nowMs: number): string {
  const created = Date.parse(createdAt);
  return Number.isNaN(created) ? '<unknown>' : humanDuration(nowMs - created);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** apimachinery's HumanDuration: ~2–3 significant figures ("45s", "5m30s", "3h", "2d4h", "1y20d"). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}
