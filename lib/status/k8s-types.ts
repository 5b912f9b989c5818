/**
 * The parts of Kubernetes objects lib/status reads, typed structurally so both a watch's raw JSON
 * (times as strings) and client-node's deserialized models (times as Date) fit. PURE.
 */
export type Time = string | Date;

export interface ObjectMetaLike {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: Time;
  deletionTimestamp?: Time;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { kind: string; name: string; controller?: boolean }[];
}

export interface ContainerStateLike {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: Time };
  terminated?: {
    reason?: string;
    message?: string;
    exitCode: number;
    signal?: number;
    startedAt?: Time;
    finishedAt?: Time;
  };
}

export interface ContainerStatusLike {
  name: string;
  image?: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state?: ContainerStateLike;
  lastState?: ContainerStateLike;
}

export interface ContainerLike {
  name: string;
  image?: string;
  /** "Always" on an init container makes it a sidecar (restartable init container). */
  restartPolicy?: string;
  readinessProbe?: unknown;
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

/** A core/v1 PersistentVolumeClaim (only what diagnosis reads). */
export interface PvcLike {
  metadata?: ObjectMetaLike;
  spec?: { storageClassName?: string | null };
  status?: { phase?: string };
}

export interface PodConditionLike {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: Time;
}

export interface PodLike {
  metadata?: ObjectMetaLike;
  spec?: {
    nodeName?: string;
    containers?: ContainerLike[];
    initContainers?: ContainerLike[];
    volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[];
    nodeSelector?: Record<string, string>;
  };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: PodConditionLike[];
    containerStatuses?: ContainerStatusLike[];
    initContainerStatuses?: ContainerStatusLike[];
  };
}

/** A core/v1 Event (only what diagnosis reads). */
export interface EventLike {
  metadata?: ObjectMetaLike;
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  involvedObject?: { kind?: string; name?: string; uid?: string; fieldPath?: string };
  firstTimestamp?: Time | null;
  lastTimestamp?: Time | null;
  eventTime?: Time | null;
}

/** Milliseconds since the epoch of a Kubernetes time, or NaN when absent/unparseable. */
export function toMillis(t: Time | null | undefined): number {
  if (t === undefined || t === null) return Number.NaN;
  return t instanceof Date ? t.getTime() : Date.parse(t);
}

/** ISO string of a Kubernetes time, or undefined. */
export function toIso(t: Time | null | undefined): string | undefined {
  const ms = toMillis(t);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
