import type { Answers } from './schema';
import { isCidr } from './text-checks';

/** Who can reach one group of paths of the server from outside the cluster. */
export type Exposure = {
  /** What a person calls it. */
  what: string;
  paths: string[];
  /** The object that exposes it (Ingress, Service). */
  via: string;
  /** 'anyone' who reaches the endpoint, 'nobody', or only these CIDRs. */
  reachableFrom: 'anyone' | 'nobody' | string[];
  note?: string;
};

const EVERYONE = new Set(['0.0.0.0/0', '::/0']);
/** Who an allow-list lets in, from its valid entries only: an invalid one is never shown as a source. */
const from = (list: string[]): Exposure['reachableFrom'] => {
  const cidrs = list.filter(isCidr);
  return cidrs.length === 0 ? 'nobody' : cidrs.some((c) => EVERYONE.has(c)) ? 'anyone' : cidrs;
};
/** The row of an allow-list, with a note when some entries are no CIDR (their errors say which). */
export const allowList = (
  list: string[],
  note?: string,
): Pick<Exposure, 'reachableFrom' | 'note'> => {
  const bad = list.filter((c) => !isCidr(c)).length;
  const notes = [
    bad &&
      `${bad === 1 ? 'One entry' : `${bad} entries`} of the allow-list ${bad === 1 ? 'is' : 'are'} not a CIDR and not counted until fixed (step “External access”).`,
    note,
  ].filter(Boolean);
  return { reachableFrom: from(list), ...(notes.length ? { note: notes.join(' ') } : {}) };
};

export const CLIENT_PATHS = ['/', '/auth', '/app', '/device', '/company', '/content'];
const ADMIN_PATHS = ['/auth/admin', '/auth/realms/master'];
export const METRICS_PATHS = ['/management/prometheus'];

type Access = Answers['externalAccess'];

/**
 * docs/chart-3.9.4.md §14: on OpenShift without the router, two plain Ingresses (OpenShift
 * Routes); the frontend proxies every path.
 */
function openshiftRoutes(rel: string): Exposure[] {
  const via = `Ingress ${rel}-clients (OpenShift Route)`;
  const note =
    'On OpenShift without the router the admin console and metrics go through the frontend’s proxy: the chart has no allow-list there. Use the router, or restrict the Route.';
  return [
    { what: 'Web app, login and API', paths: CLIENT_PATHS, via, reachableFrom: 'anyone' },
    {
      what: 'Agents',
      paths: ['/debuggees'],
      via: `Ingress ${rel}-agents (OpenShift Route)`,
      reachableFrom: 'anyone',
    },
    { what: 'Keycloak admin console', paths: ADMIN_PATHS, via, reachableFrom: 'anyone', note },
    { what: 'Metrics (Prometheus)', paths: METRICS_PATHS, via, reachableFrom: 'anyone', note },
  ];
}

/** An ingress controller: one Ingress per path group, the admin console and metrics behind their allow-lists. */
function ingressController(
  rel: string,
  e: Extract<Access, { mode: 'ingress-controller' }>,
): Exposure[] {
  const nginx = e.className.includes('nginx');
  const note = nginx
    ? undefined
    : `The allow-list is an ingress-nginx annotation; the IngressClass "${e.className}" may ignore it: add your controller's own source-range annotation.`;
  // An allow-list the admin put in the shared annotations restricts the clients and agents Ingresses too.
  const shared = e.annotations.find(
    (x) => x.key === 'nginx.ingress.kubernetes.io/whitelist-source-range',
  );
  const open: Exposure['reachableFrom'] = shared
    ? from(
        shared.value
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      )
    : 'anyone';
  return [
    {
      what: 'Web app, login and API',
      paths: CLIENT_PATHS,
      via: `Ingress ${rel}-clients`,
      reachableFrom: open,
    },
    { what: 'Agents', paths: ['/debuggees'], via: `Ingress ${rel}-agents`, reachableFrom: open },
    {
      what: 'Keycloak admin console',
      paths: ADMIN_PATHS,
      via: `Ingress ${rel}-keycloak-admin`,
      ...allowList(e.adminAllowCidrs, note),
    },
    {
      what: 'Metrics (Prometheus)',
      paths: METRICS_PATHS,
      via: `Ingress ${rel}-metrics-metrics`,
      ...allowList(e.metricsAllowCidrs, note),
    },
  ];
}

/** The chart's built-in router: one entry point, the admin console and metrics behind its allow-lists. */
function router(rel: string, e: Extract<Access, { mode: 'router' }>): Exposure[] {
  const via =
    e.service === 'load-balancer'
      ? `Service ${rel}-router (LoadBalancer)`
      : `Ingress ${rel}-router`;
  return [
    { what: 'Web app, login and API', paths: CLIENT_PATHS, via, reachableFrom: 'anyone' },
    { what: 'Agents', paths: ['/debuggees'], via, reachableFrom: 'anyone' },
    {
      what: 'Keycloak admin console',
      paths: ['/auth/admin'],
      via,
      ...allowList(e.adminAllowCidrs),
    },
    {
      what: 'Metrics (Prometheus)',
      paths: METRICS_PATHS,
      via,
      ...allowList(e.metricsAllowCidrs),
    },
  ];
}

/** The chart-made nginx behind a Service (LoadBalancer or ClusterIP): no per-path allow-list. */
function chartNginx(rel: string, e: Access): Exposure[] {
  const via = `Service ${rel}-nginx (${e.mode === 'load-balancer' ? 'LoadBalancer' : 'ClusterIP, through kubectl port-forward'})`;
  const note =
    'The chart-made nginx has no per-path allow-list: anyone who reaches the Service reaches this. Restrict it with the network policy (ingress CIDRs) or use an ingress controller.';
  return [
    { what: 'Web app, login and API', paths: CLIENT_PATHS, via, reachableFrom: 'anyone' },
    { what: 'Agents', paths: ['/debuggees'], via, reachableFrom: 'anyone' },
    { what: 'Keycloak admin console', paths: ADMIN_PATHS, via, reachableFrom: 'anyone', note },
    { what: 'Metrics (Prometheus)', paths: METRICS_PATHS, via, reachableFrom: 'anyone', note },
  ];
}

/**
 * What the answers expose to whoever reaches the endpoint, path group by path group: the summary
 * an admin reads before installing (pure; the Review step shows it). With an ingress controller
 * the Keycloak admin console and the metrics endpoint are reachable only from their allow-lists
 * (empty: from nobody).
 */
export function exposureSummary(a: Answers): Exposure[] {
  const rel = a.release.name;
  const e = a.externalAccess;
  if (a.general.openshift && e.mode !== 'router') return openshiftRoutes(rel);
  if (e.mode === 'ingress-controller') return ingressController(rel, e);
  if (e.mode === 'router') return router(rel, e);
  return chartNginx(rel, e);
}
