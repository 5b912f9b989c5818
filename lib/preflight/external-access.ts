import 'server-only';
import { apiClient } from '../cluster/client';
import { CoreV1Api, NetworkingV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { Answers } from '../answers';
import { fail, listing, pass, warn, worst, type Verdict } from './result';

export type IngressClassFacts = { name: string; controller: string; isDefault: boolean };

/** The chosen IngressClass must exist: an Ingress naming a missing class is never served. */
export function decideIngressClass(wanted: string, classes: IngressClassFacts[]): Verdict {
  const hit = classes.find((c) => c.name === wanted);
  if (hit) return pass(`IngressClass ${wanted} exists (controller ${hit.controller}).`);
  const names = classes.map((c) => c.name);
  return fail(
    `IngressClass ${wanted} does not exist${names.length ? `; the cluster has ${listing(names)}` : '; the cluster has none'}.`,
    names.length
      ? `${names.length === 1 ? `Use ${names[0]}` : `Choose one of ${listing(names)}`} on the External access step, or install the ${wanted} ingress controller.`
      : 'Install an ingress controller (e.g. ingress-nginx), or choose LoadBalancer on the External access step.',
  );
}

export type ServiceFacts = {
  namespace: string;
  name: string;
  type: string;
  hasAddress: boolean;
  nodePorts: number[];
};

/** A LoadBalancer Service only gets an address when something in the cluster hands them out. */
export function decideLoadBalancer(services: ServiceFacts[]): Verdict {
  const lbs = services.filter((s) => s.type === 'LoadBalancer');
  const served = lbs.filter((s) => s.hasAddress);
  if (served.length)
    return pass(
      `${served.length} LoadBalancer Service${served.length === 1 ? ' has' : 's have'} an address (e.g. ${served[0]!.namespace}/${served[0]!.name}): the cluster assigns them.`,
    );
  if (lbs.length)
    return warn(
      `None of the ${lbs.length} LoadBalancer Service${lbs.length === 1 ? '' : 's'} in the cluster has an address (all pending).`,
      'Install a load-balancer implementation (cloud controller, MetalLB) or choose an ingress controller; otherwise the endpoint stays unreachable.',
    );
  return warn(
    'No Service in the cluster has ever been given a LoadBalancer address, so it is unknown whether this cluster assigns them.',
    'Make sure a load-balancer implementation runs (cloud controller, MetalLB), or choose an ingress controller.',
  );
}

/** The apiserver's default --service-node-port-range. */
export const NODE_PORT_RANGE = [30000, 32767] as const;

/**
 * A NodePort Service takes `needed` ports from the node port range (Kubernetes picks them): the
 * range must have that many free, counting the ports other Services already hold.
 */
export function decideNodePorts(needed: number, services: ServiceFacts[]): Verdict {
  const size = NODE_PORT_RANGE[1] - NODE_PORT_RANGE[0] + 1;
  const used = new Set(
    services
      .flatMap((s) => s.nodePorts)
      .filter((p) => p >= NODE_PORT_RANGE[0] && p <= NODE_PORT_RANGE[1]),
  );
  const free = size - used.size;
  if (free < needed)
    return fail(
      `The node port range ${NODE_PORT_RANGE[0]}-${NODE_PORT_RANGE[1]} has ${free} free port${free === 1 ? '' : 's'}; the router Service needs ${needed}.`,
      'Delete unused NodePort Services or choose ClusterIP/LoadBalancer for the router Service.',
    );
  return pass(
    `The router Service gets ${needed} node ports from ${NODE_PORT_RANGE[0]}-${NODE_PORT_RANGE[1]} (${free} free); open them on the nodes' firewall.`,
  );
}

export async function gatherIngressClasses(
  kc: KubeConfig,
  signal?: AbortSignal,
): Promise<IngressClassFacts[]> {
  const list = await apiClient(kc, NetworkingV1Api, { signal }).listIngressClass();
  return list.items.map((c) => ({
    name: c.metadata?.name ?? '',
    controller: c.spec?.controller ?? '',
    isDefault: c.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true',
  }));
}

export async function gatherServices(
  kc: KubeConfig,
  signal?: AbortSignal,
): Promise<ServiceFacts[]> {
  const list = await apiClient(kc, CoreV1Api, { signal }).listServiceForAllNamespaces();
  return list.items.map((s) => ({
    namespace: s.metadata?.namespace ?? '',
    name: s.metadata?.name ?? '',
    type: s.spec?.type ?? 'ClusterIP',
    hasAddress: (s.status?.loadBalancer?.ingress ?? []).some((i) => Boolean(i.ip || i.hostname)),
    nodePorts: (s.spec?.ports ?? [])
      .map((p) => p.nodePort)
      .filter((p): p is number => typeof p === 'number'),
  }));
}

type RouterValues = {
  ingress?: { enabled?: boolean; ingress_class_name?: string };
  service?: { enabled?: boolean; type?: string; ports?: Record<string, unknown> };
};

/** The check for the chosen external access mode (router: what its values ask for), or null. */
export async function checkExternalAccess(
  kc: KubeConfig,
  a: Answers,
  router: RouterValues,
  signal?: AbortSignal,
): Promise<Verdict | null> {
  const ea = a.externalAccess;
  if (ea.mode === 'ingress-controller')
    return decideIngressClass(ea.className, await gatherIngressClasses(kc, signal));
  if (ea.mode === 'load-balancer') return decideLoadBalancer(await gatherServices(kc, signal));
  if (ea.mode !== 'router') return null;
  const checks: Verdict[] = [];
  if (router.ingress?.enabled && router.ingress.ingress_class_name)
    checks.push(
      decideIngressClass(router.ingress.ingress_class_name, await gatherIngressClasses(kc, signal)),
    );
  if (router.service?.enabled && router.service.type === 'LoadBalancer')
    checks.push(decideLoadBalancer(await gatherServices(kc, signal)));
  if (router.service?.enabled && router.service.type === 'NodePort')
    checks.push(
      decideNodePorts(
        Object.keys(router.service.ports ?? {}).length,
        await gatherServices(kc, signal),
      ),
    );
  return checks.length ? worst(checks) : null;
}
