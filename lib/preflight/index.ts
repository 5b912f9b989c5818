import 'server-only';
import path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Answers } from '../answers';
import { renderValues } from '../values';
import { inspectPem } from '../pem/inspect';
import { gatherNodeCapacity } from './capacity';
import { componentRequests, decideCapacity } from './capacity-decide';
import { decideCertificate } from './certificate';
import { checkDatabase } from './database';
import { dbProfile } from './database-decide';
import { checkExternalAccess } from './external-access';
import { checkDryRun, checkHelmVersion, helmForChart, type HelmLocator } from './helm';
import { checkMessageQueues } from './message-queue';
import { decideMetrics, gatherMetricsApi, hpaComponents } from './metrics';
import { checkNamespace, checkRelease, gatherNamespace, scratchNamespace } from './namespace';
import { checkNodes, decideServerVersion, gatherServerVersion } from './kubernetes';
import { checkPermissions } from './permissions';
import { decidePullSecret, imageRepositories } from './pull-secret';
import { IMAGE_TABLE_350, IMAGE_TABLE_394, isInRegistry, predictImages } from '../images';
import { decideRegistryImages } from './registry-decide';
import { checkManifests, loginFor } from './registry-images';
import { fail, pass, type Verdict } from './result';
import { runChecks, type Check } from './runner';
import { decideThrottled } from './probe-limit';
import { gatherSecretKeys, gatherSecretType } from './secret-keys';
import { decideSecretKeys, wantedSecrets350 } from './secret-keys-decide';
import { decideTlsSecrets, wantedTlsSecrets } from './tls-secrets-decide';
import { decideStorage, gatherStorageClasses, wantedStorageClasses } from './storage';
import { gatherClaim } from './dumps-claim';
import { decideDumpsClaims, wantedDumpsClaims } from './dumps-claim-decide';

export type PreflightRequest = {
  answers: Answers;
  context: string | null;
  namespace: string;
  release: string;
  /** The chart the install will use (resolved as the install's), for the dry run; default: deps.chartDir. */
  chart?: { chart: string; chartVersion?: string };
};
export type PreflightDeps = {
  /** The cluster connection; null with the reason when none could be built. */
  kube: { kc: KubeConfig } | { error: string };
  /** Finds helm (default: lib/helm's findHelm). */
  helm?: HelmLocator;
  chartDir?: string;
  now?: () => Date;
  /**
   * Seconds until this caller may have the checks connect to hosts the answers name (database,
   * message queue, registry) again; 0 or absent: now (probe-limit.ts, applied in service.ts).
   */
  probesRetryAfter?: number;
};

/** Each check's own time budget (ms): a dead host must not hold the list (docs/preflight.md lists them). */
export const TIMEOUTS = {
  api: 5_000,
  nodes: 8_000,
  permissions: 10_000,
  namespace: 5_000,
  release: 5_000,
  access: 8_000,
  storage: 5_000,
  capacity: 8_000,
  metrics: 5_000,
  certificate: 2_000,
  database: 8_000,
  mq: 8_000,
  pullSecret: 2_000,
  registry: 20_000,
  helm: 10_000,
  dryRun: 90_000,
  secrets: 5_000,
  dumpsClaim: 5_000,
  tlsSecrets: 5_000,
} as const;

type Values = Record<string, unknown>;
type ClusterRun = (kc: KubeConfig, signal: AbortSignal) => Promise<Verdict | null>;

/** The checks in display order, as they are added. */
interface CheckList {
  checks: Check[];
  add(id: string, title: string, timeoutMs: number, run: Check['run']): void;
  /** A check that needs the cluster: it waits for the API probe, so an unreachable server gives one clear failure. */
  cluster(id: string, title: string, timeoutMs: number, run: ClusterRun): void;
  /** The API server check itself (the probe every cluster check waits for), against the chart's minimum. */
  apiServer(chart: Answers['chart']): void;
}

function checkList(kube: PreflightDeps['kube']): CheckList {
  const checks: Check[] = [];
  const add: CheckList['add'] = (id, title, timeoutMs, run) =>
    checks.push({ id, title, timeoutMs, run });
  const kc = 'kc' in kube ? kube.kc : null;
  const api = kc
    ? gatherServerVersion(kc)
    : Promise.resolve({ ok: false as const, message: 'error' in kube ? kube.error : '' });
  const cluster: CheckList['cluster'] = (id, title, timeoutMs, run) =>
    add(id, title, timeoutMs, async (signal) => {
      const probe = await api;
      if (!kc || !probe.ok)
        return fail(
          'Skipped: the API server is not reachable.',
          'Fix the cluster connection first (see the API server check).',
        );
      return (await run(kc, signal)) ?? pass('Nothing to check for these answers.');
    });
  const apiServer = (chart: Answers['chart']) =>
    add('api', 'API server and Kubernetes version', TIMEOUTS.api, async () => {
      const probe = await api;
      if (!probe.ok)
        return fail(
          `The API server is not reachable: ${probe.message}.`,
          'Check the kubeconfig context, the network path and your credentials (kubectl get --raw /version).',
        );
      return decideServerVersion(probe.version, chart);
    });
  return { checks, add, cluster, apiServer };
}

/** The cluster itself: the API server, the nodes, the install's permissions, the namespace and the release. */
function clusterChecks(list: CheckList, a: Answers, ns: string, release: string): void {
  list.apiServer(a.chart);
  list.cluster('nodes', 'Nodes: kernel, OS and architecture', TIMEOUTS.nodes, (k, s) =>
    checkNodes(k, s),
  );
  list.cluster('permissions', 'Permissions', TIMEOUTS.permissions, (k, s) =>
    checkPermissions(k, ns, s),
  );
  list.cluster('namespace', 'Namespace', TIMEOUTS.namespace, (k, s) => checkNamespace(k, ns, s));
  list.cluster('release', 'Existing release', TIMEOUTS.release, (k, s) =>
    checkRelease(k, ns, release, s),
  );
}

/** What these answers need of the cluster: the way in, volumes, room for the pods, the metrics API. */
function fitChecks(
  list: CheckList,
  a: Answers,
  values: Values,
  target: { namespace: string; release: string },
): void {
  const router =
    (values.general as { router?: Parameters<typeof checkExternalAccess>[2] }).router ?? {};
  if (a.externalAccess.mode !== 'cluster-ip')
    list.cluster('external-access', 'External access', TIMEOUTS.access, (k, s) =>
      checkExternalAccess(k, a, router, s),
    );
  const volumes = wantedStorageClasses(a);
  if (volumes.length)
    list.cluster('storage', 'Storage', TIMEOUTS.storage, async (k, s) =>
      decideStorage(volumes, await gatherStorageClasses(k, s)),
    );
  list.cluster('capacity', 'Capacity', TIMEOUTS.capacity, async (k, s) => {
    const { nodes, running } = await gatherNodeCapacity(k, target, s);
    return decideCapacity(componentRequests(values), nodes, running);
  });
  dumpsClaimCheck(list, a, values, target.namespace);
  const hpa = hpaComponents(a);
  if (hpa.length)
    list.cluster('metrics', 'Metrics API for autoscaling', TIMEOUTS.metrics, async (k, s) =>
      decideMetrics(hpa, await gatherMetricsApi(k, s)),
    );
}

/** Chart 3.50's heap-dump claim: it exists in the namespace, ReadWriteMany when shared (§4). */
function dumpsClaimCheck(list: CheckList, a: Answers, values: Values, ns: string): void {
  const claims = a.chart === '3.50.0' ? wantedDumpsClaims(values) : [];
  if (!claims.length) return;
  list.cluster('dumps-claim', 'Heap-dump claim', TIMEOUTS.dumpsClaim, async (k, s) =>
    decideDumpsClaims(
      claims,
      await Promise.all(claims.map((c) => gatherClaim(k, ns, c.name, s))),
      ns,
    ),
  );
}

/**
 * Chart 3.50 with Secrets outside the chart: the backend and Keycloak Secrets hold what the pods
 * need, encryption-key-0 and the queue keys among them (docs/chart-3.50.md §9, §10).
 */
function secretChecks(list: CheckList, a: Answers, ns: string, release: string): void {
  if (a.chart !== '3.50.0' || a.secrets.mode !== 'existing') return;
  const wanted = wantedSecrets350(a, release);
  list.cluster('secrets', 'Secrets outside the chart', TIMEOUTS.secrets, async (k, s) =>
    decideSecretKeys(
      wanted,
      await Promise.all(wanted.map((w) => gatherSecretKeys(k, ns, w.name, s))),
      ns,
    ),
  );
}

/**
 * Internal TLS from existing certificates: each named Secret exists and is kubernetes.io/tls,
 * chart 3.50's artifacts Secret among them (docs/chart-3.50.md T6).
 */
function tlsSecretChecks(list: CheckList, a: Answers, ns: string): void {
  const wanted = wantedTlsSecrets(a);
  if (!wanted.length) return;
  list.cluster('tls-secrets', 'Internal TLS Secrets', TIMEOUTS.tlsSecrets, async (k, s) =>
    decideTlsSecrets(
      wanted,
      await Promise.all(wanted.map((w) => gatherSecretType(k, ns, w.name, s))),
      ns,
    ),
  );
}

/** The server certificate given inline, read on this machine. */
function certificateCheck(list: CheckList, a: Answers, now?: () => Date): void {
  if (a.certificate.source !== 'inline' || !a.certificate.crt) return;
  const cert = a.certificate;
  list.add('certificate', 'Server certificate', TIMEOUTS.certificate, async () =>
    decideCertificate(
      a.general.endpoint,
      inspectPem({ crt: cert.crt, key: cert.key, endpoint: a.general.endpoint }, now?.()),
    ),
  );
}

/** A check that connects to a host the answers name: skipped while the caller is over its budget. */
const probe =
  (retryAfter: number | undefined, run: Check['run']): Check['run'] =>
  (signal) =>
    retryAfter ? Promise.resolve(decideThrottled(retryAfter)) : run(signal);

/** Whether these answers have the preflight connect to hosts they name (the probes probe-limit.ts counts). */
export function plansExternalProbes(a: Answers): boolean {
  return (
    a.database.mode === 'external' ||
    a.messageQueue.mode === 'external' ||
    a.registry.mode === 'private'
  );
}

/** The external database and message queue, asked from the wizard's machine. */
function externalServiceChecks(
  list: CheckList,
  a: Answers,
  values: Values,
  retryAfter?: number,
): void {
  if (a.database.mode === 'external') {
    const d = a.database;
    list.add(
      'database',
      'External database',
      TIMEOUTS.database,
      probe(retryAfter, (signal) =>
        checkDatabase(
          {
            host: d.endpoint,
            user: d.user,
            password: d.password,
            database: d.name,
            requireTls: d.requireSecureTransport,
            profile: dbProfile(a),
          },
          signal,
        ),
      ),
    );
  }
  if (a.messageQueue.mode === 'external') {
    const m = a.messageQueue;
    const target = {
      host: m.endpoint,
      port: Number(m.port),
      vhost: '/',
      user: m.user,
      password: m.password,
      tls: a.internalTls.mode !== 'off',
    };
    // Chart 3.50 uses the queues of general.mq.queue_names, not the answer's queue name
    // (docs/chart-3.50.md §3, §8.1): each of them is checked.
    const queues = a.chart === '3.50.0' ? queueNames350(values) : [m.queueName];
    list.add(
      'message-queue',
      'External message queue',
      TIMEOUTS.mq,
      probe(retryAfter, (signal) => checkMessageQueues(target, queues, signal)),
    );
  }
}

/** The queues a 3.50 release declares and uses: queue_names, or queue_name alone when that is empty (§3). */
function queueNames350(values: Values): string[] {
  const mq = (values.general as { mq?: { queue_names?: unknown; queue_name?: unknown } }).mq;
  const names = Array.isArray(mq?.queue_names) ? mq.queue_names.map(String) : [];
  return names.length ? names : [String(mq?.queue_name ?? '')];
}

/** The images: the inline pull secret, and each image in the private registry. */
function imageChecks(list: CheckList, a: Answers, values: Values, retryAfter?: number): void {
  if (a.pullSecret.mode === 'inline') {
    const b64 = a.pullSecret.configContent;
    list.add('pull-secret', 'Image pull secret', TIMEOUTS.pullSecret, async () =>
      decidePullSecret(b64, imageRepositories(values)),
    );
  }
  if (a.registry.mode === 'private') {
    // Asked from the wizard's machine, not through the cluster: unreachable from here is a skip.
    const reg = a.registry;
    const table = a.chart === '3.50.0' ? IMAGE_TABLE_350 : IMAGE_TABLE_394;
    const images = predictImages(values, table).filter((i) => isInRegistry(i, reg));
    const login =
      a.pullSecret.mode === 'inline' ? loginFor(a.pullSecret.configContent, reg.host) : null;
    list.add(
      'registry-images',
      'Images in the private registry',
      TIMEOUTS.registry,
      probe(retryAfter, async (signal) =>
        decideRegistryImages(
          await checkManifests(reg.host, images, {
            login,
            insecure: reg.insecure,
            tokenHost: reg.tokenHost,
            signal,
            timeoutMs: 3_000,
          }),
          { registry: reg.host, credentials: a.pullSecret.mode },
        ),
      ),
    );
  }
}

/** helm on this machine, and the server-side dry run of the release with it. */
function helmChecks(list: CheckList, req: PreflightRequest, deps: PreflightDeps): void {
  const { answers: a, namespace: ns, release } = req;
  list.add('helm', 'helm', TIMEOUTS.helm, () => checkHelmVersion(deps.helm));
  const chart = req.chart?.chart ?? deps.chartDir ?? path.join(process.cwd(), 'chart');
  const version = req.chart?.chartVersion;
  list.cluster('dry-run', 'Server-side dry run', TIMEOUTS.dryRun, async (k, signal) =>
    checkDryRun(
      a,
      {
        context: req.context,
        namespace: ns,
        release,
        chart,
        ...(version ? { chartVersion: version } : {}),
        namespaceExists: async () => (await gatherNamespace(k, ns, signal)).exists === true,
        scratch: () => scratchNamespace(k, ns),
      },
      signal,
      deps.helm,
    ),
  );
}

/** Every check that applies to these answers, in display order. */
export function preflightChecks(req: PreflightRequest, deps: PreflightDeps): Check[] {
  const a = req.answers;
  const values = renderValues(a, { full: true }).values as Values;
  const list = checkList(deps.kube);
  clusterChecks(list, a, req.namespace, req.release);
  fitChecks(list, a, values, { namespace: req.namespace, release: req.release });
  secretChecks(list, a, req.namespace, req.release);
  tlsSecretChecks(list, a, req.namespace);
  certificateCheck(list, a, deps.now);
  externalServiceChecks(list, a, values, deps.probesRetryAfter);
  imageChecks(list, a, values, deps.probesRetryAfter);
  // helm as old as the planned chart allows (3.50.0: 3.17+), for the helm check and the dry run.
  helmChecks(list, req, { ...deps, helm: helmForChart(a.chart, deps.helm) });
  return list.checks;
}

/** Runs the preflight for these answers; yields each result as it finishes. */
export function runPreflight(req: PreflightRequest, deps: PreflightDeps, signal?: AbortSignal) {
  return runChecks(preflightChecks(req, deps), signal);
}
