import 'server-only';
/**
 * One install job: namespace → Secrets → `helm upgrade --install` → wait for every expected
 * workload (the wizard's own watch decides) → done / failed / cancelled. Every step is an event in
 * the job's log. The job never rolls back or deletes on failure: the pods and events that explain
 * it stay for the admin to read.
 */
import type * as k8s from '@kubernetes/client-node';
import { renderValues, renderYaml } from '../values';
import type { Answers } from '../answers';
import {
  getManifestArgs,
  getMetadataArgs,
  getValuesArgs,
  historyArgs,
  upgradeInstallArgs,
} from '../helm/args';
import { profileMismatch, releaseProfile } from './profile-guard';
import type { Tree } from '../values/tree';
import { diffValues, initialisedSecretChanges } from './values-diff';
import { INITIALISED_SECRETS_OVERRIDE } from '../status/events';
import { expectedWorkloads } from '../status/expected';
import type { ExpectedWorkload, InstallEventBody } from '../status/events';
import type { JobLog } from './job-log';
import * as kubeOps from './kube-ops';
import { helmError, type HelmCli } from './helm-cli';
import { ServerStopping } from '../shutdown';
import { parseHistory, releaseState, type ReleaseState } from '../helm/history';
import {
  historyFromRecords,
  manifestOfRecord,
  newestManifest,
  recordsOf,
  secretDriver,
  type RecordLike,
} from '../helm/release-record';
import { ChartSourceError, stageChart } from '../helm/stage-chart';
import { createValuesDir, TempDirError, type ValuesDir } from '../helm/values-dir';
import { runSecretsStep, type SecretsChoice } from './secrets-step';
import { followPods, podReasons, waitForRelease, type WaitDeps } from './wait';
import type { NamespaceFeed } from './feed';
import { doneInfo } from './done-info';

export interface InstallPlan {
  jobId: string;
  answers: Answers;
  context: string | null;
  namespace: string;
  release: string;
  /** Absolute chart path or oci:// reference (validated). */
  chart: string;
  /**
   * A directory or .tgz the admin named (not the bundled chart, not OCI): copied into the job's
   * private directory first, links leaving it refused (lib/helm/stage-chart.ts).
   */
  localChart?: boolean;
  chartVersion?: string;
  /** The chart is the wizard's own test and demo chart (said so in the job's first event). */
  bundledChart?: boolean;
  overrides: string[];
  timeoutSeconds: number;
  secrets: SecretsChoice;
}

export interface JobDeps {
  helm: HelmCli;
  kc: k8s.KubeConfig;
  feed: NamespaceFeed;
  now: () => number;
  tmpRoot?: string;
  /** The direct API calls (namespace, Secrets); the real ones unless a test passes its own. */
  kube?: KubeOps;
  /**
   * helm without redaction, only to read the release's current values for the initialised-secrets
   * check (the job's helm redacts the answers' secrets, which would hide an unchanged one). Default: `helm`.
   */
  valuesHelm?: HelmCli;
}

/** `releaseRecords` is optional: without it (unit tests' fakes) history and manifest come from helm. */
export type KubeOps = Pick<typeof kubeOps, 'ensureNamespace' | 'existingSecrets' | 'createSecret'> &
  Partial<Pick<typeof kubeOps, 'releaseRecords'>>;

export type Outcome = 'succeeded' | 'failed' | 'cancelled';

/** Reads a release's records from the API (the default Secret storage driver), or null to ask helm. */
export type RecordReader = (() => Promise<RecordLike[]>) | null;

/** The job's record reader: the API when helm stores releases in Secrets (no HELM_DRIVER override) and the ops can list them. */
export function recordReader(
  kc: k8s.KubeConfig,
  kube: KubeOps,
  namespace: string,
  release: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): RecordReader {
  const list = kube.releaseRecords;
  return list && secretDriver(env) ? () => list(kc, namespace, release) : null;
}

/**
 * Reads the release's history: absent, fine, or stuck pending-* (with the recovery). From the
 * release records when a reader is given (one API request instead of a helm process; helm's
 * own answer if that request fails), else `helm history`.
 */
export async function readReleaseState(
  helm: HelmCli,
  t: { context: string | null; namespace: string },
  release: string,
  records: RecordReader = null,
): Promise<ReleaseState> {
  if (records) {
    try {
      return releaseState(historyFromRecords(await records(), release));
    } catch {
      /* helm answers below, with its own error if there is one */
    }
  }
  const r = await helm.run(historyArgs(t, release));
  if (r.code !== 0) {
    if (/not found/i.test(r.stderr)) return { kind: 'absent' };
    throw new Error(`helm history failed: ${helmError(r).join(' ')}`);
  }
  return releaseState(parseHistory(r.stdout));
}

/** The newest revision's manifest: from its record (one API request) or `helm get manifest`; null when neither has it. */
export async function releaseManifest(
  helm: HelmCli,
  t: { context: string | null; namespace: string },
  release: string,
  records: RecordReader = null,
): Promise<string | null> {
  if (records) {
    try {
      const m = newestManifest(await records(), release);
      if (m !== null) return m;
    } catch {
      /* helm answers below */
    }
  }
  const r = await helm.run(getManifestArgs(t, release));
  return r.code === 0 ? r.stdout : null;
}

/** How often the release's records are read while helm runs, until the new revision shows. */
export const PREFETCH_EVERY_MS = 200;

/**
 * Reads the expected workloads of the first revision after `after` from the release records
 * while helm runs (polled every PREFETCH_EVERY_MS, one request each, until it is there). `settle`
 * stops polling and gives what was read, or null (no reader, not there yet, or unreadable: the
 * caller then reads the manifest itself).
 */
export function prefetchExpected(
  records: RecordReader,
  release: string,
  after: number,
  everyMs = PREFETCH_EVERY_MS,
): { settle: () => Promise<{ revision: number; expected: ExpectedWorkload[] } | null> } {
  if (!records) return { settle: async () => null };
  let stopped = false;
  let wake: () => void = () => undefined;
  const nap = () =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, everyMs);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  const run = (async () => {
    while (!stopped) {
      await nap();
      if (stopped) return null;
      try {
        const mine = recordsOf(await records(), release).filter(
          (r) => Number(r.metadata?.labels?.version) > after,
        );
        const first = mine[0];
        if (first)
          return {
            revision: Number(first.metadata!.labels!.version),
            expected: expectedWorkloads(manifestOfRecord(first)),
          };
      } catch {
        return null; // unreadable: the manifest is read again after helm
      }
    }
    return null;
  })();
  return {
    settle: async () => {
      stopped = true;
      wake();
      return run;
    },
  };
}

function pendingMessage(s: Extract<ReleaseState, { kind: 'pending' }>, release: string): string {
  const how =
    s.recovery.action === 'rollback'
      ? `roll back to revision ${s.recovery.toRevision}, the last one deployed (dashboard "Recover", or \`npm run cli -- rollback --release ${release} --revision ${s.recovery.toRevision}\`)`
      : `uninstall it (it never deployed) and install again`;
  return `Release ${release} is stuck in ${s.status} (revision ${s.revision}): a helm was stopped mid-operation. To recover, ${how}.`;
}

type StepEvent = Extract<InstallEventBody, { type: 'step' }>;
type DoneEvent = Extract<InstallEventBody, { type: 'done' }>;
/** The release as read at the start, once a pending one has ended the job. */
type Settled = Exclude<ReleaseState, { kind: 'pending' }>;
/** helm applied the release: when it started, and the expected workloads read while it ran. */
type Applied = {
  helmStarted: number;
  prefetched: { revision: number; expected: ExpectedWorkload[] } | null;
};

/** What the steps of one job share: its plan, its deps, the writers of its log, and what must be cleaned up. */
interface JobRun {
  plan: InstallPlan;
  deps: JobDeps;
  signal: AbortSignal;
  kube: KubeOps;
  records: RecordReader;
  target: { context: string | null; namespace: string };
  emit(b: InstallEventBody): unknown;
  step(s: StepEvent['step'], state: StepEvent['state'], message: string): void;
  finish(outcome: Outcome, summary: string[], extra?: Partial<DoneEvent>): Outcome;
  /** The values file's dir (the answers' secrets): removed as soon as helm has read it, and at the end. */
  values?: ValuesDir;
  /** The admin's chart, copied into `values` (helm reads the copy). */
  chart?: string;
  /** Stops following the release's pods from the start of helm (the wait step takes over). */
  stopEarly: () => void;
}

function jobRun(plan: InstallPlan, deps: JobDeps, log: JobLog, signal: AbortSignal): JobRun {
  const emit = (b: InstallEventBody) => log.append(b);
  const kube = deps.kube ?? kubeOps;
  return {
    plan,
    deps,
    signal,
    kube,
    records: recordReader(deps.kc, kube, plan.namespace, plan.release),
    target: { context: plan.context, namespace: plan.namespace },
    emit,
    step: (step, state, message) => emit({ type: 'step', step, state, message }),
    finish: (outcome, summary, extra = {}) => {
      emit({ type: 'done', outcome, summary, ...extra });
      return outcome;
    },
    stopEarly: () => {},
  };
}

/** Runs the whole job, logging every step; returns the outcome. Never throws. */
export async function runInstallJob(
  plan: InstallPlan,
  deps: JobDeps,
  log: JobLog,
  signal: AbortSignal,
): Promise<Outcome> {
  const run = jobRun(plan, deps, log, signal);
  try {
    return await installSteps(run);
  } catch (e) {
    const m = (e as Error).message || String(e);
    if (e instanceof TempDirError || e instanceof ChartSourceError) run.step('helm', 'failed', m);
    return run.finish('failed', [m]);
  } finally {
    run.values?.remove();
    run.stopEarly();
  }
}

/** The steps in order; a step that ends the job returns its outcome. */
async function installSteps(run: JobRun): Promise<Outcome> {
  const { plan } = run;
  const { state, valuesFile, dirError, namespacing } = await prepare(run);
  announce(run, state);
  if (state.kind === 'pending') {
    const m = pendingMessage(state, plan.release);
    run.step('helm', 'failed', m);
    return run.finish('failed', [m]);
  }
  if (state.kind === 'ok') {
    const refused = (await profileGuard(run)) ?? (await initialisedSecretsGuard(run));
    if (refused) return refused;
  }
  if (dirError !== null || !namespacing) throw dirError;
  await namespaceStep(run, namespacing);
  const secrets = await runSecretsStep(plan, run.deps.kc, run.emit, run.kube);
  if (!secrets.ok) return run.finish('failed', secrets.summary);
  if (run.signal.aborted) return cancelled(run, 'before helm ran');
  const helm = await helmStep(run, state, valuesFile);
  if ('outcome' in helm) return helm.outcome;
  return waitStep(run, state, helm);
}

/**
 * Reads the release's state (one API request) while the values render and the namespace is made.
 * The values file first: a temp dir that is unwritable or full fails the job before anything
 * reaches the cluster (no namespace, no Secret, no half-applied release).
 */
async function prepare(run: JobRun) {
  const { plan, deps } = run;
  const reading = readReleaseState(deps.helm, run.target, plan.release, run.records);
  reading.catch(() => undefined); // awaited below; a render that throws first must not leave it unhandled
  const rendered = renderYaml(plan.answers).values;
  let valuesFile = '';
  let dirError: unknown = null;
  try {
    run.values = createValuesDir(deps.tmpRoot);
    valuesFile = run.values.write('values.yaml', rendered);
    if (plan.localChart) run.chart = stageChart(plan.chart, run.values.dir);
  } catch (e) {
    dirError = e;
  }
  // The namespace is made while the state is read (one round trip less before helm, bench
  // "install"). A release found pending lives in that namespace, so for it this changes nothing.
  const namespacing = dirError === null ? run.kube.ensureNamespace(deps.kc, plan.namespace) : null;
  namespacing?.catch(() => undefined); // awaited below, unless the state read ends the job first
  return { state: await reading, valuesFile, dirError, namespacing };
}

/** The job's first event (what is installed where, install or upgrade), then the checks overridden. */
function announce(run: JobRun, state: ReleaseState): void {
  const { plan, deps } = run;
  run.emit({
    type: 'job',
    jobId: plan.jobId,
    release: plan.release,
    namespace: plan.namespace,
    context: plan.context,
    chart: plan.chart,
    ...(plan.chartVersion ? { chartVersion: plan.chartVersion } : {}),
    ...(plan.bundledChart ? { bundledChart: true } : {}),
    helmVersion: deps.helm.bin.version.raw,
    action: state.kind === 'absent' ? 'install' : 'upgrade',
    revision: state.kind === 'absent' ? 1 : state.revision + 1,
    timeoutSeconds: plan.timeoutSeconds,
    startedAt: new Date(deps.now()).toISOString(),
  });
  for (const check of plan.overrides) run.emit({ type: 'override', check });
}

/**
 * A plan over a release that runs the other chart (3.9.4 ↔ 3.50) is refused before anything
 * reaches the cluster (profile-guard.ts). A chart that cannot be read or is neither goes ahead.
 */
async function profileGuard(run: JobRun): Promise<Outcome | null> {
  const { plan, deps } = run;
  const r = await (deps.valuesHelm ?? deps.helm).run(getMetadataArgs(run.target, plan.release));
  const running = r.code === 0 ? releaseProfile(r.stdout) : null;
  const m = profileMismatch(running, plan.answers.chart, plan);
  if (m === null) return null;
  run.step('helm', 'failed', m);
  return run.finish('failed', [m]);
}

/**
 * An upgrade whose values replace secrets the release has already initialised (database and
 * Keycloak passwords, the queue's login, the API keys' AES key) would break it: the job refuses
 * it before anything reaches the cluster unless the admin overrode it (INITIALISED_SECRETS_OVERRIDE,
 * typed on the page, logged by `announce`). Values that cannot be read count as a refusal too.
 */
async function initialisedSecretsGuard(run: JobRun): Promise<Outcome | null> {
  const { plan, deps } = run;
  if (plan.overrides.includes(INITIALISED_SECRETS_OVERRIDE)) return null;
  const helm = deps.valuesHelm ?? deps.helm;
  const r = await helm.run(getValuesArgs(run.target, plan.release));
  let lines: string[];
  if (r.code !== 0) lines = ['Its current values could not be read (helm get values failed).'];
  else {
    let current: Tree;
    try {
      current = (JSON.parse(r.stdout || '{}') ?? {}) as Tree;
    } catch {
      current = {};
    }
    const broken = initialisedSecretChanges(diffValues(current, renderValues(plan.answers).values));
    if (!broken.length) return null;
    lines = broken.map((c) => `${c.path}: ${c.message}`);
  }
  const m = `Refused: this upgrade would replace secrets release ${plan.release} has already initialised, and the release would break. Nothing was changed. Start from this release to keep them, or override “${INITIALISED_SECRETS_OVERRIDE}” (type the release's name on the page) to upgrade anyway.`;
  run.step('helm', 'failed', [m, ...lines].join('\n'));
  return run.finish('failed', [m, ...lines]);
}

async function namespaceStep(
  run: JobRun,
  namespacing: ReturnType<KubeOps['ensureNamespace']>,
): Promise<void> {
  const ns = run.plan.namespace;
  run.step('namespace', 'running', `Namespace ${ns}`);
  const made = await namespacing;
  run.step(
    'namespace',
    'done',
    made === 'created' ? `Created namespace ${ns}` : `Namespace ${ns} exists`,
  );
}

/**
 * helm upgrade --install, with the release's pods shown from its start (bench "time to
 * diagnosis": waiting for helm and `get manifest` first cost seconds) and the expected workloads
 * read from the new revision's record while helm works (helm writes it before it applies anything).
 */
async function helmStep(
  run: JobRun,
  state: Settled,
  valuesFile: string,
): Promise<{ outcome: Outcome } | Applied> {
  const { plan, deps } = run;
  const helmStarted = deps.now();
  run.stopEarly = followPods(plan.release, deps.feed, deps.now, run.emit);
  const early = prefetchExpected(
    run.records,
    plan.release,
    state.kind === 'absent' ? 0 : state.revision,
  );
  const helmResult = await runHelm(
    { ...plan, chart: run.chart ?? plan.chart },
    deps,
    valuesFile,
    run.emit,
    run.signal,
  );
  const prefetched = await early.settle();
  run.values?.remove(); // helm has read it: the secrets leave the disk now, not at the end of the wait
  if (helmResult.state === 'cancelled')
    return { outcome: cancelled(run, 'helm was stopped (SIGTERM)') };
  if (helmResult.state !== 'ok') run.stopEarly();
  if (helmResult.state === 'failed') {
    // helm's message first, then what the pods say (evidence captured before anything is cleaned up).
    const pods = await podReasons(plan.release, deps.feed, deps.now);
    return { outcome: run.finish('failed', [...helmResult.summary, ...pods]) };
  }
  return { helmStarted, prefetched };
}

/** The expected workloads of the applied revision, then the wait until each is ready (or certainly failed). */
async function waitStep(run: JobRun, state: Settled, helm: Applied): Promise<Outcome> {
  const { plan, deps } = run;
  // A successful helm applied exactly the revision after the one read at the start (a second
  // operation on the release is refused by helm while one is pending).
  const mine = state.kind === 'absent' ? 1 : state.revision + 1;
  let expected: ExpectedWorkload[];
  if (helm.prefetched?.revision === mine) expected = helm.prefetched.expected;
  else {
    const manifest = await releaseManifest(deps.helm, run.target, plan.release, run.records);
    expected = manifest !== null ? expectedWorkloads(manifest) : [];
  }
  run.emit({ type: 'expected', workloads: expected });
  const waitDeps: WaitDeps = { feed: deps.feed, now: deps.now };
  run.stopEarly();
  const verdict = await waitForRelease(
    plan.release,
    expected,
    helm.helmStarted + plan.timeoutSeconds * 1000,
    waitDeps,
    run.emit,
    run.signal,
  );
  if (verdict.state === 'cancelled')
    return cancelled(run, 'stopped watching; the release stays as helm left it');
  if (verdict.state === 'failed') return run.finish('failed', verdict.summary);
  return run.finish(
    'succeeded',
    [`All ${expected.length} workloads are ready.`],
    doneInfo(plan.answers, plan.release, plan.namespace),
  );
}

/** What a helm that did not exit by itself (killed by a signal, not by the admin's cancel) left behind. */
export function killedMessage(signal: NodeJS.Signals, release: string): string {
  return `helm was killed (signal ${signal}) before it finished: release ${release} may be left pending-install or pending-upgrade. Install again: the wizard detects a stuck release and names the recovery (a rollback, or an uninstall when it never deployed).`;
}

function cancelled(run: Pick<JobRun, 'step' | 'finish' | 'signal'>, how: string): Outcome {
  run.step('cancel', 'done', `Cancelled: ${how}.`);
  const who =
    run.signal.reason instanceof ServerStopping
      ? "Cancelled because the wizard's server stopped (SIGINT or SIGTERM)"
      : 'Cancelled by the admin';
  return run.finish('cancelled', [`${who}: ${how}.`]);
}

/** The helm step: upgrade --install with the values file already written (removed by the caller however it ends). */
async function runHelm(
  plan: InstallPlan,
  deps: JobDeps,
  values: string,
  emit: (b: InstallEventBody) => unknown,
  signal: AbortSignal,
): Promise<{ state: 'ok' | 'failed' | 'cancelled'; summary: string[] }> {
  emit({
    type: 'step',
    step: 'helm',
    state: 'running',
    message: `helm upgrade --install ${plan.release} (${deps.helm.bin.version.raw})`,
  });
  const args = upgradeInstallArgs(deps.helm.bin.version.major, {
    context: plan.context,
    namespace: plan.namespace,
    release: plan.release,
    chart: plan.chart,
    ...(plan.chartVersion ? { chartVersion: plan.chartVersion } : {}),
    valuesFiles: [values],
    timeoutSeconds: plan.timeoutSeconds,
  });
  const r = await deps.helm.run(args, {
    signal,
    onLine: (stream, line) => emit({ type: 'helm-output', stream, line }),
  });
  if (r.cancelled) {
    emit({ type: 'step', step: 'helm', state: 'failed', message: 'helm was sent SIGTERM' });
    return { state: 'cancelled', summary: [] };
  }
  if (r.signal) {
    const summary = [
      killedMessage(r.signal, plan.release),
      ...(r.stderr.trim() ? helmError(r) : []),
    ];
    emit({ type: 'step', step: 'helm', state: 'failed', message: summary.join('\n') });
    return { state: 'failed', summary };
  }
  if (r.code !== 0) {
    const summary = helmError(r);
    emit({ type: 'step', step: 'helm', state: 'failed', message: summary.join('\n') });
    return { state: 'failed', summary };
  }
  emit({ type: 'step', step: 'helm', state: 'done', message: 'helm applied the release' });
  return { state: 'ok', summary: [] };
}
