// docs/chart-3.9.4.md §16/§17: the object set of every representative configuration, with
// OpenShift off and on and the router on and off, rendered by helm v4 and v3. The expected sets are
// written from that page's tables (not from the chart), so a template that renders a wrong object
// turns red.
import { describe, expect, it } from 'vitest';
import { helmBinaries, names, template } from './helm';

const R = 'rel';
type Mode = 'router' | 'ingress' | 'nginx';

const core = [
  'Deployment/rel-backend',
  'Deployment/rel-frontend',
  'Deployment/rel-keycloak',
  'Deployment/rel-redis',
  'Service/rel-backend',
  'Service/rel-frontend',
  'Service/rel-keycloak',
  'Service/rel-keycloak-headless',
  'Service/rel-redis',
  'ConfigMap/rel-backend-jcache-config',
  'ConfigMap/rel-frontend-config',
  'ConfigMap/rel-redis-config',
  'ServiceAccount/rel',
  'ServiceAccount/rel-backend',
  'ServiceAccount/rel-frontend',
  'ServiceAccount/rel-keycloak',
  'ServiceAccount/rel-mysql',
  'ServiceAccount/rel-nginx',
  'ServiceAccount/rel-redis',
  // §16 lists the pull secret too; the project chart renders none for an empty config (chart/README.md).
  'Secret/rel-backend',
  'Secret/rel-keycloak',
  'Secret/rel-certificate',
  'StatefulSet/rel-mysql',
  'Service/rel-mysql',
];
const ROUTER = [
  'Deployment/rel-router',
  'Service/rel-router',
  'ConfigMap/rel-router-conf',
  'Ingress/rel-router',
  'ServiceAccount/rel-router',
];
const LEGACY_INGRESSES = [
  'Ingress/rel-clients',
  'Ingress/rel-agents',
  'Ingress/rel-keycloak-admin',
  'Ingress/rel-metrics-metrics',
];
const OPENSHIFT_INGRESSES = ['Ingress/rel-clients', 'Ingress/rel-agents']; // §14: two plain Ingresses replace the four
const NGINX = ['Deployment/rel-nginx', 'Service/rel-nginx', 'ConfigMap/rel-nginx-conf'];
const MQ = [
  'StatefulSet/rel-mq',
  'Service/rel-mq',
  'ConfigMap/rel-mq-config',
  'ServiceAccount/rel-mq',
];

/** The §16 set for an access mode, OpenShift on or off (§8, §14). */
function baseSet(mode: Mode, openshift: boolean): string[] {
  if (mode === 'router') return [...core, ...ROUTER];
  if (mode === 'ingress') return [...core, ...(openshift ? OPENSHIFT_INGRESSES : LEGACY_INGRESSES)];
  return [...core, ...NGINX, ...(openshift ? OPENSHIFT_INGRESSES : [])];
}

type Config = {
  n: number;
  set: string[];
  setString?: string[];
  modes: Mode[];
  add?: string[];
  remove?: string[];
};
const ROUTER_OFF = 'general.router.enabled=false';
const CONFIGS: Config[] = [
  {
    n: 1,
    set: ['general.db_local=false', 'general.db_endpoint=db.corp'],
    modes: ['router', 'ingress'],
    remove: ['StatefulSet/rel-mysql', 'Service/rel-mysql'],
  },
  {
    n: 2,
    set: ['general.statefulset.enabled=false'],
    modes: ['router', 'ingress'],
    add: ['Deployment/rel-mysql'],
    remove: ['StatefulSet/rel-mysql'],
  },
  { n: 3, set: ['general.mq.enabled=true'], modes: ['router', 'ingress'], add: MQ },
  {
    n: 4,
    set: ['general.mq.enabled=true'],
    setString: ['general.mq.storage=0'],
    modes: ['router', 'ingress'],
    add: MQ,
  },
  {
    n: 5,
    set: ['general.mq.enabled=true', 'general.mq.local=false', 'general.mq.mq_endpoint=rmq.corp'],
    modes: ['router', 'ingress'],
  },
  { n: 6, set: [ROUTER_OFF], modes: ['ingress'] },
  {
    n: 7,
    set: [ROUTER_OFF, 'general.ingress_controller=false', 'general.nginx_svc.type=LoadBalancer'],
    modes: ['nginx'],
  },
  {
    n: 8,
    set: [
      'general.router.ingress.enabled=false',
      'general.router.service.type=LoadBalancer',
      'general.router.tls.enabled=true',
    ],
    modes: ['router'],
    remove: ['Ingress/rel-router'],
  },
  {
    n: 9,
    set: [
      'general.internal_tls.enabled=true',
      'general.internal_tls.certificates.source=generate_self_signed_certificates',
      'general.internal_tls.certificates.verification=false',
    ],
    modes: ['router', 'ingress'],
    add: ['frontend', 'keycloak', 'redis', 'mq', 'data-streamer'].map(
      (c) => `Secret/rel-${c}-cert`,
    ),
  },
  {
    n: 10,
    set: [
      'general.deploy_secrets.enabled=false',
      'general.deploy_secrets.existing_secrets.backend=b',
      'general.deploy_secrets.existing_secrets.keycloak=k',
      'certificate.existing_cert=x',
    ],
    modes: ['router', 'ingress'],
    remove: ['Secret/rel-backend', 'Secret/rel-keycloak', 'Secret/rel-certificate'],
  },
  {
    n: 11,
    set: [
      'general.api_keys_encryption.enabled=true',
      'secrets.api_keys_encryption.aes_key=00112233445566778899aabbccddeeff',
    ],
    modes: ['router', 'ingress'],
    add: ['Secret/rel-aes'],
  },
  {
    n: 12,
    set: [
      'general.networkPolicy.enabled=true',
      'general.networkPolicy.ingress.enabled=true',
      'deployments.backend.hpa.enabled=true',
      'deployments.frontend.hpa.enabled=true',
    ],
    modes: ['router', 'ingress'],
    add: [
      'NetworkPolicy/rel-network-policy',
      'HorizontalPodAutoscaler/rel-backend',
      'HorizontalPodAutoscaler/rel-frontend',
    ],
  },
];

const cases = CONFIGS.flatMap((c) =>
  c.modes.flatMap((mode) => [false, true].map((openshift) => ({ ...c, mode, openshift }))),
);
const expected = (c: (typeof cases)[number]) => {
  const remove = new Set(c.remove ?? []);
  return [
    ...new Set([...baseSet(c.mode, c.openshift).filter((x) => !remove.has(x)), ...(c.add ?? [])]),
  ].sort();
};

describe.each(helmBinaries())(
  '§17 configurations, OpenShift off/on, router on/off ($name)',
  (bin) => {
    it.each(cases)('#$n $mode openshift=$openshift', (c) => {
      const set = [
        ...c.set,
        ...(c.mode === 'ingress' && !c.set.includes(ROUTER_OFF) ? [ROUTER_OFF] : []),
        `general.openshift=${c.openshift}`,
      ];
      const got = names(template([], { bin, release: R, set, setString: c.setString }));
      expect(got).toEqual(expected(c));
    });
  },
);
