/**
 * The live tail of a finished job (lib/install/live-tail.ts) keeps the dashboard equal to the
 * cluster after `done`: it re-reads the namespace and logs only what differs from what the job's
 * log already shows. These are its pure decisions. PURE.
 */
import type { InstallEventBody, PodSummary } from './events';
import type { InstallState, WarningEntry, WorkloadStatus } from './reducer';

/** A pod row as the page shows it (the resourceVersion alone changing is not a change to show). */
function podView(p: PodSummary): string {
  const { resourceVersion: _rv, ...rest } = p;
  return JSON.stringify(rest);
}

function workloadView(
  w: Pick<WorkloadStatus, 'component' | 'ready' | 'desired' | 'state' | 'message'>,
): string {
  return JSON.stringify([w.component, w.ready, w.desired, w.state, w.message]);
}

function warningView(
  w: Pick<WarningEntry, 'object' | 'reason' | 'message' | 'count' | 'lastTimestamp'>,
): string {
  return JSON.stringify([
    w.object.kind,
    w.object.name,
    w.reason,
    w.message,
    w.count,
    w.lastTimestamp,
  ]);
}

function keyOf(b: InstallEventBody): string | null {
  if (b.type === 'pod') return `pod\u0000${b.pod.name}`;
  if (b.type === 'workload') return `workload\u0000${b.kind}/${b.name}`;
  if (b.type === 'k8s-event' && b.eventType === 'Warning') return `event\u0000${b.uid}`;
  return null;
}

/**
 * Of the bodies the tracker derived from the cluster, those that change what `state` shows.
 * Only pod, workload and Warning-event bodies are the tail's; anything else is dropped. Several
 * bodies for one pod (workload, event) in a batch count as their last one — a pod listed before
 * the events that explain it is logged once, with its diagnosis, not once without and once with.
 */
export function changedBodies(
  state: InstallState,
  bodies: readonly InstallEventBody[],
): InstallEventBody[] {
  const last = new Map<string, InstallEventBody>();
  for (const b of bodies) {
    const key = keyOf(b);
    if (key === null) continue;
    last.delete(key); // re-inserted: the batch keeps the order of each key's last body
    last.set(key, b);
  }
  const warnings = new Map(state.warnings.map((w) => [w.uid, warningView(w)]));
  const out: InstallEventBody[] = [];
  for (const b of last.values()) {
    if (b.type === 'pod') {
      const shown = state.pods.get(b.pod.name);
      if (b.op === 'delete' ? !shown : shown !== undefined && podView(shown) === podView(b.pod))
        continue;
    } else if (b.type === 'workload') {
      const shown = state.workloads[`${b.kind}/${b.name}`];
      if (shown !== undefined && workloadView(shown) === workloadView(b)) continue;
    } else if (b.type === 'k8s-event') {
      if (warnings.get(b.uid) === warningView(b)) continue;
    }
    out.push(b);
  }
  return out;
}

/**
 * Deletions for the pod rows `state` shows that a complete list of the namespace no longer has
 * (the pod went while nobody watched: replaced by a rollout, the namespace cleaned up…).
 */
export function vanishedPods(state: InstallState, listed: ReadonlySet<string>): InstallEventBody[] {
  return [...state.pods.values()]
    .filter((p) => !listed.has(p.name))
    .map((pod) => ({ type: 'pod', op: 'delete', pod }));
}
