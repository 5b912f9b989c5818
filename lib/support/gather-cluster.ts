import 'server-only';
/**
 * The support bundle's view of the cluster: the kubeconfig's context and its API server (probed
 * once: nothing more is asked of a server that does not answer), then one read per kind of object,
 * each with its own deadline and its own line in README.txt when it fails.
 */
import * as k8s from '@kubernetes/client-node';
import { apiClient, probeServer } from '../cluster/client';
import { kubeConfigFor, KubeconfigError } from '../cluster/kubeconfig';
import type { PvcLike } from '../status/k8s-types';
import { cleanObject, nodeSummary, type BundleTarget, type EventRow } from './plan';
import type { SecretLike } from './secrets';
import { apiErrorText, json, type Gathering, type Obj } from './gathering';

/** The cluster as the bundle found it: no kubeconfig (kc null, and why), or a server that answers or not. */
export interface Connection {
  kc: k8s.KubeConfig | null;
  reachable: boolean;
  target: BundleTarget;
  /** Why there is no kubeconfig context (the preflight's own API check says it again). */
  kubeconfigError?: string;
}

/** The kubeconfig's context, then a probe of its API server. */
export async function connectCluster(
  g: Gathering,
  t: { context: string | null; namespace: string; release: string },
  env: NodeJS.ProcessEnv,
): Promise<Connection> {
  const target: BundleTarget = { ...t, contextName: t.context ?? '(none)', server: '(none)' };
  let kc: k8s.KubeConfig;
  try {
    kc = kubeConfigFor(t.context ?? undefined, env);
  } catch (e) {
    if (!(e instanceof KubeconfigError)) throw e;
    const why =
      `Cluster: no usable kubeconfig context: ${e.problem.message} ${e.problem.fix}`.trim();
    g.failures.push(why);
    return { kc: null, reachable: false, target, kubeconfigError: why };
  }
  target.contextName = kc.getCurrentContext();
  target.server = kc.getCurrentCluster()?.server ?? '(none)';
  const probe = await probeServer(kc, { timeoutMs: Math.min(4_000, g.limits.budgetMs) });
  if (!probe.ok)
    g.failures.push(
      `Cluster: the API server ${target.server} is not reachable: ${probe.message} ${probe.fix} Nothing was read from the cluster or from helm.`,
    );
  return { kc, reachable: probe.ok, target };
}

/** What the reads found that other parts of the bundle need; null where the read failed. */
export interface ClusterFindings {
  pods: Obj[] | null;
  events: EventRow[] | null;
  pvcs: PvcLike[];
  /** Read only to know what to redact: never written to the bundle. */
  secrets: SecretLike[] | null;
}

type Client = <T>(Api: new (c: k8s.Configuration) => T) => T;
/** One read: its label (the file, in README.txt), what it asks for (in a 403's fix), and the read. */
interface ClusterRead {
  label: string;
  what: string;
  read: (api: Client) => Promise<void>;
}

const items = (l: { items: unknown[] }) => l.items.map((i) => cleanObject(i));

/** A namespaced list written as it is (cleaned of managedFields and the like). */
function listRead(
  g: Gathering,
  file: string,
  what: string,
  list: (api: Client) => Promise<{ items: unknown[] }>,
): ClusterRead {
  return { label: file, what, read: async (api) => g.put(file, json(items(await list(api)))) };
}

function versionRead(g: Gathering): ClusterRead {
  const file = 'cluster/version.json';
  return {
    label: file,
    what: 'the version',
    read: async (api) => g.put(file, json(await api(k8s.VersionApi).getCode())),
  };
}

function nodesRead(g: Gathering): ClusterRead {
  const file = 'cluster/nodes.json';
  return {
    label: file,
    what: 'nodes (list, cluster-wide)',
    read: async (api) => {
      const l = await api(k8s.CoreV1Api).listNode();
      g.put(file, json(l.items.map((n) => nodeSummary(n as unknown as Obj))));
    },
  };
}

/** The release's pods (by its instance label): written once the events are in too. */
function podsRead(namespace: string, release: string, found: ClusterFindings): ClusterRead {
  return {
    label: 'namespace/pods.json',
    what: `pods in ${namespace}`,
    read: async (api) => {
      const l = await api(k8s.CoreV1Api).listNamespacedPod({
        namespace,
        labelSelector: `app.kubernetes.io/instance=${release}`,
      });
      found.pods = items(l) as Obj[];
    },
  };
}

/** Every event of the namespace: the release's pods' are picked once the pods are in. */
function eventsRead(namespace: string, found: ClusterFindings): ClusterRead {
  return {
    label: 'namespace/events.json',
    what: `events in ${namespace}`,
    read: async (api) => {
      const l = await api(k8s.CoreV1Api).listNamespacedEvent({ namespace });
      found.events = l.items as unknown as EventRow[];
    },
  };
}

/** The claims: written, and kept for the pods' summaries (a pod waiting for its volume). */
function pvcsRead(g: Gathering, namespace: string, found: ClusterFindings): ClusterRead {
  const file = 'namespace/pvcs.json';
  return {
    label: file,
    what: `persistentvolumeclaims in ${namespace}`,
    read: async (api) => {
      const l = await api(k8s.CoreV1Api).listNamespacedPersistentVolumeClaim({ namespace });
      found.pvcs = l.items as unknown as PvcLike[];
      g.put(file, json(items(l)));
    },
  };
}

/** Deployments, StatefulSets, DaemonSets, ReplicaSets and Jobs, in one file. */
function workloadsRead(g: Gathering, namespace: string): ClusterRead {
  const file = 'namespace/workloads.json';
  return {
    label: file,
    what: `deployments, statefulsets, daemonsets, replicasets and jobs in ${namespace}`,
    read: async (api) => {
      const apps = api(k8s.AppsV1Api);
      const batch = api(k8s.BatchV1Api);
      const [d, s, ds, rs, j] = await Promise.all([
        apps.listNamespacedDeployment({ namespace }),
        apps.listNamespacedStatefulSet({ namespace }),
        apps.listNamespacedDaemonSet({ namespace }),
        apps.listNamespacedReplicaSet({ namespace }),
        batch.listNamespacedJob({ namespace }),
      ]);
      const lists = [d, s, ds, rs, j].map(items);
      const [deployments, statefulSets, daemonSets, replicaSets, jobs] = lists;
      g.put(file, json({ deployments, statefulSets, daemonSets, replicaSets, jobs }));
    },
  };
}

/** The Secret objects, to redact their values from every file: never written. */
function secretsRead(namespace: string, found: ClusterFindings): ClusterRead {
  return {
    label: 'Secret values of the namespace',
    what: `secrets in ${namespace} (to redact their values)`,
    read: async (api) => {
      const l = await api(k8s.CoreV1Api).listNamespacedSecret({ namespace });
      found.secrets = l.items as SecretLike[];
    },
  };
}

/** Every read, in the order they are started. */
function clusterReads(
  g: Gathering,
  namespace: string,
  release: string,
  found: ClusterFindings,
): ClusterRead[] {
  const list = (file: string, what: string, f: (api: Client) => Promise<{ items: unknown[] }>) =>
    listRead(g, file, `${what} in ${namespace}`, f);
  return [
    versionRead(g),
    nodesRead(g),
    podsRead(namespace, release, found),
    eventsRead(namespace, found),
    pvcsRead(g, namespace, found),
    list('namespace/services.json', 'services', (api) =>
      api(k8s.CoreV1Api).listNamespacedService({ namespace }),
    ),
    list('namespace/ingresses.json', 'ingresses', (api) =>
      api(k8s.NetworkingV1Api).listNamespacedIngress({ namespace }),
    ),
    list('namespace/networkpolicies.json', 'networkpolicies', (api) =>
      api(k8s.NetworkingV1Api).listNamespacedNetworkPolicy({ namespace }),
    ),
    workloadsRead(g, namespace),
    secretsRead(namespace, found),
  ];
}

/**
 * The reads as tasks for a pool: each gets the deadline left when it starts (none left: named as
 * not collected) and turns its failure into one line. `found` is filled as they finish.
 */
export function clusterTasks(
  g: Gathering,
  kc: k8s.KubeConfig,
  t: { namespace: string; release: string },
  found: ClusterFindings,
): Array<() => Promise<void>> {
  return clusterReads(g, t.namespace, t.release, found).map((r) => async () => {
    const ms = g.requestMs();
    if (ms === null) return g.outOfTime(r.label);
    try {
      await r.read((Api) => apiClient(kc, Api, { timeoutMs: ms, signal: g.signal }));
    } catch (e) {
      g.failures.push(`${r.label}: ${apiErrorText(e, r.what)}`);
    }
  });
}
