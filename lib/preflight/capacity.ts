import 'server-only';
import {
  CoreV1Api,
  type KubeConfig,
  type V1Container,
  type V1Node,
  type V1Pod,
} from '@kubernetes/client-node';
import { apiClient } from '../cluster/client';
import type { NodeCapacity, RunningPods } from './capacity-decide';
import { milliCpu, parseQuantity } from './quantity';

/** Ready and not cordoned: where pods can land (taints are judged per pod, with its tolerations). */
export function schedulable(n: V1Node): boolean {
  if (n.spec?.unschedulable) return false;
  return (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

type Requests = { cpu: number; mem: number };
const requestsOf = (cs: V1Container[]) =>
  cs.reduce<Requests>(
    (s, c) => ({
      cpu: s.cpu + milliCpu(c.resources?.requests?.cpu ?? '0'),
      mem: s.mem + parseQuantity(c.resources?.requests?.memory ?? '0'),
    }),
    { cpu: 0, mem: 0 },
  );

/**
 * What a pod holds on its node, as the scheduler counts it: the larger of its containers' (and
 * sidecars') requests together and any one init container's, plus the pod overhead.
 */
export function podRequests(p: V1Pod): Requests {
  const init = p.spec?.initContainers ?? [];
  const sidecars = init.filter((c) => c.restartPolicy === 'Always');
  const main = requestsOf([...(p.spec?.containers ?? []), ...sidecars]);
  const initMax = init
    .filter((c) => c.restartPolicy !== 'Always')
    .map((c) => requestsOf([c]))
    .reduce((m, r) => ({ cpu: Math.max(m.cpu, r.cpu), mem: Math.max(m.mem, r.mem) }), {
      cpu: 0,
      mem: 0,
    });
  const overhead = p.spec?.overhead ?? {};
  return {
    cpu: Math.max(main.cpu, initMax.cpu) + milliCpu(overhead.cpu ?? '0'),
    mem: Math.max(main.mem, initMax.mem) + parseQuantity(overhead.memory ?? '0'),
  };
}

/**
 * The Ready nodes with what the pods bound to them request. The release's own pods (namespace
 * `namespace`, named `<release>-…`) are left out: an upgrade replaces them. When the pods cannot
 * be listed (no cluster-wide read), the nodes come back as if empty and `running` says why.
 */
export async function gatherNodeCapacity(
  kc: KubeConfig,
  target: { namespace: string; release: string },
  signal?: AbortSignal,
): Promise<{ nodes: NodeCapacity[]; running: RunningPods }> {
  const core = apiClient(kc, CoreV1Api, { signal });
  const list = await core.listNode();
  const nodes: NodeCapacity[] = list.items.filter(schedulable).map((n) => ({
    name: n.metadata?.name ?? '',
    cpuMilli: milliCpu(n.status?.allocatable?.cpu ?? '0'),
    memoryBytes: parseQuantity(n.status?.allocatable?.memory ?? '0'),
    usedCpuMilli: 0,
    usedMemoryBytes: 0,
    labels: n.metadata?.labels ?? {},
    taints: (n.spec?.taints ?? []).map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
  }));
  let pods: V1Pod[];
  try {
    pods = (
      await core.listPodForAllNamespaces({
        fieldSelector: 'spec.nodeName!=,status.phase!=Succeeded,status.phase!=Failed',
      })
    ).items;
  } catch (e) {
    const code = (e as { code?: number }).code;
    return { nodes, running: { known: false, why: code ? `HTTP ${code}` : (e as Error).name } };
  }
  const byName = new Map(nodes.map((n) => [n.name, n]));
  let count = 0;
  let ownPods = 0;
  for (const p of pods) {
    const own =
      p.metadata?.namespace === target.namespace &&
      (p.metadata?.name ?? '').startsWith(`${target.release}-`);
    if (own) {
      ownPods++;
      continue;
    }
    // A terminating pod frees its node before the new pods need it (a namespace just deleted).
    if (p.metadata?.deletionTimestamp) continue;
    const node = byName.get(p.spec?.nodeName ?? '');
    if (!node) continue;
    const r = podRequests(p);
    node.usedCpuMilli! += r.cpu;
    node.usedMemoryBytes! += r.mem;
    count++;
  }
  return { nodes, running: { known: true, count, ownPods } };
}
