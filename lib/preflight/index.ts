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
import { checkExternalAccess } from './external-access';
import { checkDryRun, checkHelmVersion, type HelmLocator } from './helm';
import { checkMessageQueue } from './message-queue';
import { decideMetrics, gatherMetricsApi, hpaComponents } from './metrics';
import { checkNamespace, checkRelease, gatherNamespace } from './namespace';
import { checkNodes, decideServerVersion, gatherServerVersion } from './kubernetes';
import { checkPermissions } from './permissions';
import { decidePullSecret, imageRepositories } from './pull-secret';
import { isInRegistry, predictImages } from '../images';
import { decideRegistryImages } from './registry-decide';
import { checkManifests, loginFor } from './registry-images';
import { fail, pass, type Verdict } from './result';
import { runChecks, type Check } from './runner';
import { decideStorage, gatherStorageClasses, wantedStorageClasses } from './storage';

export type PreflightRequest = {
  answers: Answers;
  context: string | null;
  namespace: string;
  release: string;
};
export type PreflightDeps = {
  /** The cluster connection; null with the reason when none could be built. */
  kube: { kc: KubeConfig } | { error: string };
  /** Finds helm (default: lib/helm's findHelm). */
  helm?: HelmLocator;
  chartDir?: string;
  now?: () => Date;
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
} as const;

/** Every check that applies to these answers, in display order. */
export function preflightChecks(req: PreflightRequest, deps: PreflightDeps): Check[] {
  const a = req.answers;
  const values = renderValues(a, { full: true }).values as Record<string, unknown>;
  const { namespace: ns, release } = req;
  const checks: Check[] = [];
  const add = (
    id: string,
    title: string,
    timeoutMs: number,
    run: (signal: AbortSignal) => Promise<Verdict>,
  ) => checks.push({ id, title, timeoutMs, run });

  // Cluster checks wait for the API probe, so an unreachable server gives one clear failure.
  const kc = 'kc' in deps.kube ? deps.kube.kc : null;
  const api = kc
    ? gatherServerVersion(kc)
    : Promise.resolve({ ok: false as const, message: 'error' in deps.kube ? deps.kube.error : '' });
  const cluster = (
    id: string,
    title: string,
    timeoutMs: number,
    run: (kc: KubeConfig, signal: AbortSignal) => Promise<Verdict | null>,
  ) =>
    add(id, title, timeoutMs, async (signal) => {
      const probe = await api;
      if (!kc || !probe.ok)
        return fail(
          'Skipped: the API server is not reachable.',
          'Fix the cluster connection first (see the API server check).',
        );
      return (await run(kc, signal)) ?? pass('Nothing to check for these answers.');
    });

  add('api', 'API server and Kubernetes version', TIMEOUTS.api, async () => {
    const probe = await api;
    if (!probe.ok)
      return fail(
        `The API server is not reachable: ${probe.message}.`,
        'Check the kubeconfig context, the network path and your credentials (kubectl get --raw /version).',
      );
    return decideServerVersion(probe.version);
  });
  cluster('nodes', 'Nodes: kernel, OS and architecture', TIMEOUTS.nodes, (k, s) =>
    checkNodes(k, s),
  );
  cluster('permissions', 'Permissions', TIMEOUTS.permissions, (k, s) => checkPermissions(k, ns, s));
  cluster('namespace', 'Namespace', TIMEOUTS.namespace, (k, s) => checkNamespace(k, ns, s));
  cluster('release', 'Existing release', TIMEOUTS.release, (k, s) =>
    checkRelease(k, ns, release, s),
  );
  const router =
    (values.general as { router?: Parameters<typeof checkExternalAccess>[2] }).router ?? {};
  if (a.externalAccess.mode !== 'cluster-ip')
    cluster('external-access', 'External access', TIMEOUTS.access, (k, s) =>
      checkExternalAccess(k, a, router, s),
    );
  const volumes = wantedStorageClasses(a);
  if (volumes.length)
    cluster('storage', 'Storage', TIMEOUTS.storage, async (k, s) =>
      decideStorage(volumes, await gatherStorageClasses(k, s)),
    );
  cluster('capacity', 'Capacity', TIMEOUTS.capacity, async (k, s) => {
    const { nodes, running } = await gatherNodeCapacity(k, { namespace: ns, release }, s);
    return decideCapacity(componentRequests(values), nodes, running);
  });
  const hpa = hpaComponents(a);
  if (hpa.length)
    cluster('metrics', 'Metrics API for autoscaling', TIMEOUTS.metrics, async (k, s) =>
      decideMetrics(hpa, await gatherMetricsApi(k, s)),
    );
  if (a.certificate.source === 'inline' && a.certificate.crt) {
    const cert = a.certificate;
    add('certificate', 'Server certificate', TIMEOUTS.certificate, async () =>
      decideCertificate(
        a.general.endpoint,
        inspectPem({ crt: cert.crt, key: cert.key, endpoint: a.general.endpoint }, deps.now?.()),
      ),
    );
  }
  if (a.database.mode === 'external') {
    const d = a.database;
    add('database', 'External database', TIMEOUTS.database, (signal) =>
      checkDatabase(
        {
          host: d.endpoint,
          user: d.user,
          password: d.password,
          database: d.name,
          requireTls: d.requireSecureTransport,
        },
        signal,
      ),
    );
  }
  if (a.messageQueue.mode === 'external') {
    const m = a.messageQueue;
    add('message-queue', 'External message queue', TIMEOUTS.mq, (signal) =>
      checkMessageQueue(
        {
          host: m.endpoint,
          port: Number(m.port),
          vhost: '/',
          user: m.user,
          password: m.password,
          queue: m.queueName,
        },
        signal,
      ),
    );
  }
  if (a.pullSecret.mode === 'inline') {
    const b64 = a.pullSecret.configContent;
    add('pull-secret', 'Image pull secret', TIMEOUTS.pullSecret, async () =>
      decidePullSecret(b64, imageRepositories(values)),
    );
  }
  if (a.registry.mode === 'private') {
    // Asked from the wizard's machine, not through the cluster: unreachable from here is a skip.
    const reg = a.registry;
    const images = predictImages(values).filter((i) => isInRegistry(i, reg));
    const login =
      a.pullSecret.mode === 'inline' ? loginFor(a.pullSecret.configContent, reg.host) : null;
    add('registry-images', 'Images in the private registry', TIMEOUTS.registry, async (signal) =>
      decideRegistryImages(
        await checkManifests(reg.host, images, { login, signal, timeoutMs: 3_000 }),
        { registry: reg.host, credentials: a.pullSecret.mode },
      ),
    );
  }
  add('helm', 'helm', TIMEOUTS.helm, () => checkHelmVersion(deps.helm));
  const chart = deps.chartDir ?? path.join(process.cwd(), 'chart');
  cluster('dry-run', 'Server-side dry run', TIMEOUTS.dryRun, async (k, signal) =>
    checkDryRun(
      a,
      {
        context: req.context,
        namespace: ns,
        release,
        chart,
        namespaceExists: async () => (await gatherNamespace(k, ns, signal)).exists === true,
      },
      signal,
      deps.helm,
    ),
  );
  return checks;
}

/** Runs the preflight for these answers; yields each result as it finishes. */
export function runPreflight(req: PreflightRequest, deps: PreflightDeps, signal?: AbortSignal) {
  return runChecks(preflightChecks(req, deps), signal);
}
