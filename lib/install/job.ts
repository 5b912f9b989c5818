import 'server-only';
/**
 * One install job: namespace → Secrets → `helm upgrade --install` → wait for every expected
 * workload (the wizard's own watch decides) → done / failed / cancelled. Every step is an event in
 * the job's log. The job never rolls back or deletes on failure: the pods and events that explain
 * it stay for the admin to read.
 */
import type * as k8s from '@kubernetes/client-node';
import { renderYaml } from '../values';
import type { Answers } from '../answers';
import { getManifestArgs, historyArgs, upgradeInstallArgs } from '../helm/args';
import { expectedWorkloads } from '../status/expected';
import type { ExpectedWorkload, InstallEventBody } from '../status/events';
import type { JobLog } from './job-log';
import * as kubeOps from './kube-ops';
import { helmError, type HelmCli } from './helm-cli';
import { parseHistory, releaseState, type ReleaseState } from '../helm/history';
import {
  historyFromRecords,
  manifestOfRecord,
  newestManifest,
  recordsOf,
  secretDriver,
  type RecordLike,
} from '../helm/release-record';
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
  chartVersion?: string;
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

/** Runs the whole job, logging every step; returns the outcome. Never throws. */
export async function runInstallJob(
  plan: InstallPlan,
  deps: JobDeps,
  log: JobLog,
  signal: AbortSignal,
): Promise<Outcome> {
  const emit = (b: InstallEventBody) => log.append(b);
  const step = (
    s: Extract<InstallEventBody, { type: 'step' }>['step'],
    state: Extract<InstallEventBody, { type: 'step' }>['state'],
    message: string,
  ) => emit({ type: 'step', step: s, state, message });
  const finish = (
    outcome: Outcome,
    summary: string[],
    extra: Partial<Extract<InstallEventBody, { type: 'done' }>> = {},
  ): Outcome => {
    emit({ type: 'done', outcome, summary, ...extra });
    return outcome;
  };
  const target = { context: plan.context, namespace: plan.namespace };
  let values: ValuesDir | undefined;
  let stopEarly = () => {};
  const kube = deps.kube ?? kubeOps;
  const records = recordReader(deps.kc, kube, plan.namespace, plan.release);
  try {
    // The release's state is one API request; the values render while it is on its way.
    const reading = readReleaseState(deps.helm, target, plan.release, records);
    reading.catch(() => undefined); // awaited below; a render that throws first must not leave it unhandled
    const rendered = renderYaml(plan.answers).values;
    // The values file first: a temp dir that is unwritable or full fails the job before anything
    // reaches the cluster (no namespace, no Secret, no half-applied release).
    let valuesFile = '';
    let dirError: unknown = null;
    try {
      values = createValuesDir(deps.tmpRoot);
      valuesFile = values.write('values.yaml', rendered);
    } catch (e) {
      dirError = e;
    }
    // The namespace is made while the state is read (one round trip less before helm, bench
    // "install"). A release found pending lives in that namespace, so for it this changes nothing.
    const namespacing = dirError === null ? kube.ensureNamespace(deps.kc, plan.namespace) : null;
    namespacing?.catch(() => undefined); // awaited below, unless the state read ends the job first
    const state = await reading;
    emit({
      type: 'job',
      jobId: plan.jobId,
      release: plan.release,
      namespace: plan.namespace,
      context: plan.context,
      chart: plan.chart,
      ...(plan.chartVersion ? { chartVersion: plan.chartVersion } : {}),
      helmVersion: deps.helm.bin.version.raw,
      action: state.kind === 'absent' ? 'install' : 'upgrade',
      timeoutSeconds: plan.timeoutSeconds,
      startedAt: new Date(deps.now()).toISOString(),
    });
    for (const check of plan.overrides) emit({ type: 'override', check });
    if (state.kind === 'pending') {
      const m = pendingMessage(state, plan.release);
      step('helm', 'failed', m);
      return finish('failed', [m]);
    }
    if (dirError !== null || !namespacing) throw dirError;
    step('namespace', 'running', `Namespace ${plan.namespace}`);
    const ns = await namespacing;
    step(
      'namespace',
      'done',
      ns === 'created'
        ? `Created namespace ${plan.namespace}`
        : `Namespace ${plan.namespace} exists`,
    );

    const secrets = await runSecretsStep(plan, deps.kc, emit, kube);
    if (!secrets.ok) return finish('failed', secrets.summary);
    if (signal.aborted) return cancelled(emit, finish, 'before helm ran');

    const helmStarted = deps.now();
    // Pods are shown from the start of helm (bench "time to diagnosis": waiting for helm and
    // `get manifest` first cost seconds); the wait step takes over with the expected workloads.
    stopEarly = followPods(plan.release, deps.feed, deps.now, emit);
    // helm writes the new revision's record (with its manifest) before it applies anything: the
    // expected workloads are read from it while helm works, not after.
    const early = prefetchExpected(
      records,
      plan.release,
      state.kind === 'absent' ? 0 : state.revision,
    );
    const helmResult = await runHelm(plan, deps, valuesFile, emit, signal);
    const prefetched = await early.settle();
    values?.remove(); // helm has read it: the secrets leave the disk now, not at the end of the wait
    if (helmResult.state === 'cancelled')
      return cancelled(emit, finish, 'helm was stopped (SIGTERM)');
    if (helmResult.state !== 'ok') stopEarly();
    if (helmResult.state === 'failed') {
      // helm's message first, then what the pods say (evidence captured before anything is cleaned up).
      return finish('failed', [
        ...helmResult.summary,
        ...(await podReasons(plan.release, deps.feed, deps.now)),
      ]);
    }

    // A successful helm applied exactly the revision after the one read at the start (a second
    // operation on the release is refused by helm while one is pending).
    const mine = state.kind === 'absent' ? 1 : state.revision + 1;
    let expected: ExpectedWorkload[];
    if (prefetched?.revision === mine) expected = prefetched.expected;
    else {
      const manifest = await releaseManifest(deps.helm, target, plan.release, records);
      expected = manifest !== null ? expectedWorkloads(manifest) : [];
    }
    emit({ type: 'expected', workloads: expected });
    const waitDeps: WaitDeps = { feed: deps.feed, now: deps.now };
    stopEarly();
    const verdict = await waitForRelease(
      plan.release,
      expected,
      helmStarted + plan.timeoutSeconds * 1000,
      waitDeps,
      emit,
      signal,
    );
    if (verdict.state === 'cancelled')
      return cancelled(emit, finish, 'stopped watching; the release stays as helm left it');
    if (verdict.state === 'failed') return finish('failed', verdict.summary);
    return finish(
      'succeeded',
      [`All ${expected.length} workloads are ready.`],
      doneInfo(plan.answers, plan.release, plan.namespace),
    );
  } catch (e) {
    const m = (e as Error).message || String(e);
    if (e instanceof TempDirError) step('helm', 'failed', m);
    return finish('failed', [m]);
  } finally {
    values?.remove();
    stopEarly();
  }
}

/** What a helm that did not exit by itself (killed by a signal, not by the admin's cancel) left behind. */
export function killedMessage(signal: NodeJS.Signals, release: string): string {
  return `helm was killed (signal ${signal}) before it finished: release ${release} may be left pending-install or pending-upgrade. Install again: the wizard detects a stuck release and names the recovery (a rollback, or an uninstall when it never deployed).`;
}

function cancelled(
  emit: (b: InstallEventBody) => unknown,
  finish: (o: Outcome, s: string[]) => Outcome,
  how: string,
): Outcome {
  emit({ type: 'step', step: 'cancel', state: 'done', message: `Cancelled: ${how}.` });
  return finish('cancelled', [`Cancelled by the admin: ${how}.`]);
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
