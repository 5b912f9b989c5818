import type { Answers } from '../../answers/schema';
import chartDefaults from '../chart-defaults.json';
import { getPath, isMap } from '../tree';
import {
  annotationsToMap,
  mapToAnnotations,
  type SectionMapping,
  type ValuesReader,
  type ValuesWriter,
} from './context';

/** The four Ingresses of mode D (docs/chart-3.9.4.md §8): the admin's shared annotations go on all. */
const INGRESSES = [
  'ingress_clients',
  'ingress_agents',
  'ingress_keycloak_admin',
  'ingress_metrics',
] as const;
export const SERVER_SNIPPET = 'nginx.ingress.kubernetes.io/server-snippet';
/** ingress-nginx's source allow-list and deny-list annotations (comma-separated CIDRs). */
export const ALLOW_ANNOTATION = 'nginx.ingress.kubernetes.io/whitelist-source-range';
export const DENY_ANNOTATION = 'nginx.ingress.kubernetes.io/denylist-source-range';
export const EVERYONE = ['0.0.0.0/0', '::/0'];
/** The Ingresses that only chosen clients may reach, and the answer holding their allow-list. */
const RESTRICTED = [
  ['ingress_keycloak_admin', 'adminAllowCidrs', 'the Keycloak admin console'],
  ['ingress_metrics', 'metricsAllowCidrs', 'the metrics endpoint'],
] as const;

/** An allow-list as the annotations of its Ingress: the CIDRs, or (empty) a deny-list of everyone. */
function renderAllowList(out: ValuesWriter, ing: string, cidrs: string[]): void {
  if (cidrs.length > 0) out.setKey(`${ing}.annotations`, ALLOW_ANNOTATION, cidrs.join(','));
  else out.setKey(`${ing}.annotations`, DENY_ANNOTATION, EVERYONE.join(','));
}

/** A comma-separated chart value as its entries (trimmed, empty ones left out); not a string: none. */
export const csv = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

/** Reads an allow-list back; a file that sets neither annotation exposes the path to anyone, and says so. */
function readAllowList(r: ValuesReader, ing: string, what: string): string[] {
  const ann = r.peek(`${ing}.annotations`);
  const m = isMap(ann) ? ann : {};
  const allow = csv(m[ALLOW_ANNOTATION]);
  const deny = csv(m[DENY_ANNOTATION]);
  if (allow.length > 0) {
    r.claim([ing, 'annotations', ALLOW_ANNOTATION]);
    return allow;
  }
  if (deny.length === EVERYONE.length && EVERYONE.every((c) => deny.includes(c))) {
    r.claim([ing, 'annotations', DENY_ANNOTATION]);
    return [];
  }
  r.note(
    `${ing}.annotations`,
    `The file lets anyone who reaches the endpoint open ${what}; the wizard keeps that as an allow-list of ${EVERYONE.join(' and ')}: narrow it to your admins' addresses.`,
  );
  return [...EVERYONE];
}

type Router = Extract<Answers['externalAccess'], { mode: 'router' }>;
const RT = 'general.router';
const ACLS = [
  ['auth_admin', 'adminAllowCidrs', 'the Keycloak admin console'],
  ['metrics', 'metricsAllowCidrs', 'the metrics endpoint'],
] as const;

/** Modes A and B of the 3.9.4 router (docs/chart-3.9.4.md §8); its ACLs deny all but the allow-list. */
function renderRouter(e: Router, out: ValuesWriter): void {
  const lb = e.service === 'load-balancer';
  out.set(`${RT}.ingress.enabled`, !lb);
  out.set(`${RT}.service.type`, lb ? 'LoadBalancer' : 'ClusterIP');
  out.set(`${RT}.tls.enabled`, e.tls);
  if (lb) {
    out.set(`${RT}.service.ports.https`, 443);
    out.set(`${RT}.service.ports.http`, 80);
  } else out.set(`${RT}.ingress.ingress_class_name`, e.className);
  for (const [acl, k] of ACLS) out.set(`${RT}.acl.${acl}`, { allow_ips: e[k], deny_ips: ['all'] });
}

function readRouter(r: ValuesReader): Router {
  const lb = !r.bool(`${RT}.ingress.enabled`) && r.str(`${RT}.service.type`) === 'LoadBalancer';
  if (lb)
    for (const p of ['service.ports.https', 'service.ports.http'])
      if ([443, 80].includes(Number(r.peek(`${RT}.${p}`)))) r.claim(`${RT}.${p}`);
  const allow = ACLS.map(([acl, , what]) => {
    const deny = r.list(`${RT}.acl.${acl}.deny_ips`).map(String);
    const ips = r.list(`${RT}.acl.${acl}.allow_ips`).map(String);
    if (deny.includes('all')) return ips.includes('all') ? [...EVERYONE] : ips;
    r.note(
      `${RT}.acl.${acl}`,
      `The file's router ACL lets anyone reach ${what}${deny.length ? ` (except ${deny.join(', ')})` : ''}; the wizard keeps that as an allow-list of ${EVERYONE.join(' and ')}: narrow it.`,
    );
    return [...EVERYONE];
  }) as [string[], string[]];
  return {
    mode: 'router',
    service: lb ? 'load-balancer' : 'ingress',
    className: lb ? 'nginx' : r.str(`${RT}.ingress.ingress_class_name`),
    tls: r.bool(`${RT}.tls.enabled`),
    adminAllowCidrs: allow[0],
    metricsAllowCidrs: allow[1],
  };
}

export const externalAccessMapping: SectionMapping<'externalAccess'> = {
  key: 'externalAccess',
  title: 'External access',
  render(e, _a, out) {
    out.set('general.router.enabled', e.mode === 'router');
    if (e.mode === 'router') return renderRouter(e, out);
    out.set('general.ingress_controller', e.mode === 'ingress-controller');
    if (e.mode === 'ingress-controller') {
      out.set('general.ingress_class_name', e.className);
      for (const ing of INGRESSES)
        for (const a of e.annotations) out.setKey(`${ing}.annotations`, a.key, a.value);
      if (!e.keepServerSnippet) out.setKey('ingress_clients.annotations', SERVER_SNIPPET, null);
      for (const [ing, k] of RESTRICTED) renderAllowList(out, ing, e[k]);
      return;
    }
    out.set('general.nginx_svc.type', e.mode === 'load-balancer' ? 'LoadBalancer' : 'ClusterIP');
    out.set('general.nginx_svc.annotations', annotationsToMap(e.serviceAnnotations));
  },
  read(r): Answers['externalAccess'] {
    if (r.bool('general.router.enabled')) return readRouter(r);
    if (r.bool('general.ingress_controller')) {
      const [adminAllowCidrs, metricsAllowCidrs] = RESTRICTED.map(([ing, , what]) =>
        readAllowList(r, ing, what),
      ) as [string[], string[]];
      const maps = INGRESSES.map((ing) =>
        r.userHas(`${ing}.annotations`) ? (r.peek(`${ing}.annotations`) as unknown) : {},
      );
      const [clients, ...others] = maps.map((m) => (isMap(m) ? m : {}));
      // An annotation the file sets identically on all four ingresses, and that is not simply
      // the chart's own default there, is one of the admin's.
      const isDefault = (k: string, v: unknown) =>
        INGRESSES.every((ing) => getPath(chartDefaults, [ing, 'annotations', k]) === v);
      const own = (k: string) =>
        k !== SERVER_SNIPPET && k !== ALLOW_ANNOTATION && k !== DENY_ANNOTATION;
      const shared = Object.entries(clients!).filter(
        ([k, v]) =>
          typeof v === 'string' &&
          own(k) &&
          !isDefault(k, v) &&
          others.every((o) => o[k] === v) &&
          INGRESSES.every((ing) => r.userHas([ing, 'annotations', k])),
      );
      for (const [k] of shared) for (const ing of INGRESSES) r.claim([ing, 'annotations', k]);
      const snippetDropped =
        r.userHas(['ingress_clients', 'annotations', SERVER_SNIPPET]) &&
        r.peek(['ingress_clients', 'annotations', SERVER_SNIPPET]) === null;
      if (snippetDropped) r.claim(['ingress_clients', 'annotations', SERVER_SNIPPET]);
      return {
        mode: 'ingress-controller',
        className: r.str('general.ingress_class_name'),
        annotations: shared.map(([key, value]) => ({ key, value: value as string })),
        keepServerSnippet: !snippetDropped,
        adminAllowCidrs,
        metricsAllowCidrs,
      };
    }
    const type = r.str('general.nginx_svc.type');
    const serviceAnnotations = mapToAnnotations(r.map('general.nginx_svc.annotations'));
    if (type !== 'LoadBalancer' && type !== 'ClusterIP') {
      r.note(
        'general.nginx_svc.type',
        `"${type}" is not supported by the chart's nginx (LoadBalancer or ClusterIP); the wizard uses LoadBalancer.`,
      );
    }
    return type === 'ClusterIP'
      ? { mode: 'cluster-ip', serviceAnnotations }
      : { mode: 'load-balancer', serviceAnnotations };
  },
};

const TLS = 'general.internal_tls';
const CERTS = {
  frontend: 'frontend',
  keycloak: 'keycloak',
  keycloakCluster: 'keycloak_cluster',
  redis: 'redis',
  rabbitmq: 'rabbitmq',
} as const;

export const internalTlsMapping: SectionMapping<'internalTls'> = {
  key: 'internalTls',
  title: 'Internal TLS',
  render(t, _a, out) {
    out.set(`${TLS}.enabled`, t.mode !== 'off');
    if (t.mode === 'off') return;
    if (t.mode === 'self-signed') {
      out.set(`${TLS}.certificates.source`, 'generate_self_signed_certificates');
      out.set(`${TLS}.certificates.verification`, false);
      out.set(`${TLS}.certificates.existing_ca_secret_name`, '');
      return;
    }
    out.set(`${TLS}.certificates.source`, 'existing_certificates');
    out.set(`${TLS}.certificates.verification`, t.verification);
    out.set(`${TLS}.certificates.existing_ca_secret_name`, t.caSecretName);
    for (const [k, chartKey] of Object.entries(CERTS)) {
      out.set(
        `${TLS}.certificates.existing_certificates.${chartKey}`,
        t.certificates[k as keyof typeof CERTS],
      );
    }
  },
  read(r): Answers['internalTls'] {
    if (!r.bool(`${TLS}.enabled`)) return { mode: 'off' };
    const source = r.str(`${TLS}.certificates.source`);
    const verification = r.bool(`${TLS}.certificates.verification`);
    const ca = r.str(`${TLS}.certificates.existing_ca_secret_name`);
    if (source === 'generate_self_signed_certificates') {
      if (verification || ca)
        r.note(
          `${TLS}.certificates`,
          'Self-signed certificates cannot be verified: verification is turned off and the CA secret dropped.',
        );
      return { mode: 'self-signed' };
    }
    if (source !== 'existing_certificates')
      r.note(
        `${TLS}.certificates.source`,
        `"${source}" is not a source the chart knows; the wizard uses existing_certificates.`,
      );
    const certificates = Object.fromEntries(
      Object.entries(CERTS).map(([k, chartKey]) => [
        k,
        r.str(`${TLS}.certificates.existing_certificates.${chartKey}`),
      ]),
    ) as Record<keyof typeof CERTS, string>;
    return { mode: 'existing', verification, caSecretName: ca, certificates };
  },
};

const NP = 'general.networkPolicy';

export const networkPolicyMapping: SectionMapping<'networkPolicy'> = {
  key: 'networkPolicy',
  title: 'Network policy',
  render(n, _a, out) {
    out.set(`${NP}.enabled`, n.enabled);
    if (!n.enabled) return;
    for (const dir of ['ingress', 'egress'] as const) {
      out.set(`${NP}.${dir}.enabled`, n[dir].enabled);
      out.set(`${NP}.${dir}.namespacesSelector`, n[dir].namespaces);
      if (n[dir].cidrs.length > 0)
        out.set(
          `${NP}.${dir}.ipBlock`,
          n[dir].cidrs.map((cidr) => ({ cidr })),
        );
    }
  },
  read(r): Answers['networkPolicy'] {
    if (!r.bool(`${NP}.enabled`)) return { enabled: false };
    const direction = (dir: 'ingress' | 'egress') => {
      const blocks = r.peek(`${NP}.${dir}.ipBlock`);
      // Only plain {cidr} entries are modelled; anything richer is kept verbatim.
      const plain =
        Array.isArray(blocks) &&
        blocks.length > 0 &&
        blocks.every((b) => isMap(b) && Object.keys(b).length === 1 && typeof b.cidr === 'string');
      const cidrs = plain
        ? (r.list(`${NP}.${dir}.ipBlock`) as { cidr: string }[]).map((b) => b.cidr)
        : [];
      return {
        enabled: r.bool(`${NP}.${dir}.enabled`),
        namespaces: r.list(`${NP}.${dir}.namespacesSelector`).map(String),
        cidrs,
      };
    };
    return { enabled: true, ingress: direction('ingress'), egress: direction('egress') };
  },
};
