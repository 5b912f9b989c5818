import 'server-only';
/**
 * The cluster work of the guided upgrade's steps before helm (docs/upgrade.md, "Running the
 * upgrade"), each idempotent and reading the cluster for what is already done: delete the queue's
 * StatefulSet and claims (U4), make the self-signed internal certificates (T7), read which keys
 * an external backend Secret has. Each returns what it did in words; none logs a value.
 */
import * as k8s from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { apiClient } from '../cluster/client';
import { templateArgs } from '../helm/args';
import type { QueueDeletion } from '../upgrade/run';
import { isMap } from '../values/tree';
import { helmError, type HelmCli } from './helm-cli';
import type { ResolvedChart } from './request';

const statusOf = (e: unknown) => (e as { code?: number } | null)?.code;
const absent = (e: unknown) => {
  if (statusOf(e) !== 404) throw e;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long the StatefulSet and its claims may take to go once deleted. */
export const QUEUE_GONE_MS = 120_000;

/**
 * U4: scale StatefulSet `<rel>-mq` to 0, delete it and then the claims the plan named, and wait
 * until they are gone. What is already gone is said so (a run after a restart continues).
 */
export async function deleteQueue(
  kc: k8s.KubeConfig,
  namespace: string,
  q: QueueDeletion,
  goneWithinMs = QUEUE_GONE_MS,
): Promise<string[]> {
  const apps = apiClient(kc, k8s.AppsV1Api);
  const core = apiClient(kc, k8s.CoreV1Api);
  const lines: string[] = [];
  const name = q.statefulSet;
  const set = await apps.readNamespacedStatefulSet({ name, namespace }).catch(absent);
  if (set && !set.metadata?.deletionTimestamp) {
    await apps.patchNamespacedStatefulSetScale(
      { name, namespace, body: { spec: { replicas: 0 } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await apps.deleteNamespacedStatefulSet({ name, namespace }).catch(absent);
    lines.push(`Scaled StatefulSet ${name} to 0 and deleted it.`);
  } else lines.push(`StatefulSet ${name} is already gone.`);
  for (const claim of q.claims) {
    const there = await core.deleteNamespacedPersistentVolumeClaim({ name: claim, namespace }).then(
      () => true,
      (e: unknown) => (absent(e), false),
    );
    lines.push(there ? `Deleted claim ${claim}.` : `Claim ${claim} is already gone.`);
  }
  const deadline = Date.now() + goneWithinMs;
  for (;;) {
    const left = [
      ...((await apps.readNamespacedStatefulSet({ name, namespace }).catch(absent))
        ? [`StatefulSet ${name}`]
        : []),
      ...(await core.listNamespacedPersistentVolumeClaim({ namespace })).items
        .map((c) => c.metadata?.name ?? '')
        .filter((n) => q.claims.includes(n))
        .map((n) => `claim ${n}`),
    ];
    if (!left.length) return lines;
    if (Date.now() > deadline)
      throw new Error(`${left.join(' and ')} still there after ${goneWithinMs / 1000} s.`);
    await sleep(500);
  }
}

/** The Secrets `templates/internal-tls-certs.yaml` of the target chart renders (the CA first). */
async function renderInternalTls(
  helm: HelmCli,
  t: { namespace: string; release: string },
  chart: ResolvedChart,
  valuesFile: string,
): Promise<k8s.V1Secret[]> {
  const args = templateArgs({
    namespace: t.namespace,
    release: t.release,
    chart: chart.chart,
    ...(chart.chartVersion ? { chartVersion: chart.chartVersion } : {}),
    valuesFiles: [valuesFile],
  });
  const at = args.indexOf('--');
  args.splice(at, 0, '--show-only=templates/internal-tls-certs.yaml');
  const r = await helm.run(args);
  if (r.code !== 0) throw new Error(`helm template failed: ${helmError(r).join(' ')}`);
  return parseAllDocuments(r.stdout)
    .map((d) => d.toJS() as unknown)
    .filter((o): o is k8s.V1Secret => isMap(o) && o.kind === 'Secret');
}

/**
 * T7: the CA and certificates 3.50 expects, rendered by the target chart with the upgrade's
 * values and applied (those of 3.9.4 under the same names replaced, as `kubectl apply` would).
 * Done once: when the CA is there, nothing is rendered again (a new CA would re-sign everything).
 */
export async function createInternalTls(
  kc: k8s.KubeConfig,
  helm: HelmCli,
  t: { namespace: string; release: string },
  chart: ResolvedChart,
  valuesFile: string,
): Promise<string[]> {
  const core = apiClient(kc, k8s.CoreV1Api);
  const secrets = await renderInternalTls(helm, t, chart, valuesFile);
  const ca = secrets[0]?.metadata?.name;
  if (!ca) throw new Error('The target chart renders no internal-TLS Secrets for these values.');
  const namespace = t.namespace;
  if (await core.readNamespacedSecret({ name: ca, namespace }).catch(absent))
    return [`Secret ${ca} exists: the internal certificates were made before; nothing changed.`];
  const lines: string[] = [];
  for (const s of secrets.slice(1).concat(secrets[0]!)) {
    const name = s.metadata!.name!;
    const body = { ...s, metadata: { ...s.metadata, namespace } };
    const made = await core.createNamespacedSecret({ namespace, body }).then(
      () => true,
      (e: unknown) => {
        if (statusOf(e) !== 409) throw e;
        return false;
      },
    );
    if (!made) await core.replaceNamespacedSecret({ name, namespace, body });
    lines.push(`${made ? 'Created' : 'Replaced'} Secret ${name}.`);
  }
  return lines;
}

/** The keys a Secret has (names only), or null when it does not exist. */
export async function secretKeys(
  kc: k8s.KubeConfig,
  namespace: string,
  name: string,
): Promise<string[] | null> {
  const s = await apiClient(kc, k8s.CoreV1Api)
    .readNamespacedSecret({ name, namespace })
    .catch(absent);
  return s ? Object.keys(s.data ?? {}) : null;
}
