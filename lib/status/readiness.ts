/**
 * kstatus-like readiness per kind (ready / in-progress / failed) and the rules for when a failure
 * is *certain*, so the install job can stop waiting long before helm's timeout. PURE: `now` is
 * injected.
 *
 * When a failure counts as certain (documented in docs/dashboard.md):
 * - image pull: the registry answered that the image does not exist or refused it ("not found",
 *   "manifest unknown", "repository does not exist", "pull access denied", "unauthorized",
 *   "denied", "invalid reference format", InvalidImageName) — at once; any other
 *   ErrImagePull/ImagePullBackOff once it has lasted IMAGE_PULL_CERTAIN_MS (a flaky registry or a
 *   slow mirror gets that long to recover);
 * - crash loop: a container (OOMKilled included) that has restarted CRASH_LOOP_CERTAIN_RESTARTS
 *   times (kubelet back-off 10 s, 20 s, 40 s: about 1.5 min); an init container gets
 *   INIT_CRASH_CERTAIN_RESTARTS, because "wait for the database" init containers legitimately
 *   fail while an in-chart database starts;
 * - unschedulable: PodScheduled=False/Unschedulable for UNSCHEDULABLE_CERTAIN_MS (gives a cluster
 *   autoscaler a chance to add a node);
 * - a claim that names a storage class that does not exist: at once; any other unbound claim after
 *   PVC_CERTAIN_MS;
 * - a missing Secret/ConfigMap (CreateContainerConfigError) after CONFIG_ERROR_CERTAIN_MS;
 * - a Job with condition Failed, a Deployment past its progress deadline, a Pod in phase Failed:
 *   at once.
 * A failing readiness probe or a slow init container is never certain on its own: the Lightrun
 * backend legitimately takes minutes to start; those end at the job's timeout, named.
 */
import type { ObjectMetaLike, PodLike } from './k8s-types';
import type { ReadinessState, WorkloadKind } from './events';

export const IMAGE_PULL_CERTAIN_MS = 60_000;
export const UNSCHEDULABLE_CERTAIN_MS = 60_000;
export const PVC_CERTAIN_MS = 60_000;
export const CONFIG_ERROR_CERTAIN_MS = 60_000;
export const CRASH_LOOP_CERTAIN_RESTARTS = 3;
export const INIT_CRASH_CERTAIN_RESTARTS = 5;

/** Registry answers that mean the image will never be pulled as written. */
const FATAL_PULL =
  /not found|manifest unknown|repository does not exist|pull access denied|unauthorized|denied|invalid reference format|name unknown/i;

/** True when a pull failure is certain: a fatal registry answer, or it has lasted long enough. */
export function pullFailureCertain(
  reason: string,
  registryMessage: string,
  sinceMs: number,
  nowMs: number,
): boolean {
  if (reason === 'InvalidImageName' || FATAL_PULL.test(registryMessage)) return true;
  return nowMs - sinceMs >= IMAGE_PULL_CERTAIN_MS;
}

/** True when a crash loop is certain. */
export function crashLoopCertain(restarts: number, init: boolean): boolean {
  return restarts >= (init ? INIT_CRASH_CERTAIN_RESTARTS : CRASH_LOOP_CERTAIN_RESTARTS);
}

/** True once a condition that started at `sinceMs` has lasted `limitMs`. A missing start is never certain. */
export function lastedAtLeast(sinceMs: number, nowMs: number, limitMs: number): boolean {
  return !Number.isNaN(sinceMs) && nowMs - sinceMs >= limitMs;
}

export interface WorkloadReadiness {
  kind: WorkloadKind;
  name: string;
  ready: number;
  desired: number;
  state: ReadinessState;
  message: string;
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface WorkloadLike {
  kind?: string;
  metadata?: ObjectMetaLike;
  spec?: Record<string, unknown> & { replicas?: number; completions?: number | null };
  status?: Record<string, unknown> & {
    conditions?: Condition[];
    observedGeneration?: number;
    phase?: string;
  };
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const cond = (o: WorkloadLike, type: string): Condition | undefined =>
  o.status?.conditions?.find((c) => c.type === type);

function generationPending(o: WorkloadLike): boolean {
  const gen = o.metadata?.generation;
  const seen = o.status?.observedGeneration;
  return gen !== undefined && (seen === undefined || seen < gen);
}

function replicated(
  o: WorkloadLike,
  kind: WorkloadKind,
  ready: number,
  updated: number,
  desired: number,
): WorkloadReadiness {
  const name = o.metadata?.name ?? '';
  const base = { kind, name, ready, desired };
  if (generationPending(o))
    return {
      ...base,
      state: 'in-progress',
      message: 'waiting for the controller to see the new spec',
    };
  if (updated < desired)
    return { ...base, state: 'in-progress', message: `${updated} of ${desired} updated` };
  if (ready < desired)
    return { ...base, state: 'in-progress', message: `${ready} of ${desired} ready` };
  return { ...base, state: 'ready', message: `${ready} of ${desired} ready` };
}

/** A Deployment: failed past its progress deadline; ready once available and no old replica is left. */
function deploymentReady(o: WorkloadLike): WorkloadReadiness {
  const s = o.status ?? {};
  const desired = o.spec?.replicas ?? 1;
  const progressing = cond(o, 'Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    return {
      kind: 'Deployment',
      name: o.metadata?.name ?? '',
      ready: num(s.readyReplicas),
      desired,
      state: 'failed',
      message: progressing.message ?? 'progress deadline exceeded',
    };
  }
  const r = replicated(o, 'Deployment', num(s.availableReplicas), num(s.updatedReplicas), desired);
  // Old replicas still running after the update: not done rolling out.
  if (r.state === 'ready' && num(s.replicas) > desired)
    return {
      ...r,
      state: 'in-progress',
      message: `${num(s.replicas) - desired} old replicas terminating`,
    };
  return r;
}

/** A StatefulSet: ready once every replica is ready and the rolling update reached the last one. */
function statefulSetReady(o: WorkloadLike): WorkloadReadiness {
  const s = o.status ?? {};
  const r = replicated(
    o,
    'StatefulSet',
    num(s.readyReplicas),
    num(s.updatedReplicas ?? s.currentReplicas),
    o.spec?.replicas ?? 1,
  );
  if (r.state === 'ready' && s.updateRevision && s.currentRevision !== s.updateRevision)
    return { ...r, state: 'in-progress', message: 'rolling update in progress' };
  return r;
}

/** A DaemonSet: ready once it is available on every node it is scheduled to. */
function daemonSetReady(o: WorkloadLike): WorkloadReadiness {
  const s = o.status ?? {};
  return replicated(
    o,
    'DaemonSet',
    num(s.numberAvailable),
    num(s.updatedNumberScheduled),
    num(s.desiredNumberScheduled),
  );
}

/** A Job: ready when Complete, failed (at once) when Failed. */
function jobReady(o: WorkloadLike): WorkloadReadiness {
  const desired = o.spec?.completions ?? 1;
  const ready = num(o.status?.succeeded);
  const base = { kind: 'Job' as const, name: o.metadata?.name ?? '', ready, desired };
  if (cond(o, 'Complete')?.status === 'True')
    return { ...base, state: 'ready', message: 'complete' };
  const failed = cond(o, 'Failed');
  if (failed?.status === 'True')
    return { ...base, state: 'failed', message: failed.message ?? failed.reason ?? 'failed' };
  return { ...base, state: 'in-progress', message: `${ready} of ${desired} completed` };
}

/** A PersistentVolumeClaim: ready when Bound, failed when Lost. */
function pvcReady(o: WorkloadLike): WorkloadReadiness {
  const phase = o.status?.phase ?? 'Pending';
  const state: ReadinessState =
    phase === 'Bound' ? 'ready' : phase === 'Lost' ? 'failed' : 'in-progress';
  return {
    kind: 'PersistentVolumeClaim',
    name: o.metadata?.name ?? '',
    ready: phase === 'Bound' ? 1 : 0,
    desired: 1,
    state,
    message: phase,
  };
}

/** One readiness function per kind (like helm's pkg/kube/ready.go); a new kind fails to compile until it has one. */
const READY_BY_KIND: Record<WorkloadKind, (o: WorkloadLike) => WorkloadReadiness> = {
  Deployment: deploymentReady,
  StatefulSet: statefulSetReady,
  DaemonSet: daemonSetReady,
  Job: jobReady,
  Pod: (o) => podReady(o as PodLike & { kind: 'Pod' }),
  PersistentVolumeClaim: pvcReady,
};

/**
 * kstatus-like readiness of a Deployment, StatefulSet, DaemonSet, Job, Pod or PersistentVolumeClaim.
 * @param obj the object as the API returns it (`kind` must be set, as in a watch event)
 */
export function workloadReadiness(obj: WorkloadLike & { kind: WorkloadKind }): WorkloadReadiness {
  return READY_BY_KIND[obj.kind](obj);
}

/** A Pod: ready when its Ready condition is True or it Succeeded; failed in phase Failed. */
function podReady(pod: PodLike & { kind: 'Pod' }): WorkloadReadiness {
  const name = pod.metadata?.name ?? '';
  const phase = pod.status?.phase ?? 'Pending';
  const readyCond = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  const base = { kind: 'Pod' as const, name, desired: 1 };
  if (phase === 'Succeeded') return { ...base, ready: 1, state: 'ready', message: 'completed' };
  if (phase === 'Failed')
    return { ...base, ready: 0, state: 'failed', message: pod.status?.reason ?? 'failed' };
  if (pod.metadata?.deletionTimestamp)
    return { ...base, ready: 0, state: 'in-progress', message: 'terminating' };
  if (readyCond) return { ...base, ready: 1, state: 'ready', message: 'ready' };
  return { ...base, ready: 0, state: 'in-progress', message: phase };
}
