/**
 * Will the release's pods fit on the cluster as it is now (PURE)? Each node offers what is free on
 * it — allocatable minus the requests of the pods already bound there — and each pod goes only to
 * a node whose labels its node selector asks for and whose NoSchedule/NoExecute taints it
 * tolerates (docs/preflight.md#capacity). Comparing the requests with the cluster's total
 * allocatable passed clusters at 80 % CPU whose new pods then stayed Unschedulable.
 */
import { fail, listing, pass, warn, type Verdict } from './result';
import { formatBytes, formatCpu, milliCpu, parseQuantity } from './quantity';

export type Taint = { key?: string; value?: string; effect?: string };
export type Toleration = { key?: string; operator?: string; value?: string; effect?: string };

/** One component's pod request (the chart sets request = limit from the sizing figures) × replicas. */
export type ComponentRequest = {
  component: string;
  replicas: number;
  cpuMilli: number;
  memoryBytes: number;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
};

/** A Ready, uncordoned node: what it can hold and what the pods bound to it already request. */
export type NodeCapacity = {
  name: string;
  cpuMilli: number;
  memoryBytes: number;
  usedCpuMilli?: number;
  usedMemoryBytes?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
};

/** What the gatherer could read of the running pods. */
export type RunningPods =
  { known: true; count: number; ownPods: number } | { known: false; why: string };

type Tree = Record<string, unknown>;
const at = (t: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Tree)[k] : undefined), t);
const stringMap = (v: unknown): Record<string, string> =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]))
    : {};

/** Chart 3.50's values layout: it alone has the artifacts workload (docs/chart-3.50.md §4). */
const is350Layout = (values: Tree): boolean => {
  const v = at(values, 'deployments.artifacts');
  return !!v && typeof v === 'object';
};

/** Chart 3.9.4's workloads: the router or the standalone nginx (docs/chart-3.9.4.md). */
function deployed394(values: Tree): [string, boolean][] {
  const on = (p: string) => at(values, p) === true;
  const router = on('general.router.enabled');
  return [
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
}

/**
 * Chart 3.50's workloads (docs/chart-3.50.md §11.1): the router always, crons and artifacts
 * beside the backend, no standalone nginx; switches are read as the templates' `if` reads them
 * (any non-empty value is on, G2).
 */
function deployed350(values: Tree): [string, boolean][] {
  const truthy = (p: string) => {
    const v = at(values, p);
    return v !== undefined && v !== null && v !== false && v !== '' && v !== 0;
  };
  return [
    ['backend', true],
    ['crons', truthy('general.crons.enabled')],
    ['artifacts', true],
    ['frontend', true],
    ['keycloak', true],
    ['redis', !truthy('deployments.redis.external.enabled')],
    ['mysql', truthy('general.db_local')],
    ['rabbitmq', truthy('general.mq.enabled') && truthy('general.mq.local')],
    ['data_streamer', truthy('general.data_streamer.enabled')],
    ['router', true],
  ];
}

/**
 * The pods the chart would run for these values (full values tree from lib/values, so the sizing
 * step's figures and the chart defaults are read, not repeated), per component, with the node
 * selector (general's merged under the component's, as the chart does) and general.tolerations.
 */
export function componentRequests(values: Tree): ComponentRequest[] {
  const deployed = is350Layout(values) ? deployed350(values) : deployed394(values);
  const general = stringMap(at(values, 'general.nodeSelector'));
  const tolerations = at(values, 'general.tolerations');
  return deployed
    .filter(([, yes]) => yes)
    .map(([c]) => {
      const r = at(values, `deployments.${c}`) as
        | {
            replicas?: number;
            resources?: { cpu?: string; memory?: string };
            nodeSelector?: unknown;
          }
        | undefined;
      const nodeSelector = { ...general, ...stringMap(r?.nodeSelector) };
      return {
        component: c,
        replicas: typeof r?.replicas === 'number' ? r.replicas : 1,
        cpuMilli: milliCpu(r?.resources?.cpu ?? '0'),
        memoryBytes: parseQuantity(r?.resources?.memory ?? '0'),
        ...(Object.keys(nodeSelector).length ? { nodeSelector } : {}),
        ...(Array.isArray(tolerations) && tolerations.length
          ? { tolerations: tolerations as Toleration[] }
          : {}),
      };
    });
}

/** Kubernetes' toleration match (k8s.io/api core/v1 Toleration.ToleratesTaint). */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (!t.key) return t.operator === 'Exists';
  if (t.key !== taint.key) return false;
  return t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
}

/** Can a pod of `r` be scheduled onto `n` at all (labels and taints; not resources)? */
export function eligible(r: ComponentRequest, n: NodeCapacity): boolean {
  for (const [k, v] of Object.entries(r.nodeSelector ?? {})) if (n.labels?.[k] !== v) return false;
  return (n.taints ?? [])
    .filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')
    .every((t) => (r.tolerations ?? []).some((tol) => tolerates(tol, t)));
}

type Free = { node: NodeCapacity; cpu: number; mem: number };
type Pod = { r: ComponentRequest; replica: number };
/** A pod no node could take, with the most CPU / memory a node it may use had left at its turn. */
type Left = Pod & { cpu: number; mem: number };

/**
 * Places every pod, largest first, on the eligible node with the most free CPU that holds it —
 * close to the scheduler's default spreading. Returns the pods left over, each with the most a
 * node it may use had free when its turn came.
 */
export function placePods(reqs: ComponentRequest[], nodes: NodeCapacity[]): Left[] {
  const free: Free[] = nodes.map((node) => ({
    node,
    cpu: node.cpuMilli - (node.usedCpuMilli ?? 0),
    mem: node.memoryBytes - (node.usedMemoryBytes ?? 0),
  }));
  const pods = reqs
    .flatMap((r) => Array.from({ length: r.replicas }, (_, replica) => ({ r, replica })))
    .sort((a, b) => b.r.cpuMilli - a.r.cpuMilli || b.r.memoryBytes - a.r.memoryBytes);
  const left: Left[] = [];
  for (const p of pods) {
    const where = free.filter((f) => eligible(p.r, f.node));
    const fits = where
      .filter((f) => f.cpu >= p.r.cpuMilli && f.mem >= p.r.memoryBytes)
      .sort((a, b) => b.cpu - a.cpu || b.mem - a.mem)[0];
    if (!fits) {
      const cpu = Math.max(0, ...where.map((f) => f.cpu));
      left.push({ ...p, cpu, mem: Math.max(0, ...where.map((f) => f.mem)) });
      continue;
    }
    fits.cpu -= p.r.cpuMilli;
    fits.mem -= p.r.memoryBytes;
  }
  return left;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why a component's pod fits on no node even when the cluster is empty of other pods. */
function neverFits(r: ComponentRequest, nodes: NodeCapacity[]): string | undefined {
  const where = nodes.filter((n) => eligible(r, n));
  if (where.length === 0)
    return `${r.component}: no Ready node has the labels ${JSON.stringify(r.nodeSelector ?? {})} and tolerable taints its pods need`;
  const cpu = Math.max(...where.map((n) => n.cpuMilli));
  const mem = Math.max(...where.map((n) => n.memoryBytes));
  if (r.cpuMilli > cpu)
    return `${r.component} asks ${formatCpu(r.cpuMilli)} CPU, the largest node it may use has ${formatCpu(cpu)}`;
  if (r.memoryBytes > mem)
    return `${r.component} asks ${formatBytes(r.memoryBytes)} memory, the largest node it may use has ${formatBytes(mem)}`;
  return undefined;
}

/**
 * Every pod must fit on one node it may use, in what is free there now. Equal is enough (the
 * scheduler's fit test is `requested <= allocatable - already requested`). Names the pods that
 * will stay Pending and why.
 */
export function decideCapacity(
  reqs: ComponentRequest[],
  nodes: NodeCapacity[],
  running: RunningPods = { known: true, count: 0, ownPods: 0 },
): Verdict {
  if (nodes.length === 0)
    return fail(
      'No schedulable node: every node is cordoned or not Ready.',
      'Uncordon or add nodes before installing.',
    );
  const never = reqs.map((r) => neverFits(r, nodes)).filter((x): x is string => !!x);
  if (never.length)
    return fail(
      `A pod fits on no node: ${never.join('; ')}.`,
      'Choose a smaller sizing profile or add larger nodes, or fix the node selector and tolerations.',
    );
  const left = placePods(reqs, nodes);
  const used = running.known
    ? `free = allocatable minus the requests of the ${plural(running.count, 'pod')} already running${running.ownPods ? ` (the release's own ${plural(running.ownPods, 'pod')} not counted: the upgrade replaces them)` : ''}`
    : `the pods already running could not be read (${running.why}), so only allocatable was compared`;
  if (left.length) {
    const byComponent = new Map<ComponentRequest, Left[]>();
    for (const p of left) byComponent.set(p.r, [...(byComponent.get(p.r) ?? []), p]);
    const names = [...byComponent].map(([r, ps]) => {
      const cpu = Math.max(...ps.map((p) => p.cpu));
      const mem = Math.max(...ps.map((p) => p.mem));
      return `${r.component} (${ps.length} of ${r.replicas}: needs ${formatCpu(r.cpuMilli)} / ${formatBytes(r.memoryBytes)}, the most a node it may use had free is ${formatCpu(cpu)} / ${formatBytes(mem)})`;
    });
    return fail(
      `${plural(left.length, 'pod')} would stay Pending: ${names.join('; ')}. ${used[0]!.toUpperCase()}${used.slice(1)}.`,
      'Free capacity (scale down or remove other workloads), add nodes, or choose a smaller sizing profile or fewer replicas.',
    );
  }
  const pods = reqs.reduce((s, r) => s + r.replicas, 0);
  const message = `All ${plural(pods, 'pod')} (${listing(reqs.map((r) => r.component))}) fit on ${plural(nodes.length, 'node')}: ${used}.`;
  return running.known
    ? pass(message)
    : warn(
        message,
        'Let the wizard list pods cluster-wide (npm run cli -- preflight --print-rbac USER).',
      );
}
