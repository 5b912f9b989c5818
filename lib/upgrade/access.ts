// The ways in (docs/chart-3.50.md §13.2, first rows): 3.9.4's legacy Ingresses and standalone nginx
// are gone (§3, G4); the router is the only way in, and this is where each 3.9.4 mode lands.
import chartDefaults394 from '../values/chart-defaults.json';
import { csv } from '../values/mapping/access';
import { deletePath as deleteKey, getPath, hasPath, isMap, type Tree } from '../values/tree';
import type { Rule, Translation } from './context';

const RT = 'general.router';
const INGRESSES = [
  'ingress_clients',
  'ingress_agents',
  'ingress_keycloak_admin',
  'ingress_metrics',
];
const LEGACY = ['general.ingress_controller', 'general.ingress_class_name', 'general.nginx_svc'];
const NGINX = 'nginx.ingress.kubernetes.io/';
const ALLOW = `${NGINX}whitelist-source-range`;
const DENY = `${NGINX}denylist-source-range`;
/** The chart appends these itself; a user value would be doubled (docs/chart-3.50.md G11). */
const G11 = [`${NGINX}proxy-buffer-size`, `${NGINX}backend-protocol`];
/** What the router Ingress needs with ingress-nginx (docs/chart-3.50.md §8.5, §12). */
const ROUTER_ANNOTATIONS = {
  [`${NGINX}proxy-read-timeout`]: '600',
  [`${NGINX}proxy-body-size`]: '50m',
};
/** standalone_nginx keys that mean the same on the router; the rest (image, ports, probes) do not. */
const NGINX_TO_ROUTER = [
  'replicas',
  'resources',
  'affinity',
  'topologySpreadConstraints',
  'podLabels',
  'podSecurityContext',
  'containerSecurityContext',
];

type Mode = 'router' | 'ingress-controller' | 'openshift' | 'load-balancer' | 'cluster-ip';

function mode(t: Translation): Mode {
  if (t.on(`${RT}.enabled`)) return 'router';
  if (t.on('general.openshift')) return 'openshift';
  if (t.on('general.ingress_controller')) return 'ingress-controller';
  return t.str('general.nginx_svc.type') === 'ClusterIP' ? 'cluster-ip' : 'load-balancer';
}

/**
 * The admin's own annotations on the four Ingresses: not the chart's legacy defaults, not the
 * allow-lists (they become router ACLs), not the server snippet (no counterpart), not G11's two.
 * Where two Ingresses disagree, the first in INGRESSES order wins.
 */
export function ownAnnotations(t: Translation): Tree {
  const own: Tree = {};
  for (const ing of INGRESSES)
    for (const [k, v] of Object.entries(t.userMap(`${ing}.annotations`))) {
      const legacy = getPath(chartDefaults394, [ing, 'annotations', k]) === v;
      const skip = [ALLOW, DENY, `${NGINX}server-snippet`, ...G11].includes(k);
      if (!legacy && !skip && v !== null && !Object.hasOwn(own, k)) own[k] = v;
    }
  return own;
}

/** The router Ingress annotations already in the 3.50 values (G11's two are gone by then). */
function routerAnnotations(t: Translation): Tree {
  const v = getPath(t.out, ['general', 'router', 'ingress', 'annotations']);
  return isMap(v) ? v : {};
}

/** The chart adds G11's two annotations itself: a value of the admin's would be doubled (T17). */
function dropG11(t: Translation): void {
  const ann = [...RT.split('.'), 'ingress', 'annotations'];
  const present = G11.filter((k) => hasPath(t.input, [...ann, k]));
  for (const k of present) deleteKey(t.out, [...ann, k]);
  // annotation names hold dots: a row names them whole after the map's path
  const from = present.map((k) => `${RT}.ingress.annotations.${k}`);
  if (from.length === 0) return;
  t.row({
    id: 'router-g11-annotations',
    from,
    to: [],
    fate: 'dropped',
    tell: 'The router Ingress annotations proxy-buffer-size and backend-protocol are set by the 3.50 chart itself; yours would be replaced by the chart value anyway, so they are removed.',
  });
}

/** An Ingress's allow-list as router ACL entries; no allow-list and no deny-list was open to all. */
function aclOf(t: Translation, ing: string): { allow_ips: string[]; deny_ips: string[] } {
  const ann = t.userMap(`${ing}.annotations`);
  const allow = csv(ann[ALLOW]);
  if (allow.length > 0) return { allow_ips: allow, deny_ips: ['all'] };
  if (csv(ann[DENY]).length > 0) return { allow_ips: [], deny_ips: ['all'] };
  return { allow_ips: ['all'], deny_ips: ['all'] };
}

function dropLegacy(t: Translation, keys: string[]): void {
  for (const k of keys) t.drop(k);
}

function ingressController(t: Translation): void {
  const cls = t.str('general.ingress_class_name');
  const admin = aclOf(t, 'ingress_keycloak_admin');
  const metrics = aclOf(t, 'ingress_metrics');
  dropLegacy(t, [`${RT}.enabled`, ...LEGACY, ...INGRESSES]);
  t.set(`${RT}.ingress.enabled`, true);
  t.set(`${RT}.ingress.ingress_class_name`, cls);
  t.set(`${RT}.ingress.annotations`, {
    ...ROUTER_ANNOTATIONS,
    ...routerAnnotations(t),
    ...ownAnnotations(t),
  });
  t.set(`${RT}.service.type`, 'ClusterIP');
  t.set(`${RT}.acl.auth_admin`, admin);
  t.set(`${RT}.acl.metrics`, metrics);
  const open = [admin, metrics].some((a) => a.allow_ips.includes('all'));
  t.row({
    id: 'access-ingress-controller',
    from: t.present(`${RT}.enabled`, ...LEGACY, ...INGRESSES),
    to: [`${RT}.ingress`, `${RT}.service.type`, `${RT}.acl.auth_admin`, `${RT}.acl.metrics`],
    fate: 'translated',
    tell:
      'The four Ingresses become one, <release>-router, on the same host, with the admin console and metrics allow-lists as router ACLs' +
      (open ? ' (one of them was open to everyone and stays so: narrow it)' : '') +
      '. /auth/realms/master and /auth/realms/lightrun/internal are no longer restricted: add location blocks in general.router.server_snippets if they must be. The server snippet and the custom 403 page have no counterpart. TLS still ends at the controller; set general.router.tls.enabled: true to keep traffic encrypted behind it.' +
      (cls.includes('nginx')
        ? ''
        : ` The class "${cls}" is not ingress-nginx: add that controller's own annotations (an HTTPS back end with router TLS).`),
  });
}

function openshift(t: Translation): void {
  const own = { ...routerAnnotations(t), ...ownAnnotations(t) };
  dropLegacy(t, [`${RT}.enabled`, ...LEGACY, ...INGRESSES]);
  t.set(`${RT}.ingress.enabled`, true);
  if (Object.keys(own).length > 0) t.set(`${RT}.ingress.annotations`, own);
  t.set(`${RT}.service.type`, 'ClusterIP');
  t.row({
    id: 'access-openshift-no-router',
    from: t.present(`${RT}.enabled`, ...LEGACY, ...INGRESSES),
    to: [`${RT}.ingress.enabled`, `${RT}.service.type`],
    fate: 'translated',
    tell: 'The Ingresses <release>-clients and <release>-agents are deleted and <release>-router is created, without a class and with the HAProxy timeout; OpenShift makes a new Route from it. The admin console and metrics, open through the frontend before, are now behind the router ACLs.',
  });
}

function nginxService(t: Translation, lb: boolean): void {
  const annotations = t.userMap('general.nginx_svc.annotations');
  dropLegacy(t, [`${RT}.enabled`, ...LEGACY, ...INGRESSES]);
  t.set(`${RT}.tls.enabled`, true);
  t.set(`${RT}.ingress.enabled`, false);
  t.set(`${RT}.service.type`, lb ? 'LoadBalancer' : 'ClusterIP');
  if (lb && Object.keys(annotations).length > 0) t.set(`${RT}.service.annotations`, annotations);
  t.set(`${RT}.service.ports`, { https: 443, http: 80 });
  t.row({
    id: lb ? 'access-load-balancer' : 'access-cluster-ip',
    from: t.present(`${RT}.enabled`, ...LEGACY, ...INGRESSES),
    to: [`${RT}.tls.enabled`, `${RT}.ingress.enabled`, `${RT}.service`],
    fate: 'translated',
    tell: lb
      ? 'Service <release>-nginx is deleted and <release>-router created: a new load-balancer address, so change the DNS record (and firewall rules). IP allow-lists on a load balancer that reaches the router directly can be fooled: use the network policy or the cloud load balancer source ranges.'
      : 'Port-forward now to service/<release>-router 443:443.',
    ...(lb ? { step: 'plan-dns-change' as const } : {}),
  });
}

function router(t: Translation): void {
  const unused = t.present(...LEGACY, ...INGRESSES);
  const unusedWith = t.present(`${RT}.enabled`, ...unused);
  dropLegacy(t, unusedWith);
  t.row({
    id: 'access-router',
    from: [RT],
    to: [RT],
    fate: 'kept',
    tell: 'The router keeps its Ingress or load balancer, TLS and allow-lists.',
  });
  if (unusedWith.length > 0)
    t.row({
      id: 'legacy-exposure-unused',
      from: unusedWith,
      to: [],
      fate: 'dropped',
      tell: 'The router switch is gone (the router always runs in 3.50), and so are the legacy Ingresses and standalone nginx, with any setting of theirs.',
    });
}

/** standalone_nginx's settings move to the router when the nginx was the way in, else go. */
function standaloneNginx(t: Translation, m: Mode): void {
  const SN = 'deployments.standalone_nginx';
  if (!t.has(SN)) return;
  const nginxWasIn = m === 'load-balancer' || m === 'cluster-ip';
  const moved = nginxWasIn ? NGINX_TO_ROUTER.filter((k) => t.has(`${SN}.${k}`)) : [];
  for (const k of moved) t.move(`${SN}.${k}`, `deployments.router.${k}`);
  const rest = Object.keys(t.userMap(SN)).filter((k) => !moved.includes(k));
  t.drop(SN);
  if (moved.length > 0)
    t.row({
      id: 'standalone-nginx',
      from: moved.map((k) => `${SN}.${k}`),
      to: moved.map((k) => `deployments.router.${k}`),
      fate: 'translated',
      tell: 'The standalone nginx settings (replicas, resources, placement) now apply to the router.',
    });
  if (rest.length > 0)
    t.row({
      id: 'standalone-nginx-unused',
      from: rest.map((k) => `${SN}.${k}`),
      to: [],
      fate: 'dropped',
      tell: nginxWasIn
        ? 'The standalone nginx image, ports and probes have no meaning for the router and are removed.'
        : 'The standalone nginx did not run in this release; its settings are removed.',
    });
}

export const accessRule: Rule = (t) => {
  dropG11(t);
  const m = mode(t);
  standaloneNginx(t, m);
  if (m === 'router') router(t);
  else if (m === 'openshift') openshift(t);
  else if (m === 'ingress-controller') ingressController(t);
  else nginxService(t, m === 'load-balancer');
};
