import type { Answers } from './schema';
import { allowList, CLIENT_PATHS, METRICS_PATHS, type Exposure } from './exposure';

// Chart 3.50's exposure (docs/chart-3.50.md): its own module, so the wizard loads it only when a
// plan is for chart 3.50 (the first-load budget of issue 27).

/** How chart 3.50's router is reached for each way in (docs/chart-3.50.md §13.2: it is the only one). */
function routerVia350(rel: string, a: Answers): { via: string; direct: boolean } {
  const e = a.externalAccess;
  const lb = e.mode === 'load-balancer' || (e.mode === 'router' && e.service === 'load-balancer');
  if (lb) return { via: `Service ${rel}-router (LoadBalancer)`, direct: true };
  if (e.mode === 'cluster-ip')
    return { via: `Service ${rel}-router (ClusterIP, through kubectl port-forward)`, direct: true };
  if (a.general.openshift && e.mode !== 'router')
    return { via: `Ingress ${rel}-router (OpenShift Route)`, direct: false };
  return { via: `Ingress ${rel}-router`, direct: false };
}

/**
 * Chart 3.50: everything through the router, whose ACLs guard only /auth/admin and the metrics
 * (T16: the master realm paths the 3.9.4 Ingress restricted are open); reached directly, an
 * allow-list can be passed with a forged X-Forwarded-For (T15).
 */
export function exposureSummary350(a: Answers): Exposure[] {
  return router350(a.release.name, a);
}

function router350(rel: string, a: Answers): Exposure[] {
  const { via, direct } = routerVia350(rel, a);
  const e = a.externalAccess;
  const lists =
    'adminAllowCidrs' in e
      ? { admin: e.adminAllowCidrs, metrics: e.metricsAllowCidrs }
      : { admin: [], metrics: [] };
  const forged =
    'The router reached directly judges the first address of X-Forwarded-For, which any client can set: this allow-list protects nothing. Restrict the Service with the network policy or the load balancer’s source ranges (docs/chart-3.50.md T15).';
  const acl = (list: string[]) => {
    const row = allowList(list);
    if (!direct || row.reachableFrom === 'nobody' || row.reachableFrom === 'anyone') return row;
    return { ...row, note: [row.note, forged].filter(Boolean).join(' ') };
  };
  return [
    { what: 'Web app, login and API', paths: CLIENT_PATHS, via, reachableFrom: 'anyone' },
    { what: 'Agents', paths: ['/debuggees'], via, reachableFrom: 'anyone' },
    // the chart-made nginx modes have no allow-lists: the router keeps its ACL defaults (nobody)
    { what: 'Keycloak admin console', paths: ['/auth/admin'], via, ...acl(lists.admin) },
    { what: 'Metrics (Prometheus)', paths: METRICS_PATHS, via, ...acl(lists.metrics) },
    {
      what: 'Keycloak master realm',
      paths: ['/auth/realms/master', '/auth/realms/lightrun/internal'],
      via,
      reachableFrom: 'anyone',
      note: 'Chart 3.50’s router restricts only /auth/admin: these paths are open to anyone who reaches the endpoint. To close them, add location blocks in general.router.server_snippets (docs/chart-3.50.md T16).',
    },
  ];
}
