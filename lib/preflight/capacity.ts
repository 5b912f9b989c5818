import 'server-only';
import { apiClient } from '../cluster/client';
import { CoreV1Api, type KubeConfig, type V1Node } from '@kubernetes/client-node';
import { fail, listing, pass, type Verdict } from './result';
import { formatBytes, formatCpu, milliCpu, parseQuantity } from './quantity';

/** One workload's pod request (the chart sets request = limit from the sizing figures) times its replicas. */
export type ComponentRequest = {
  component: string;
  replicas: number;
  cpuMilli: number;
  memoryBytes: number;
};
export type NodeCapacity = { name: string; cpuMilli: number; memoryBytes: number };

type Tree = Record<string, unknown>;
const at = (t: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Tree)[k] : undefined), t);

/**
 * The pods the chart would run for these values (full values tree from lib/values, so the sizing
 * step's figures and the chart defaults are read, not repeated), per component.
 */
export function componentRequests(values: Tree): ComponentRequest[] {
  const on = (p: string) => at(values, p) === true;
  const router = on('general.router.enabled');
  const deployed: [string, boolean][] = [
    ['backend', true],
    ['frontend', true],
    ['keycloak', true],
    ['redis', !on('deployments.redis.external.enabled')],
    ['mysql', on('general.db_local')],
    ['rabbitmq', on('general.mq.enabled') && on('general.mq.local')],
    ['data_streamer', on('general.data_streamer.enabled')],
    ['router', router],
    ['standalone_nginx', !router && !on('general.ingress_controller')],
  ];
  return deployed
    .filter(([, yes]) => yes)
    .map(([c]) => {
      const r = at(values, `deployments.${c}`) as
        { replicas?: number; resources?: { cpu?: string; memory?: string } } | undefined;
      return {
        component: c,
        replicas: typeof r?.replicas === 'number' ? r.replicas : 1,
        cpuMilli: milliCpu(r?.resources?.cpu ?? '0'),
        memoryBytes: parseQuantity(r?.resources?.memory ?? '0'),
      };
    });
}

/**
 * Every pod must fit on one schedulable node, and all pods together in the sum of allocatable
 * CPU and memory; names the component and the shortfall. Equal is enough (the scheduler's
 * fit test is `requested <= allocatable`).
 */
export function decideCapacity(reqs: ComponentRequest[], nodes: NodeCapacity[]): Verdict {
  if (nodes.length === 0)
    return fail(
      'No schedulable node: every node is cordoned, tainted NoSchedule or not Ready.',
      'Uncordon or add nodes before installing.',
    );
  const biggestCpu = Math.max(...nodes.map((n) => n.cpuMilli));
  const biggestMem = Math.max(...nodes.map((n) => n.memoryBytes));
  const tooBig = reqs.flatMap((r) => {
    const p: string[] = [];
    if (r.cpuMilli > biggestCpu)
      p.push(
        `${r.component} asks ${formatCpu(r.cpuMilli)} CPU, the largest node has ${formatCpu(biggestCpu)}`,
      );
    if (r.memoryBytes > biggestMem)
      p.push(
        `${r.component} asks ${formatBytes(r.memoryBytes)} memory, the largest node has ${formatBytes(biggestMem)}`,
      );
    return p;
  });
  if (tooBig.length)
    return fail(
      `A pod fits on no node: ${tooBig.join('; ')}.`,
      'Choose a smaller sizing profile or add larger nodes.',
    );
  const needCpu = reqs.reduce((s, r) => s + r.cpuMilli * r.replicas, 0);
  const needMem = reqs.reduce((s, r) => s + r.memoryBytes * r.replicas, 0);
  const haveCpu = nodes.reduce((s, n) => s + n.cpuMilli, 0);
  const haveMem = nodes.reduce((s, n) => s + n.memoryBytes, 0);
  const short: string[] = [];
  if (needCpu > haveCpu)
    short.push(
      `CPU ${formatCpu(needCpu)} requested, ${formatCpu(haveCpu)} allocatable (${formatCpu(needCpu - haveCpu)} short)`,
    );
  if (needMem > haveMem)
    short.push(
      `memory ${formatBytes(needMem)} requested, ${formatBytes(haveMem)} allocatable (${formatBytes(needMem - haveMem)} short)`,
    );
  if (short.length)
    return fail(
      `The ${nodes.length} schedulable node${nodes.length === 1 ? '' : 's'} cannot hold every pod: ${short.join('; ')}.`,
      'Choose a smaller sizing profile or fewer replicas, or add nodes.',
    );
  return pass(
    `Requests ${formatCpu(needCpu)} CPU / ${formatBytes(needMem)} memory (${listing(reqs.map((r) => r.component))}) fit in ${formatCpu(haveCpu)} / ${formatBytes(haveMem)} allocatable on ${nodes.length} node${nodes.length === 1 ? '' : 's'}.`,
  );
}

/** Ready, not cordoned, no NoSchedule/NoExecute taint: where the pods can land. */
export function schedulable(n: V1Node): boolean {
  if (n.spec?.unschedulable) return false;
  if ((n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'))
    return false;
  return (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export async function gatherNodeCapacity(
  kc: KubeConfig,
  signal?: AbortSignal,
): Promise<NodeCapacity[]> {
  const list = await apiClient(kc, CoreV1Api, { signal }).listNode();
  return list.items.filter(schedulable).map((n) => ({
    name: n.metadata?.name ?? '',
    cpuMilli: milliCpu(n.status?.allocatable?.cpu ?? '0'),
    memoryBytes: parseQuantity(n.status?.allocatable?.memory ?? '0'),
  }));
}
