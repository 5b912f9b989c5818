/**
 * The install job's event union: one zod schema shared by the job (which emits and logs events),
 * the SSE route, the CLI and the dashboard (which fold them with `reduceInstall`). PURE.
 *
 * Every logged event carries `id` (1, 2, 3… per job, the SSE id used for `Last-Event-ID` replay)
 * and `at` (ISO time the job logged it). Emitters build an `InstallEventBody` (no id/at) and the
 * job's log stamps it.
 */
import { z } from 'zod';

export const stepNameSchema = z.enum([
  'namespace',
  'secrets',
  'backup',
  'queue',
  'internal-tls',
  'helm',
  'wait',
  'survived',
  'rollback',
  'uninstall',
  'cancel',
]);
export type StepName = z.infer<typeof stepNameSchema>;

export const stepStateSchema = z.enum(['running', 'done', 'failed', 'skipped']);
export type StepState = z.infer<typeof stepStateSchema>;

export const workloadKindSchema = z.enum([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'Pod',
  'PersistentVolumeClaim',
]);
export type WorkloadKind = z.infer<typeof workloadKindSchema>;

/** kstatus-like state of one object: see `readiness.ts`. */
export const readinessStateSchema = z.enum(['ready', 'in-progress', 'failed']);
export type ReadinessState = z.infer<typeof readinessStateSchema>;

/** A workload the rendered manifests of the release create (see `expected.ts`). */
export const expectedWorkloadSchema = z.object({
  kind: workloadKindSchema,
  name: z.string().min(1),
  /** The Lightrun component (app.kubernetes.io/component or the name's suffix); "" when unknown. */
  component: z.string(),
  replicas: z.number().int().nonnegative(),
});
export type ExpectedWorkload = z.infer<typeof expectedWorkloadSchema>;

/** "Why not ready" in words, with the fix (see `diagnose.ts`). */
export const diagnosisSchema = z.object({
  /** The short reason, kubectl's where there is one: ImagePullBackOff, CrashLoopBackOff, Unschedulable… */
  reason: z.string().min(1),
  /** What is wrong, in words, with the cluster's own message quoted. */
  message: z.string(),
  /** What to do about it. */
  fix: z.string(),
  pod: z.string(),
  container: z.string().optional(),
  image: z.string().optional(),
  /** Last log lines of the failing container, when the node gave them. */
  logs: z.array(z.string()).optional(),
  /** True once the failure is certain (readiness.ts thresholds): the job may stop waiting. */
  certain: z.boolean(),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;

/** One row of the pod table: everything the page shows, computed on the server from the raw pod. */
export const podSummarySchema = z.object({
  name: z.string().min(1),
  component: z.string(),
  phase: z.string(),
  /** kubectl's STATUS column (pod-status.ts). */
  status: z.string(),
  /** kubectl's READY column, "n/m". */
  ready: z.string(),
  restarts: z.number().int().nonnegative(),
  /** ISO time of the last restart (kubectl shows "(5m ago)"), when known. */
  lastRestartAt: z.string().optional(),
  node: z.string(),
  /** metadata.creationTimestamp: the age basis. */
  createdAt: z.string(),
  resourceVersion: z.string(),
  readiness: readinessStateSchema,
  diagnosis: diagnosisSchema.optional(),
});
export type PodSummary = z.infer<typeof podSummarySchema>;

const envelope = { id: z.number().int().positive(), at: z.string() };

export const jobEventBodySchema = z.object({
  type: z.literal('job'),
  jobId: z.string().min(1),
  release: z.string(),
  namespace: z.string(),
  context: z.string().nullable(),
  /** The chart reference as helm gets it (a path, a .tgz, an oci:// ref). */
  chart: z.string(),
  chartVersion: z.string().optional(),
  /** The chart is the wizard's own test and demo chart (chart/), not Lightrun's. */
  bundledChart: z.boolean().optional(),
  helmVersion: z.string(),
  /** install or upgrade: what helm does; watch: a job that only follows a release (adopted). */
  action: z.enum(['install', 'upgrade', 'watch']),
  /**
   * The release revision the job makes (install, upgrade, rollback), shows (watch) or removes
   * (uninstall); absent where the job could not tell.
   */
  revision: z.number().int().positive().optional(),
  /** A rollback's target revision. */
  toRevision: z.number().int().positive().optional(),
  timeoutSeconds: z.number().int().positive(),
  startedAt: z.string(),
});

export const stepEventBodySchema = z.object({
  type: z.literal('step'),
  step: stepNameSchema,
  state: stepStateSchema,
  message: z.string(),
});

export const expectedEventBodySchema = z.object({
  type: z.literal('expected'),
  workloads: z.array(expectedWorkloadSchema),
});

export const workloadEventBodySchema = z.object({
  type: z.literal('workload'),
  kind: workloadKindSchema,
  name: z.string().min(1),
  component: z.string(),
  ready: z.number().int().nonnegative(),
  desired: z.number().int().nonnegative(),
  state: readinessStateSchema,
  message: z.string(),
  resourceVersion: z.string(),
});

export const podEventBodySchema = z.object({
  type: z.literal('pod'),
  op: z.enum(['upsert', 'delete']),
  pod: podSummarySchema,
});

export const k8sEventBodySchema = z.object({
  type: z.literal('k8s-event'),
  /** The Event object's uid (its name would do too): repeats of one event update one row. */
  uid: z.string().min(1),
  eventType: z.enum(['Warning', 'Normal']),
  object: z.object({ kind: z.string(), name: z.string() }),
  reason: z.string(),
  message: z.string(),
  count: z.number().int().positive(),
  lastTimestamp: z.string(),
});

export const helmOutputEventBodySchema = z.object({
  type: z.literal('helm-output'),
  stream: z.enum(['stdout', 'stderr']),
  /** One line, already redacted by the job. */
  line: z.string(),
});

export const overrideEventBodySchema = z.object({
  type: z.literal('override'),
  /** The preflight check id the admin chose to override (or INITIALISED_SECRETS_OVERRIDE). */
  check: z.string().min(1),
});

/**
 * The override of the upgrade's blocking problem: the new values replace secrets the release has
 * already initialised (lib/install/values-diff.ts). The admin types the release's name to give it.
 */
export const INITIALISED_SECRETS_OVERRIDE = 'initialised-secrets';

export const loginSchema = z.object({
  user: z.string(),
  /** The exact command that reads the first-login password from its Secret. */
  passwordCommand: z.string(),
});

/** One instruction of the success panel with its exact command (names only, never a value). */
export const instructionSchema = z.object({ text: z.string(), command: z.string() });

export const doneEventBodySchema = z.object({
  type: z.literal('done'),
  outcome: z.enum(['succeeded', 'failed', 'cancelled']),
  /** One line per failing pod/workload naming it and its reason (never just "timed out"). */
  summary: z.array(z.string()),
  endpoint: z.string().optional(),
  login: loginSchema.optional(),
  /** Where the endpoint enters the cluster for the installed chart (its Ingress, Service, port-forward). */
  wayIn: instructionSchema.optional(),
  /** Chart 3.50: back up `encryption-key-0` of the backend Secret (docs/chart-3.50.md §10). */
  keyBackup: instructionSchema.optional(),
});

const bodies = [
  jobEventBodySchema,
  stepEventBodySchema,
  expectedEventBodySchema,
  workloadEventBodySchema,
  podEventBodySchema,
  k8sEventBodySchema,
  helmOutputEventBodySchema,
  overrideEventBodySchema,
  doneEventBodySchema,
] as const;

/** An event as an emitter builds it, before the job's log stamps `id` and `at`. */
export const installEventBodySchema = z.discriminatedUnion('type', bodies);
export type InstallEventBody = z.infer<typeof installEventBodySchema>;

/** A logged event: what the SSE route sends (as `data:` JSON) and the reducer folds. */
export const installEventSchema = z.discriminatedUnion('type', [
  jobEventBodySchema.extend(envelope),
  stepEventBodySchema.extend(envelope),
  expectedEventBodySchema.extend(envelope),
  workloadEventBodySchema.extend(envelope),
  podEventBodySchema.extend(envelope),
  k8sEventBodySchema.extend(envelope),
  helmOutputEventBodySchema.extend(envelope),
  overrideEventBodySchema.extend(envelope),
  doneEventBodySchema.extend(envelope),
]);
export type InstallEvent = z.infer<typeof installEventSchema>;
export type InstallEventType = InstallEvent['type'];
export type EventOf<T extends InstallEventType> = Extract<InstallEvent, { type: T }>;

/** Stamp a body with its log id and time (the job's log calls this). */
export function stampEvent(body: InstallEventBody, id: number, at: string): InstallEvent {
  return { ...body, id, at } as InstallEvent;
}
