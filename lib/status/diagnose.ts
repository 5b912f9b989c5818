/**
 * "Why is this pod not ready", in words, with the fix: a table of small mappers tried in order
 * (after Backstage's kubernetes-common error detection), each reading the pod, its events and its
 * claims. PURE: `nowMs` is injected; logs are fetched by the caller.
 */
import type { Diagnosis } from './events';
import { diagnoseContainer, type ContainerContext } from './diagnose-container';
import { toMillis, type EventLike, type PodLike, type PvcLike } from './k8s-types';
import { lastedAtLeast, PVC_CERTAIN_MS, UNSCHEDULABLE_CERTAIN_MS } from './readiness';

export interface DiagnoseInput {
  pod: PodLike;
  /** Events of the namespace (any order; only this pod's and its claims' Warning events are read). */
  events: EventLike[];
  /** Claims of the namespace, to explain an unbound one. */
  pvcs?: PvcLike[];
  /** Last log lines per container name; null: the node gave none; absent: not fetched. */
  logs?: Record<string, string[] | null>;
  nowMs: number;
}

const eventTime = (e: EventLike): number =>
  toMillis(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp);

/**
 * The Warning events about one object, oldest first. Events outlive their object by an hour and
 * are keyed by name, so a StatefulSet pod or a claim recreated under the same name inherits the
 * old one's events: when both sides carry a uid, only the events of this very object count.
 */
function warningsFor(events: EventLike[], kind: string, name: string, uid?: string): EventLike[] {
  return events
    .filter(
      (e) =>
        e.type === 'Warning' &&
        e.involvedObject?.kind === kind &&
        e.involvedObject?.name === name &&
        !(uid && e.involvedObject?.uid && e.involvedObject.uid !== uid),
    )
    .sort((a, b) => eventTime(a) - eventTime(b));
}

/** Only events at or after `sinceMs` (unknown times on either side keep the event). */
const since = (events: EventLike[], sinceMs: number): EventLike[] =>
  Number.isNaN(sinceMs) ? events : events.filter((e) => !(eventTime(e) < sinceMs));

function failedPhase(pod: PodLike, podName: string): Diagnosis | undefined {
  if (pod.status?.phase !== 'Failed') return undefined;
  const reason = pod.status.reason ?? 'Failed';
  return {
    reason,
    message: `Pod ${podName} failed${pod.status.message ? `: ${pod.status.message}` : '.'}`,
    fix:
      reason === 'Evicted'
        ? 'The node ran short of a resource and evicted the pod; its controller starts a new one. Give the nodes more memory/disk or choose a smaller sizing profile.'
        : 'Read the container statuses and events of the pod; its controller starts a new one.',
    pod: podName,
    certain: true,
  };
}

function unboundClaim(input: DiagnoseInput, podName: string): Diagnosis | undefined {
  if (input.pod.status?.phase !== 'Pending') return undefined;
  for (const v of input.pod.spec?.volumes ?? []) {
    const claimName = v.persistentVolumeClaim?.claimName;
    const claim = claimName ? input.pvcs?.find((c) => c.metadata?.name === claimName) : undefined;
    if (!claim || claim.status?.phase === 'Bound') continue;
    const sc = claim.spec?.storageClassName;
    const last = since(
      warningsFor(input.events, 'PersistentVolumeClaim', claimName!, claim.metadata?.uid),
      toMillis(claim.metadata?.creationTimestamp),
    ).at(-1);
    const text = (last?.message ?? '').toLowerCase();
    const at = text.indexOf('storageclass');
    const missingClass = at >= 0 && text.includes('not found', at);
    const fix = missingClass
      ? `Storage class "${sc}" does not exist on this cluster. Set the storage class in the answers to one that exists (kubectl get storageclass) and upgrade.`
      : sc
        ? `The provisioner of storage class "${sc}" has not bound the claim; check that it runs and has capacity.`
        : 'The claim names no storage class and the cluster has no default one: set a storage class in the answers or mark one as default.';
    return {
      reason: 'PersistentVolumeClaimPending',
      message: `PersistentVolumeClaim ${claimName} is ${claim.status?.phase ?? 'Pending'} (storage class ${sc ?? 'none: the cluster default'})${last ? `: ${last.message}` : '.'}`,
      fix,
      pod: podName,
      certain:
        missingClass ||
        lastedAtLeast(toMillis(claim.metadata?.creationTimestamp), input.nowMs, PVC_CERTAIN_MS),
    };
  }
  return undefined;
}

/** The fix for a scheduler message, by what it complains about. */
export function schedulingFix(message: string): string {
  const short = /Insufficient (cpu|memory)/gi;
  const kinds = [...new Set([...message.matchAll(short)].map((m) => m[1]!.toLowerCase()))];
  if (kinds.length)
    return `No node has enough free ${kinds.join(' and ')} for this pod's requests. Choose a smaller sizing profile, or add nodes (or larger ones).`;
  if (/node affinity|node selector|didn't match/i.test(message))
    return "No node has the labels this pod's node selector or affinity asks for. Fix the node selector in the answers or label a node.";
  if (/untolerated taint|had taint/i.test(message))
    return 'Every node has a taint this pod does not tolerate. Add a toleration in the answers or remove the taint from a node.';
  if (/too many pods/i.test(message))
    return 'The nodes are full (pod limit). Add nodes or remove unused pods.';
  return "Read the scheduler's message and make room for the pod, or change the sizing and placement answers.";
}

function unschedulable(input: DiagnoseInput, podName: string): Diagnosis | undefined {
  const cond = input.pod.status?.conditions?.find(
    (c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable',
  );
  if (!cond) return undefined;
  // The condition is the scheduler's current verdict, rewritten on every attempt; a
  // FailedScheduling event may be from an attempt before a claim bound or a node was added. The
  // event speaks only when the condition has no message and it is not older than the condition.
  const event = since(
    warningsFor(input.events, 'Pod', podName, input.pod.metadata?.uid).filter(
      (e) => e.reason === 'FailedScheduling',
    ),
    toMillis(cond.lastTransitionTime),
  ).at(-1);
  const message = cond.message || event?.message || 'no node fits the pod';
  return {
    reason: 'Unschedulable',
    message: `Pod ${podName} cannot be scheduled: ${message}`,
    fix: schedulingFix(message),
    pod: podName,
    certain: lastedAtLeast(
      toMillis(cond.lastTransitionTime ?? input.pod.metadata?.creationTimestamp),
      input.nowMs,
      UNSCHEDULABLE_CERTAIN_MS,
    ),
  };
}

function containers(input: DiagnoseInput, ctx: ContainerContext): Diagnosis | undefined {
  const spec = input.pod.spec;
  const initSpecs = new Map((spec?.initContainers ?? []).map((c) => [c.name, c]));
  for (const cs of input.pod.status?.initContainerStatuses ?? []) {
    if (cs.state?.terminated?.exitCode === 0) continue;
    const d = diagnoseContainer(ctx, cs, initSpecs.get(cs.name), true);
    if (d) return d;
  }
  const specs = new Map((spec?.containers ?? []).map((c) => [c.name, c]));
  for (const cs of input.pod.status?.containerStatuses ?? []) {
    const d = diagnoseContainer(ctx, cs, specs.get(cs.name), false);
    if (d) return d;
  }
  return undefined;
}

function notReady(
  input: DiagnoseInput,
  podName: string,
  events: EventLike[],
): Diagnosis | undefined {
  const unready = (input.pod.status?.containerStatuses ?? []).find(
    (c) => c.state?.running && !c.ready,
  );
  // A probe failure of an earlier run of the container says nothing about this one.
  const probe = since(
    events.filter((e) => e.reason === 'Unhealthy'),
    toMillis(unready?.state?.running?.startedAt),
  ).at(-1);
  if (!unready || !probe) return undefined;
  return {
    reason: 'ReadinessProbeFailed',
    message: `Container ${unready.name} is running but not ready: ${probe.message}${probe.count && probe.count > 1 ? ` (${probe.count} times)` : ''}`,
    fix: 'The application is up but fails its readiness check. The backend can take a few minutes on first start; if this continues, read its logs and check the database, message queue and license answers.',
    pod: podName,
    container: unready.name,
    certain: false,
  };
}

/** Any other Warning on a not-yet-running pod (FailedMount, FailedCreatePodSandBox, …). */
function otherWarning(
  input: DiagnoseInput,
  podName: string,
  events: EventLike[],
): Diagnosis | undefined {
  if (input.pod.status?.phase !== 'Pending') return undefined;
  const last = events.filter((e) => e.reason !== 'FailedScheduling').at(-1);
  if (!last?.reason) return undefined;
  return {
    reason: last.reason,
    message: `${last.reason}: ${last.message ?? ''}`,
    fix: 'Read the event message; it names the missing or failing piece.',
    pod: podName,
    certain: false,
  };
}

/**
 * Why a pod is not ready, with the fix, or undefined when it is ready or simply still starting.
 * The first matching rule wins: failed phase, unbound claim, unschedulable, init containers, main
 * containers, failing readiness probe, any other warning.
 */
export function diagnosePod(input: DiagnoseInput): Diagnosis | undefined {
  const podName = input.pod.metadata?.name ?? '';
  if (input.pod.status?.phase === 'Succeeded') return undefined;
  if (input.pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    return undefined;
  const events = warningsFor(input.events, 'Pod', podName, input.pod.metadata?.uid);
  const ctx: ContainerContext = {
    podName,
    namespace: input.pod.metadata?.namespace ?? '',
    createdMs: toMillis(input.pod.metadata?.creationTimestamp),
    nowMs: input.nowMs,
    events,
    logs: input.logs ?? {},
  };
  return (
    failedPhase(input.pod, podName) ??
    unboundClaim(input, podName) ??
    unschedulable(input, podName) ??
    containers(input, ctx) ??
    notReady(input, podName, events) ??
    otherWarning(input, podName, events)
  );
}
