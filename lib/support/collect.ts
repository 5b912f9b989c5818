import 'server-only';
/**
 * Takes a support bundle (the IO of plan.ts): the API objects, helm's record of the release, the
 * container logs, the preflight checks and the install job's log, within one time budget and with
 * a deadline on every request. Nothing here fails the bundle: a denied resource, an unreachable
 * API server or helm missing becomes a line of README.txt, and what was gathered is kept. Every
 * file is redacted of every secret value before it is packed.
 */
import * as k8s from '@kubernetes/client-node';
import type { Answers } from '../answers';
import { stripSecrets } from '../answers/strip-secrets';
import { apiClient, probeServer } from '../cluster/client';
import { kubeConfigFor, KubeconfigError } from '../cluster/kubeconfig';
import { preflightChecks } from '../preflight';
import { runChecks, errorText } from '../preflight/runner';
import type { CheckResult } from '../preflight/result';
import { findHelm, type HelmBinary } from '../helm/find-helm';
import {
  getManifestArgs,
  getValuesArgs,
  historyArgs,
  statusArgs,
  type Target as HelmTarget,
} from '../helm/args';
import { runProcess } from '../helm/spawn';
import type { JobLog } from '../install/job-log';
import { renderYaml, SECRET_MASK } from '../values';
import { isSecretPath } from '../values/secret-paths';
import { summarizePod } from '../status/pod-summary';
import type { PodLike, EventLike, PvcLike } from '../status/k8s-types';
import { initialInstallState, reduceInstall } from '../status/reducer';
import { eventLines } from '../status/event-text';
import { checkLine } from '../preflight/text';
import {
  cleanHelmStatus,
  cleanObject,
  DEFAULT_LIMITS,
  eventsText,
  maskTree,
  nodeSummary,
  planFiles,
  planLogs,
  podRef,
  podsText,
  preflightText,
  readmeText,
  requestTimeout,
  selectEvents,
  stripManifestSecrets,
  type BundleLimits,
  type BundleTarget,
  type EventRow,
  type PlannedFile,
} from './plan';
import { bundleRedactor, publicNamesOf, redactionCount, type SecretLike } from './secrets';
import { tarGz, type TarEntry } from './tar';
import { pool } from '../pool';
import { stringify } from 'yaml';
import pkg from '../../package.json';

export interface BundleInput {
  target: { context: string | null; namespace: string; release: string };
  /** The answers of the install (validated): secret values to redact, answers.json, values.yaml, preflight. */
  answers?: Answers;
  /** The install job, when the wizard's server ran one for this release. */
  job?: { id: string; log: JobLog };
  limits?: Partial<BundleLimits>;
  /** Run the preflight checks (without the dry run) when answers are given; default true. */
  preflight?: boolean;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

export interface Bundle {
  /** Base name (also the top directory inside the archive). */
  name: string;
  bytes: Buffer;
  readme: string;
  files: string[];
  failures: string[];
}

type Obj = Record<string, unknown>;

/** A one-line, secret-free reason an API call failed. */
export function apiErrorText(e: unknown, what: string): string {
  const err = e as { code?: unknown; body?: unknown; name?: string };
  if (typeof err.code === 'number' && err.code >= 400) {
    let message = '';
    try {
      const b = typeof err.body === 'string' ? JSON.parse(err.body) : err.body;
      if (b && typeof b === 'object' && typeof (b as Obj).message === 'string')
        message = (b as Obj).message as string;
    } catch {
      /* not JSON: no message */
    }
    const label =
      err.code === 403
        ? 'denied (403 Forbidden)'
        : err.code === 401
          ? 'not authenticated (401)'
          : err.code === 404
            ? 'not found (404)'
            : `HTTP ${err.code}`;
    const fix =
      err.code === 403
        ? ` Grant the context's user read access to ${what} (npm run cli -- preflight --print-rbac USER lists what the install needs).`
        : '';
    return `${label}${message ? `: ${message.split('\n')[0]}` : ''}.${fix}`;
  }
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return `no answer in time (${errorText(e)}).`;
  return `${errorText(e)}.`;
}

/** 2026-12-01T23:15:00.123Z → 20261201T231500Z (file-name safe). */
const stamp = (d: Date) => {
  const i = d.toISOString();
  return `${i.slice(0, 4)}${i.slice(5, 7)}${i.slice(8, 10)}T${i.slice(11, 13)}${i.slice(14, 16)}${i.slice(17, 19)}Z`;
};
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** Collects, redacts and packs a support bundle. Never throws for the cluster's sake: see README.txt in it. */
export async function supportBundle(input: BundleInput): Promise<Bundle> {
  const now = input.now ?? Date.now;
  const limits: BundleLimits = { ...DEFAULT_LIMITS, ...input.limits };
  const t0 = now();
  const startedAt = new Date(t0);
  const budget = new AbortController();
  const budgetTimer = setTimeout(() => budget.abort(), limits.budgetMs);
  const { namespace, release } = input.target;
  const failures: string[] = [];
  const notes: string[] = [];
  const files = new Map<string, string>();
  const collected: PlannedFile[] = [];
  const planned = planFiles({
    hasAnswers: !!input.answers,
    hasJob: !!input.job,
    runPreflight: !!input.answers && input.preflight !== false,
  });
  const what = new Map(planned.map((p) => [p.file, p.what]));
  const put = (file: string, content: string) => {
    files.set(file, content);
    collected.push({
      file,
      what: what.get(file) ?? (file.startsWith('logs/') ? 'container log (last lines)' : ''),
    });
  };
  const outOfTime = (label: string) =>
    failures.push(
      `${label}: not collected, the time budget of ${Math.round(limits.budgetMs / 1000)} s ran out.`,
    );

  let kc: k8s.KubeConfig | null = null;
  let target: BundleTarget = {
    context: input.target.context,
    contextName: input.target.context ?? '(none)',
    server: '(none)',
    namespace,
    release,
  };
  try {
    kc = kubeConfigFor(input.target.context ?? undefined, input.env ?? process.env);
    target = {
      ...target,
      contextName: kc.getCurrentContext(),
      server: kc.getCurrentCluster()?.server ?? '(none)',
    };
  } catch (e) {
    if (!(e instanceof KubeconfigError)) throw e;
    failures.push(
      `Cluster: no usable kubeconfig context: ${e.problem.message} ${e.problem.fix}`.trim(),
    );
  }

  try {
    // The answers, the values and the job log need no cluster.
    if (input.answers) {
      put('answers/answers.json', json(stripSecrets(input.answers)));
      put('answers/values.yaml', renderYaml(input.answers, { maskSecrets: true }).values);
    }

    let reachable = false;
    if (kc) {
      const probe = await probeServer(kc, { timeoutMs: Math.min(4_000, limits.budgetMs) });
      if (probe.ok) reachable = true;
      else
        failures.push(
          `Cluster: the API server ${target.server} is not reachable: ${probe.message} ${probe.fix} Nothing was read from the cluster or from helm.`,
        );
    }

    const secrets: SecretLike[] = [];
    const tasks: Array<() => Promise<void>> = [];
    const pods: Obj[] = [];
    let podsOk = false;
    let eventsOk = false;
    let secretsOk = false;
    const manifestSecrets: string[] = [];
    let events: EventRow[] = [];
    let pvcs: PvcLike[] = [];
    if (kc && reachable) {
      const cfg = kc;
      const api = <T>(Api: new (c: k8s.Configuration) => T, timeoutMs: number) =>
        apiClient(cfg, Api, { timeoutMs, signal: budget.signal });
      const task = (label: string, what: string, f: (timeoutMs: number) => Promise<void>) =>
        tasks.push(async () => {
          const ms = requestTimeout(t0, now(), limits);
          if (ms === null) return void outOfTime(label);
          try {
            await f(ms);
          } catch (e) {
            failures.push(`${label}: ${apiErrorText(e, what)}`);
          }
        });
      const items = (l: { items: unknown[] }) => l.items.map((i) => cleanObject(i));
      task('cluster/version.json', 'the version', async (ms) =>
        put('cluster/version.json', json(await api(k8s.VersionApi, ms).getCode())),
      );
      task('cluster/nodes.json', 'nodes (list, cluster-wide)', async (ms) =>
        put(
          'cluster/nodes.json',
          json(
            (await api(k8s.CoreV1Api, ms).listNode()).items.map((n) =>
              nodeSummary(n as unknown as Obj),
            ),
          ),
        ),
      );
      task('namespace/pods.json', `pods in ${namespace}`, async (ms) => {
        const l = await api(k8s.CoreV1Api, ms).listNamespacedPod({
          namespace,
          labelSelector: `app.kubernetes.io/instance=${release}`,
        });
        pods.push(...(items(l) as Obj[]));
        podsOk = true;
      });
      task('namespace/events.json', `events in ${namespace}`, async (ms) => {
        events = (await api(k8s.CoreV1Api, ms).listNamespacedEvent({ namespace }))
          .items as unknown as EventRow[];
        eventsOk = true;
      });
      task('namespace/pvcs.json', `persistentvolumeclaims in ${namespace}`, async (ms) => {
        const l = await api(k8s.CoreV1Api, ms).listNamespacedPersistentVolumeClaim({ namespace });
        pvcs = l.items as unknown as PvcLike[];
        put('namespace/pvcs.json', json(items(l)));
      });
      task('namespace/services.json', `services in ${namespace}`, async (ms) =>
        put(
          'namespace/services.json',
          json(items(await api(k8s.CoreV1Api, ms).listNamespacedService({ namespace }))),
        ),
      );
      task('namespace/ingresses.json', `ingresses in ${namespace}`, async (ms) =>
        put(
          'namespace/ingresses.json',
          json(items(await api(k8s.NetworkingV1Api, ms).listNamespacedIngress({ namespace }))),
        ),
      );
      task('namespace/networkpolicies.json', `networkpolicies in ${namespace}`, async (ms) =>
        put(
          'namespace/networkpolicies.json',
          json(
            items(await api(k8s.NetworkingV1Api, ms).listNamespacedNetworkPolicy({ namespace })),
          ),
        ),
      );
      task(
        'namespace/workloads.json',
        `deployments, statefulsets, daemonsets, replicasets and jobs in ${namespace}`,
        async (ms) => {
          const apps = api(k8s.AppsV1Api, ms);
          const batch = api(k8s.BatchV1Api, ms);
          const [d, s, ds, rs, j] = await Promise.all([
            apps.listNamespacedDeployment({ namespace }),
            apps.listNamespacedStatefulSet({ namespace }),
            apps.listNamespacedDaemonSet({ namespace }),
            apps.listNamespacedReplicaSet({ namespace }),
            batch.listNamespacedJob({ namespace }),
          ]);
          put(
            'namespace/workloads.json',
            json({
              deployments: items(d),
              statefulSets: items(s),
              daemonSets: items(ds),
              replicaSets: items(rs),
              jobs: items(j),
            }),
          );
        },
      );
      // Read only to know what to redact: never written to the bundle.
      task(
        'Secret values of the namespace',
        `secrets in ${namespace} (to redact their values)`,
        async (ms) => {
          secrets.push(
            ...((await api(k8s.CoreV1Api, ms).listNamespacedSecret({ namespace }))
              .items as SecretLike[]),
          );
          secretsOk = true;
        },
      );
    }

    // helm's record of the release.
    let helm: HelmBinary | null = null;
    if (kc && reachable) {
      try {
        helm = await findHelm(input.env ?? process.env);
      } catch (e) {
        failures.push(
          `helm: ${errorText(e)}; helm status, history, values and manifest were not collected.`,
        );
      }
    }
    const helmTarget: HelmTarget = { context: input.target.context, namespace };
    const runHelm = async (
      args: string[],
    ): Promise<{ ok: true; out: string } | { ok: false; why: string }> => {
      const ms = requestTimeout(t0, now(), limits);
      if (ms === null) return { ok: false, why: 'the time budget ran out' };
      const signal = AbortSignal.any([budget.signal, AbortSignal.timeout(ms)]);
      const r = await runProcess(helm!.path, args, { env: input.env ?? process.env, signal });
      if (r.cancelled)
        return {
          ok: false,
          why: `no answer within ${Math.round(ms / 1000)} s (helm was sent SIGTERM)`,
        };
      if (r.code !== 0)
        return {
          ok: false,
          why:
            r.stderr
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean)
              .slice(-2)
              .join(' ') || `helm exited with ${r.code}`,
        };
      return { ok: true, out: r.stdout };
    };
    const helmTask = helm
      ? (async () => {
          const h = await runHelm(historyArgs(helmTarget, release));
          if (!h.ok) {
            failures.push(
              `helm: release ${release} in namespace ${namespace}: ${h.why}; status, history, values and manifest were not collected.`,
            );
            return;
          }
          put('helm/history.json', json(JSON.parse(h.out || '[]')));
          const [s, v, m] = await Promise.all([
            runHelm(statusArgs(helmTarget, release)),
            runHelm(getValuesArgs(helmTarget, release)),
            runHelm(getManifestArgs(helmTarget, release)),
          ]);
          if (s.ok) put('helm/status.json', json(cleanHelmStatus(s.out)));
          else failures.push(`helm/status.json: ${s.why}`);
          if (v.ok)
            put(
              'helm/values.yaml',
              stringify(maskTree(JSON.parse(v.out || '{}') ?? {}, isSecretPath, SECRET_MASK), {
                lineWidth: 0,
              }),
            );
          else failures.push(`helm/values.yaml: ${v.why}`);
          if (m.ok) {
            const stripped = stripManifestSecrets(m.out);
            manifestSecrets.push(...stripped.secrets);
            if (stripped.dropped)
              notes.push(
                `helm/manifest.yaml: ${stripped.dropped} document(s) did not parse as YAML and were left out.`,
              );
            put('helm/manifest.yaml', stripped.text);
          } else failures.push(`helm/manifest.yaml: ${m.why}`);
        })()
      : Promise.resolve();

    // Preflight: every check but the dry run (it takes up to 90 s and is what the install just did).
    let preflightResults: CheckResult[] = [];
    const preflightTask =
      input.answers && input.preflight !== false
        ? (async () => {
            const checks = preflightChecks(
              { answers: input.answers!, context: input.target.context, namespace, release },
              { kube: kc ? { kc } : { error: failures[0] ?? 'no cluster connection' } },
            ).filter((c) => c.id !== 'dry-run');
            for await (const r of runChecks(checks, budget.signal)) preflightResults.push(r);
            const order = checks.map((c) => c.id);
            preflightResults = preflightResults.sort(
              (a, b) => order.indexOf(a.id) - order.indexOf(b.id),
            );
            put('preflight.txt', preflightText(preflightResults, checkLine));
          })()
        : Promise.resolve();

    await Promise.all([pool(tasks, limits.concurrency), helmTask, preflightTask]);

    // The pods, their events, their summaries, then their logs.
    if (kc && reachable) {
      const podNames = new Set(
        pods.map((p) => String((p.metadata as Obj | undefined)?.name ?? '')),
      );
      if (podsOk) {
        put('namespace/pods.json', json(pods));
        if (pods.length === 0)
          notes.push(
            `No pod in namespace ${namespace} carries the label app.kubernetes.io/instance=${release}.`,
          );
        const nowMs = now();
        const summaries = pods.map((p) =>
          summarizePod({
            pod: p as unknown as PodLike,
            events: events as unknown as EventLike[],
            pvcs,
            nowMs,
          }),
        );
        put('namespace/pods.txt', podsText(summaries));
      }
      if (eventsOk) {
        const selected = selectEvents(events, podNames).map((e) => cleanObject(e));
        put('namespace/events.json', json(selected));
        put('namespace/events.txt', eventsText(selected));
      }
      const { requests, omitted } = planLogs(
        pods.map((p) => podRef(p as Parameters<typeof podRef>[0])),
        limits,
      );
      if (omitted.length)
        notes.push(
          `Logs left out to keep the bundle within ${limits.logBytesTotal} bytes of logs: ${omitted.join(', ')}.`,
        );
      const noLog: string[] = [];
      await pool(
        requests.map((r) => async () => {
          const ms = requestTimeout(t0, now(), limits);
          if (ms === null) return void outOfTime(r.file);
          try {
            const text = await apiClient(kc!, k8s.CoreV1Api, {
              timeoutMs: ms,
              signal: budget.signal,
            }).readNamespacedPodLog({
              name: r.pod,
              namespace,
              container: r.container,
              previous: r.previous,
              tailLines: r.tailLines,
              limitBytes: r.limitBytes,
            });
            put(r.file, typeof text === 'string' ? text : String(text ?? ''));
          } catch (e) {
            const why = apiErrorText(e, `pods/log in ${namespace}`);
            noLog.push(why);
            put(r.file, `(no log: ${why})\n`);
          }
        }),
        limits.concurrency,
      );
      if (requests.length && noLog.length === requests.length) {
        notes.push(
          `Container logs: the cluster gave none for any of the ${requests.length} container log(s) asked for (first answer: ${noLog[0]}) A simulated cluster (KWOK) runs no containers and has no logs; on a real cluster, a container that never started has none either. Each log file says why.`,
        );
      } else if (noLog.length) {
        notes.push(
          `Container logs: ${noLog.length} of ${requests.length} gave no log (a container that has not started has none); each such file says why.`,
        );
      }
    }

    if (input.job) {
      const events = input.job.log.since(0);
      put(
        'job/events.ndjson',
        events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : ''),
      );
      let state = initialInstallState;
      const lines: string[] = [];
      for (const e of events) {
        lines.push(...eventLines(e, state));
        state = reduceInstall(state, e);
      }
      put('job/events.txt', `${lines.join('\n')}\n`);
    } else {
      notes.push(
        "No install job of the wizard's server is part of this bundle (taken from the CLI, or the server was restarted since): take the bundle from the install dashboard to include the job's event log.",
      );
    }

    // Redact every file by value; README.txt says what was searched for and where it was found.
    const endpoint = input.answers
      ? (input.answers.general as { endpoint: string }).endpoint
      : undefined;
    const { redact, sources } = bundleRedactor({
      answers: input.answers,
      secrets,
      publicNames: publicNamesOf({ namespace, release }, endpoint),
    });
    const perFile: Array<[string, number]> = [];
    for (const [file, content] of files) {
      const out = redact(content);
      const n = redactionCount(content, out);
      if (n) perFile.push([file, n]);
      files.set(file, out);
    }
    if (kc && reachable && !secretsOk) {
      notes.push(
        'The Secret objects could not be read: values were redacted from the answers only.',
      );
    }
    const finishedAt = new Date(now());
    const readme = redact(
      readmeText({
        target,
        startedAt,
        finishedAt,
        budgetMs: limits.budgetMs,
        collected: orderLike(collected, planned),
        failures,
        notes,
        redaction: { ...sources, perFile, manifestSecrets },
        wizardVersion: pkg.version,
      }),
    );
    const name = `support-bundle-${release}-${stamp(startedAt)}`;
    const entries: TarEntry[] = [
      { name, dir: true },
      { name: `${name}/README.txt`, content: readme },
      ...[...files.keys()].sort().map((f) => ({ name: `${name}/${f}`, content: files.get(f)! })),
    ];
    return {
      name,
      bytes: tarGz(entries, finishedAt),
      readme,
      files: ['README.txt', ...[...files.keys()].sort()],
      failures,
    };
  } finally {
    clearTimeout(budgetTimer);
  }
}

/** The collected files in plan order (logs last, in the order fetched). */
function orderLike(collected: PlannedFile[], planned: PlannedFile[]): PlannedFile[] {
  const rank = new Map(planned.map((p, i) => [p.file, i]));
  return [...collected].sort(
    (a, b) => (rank.get(a.file) ?? planned.length) - (rank.get(b.file) ?? planned.length),
  );
}
