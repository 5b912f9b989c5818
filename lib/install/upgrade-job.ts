import 'server-only';
/**
 * The guided upgrade of a running 3.9.4 release to chart 3.50 (docs/upgrade.md, "Running the
 * upgrade"; docs/chart-3.50.md §13.4), as a job like an install (its log, the live dashboard,
 * `cli upgrade`): the plan of the live release; the backup gate; the keys of an external backend
 * Secret; what must survive, recorded in the cluster (upgrade-state.ts); the queue's StatefulSet
 * and claims deleted (U4); the internal certificates made (T7); the real `helm upgrade` with the
 * whole translated file; the wait; and what survived. Each step reads the cluster for what is
 * already done, so a run after a restart continues where the last one stopped.
 */
import type * as k8s from '@kubernetes/client-node';
import { getValuesArgs, upgradeInstallArgs } from '../helm/args';
import { makeRedactor, secretValuesOfTree } from '../helm/redact';
import { createValuesDir, type ValuesDir } from '../helm/values-dir';
import type { InstallEventBody } from '../status/events';
import { expectedWorkloads } from '../status/expected';
import { upgradePlan } from '../upgrade/plan';
import { releaseSecretNames } from '../upgrade/release-secrets';
import {
  backupGate,
  blockingObjects,
  encryptionKeyCommand,
  externalSecretNeeds,
  missingKeysMessage,
  queueDeletion,
  selfSignedTls,
  survived,
  type UpgradeSnapshot,
  type UpgradeState,
} from '../upgrade/run';
import { translateTo350 } from '../upgrade/translate';
import { toYaml } from '../values/to-yaml';
import { isMap, type Tree } from '../values/tree';
import type { NamespaceFeed } from './feed';
import { helmCli, helmError, type HelmCli } from './helm-cli';
import type { Outcome } from './job';
import { recordReader, releaseManifest } from './job';
import type { JobLog } from './job-log';
import * as kubeOps from './kube-ops';
import { DEFAULT_TIMEOUT_SECONDS, type InstallRequest, type ResolvedChart } from './request';
import {
  BUNDLED_CHART_350,
  liveClaims,
  readLiveRelease,
  renderTarget,
  targetChart,
  type LiveRelease,
} from './upgrade-source';
import { kubeConfigFor } from '../cluster/kubeconfig';
import { findHelm } from '../helm/find-helm';
import { resolveTarget } from '../target';
import { namespaceFeed } from './feed';
import { startJob, type JobRecord } from './registry';
import { createInternalTls, deleteQueue, secretKeys } from './upgrade-steps';
import { readUpgradeState, secretDigests, writeUpgradeState } from './upgrade-state';
import { followPods, waitForRelease } from './wait';

export interface UpgradeJobPlan {
  jobId: string;
  context: string | null;
  namespace: string;
  release: string;
  chart: ResolvedChart;
  bundledChart?: boolean;
  /** the typed confirmation, when there is no backup the wizard took */
  ownBackup?: string;
  timeoutSeconds: number;
}

export interface UpgradeDeps {
  /** helm without redaction: reads the release (never logged); the job redacts its own helm */
  helm: HelmCli;
  kc: k8s.KubeConfig;
  feed: NamespaceFeed;
  now: () => number;
}

/** Where the job starts: a 3.9.4 release, or one a run before this one already upgraded. */
type Start =
  | { kind: 'fresh'; live: LiveRelease; values394: Tree }
  | { kind: 'resumed'; live: LiveRelease; values394: Tree; snapshot: UpgradeSnapshot };

interface Run {
  plan: UpgradeJobPlan;
  deps: UpgradeDeps;
  signal: AbortSignal;
  emit: (b: InstallEventBody) => unknown;
  step: (step: Step, state: 'running' | 'done' | 'failed' | 'skipped', message: string) => void;
  finish: (outcome: Outcome, summary: string[]) => Outcome;
  values?: ValuesDir;
  stopPods: () => void;
}
type Step = Extract<InstallEventBody, { type: 'step' }>['step'];

/** Runs the whole upgrade job, logging every step; returns the outcome. Never throws. */
export async function runUpgradeJob(
  plan: UpgradeJobPlan,
  deps: UpgradeDeps,
  log: JobLog,
  signal: AbortSignal,
): Promise<Outcome> {
  const emit = (b: InstallEventBody) => log.append(b);
  const run: Run = {
    plan,
    deps,
    signal,
    emit,
    step: (step, state, message) => emit({ type: 'step', step, state, message }),
    finish: (outcome, summary) => {
      emit({ type: 'done', outcome, summary });
      return outcome;
    },
    stopPods: () => undefined,
  };
  try {
    return await upgradeSteps(run);
  } catch (e) {
    const m = (e as Error).message || String(e);
    return run.finish('failed', [m]);
  } finally {
    run.values?.remove();
    run.stopPods();
  }
}

/** The release as found, and where the job starts from; null (logged) when it cannot start. */
async function start(run: Run, state: UpgradeState): Promise<Start | string> {
  const { plan, deps } = run;
  const live = await readLiveRelease({
    ...(plan.context ? { context: plan.context } : {}),
    namespace: plan.namespace,
    release: plan.release,
  });
  if (live.contract === '3.9.4') return { kind: 'fresh', live, values394: live.values };
  const snap = state.snapshot;
  if (live.contract === '3.50.0' && snap && snap.revision < live.revision) {
    const r = await deps.helm.run(getValuesArgs(live.target, plan.release, snap.revision));
    if (r.code !== 0) return `helm get values of revision ${snap.revision} failed.`;
    const v: unknown = JSON.parse(r.stdout || '{}') ?? {};
    return { kind: 'resumed', live, values394: isMap(v) ? v : {}, snapshot: snap };
  }
  return `Refused: release ${plan.release} runs chart ${live.chart} (values contract ${live.contract}), and no upgrade of it from 3.9.4 was begun by the wizard. Nothing was changed.`;
}

async function upgradeSteps(run: Run): Promise<Outcome> {
  const { plan, deps } = run;
  const state = await readUpgradeState(deps.kc, plan.namespace, plan.release);
  const s = await start(run, state);
  // the revision the job makes; when a run before this one already deployed it, that one
  const made = typeof s === 'string' ? undefined : s.live.revision + (skipsHelm(s) ? 0 : 1);
  announce(run, made);
  if (typeof s === 'string') {
    run.step('helm', 'failed', s);
    return run.finish('failed', [s]);
  }
  const values350 = translateTo350(s.values394).values;
  run.values = createValuesDir();
  const valuesFile = run.values.write('values-350.yaml', toYaml(values350));
  let snapshot: UpgradeSnapshot;
  if (s.kind === 'fresh') {
    const checked = await beforeChanges(run, s, state, values350);
    if ('outcome' in checked) return checked.outcome;
    snapshot = checked.snapshot;
  } else {
    snapshot = s.snapshot;
    run.step(
      'backup',
      'done',
      `Continuing the upgrade begun from revision ${snapshot.revision} (${snapshot.takenAt}): release ${plan.release} now at revision ${s.live.revision}, ${s.live.status}.`,
    );
  }
  if (skipsHelm(s)) {
    run.step('helm', 'skipped', `helm upgrade already deployed revision ${s.live.revision}.`);
  } else {
    await preSteps(run, snapshot, valuesFile);
    if (run.signal.aborted) return run.finish('cancelled', ['Cancelled before helm ran.']);
    const failed = await helmStep(run, s, values350, valuesFile);
    if (failed) return failed;
  }
  return afterHelm(run, s, snapshot);
}

/** A run before this one upgraded the release and helm deployed it: only the checks are left. */
const skipsHelm = (s: Start) => s.kind === 'resumed' && s.live.status === 'deployed';

function announce(run: Run, revision: number | undefined): void {
  const { plan, deps } = run;
  run.emit({
    type: 'job',
    jobId: plan.jobId,
    release: plan.release,
    namespace: plan.namespace,
    context: plan.context,
    chart: plan.chart.chart,
    ...(plan.chart.chartVersion ? { chartVersion: plan.chart.chartVersion } : {}),
    ...(plan.bundledChart ? { bundledChart: true } : {}),
    helmVersion: deps.helm.bin.version.raw,
    action: 'upgrade',
    ...(revision ? { revision } : {}),
    timeoutSeconds: plan.timeoutSeconds,
    startedAt: new Date(deps.now()).toISOString(),
  });
}

/**
 * Everything that may refuse, before anything changes: the objects helm would fail on that the
 * job does not remove, the backup gate, an external Secret's keys. Then what must survive is
 * recorded (once per revision: a run after a restart keeps the first record).
 */
async function beforeChanges(
  run: Run,
  s: Extract<Start, { kind: 'fresh' }>,
  state: UpgradeState,
  values350: Tree,
): Promise<{ outcome: Outcome } | { snapshot: UpgradeSnapshot }> {
  const { plan, deps } = run;
  const { live } = s;
  const target = await renderTarget(live, plan.chart, values350);
  const p = upgradePlan(s.values394, undefined, {
    current: live.manifest,
    target,
    claims: live.claims,
  });
  const refuse = (step: Step, m: string, more: string[] = []) => {
    run.step(step, 'failed', [m, ...more].join('\n'));
    return { outcome: run.finish('failed', [m, ...more]) };
  };
  const blocking = blockingObjects(p, plan.release);
  if (blocking.length)
    return refuse(
      'helm',
      'Refused: helm upgrade would fail on objects the wizard does not remove. Nothing was changed.',
      blocking,
    );
  const gate = backupGate(
    state,
    { release: plan.release, revision: live.revision },
    plan.ownBackup,
  );
  if (!gate.ok) return refuse('backup', gate.message);
  run.step('backup', 'done', gate.message);
  const need = externalSecretNeeds(values350, plan.release);
  if (need) {
    const keys = await secretKeys(deps.kc, plan.namespace, need.secret);
    const m = missingKeysMessage(need, keys, plan.namespace);
    if (m) return refuse('secrets', m);
    run.step('secrets', 'done', `Secret ${need.secret} has ${need.keys.join(', ')}.`);
  } else run.step('secrets', 'skipped', 'The chart makes the Secrets: no keys to add.');
  if (state.snapshot?.revision === live.revision) return { snapshot: state.snapshot };
  const names = releaseSecretNames(s.values394, plan.release)
    .filter((x) => x.role !== 'aes')
    .map((x) => x.name);
  const snapshot: UpgradeSnapshot = {
    revision: live.revision,
    takenAt: new Date(deps.now()).toISOString(),
    claims: (p.objects?.claimsKept ?? []).map((c) => ({ name: c.name, uid: c.uid })),
    secrets: await secretDigests(deps.kc, plan.namespace, names),
    queue: queueDeletion(p, plan.release),
    selfSigned: selfSignedTls(values350),
    backup: gate.backup,
  };
  await writeUpgradeState(deps.kc, plan.namespace, plan.release, { ...state, snapshot });
  return { snapshot };
}

/** The queue (U4) and the internal certificates (T7), each once, as the snapshot decided. */
async function preSteps(run: Run, snapshot: UpgradeSnapshot, valuesFile: string): Promise<void> {
  const { plan, deps } = run;
  if (snapshot.queue) {
    const q = snapshot.queue;
    run.step(
      'queue',
      'running',
      `Deleting StatefulSet ${q.statefulSet} and ${q.claims.length ? `claim ${q.claims.join(', ')}` : 'no claim'} (3.50 cannot keep the queue's claim).`,
    );
    run.step('queue', 'done', (await deleteQueue(deps.kc, plan.namespace, q)).join(' '));
  } else run.step('queue', 'skipped', 'No RabbitMQ StatefulSet with a claim: nothing to delete.');
  if (snapshot.selfSigned) {
    run.step('internal-tls', 'running', 'Making the internal CA and certificates 3.50 expects.');
    const lines = await createInternalTls(deps.kc, deps.helm, plan, plan.chart, valuesFile);
    run.step('internal-tls', 'done', lines.join(' '));
  } else run.step('internal-tls', 'skipped', 'No self-signed internal TLS: nothing to make.');
}

/** The real `helm upgrade` with the whole translated file; the failed outcome, or null. */
async function helmStep(
  run: Run,
  s: Start,
  values350: Tree,
  valuesFile: string,
): Promise<Outcome | null> {
  const { plan, deps } = run;
  const publicNames = [plan.namespace, plan.release];
  const secrets = [
    ...secretValuesOfTree(s.values394, publicNames),
    ...secretValuesOfTree(values350, publicNames),
  ];
  const helm = helmCli(deps.helm.bin, makeRedactor(secrets));
  run.stopPods = followPods(plan.release, deps.feed, deps.now, run.emit);
  run.step(
    'helm',
    'running',
    `helm upgrade ${plan.release} to chart 3.50 with the translated values (${helm.bin.version.raw})`,
  );
  const r = await helm.run(
    upgradeInstallArgs(helm.bin.version.major, {
      context: plan.context,
      namespace: plan.namespace,
      release: plan.release,
      chart: plan.chart.chart,
      ...(plan.chart.chartVersion ? { chartVersion: plan.chart.chartVersion } : {}),
      valuesFiles: [valuesFile],
      timeoutSeconds: plan.timeoutSeconds,
    }),
    {
      signal: run.signal,
      onLine: (stream, line) => run.emit({ type: 'helm-output', stream, line }),
    },
  );
  run.values?.remove();
  if (r.code === 0 && !r.cancelled && !r.signal) {
    run.step('helm', 'done', 'helm applied the 3.50 release');
    return null;
  }
  run.stopPods();
  const summary = r.cancelled ? ['helm was sent SIGTERM'] : helmError(r);
  run.step('helm', 'failed', summary.join('\n'));
  const again =
    'Remove the cause and run the same upgrade again (it continues where it stopped); do not roll back once MySQL 8.4 or a 1.91 pod has run.';
  return run.finish(r.cancelled ? 'cancelled' : 'failed', [...summary, again]);
}

/** The wait for the 3.50 workloads, then what survived and the encryption key to keep. */
async function afterHelm(run: Run, s: Start, snapshot: UpgradeSnapshot): Promise<Outcome> {
  const { plan, deps } = run;
  const records = recordReader(deps.kc, kubeOps, plan.namespace, plan.release);
  const manifest = await releaseManifest(deps.helm, plan, plan.release, records);
  const expected = manifest !== null ? expectedWorkloads(manifest) : [];
  run.emit({ type: 'expected', workloads: expected });
  run.stopPods();
  const verdict = await waitForRelease(
    plan.release,
    expected,
    deps.now() + plan.timeoutSeconds * 1000,
    { feed: deps.feed, now: deps.now },
    run.emit,
    run.signal,
  );
  if (verdict.state === 'cancelled') return run.finish('cancelled', ['Stopped watching.']);
  if (verdict.state === 'failed') return run.finish('failed', verdict.summary);
  run.step('survived', 'running', 'Checking what survived the upgrade');
  const claims = await liveClaims(deps.kc, plan.namespace);
  const names = Object.keys(snapshot.secrets);
  const backend = releaseSecretNames(s.values394, plan.release)[0]!.name;
  const now = await secretDigests(deps.kc, plan.namespace, [...new Set([...names, backend])]);
  const check = survived(snapshot, { claims, secrets: now });
  const key = now[backend]?.['encryption-key-0']
    ? `Back up the new encryption key now (lose it and the stored integration keys cannot be read): ${encryptionKeyCommand(backend, plan.namespace)}`
    : `Secret ${backend} has no encryption-key-0: the server runs without an encryption key.`;
  const lines = [...check.lines, key];
  run.step('survived', check.ok ? 'done' : 'failed', lines.join('\n'));
  const head = check.ok
    ? `All ${expected.length} workloads are ready on chart 3.50; the claims and Secrets recorded before the upgrade are unchanged.`
    : 'The 3.50 workloads are ready, but not everything recorded before the upgrade survived:';
  return run.finish(check.ok ? 'succeeded' : 'failed', [head, ...lines]);
}

/** What starts the guided upgrade (`POST /api/releases/upgrade-run`, `cli upgrade`). */
export interface UpgradeRequest {
  context?: string;
  namespace?: string;
  release?: string;
  /** the target chart as an install request names it; none: Lightrun's published 3.50.0 */
  chart?: InstallRequest['chart'];
  /** exactly OWN_BACKUP_PHRASE, when there is no backup the wizard took */
  ownBackup?: string;
  timeoutSeconds?: number;
}

/**
 * Starts the guided upgrade of a 3.9.4 release to 3.50 as a job, or joins the job running for
 * the release. Throws RequestProblems, KubeconfigError, HelmNotFoundError.
 */
export async function startUpgrade(
  req: UpgradeRequest,
): Promise<{ job: JobRecord; joined: boolean }> {
  const target = resolveTarget(req);
  const chart = targetChart(req.chart);
  const kc = kubeConfigFor(target.context ?? undefined);
  const helm = helmCli(await findHelm(), makeRedactor([]));
  const feed = namespaceFeed(kc, target.context, target.namespace);
  return startJob({ kind: 'install', ...target, live: feed }, ({ id, log, signal }) =>
    runUpgradeJob(
      {
        jobId: id,
        ...target,
        chart,
        ...(chart.chart === BUNDLED_CHART_350 ? { bundledChart: true } : {}),
        ...(req.ownBackup !== undefined ? { ownBackup: req.ownBackup } : {}),
        timeoutSeconds: req.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      },
      { helm, kc, feed, now: Date.now },
      log,
      signal,
    ),
  );
}
