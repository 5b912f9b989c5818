import 'server-only';
/**
 * Dashboard actions on a release that exists: adopt (stream its live state, e.g. after a wizard
 * restart), rollback, uninstall, and the values diff before an upgrade. Each action that changes
 * the cluster runs as a job (one per context/namespace/release), so its progress streams too.
 */
import { kubeConfigFor } from '../cluster/kubeconfig';
import { findHelm } from '../helm/find-helm';
import {
  getMetadataArgs,
  getValuesArgs,
  historyArgs,
  rollbackArgs,
  uninstallArgs,
} from '../helm/args';
import { makeRedactor, secretValuesOf, secretValuesOfTree } from '../helm/redact';
import { renderValues } from '../values';
import type { Tree } from '../values/tree';
import type { InstallEventBody } from '../status/events';
import { expectedWorkloads } from '../status/expected';
import { namespaceFeed } from './feed';
import { helmCli, helmError, type HelmCli } from './helm-cli';
import {
  readReleaseState,
  recordReader,
  releaseManifest,
  type Outcome,
  type RecordReader,
} from './job';
import * as kubeOps from './kube-ops';
import type { JobLog } from './job-log';
import { parseHistory, previousRevision } from '../helm/history';
import { runningJob, jobKey, startJob, type JobRecord } from './registry';
import { DEFAULT_TIMEOUT_SECONDS } from './request';
import { RequestProblems, resolveAnswers, resolveTarget, type Target } from '../target';
import {
  diffValues,
  initialisedSecretChanges,
  type InitialisedChange,
  type ValueChange,
} from './values-diff';
import { waitForRelease } from './wait';
import { profileConflict, releaseProfile, type ProfileConflict } from './profile-guard';
import { ConflictError, NotFoundError } from './errors';
import { refuseOneWayRollback } from './rollback-one-way';
import {
  deleteKeptValues,
  deleteLeftovers,
  gatherLeftovers,
  readKeptValues,
  writeKeptValues,
} from './leftovers';
import { keptLines, type LeftoverChoice, type Leftovers } from './leftovers-plan';

async function prepare(t: { context?: string; namespace?: string; release?: string }) {
  const target = resolveTarget(t);
  const kc = kubeConfigFor(target.context ?? undefined);
  const bin = await findHelm();
  return {
    target,
    kc,
    helm: helmCli(bin, makeRedactor([])),
    records: recordReader(kc, kubeOps, target.namespace, target.release),
  };
}

/** Watches the release until settled and logs the done event; shared by adopt and rollback. */
async function watchRelease(
  target: Target,
  helm: HelmCli,
  kc: ReturnType<typeof kubeConfigFor>,
  log: JobLog,
  signal: AbortSignal,
  timeoutSeconds: number,
  records: RecordReader,
): Promise<Outcome> {
  const emit = (b: InstallEventBody) => log.append(b);
  const manifest = await releaseManifest(helm, target, target.release, records);
  const expected = manifest !== null ? expectedWorkloads(manifest) : [];
  emit({ type: 'expected', workloads: expected });
  const v = await waitForRelease(
    target.release,
    expected,
    Date.now() + timeoutSeconds * 1000,
    { feed: namespaceFeed(kc, target.context, target.namespace), now: Date.now },
    emit,
    signal,
  );
  const outcome: Outcome =
    v.state === 'succeeded' ? 'succeeded' : v.state === 'cancelled' ? 'cancelled' : 'failed';
  emit({
    type: 'done',
    outcome,
    summary:
      v.state === 'failed'
        ? v.summary
        : v.state === 'succeeded'
          ? [`All ${expected.length} workloads are ready.`]
          : ['Stopped watching.'],
  });
  return outcome;
}

type JobEvent = Extract<InstallEventBody, { type: 'job' }>;

function jobEvent(
  id: string,
  target: Target,
  helm: HelmCli,
  timeoutSeconds: number,
  extra: Partial<Pick<JobEvent, 'action' | 'revision' | 'toRevision' | 'startedAt'>> = {},
): JobEvent {
  return {
    type: 'job',
    jobId: id,
    ...target,
    chart: '(installed release)',
    helmVersion: helm.bin.version.raw,
    action: 'upgrade',
    timeoutSeconds,
    startedAt: new Date().toISOString(),
    ...extra,
  };
}

/**
 * Streams the live state of a release found in the cluster (Helm's release record): joins the job
 * running for it, else starts a watch-only job. NotFoundError when there is no such release.
 */
export async function adoptRelease(
  t: { context?: string; namespace?: string; release?: string },
  timeoutSeconds = DEFAULT_TIMEOUT_SECONDS,
): Promise<{ job: JobRecord; joined: boolean }> {
  const target = resolveTarget(t);
  const running = runningJob(jobKey(target.context, target.namespace, target.release));
  if (running) return { job: running, joined: true };
  const { kc, helm, records } = await prepare(t);
  const state = await readReleaseState(helm, target, target.release, records);
  if (state.kind === 'absent')
    throw new NotFoundError(`No release ${target.release} in namespace ${target.namespace}.`);
  return startJob(
    { kind: 'status', ...target, live: namespaceFeed(kc, target.context, target.namespace) },
    async ({ id, log, signal }) => {
      // A watch, not an install or upgrade (it changes nothing; its cancel only stops watching);
      // its clock runs from when helm began the newest revision, as the job a restart lost did.
      const began = state.kind === 'ok' && state.updated ? Date.parse(state.updated) : NaN;
      const startedAt = Number.isNaN(began) ? Date.now() : Math.min(began, Date.now());
      log.append(
        jobEvent(id, target, helm, timeoutSeconds, {
          action: 'watch',
          revision: state.revision,
          startedAt: new Date(startedAt).toISOString(),
        }),
      );
      if (state.kind === 'pending') {
        log.append({
          type: 'step',
          step: 'helm',
          state: 'failed',
          message: `Release is stuck in ${state.status} (revision ${state.revision}); recovery: ${state.recovery.action === 'rollback' ? `roll back to revision ${state.recovery.toRevision}` : 'uninstall'}.`,
        });
      }
      return watchRelease(target, helm, kc, log, signal, timeoutSeconds, records);
    },
  );
}

/**
 * A redactor from the release's own values (`helm get values`, current revision and, for a
 * rollback, the target's): rollback and uninstall have no answers, and their helm output may
 * echo a value like an install's does. Read with the unredacted helm; never logged.
 */
export async function releaseRedactor(
  raw: HelmCli,
  target: Target,
  revisions: Array<number | undefined>,
): Promise<HelmCli> {
  const secrets: string[] = [];
  for (const revision of revisions) {
    const r = await raw.run(getValuesArgs(target, target.release, revision));
    if (r.code !== 0) continue;
    let values: unknown;
    try {
      values = JSON.parse(r.stdout || '{}');
    } catch {
      continue;
    }
    const endpoint = (values as { general?: { lightrun_endpoint?: unknown } } | null)?.general
      ?.lightrun_endpoint;
    secretValuesOfTree(values, [
      target.namespace,
      target.release,
      ...(typeof endpoint === 'string' ? endpoint.split('.') : []),
    ]).forEach((v) => secrets.push(v));
  }
  return helmCli(raw.bin, makeRedactor(secrets));
}

/**
 * The helm step of a rollback or uninstall job, shared: the step's running/done/failed events,
 * helm's output redacted into the log; on failure (or cancel) the done event too. Returns the
 * outcome when the job ends here, null when helm succeeded.
 */
async function helmStep(
  log: JobLog,
  helm: HelmCli,
  step: 'rollback' | 'uninstall',
  args: string[],
  text: { running: string; done: string },
  signal: AbortSignal,
): Promise<Outcome | null> {
  log.append({ type: 'step', step, state: 'running', message: text.running });
  const r = await helm.run(args, {
    signal,
    onLine: (stream, line) => log.append({ type: 'helm-output', stream, line }),
  });
  if (r.code === 0) {
    log.append({ type: 'step', step, state: 'done', message: text.done });
    return null;
  }
  const outcome: Outcome = r.cancelled ? 'cancelled' : 'failed';
  log.append({ type: 'step', step, state: 'failed', message: helmError(r).join('\n') });
  log.append({ type: 'done', outcome, summary: helmError(r) });
  return outcome;
}

/** Rolls back to `revision` (default: the previous deployed one), then watches until settled. */
export async function rollbackRelease(
  t: { context?: string; namespace?: string; release?: string; revision?: number },
  timeoutSeconds = DEFAULT_TIMEOUT_SECONDS,
): Promise<{ job: JobRecord }> {
  const { target, kc, helm: raw, records } = await prepare(t);
  if (runningJob(jobKey(target.context, target.namespace, target.release)))
    throw new ConflictError(
      'A job is running for this release: cancel it or wait for it before rolling back.',
    );
  const h = await raw.run(historyArgs(target, target.release));
  if (h.code !== 0)
    throw new NotFoundError(
      `No release ${target.release} in namespace ${target.namespace}: ${helmError(h).join(' ')}`,
    );
  const history = parseHistory(h.stdout);
  const last = history[history.length - 1];
  const to =
    t.revision ??
    (last?.status.startsWith('pending-')
      ? ([...history].reverse().find((x) => x.status === 'deployed' || x.status === 'superseded')
          ?.revision ?? null)
      : previousRevision(history));
  if (to === null || to === undefined)
    throw new RequestProblems([
      { path: 'revision', message: 'There is no earlier deployed revision to roll back to.' },
    ]);
  if (!history.some((x) => x.revision === to))
    throw new RequestProblems([
      { path: 'revision', message: `Revision ${to} is not in the release's history.` },
    ]);
  // across the one-way upgrade to 3.50 the way back is a restore, not helm rollback
  await refuseOneWayRollback(raw, target, history, to);
  const helm = await releaseRedactor(raw, target, [undefined, to]);
  const { job } = startJob(
    { kind: 'rollback', ...target, live: namespaceFeed(kc, target.context, target.namespace) },
    async ({ id, log, signal }) => {
      log.append(
        jobEvent(id, target, helm, timeoutSeconds, {
          revision: (last?.revision ?? 0) + 1,
          toRevision: to,
        }),
      );
      const ended = await helmStep(
        log,
        helm,
        'rollback',
        rollbackArgs(helm.bin.version.major, { ...target, timeoutSeconds }, target.release, to),
        {
          running: `helm rollback ${target.release} to revision ${to} (makes revision ${(last?.revision ?? 0) + 1})`,
          done: `Rolled back to revision ${to}: revision ${(last?.revision ?? 0) + 1} holds its values and chart`,
        },
        signal,
      );
      return ended ?? watchRelease(target, helm, kc, log, signal, timeoutSeconds, records);
    },
  );
  return { job };
}

export interface RevisionInfo {
  revision: number;
  status: string;
  chart?: string;
  appVersion?: string;
  updated?: string;
  description?: string;
}

/**
 * The release's history, newest first, for the rollback's choice; with `revision`, that
 * revision's values against the current ones (secrets masked, initialised ones named: rolling
 * back to values with other passwords breaks the release as an upgrade would).
 */
export async function releaseHistory(t: {
  context?: string;
  namespace?: string;
  release?: string;
  revision?: number;
}): Promise<{
  revisions: RevisionInfo[];
  current: number;
  diff?: { revision: number; changes: ValueChange[]; initialised: InitialisedChange[] };
}> {
  const { target, helm } = await prepare(t);
  const h = await helm.run(historyArgs(target, target.release, 50));
  if (h.code !== 0)
    throw new NotFoundError(`No release ${target.release} in namespace ${target.namespace}.`);
  const history = parseHistory(h.stdout);
  const current = history[history.length - 1]?.revision ?? 0;
  const revisions = [...history].reverse().map((x) => ({
    revision: x.revision,
    status: x.status,
    ...(x.chart ? { chart: x.chart } : {}),
    ...(x.app_version ? { appVersion: x.app_version } : {}),
    ...(x.updated ? { updated: x.updated } : {}),
    ...(x.description ? { description: x.description } : {}),
  }));
  if (t.revision === undefined) return { revisions, current };
  if (!history.some((x) => x.revision === t.revision))
    throw new RequestProblems([
      { path: 'revision', message: `Revision ${t.revision} is not in the release's history.` },
    ]);
  const read = async (revision?: number): Promise<Tree> => {
    const r = await helm.run(getValuesArgs(target, target.release, revision));
    if (r.code !== 0) throw new Error('helm get values failed; run it by hand to see why.');
    return (JSON.parse(r.stdout || '{}') ?? {}) as Tree;
  };
  const changes = diffValues(await read(), await read(t.revision));
  return {
    revisions,
    current,
    diff: { revision: t.revision, changes, initialised: initialisedSecretChanges(changes) },
  };
}

/** Nothing deleted beyond the release; a copy of its values kept while a data claim stays. */
export const KEEP_EVERYTHING: LeftoverChoice = {
  claims: [],
  secrets: [],
  namespace: false,
  keepValues: true,
};

/** What an uninstall would leave (the confirmation lists it, each with the choice to delete it). */
export async function uninstallPreview(t: {
  context?: string;
  namespace?: string;
  release?: string;
}): Promise<{ revision: number | null; leftovers: Leftovers }> {
  const { target, kc, helm, records } = await prepare(t);
  const state = await readReleaseState(helm, target, target.release, records);
  if (state.kind === 'absent')
    throw new NotFoundError(`No release ${target.release} in namespace ${target.namespace}.`);
  return {
    revision: state.revision,
    leftovers: await gatherLeftovers(kc, target.namespace, target.release),
  };
}

/** Before helm uninstall: keep a copy of the values while a data claim stays (else drop an old copy). */
async function keepValuesStep(
  raw: HelmCli,
  kc: ReturnType<typeof kubeConfigFor>,
  target: Target,
  before: Leftovers,
  choice: LeftoverChoice,
): Promise<void> {
  const claimStays =
    !choice.namespace && before.claims.some((c) => !choice.claims.includes(c.name));
  if (claimStays && choice.keepValues) {
    const r = await raw.run(getValuesArgs(target, target.release));
    if (r.code === 0)
      await writeKeptValues(kc, target.namespace, target.release, JSON.parse(r.stdout || '{}'));
  } else if (before.keptValues && !choice.namespace)
    await deleteKeptValues(kc, target.namespace, target.release);
}

/**
 * Uninstalls the release, then deletes what the admin chose among what Helm leaves (claims,
 * hook-made Secrets, the namespace); the done summary says exactly what stayed.
 */
export async function uninstallRelease(
  t: {
    context?: string;
    namespace?: string;
    release?: string;
    delete?: LeftoverChoice;
  },
  timeoutSeconds = 300,
): Promise<{ job: JobRecord }> {
  const { target, kc, helm: raw, records } = await prepare(t);
  if (runningJob(jobKey(target.context, target.namespace, target.release)))
    throw new ConflictError(
      'A job is running for this release: cancel it or wait for it before uninstalling.',
    );
  const state = await readReleaseState(raw, target, target.release, records);
  if (state.kind === 'absent')
    throw new NotFoundError(`No release ${target.release} in namespace ${target.namespace}.`);
  const choice = t.delete ?? KEEP_EVERYTHING;
  const before = await gatherLeftovers(kc, target.namespace, target.release);
  const helm = await releaseRedactor(raw, target, [undefined]);
  const { job } = startJob({ kind: 'uninstall', ...target }, async ({ id, log, signal }) => {
    log.append(jobEvent(id, target, helm, timeoutSeconds, { revision: state.revision }));
    await keepValuesStep(raw, kc, target, before, choice);
    const ended = await helmStep(
      log,
      helm,
      'uninstall',
      uninstallArgs(helm.bin.version.major, { ...target, timeoutSeconds }, target.release),
      {
        running: `helm uninstall ${target.release} (revision ${state.revision})`,
        done: `Uninstalled ${target.release}`,
      },
      signal,
    );
    if (ended) return ended;
    await deleteLeftovers(kc, before, choice);
    log.append({
      type: 'done',
      outcome: 'succeeded',
      summary: [
        `Release ${target.release} (revision ${state.revision}) uninstalled.`,
        ...keptLines(before, choice, target.release),
      ],
    });
    return 'succeeded';
  });
  return { job };
}

type LeftoversSeen = Pick<Leftovers, 'claims' | 'keptValues'> & {
  /** The kept values' initialised secrets the new values would replace (none: they start from them). */
  initialised: InitialisedChange[];
};

/** What an earlier release left for a first install, and whether the new values keep its secrets. */
async function leftoversFor(
  kc: ReturnType<typeof kubeConfigFor>,
  target: Target,
  next: Tree,
): Promise<{ leftovers?: LeftoversSeen }> {
  const l = await gatherLeftovers(kc, target.namespace, target.release).catch(() => null);
  if (!l?.claims.length) return {};
  const kept = l.keptValues
    ? await readKeptValues(kc, target.namespace, target.release).catch(() => null)
    : null;
  const initialised = kept ? initialisedSecretChanges(diffValues(kept as Tree, next)) : [];
  return { leftovers: { claims: l.claims, keptValues: l.keptValues, initialised } };
}

/** The release's current values against the values of new answers, secrets masked. */
export async function releaseDiff(t: {
  context?: string;
  namespace?: string;
  release?: string;
  answers: unknown;
}): Promise<{
  exists: boolean;
  /** The release's newest revision (the upgrade makes the next one); null when it does not exist. */
  revision: number | null;
  changes: ValueChange[];
  initialised: InitialisedChange[];
  /** For a first install: what an earlier release of this name left in the namespace. */
  leftovers?: LeftoversSeen;
  /** The release runs the other chart (3.9.4 ↔ 3.50): the install would be refused. */
  conflict?: ProfileConflict;
}> {
  const answers = resolveAnswers(t.answers);
  const { target, helm, kc, records } = await prepare(t);
  const endpoint = (answers.general as { endpoint: string }).endpoint;
  const redacted = helmCli(
    helm.bin,
    makeRedactor(
      secretValuesOf(answers, [target.namespace, target.release, ...endpoint.split('.')]),
    ),
  );
  const next = renderValues(answers).values;
  // Parsed unredacted (redaction would change the values compared); only masked changes leave here.
  const r = await helm.run(getValuesArgs(target, target.release));
  if (r.code !== 0) {
    if (/not found/i.test(r.stderr))
      return {
        exists: false,
        revision: null,
        changes: diffValues({}, next),
        initialised: [],
        ...(await leftoversFor(kc, target, next)),
      };
    throw new Error(
      `helm get values failed: ${helmError({ ...r, stderr: redacted.redact(r.stderr) }).join(' ')}`,
    );
  }
  const current = (JSON.parse(r.stdout || '{}') ?? {}) as Tree;
  const changes = diffValues(current, next);
  const state = await readReleaseState(helm, target, target.release, records).catch(() => null);
  const meta = await helm.run(getMetadataArgs(target, target.release)).catch(() => null);
  const conflict = profileConflict(
    meta?.code === 0 ? releaseProfile(meta.stdout) : null,
    answers.chart,
    target,
  );
  return {
    exists: true,
    revision: state && state.kind !== 'absent' ? state.revision : null,
    changes,
    initialised: initialisedSecretChanges(changes),
    ...(conflict ? { conflict } : {}),
  };
}

/**
 * The release's values as helm keeps them (`helm get values`: what the wizard gave it, secrets
 * included), for "start from this release": the page imports them into its answers, in memory
 * only. For a release that was uninstalled with its data kept, the copy kept then (`kept: true`).
 * Never logged; the route answers no-store. NotFoundError when there is neither.
 */
export async function releaseValues(t: {
  context?: string;
  namespace?: string;
  release?: string;
}): Promise<{ values: Tree; kept?: true }> {
  const { target, helm, kc } = await prepare(t);
  const r = await helm.run(getValuesArgs(target, target.release));
  if (r.code !== 0) {
    if (/not found/i.test(r.stderr)) {
      const kept = await readKeptValues(kc, target.namespace, target.release).catch(() => null);
      if (kept) return { values: kept as Tree, kept: true };
      throw new NotFoundError(`No release ${target.release} in namespace ${target.namespace}.`);
    }
    // helm's message could quote a value and there is nothing to redact it with here: say where to look instead.
    throw new Error('helm get values failed; run it by hand to see why.');
  }
  const values = JSON.parse(r.stdout || '{}') as unknown;
  return {
    values: values && typeof values === 'object' && !Array.isArray(values) ? (values as Tree) : {},
  };
}
