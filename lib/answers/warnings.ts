import type { Answers } from './schema';
import { LIGHTRUN_VERSION, SIZING_PROFILES } from './constants';

export type Warning = { path: string[]; message: string };

const toBytes = (q: string): number => {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q);
  if (!m) return NaN;
  const mult: Record<string, number> = {
    '': 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
  };
  return Number(m[1]) * mult[m[2] ?? '']!;
};
const toMillicores = (c: string): number =>
  c.endsWith('m') ? Number(c.slice(0, -1)) : Number(c) * 1000;

type Rule = (a: Answers) => Warning[];

/** Volumes the in-chart database and broker go without: data lost on every restart. */
const dataLoss: Rule = (a) => {
  const w: Warning[] = [];
  if (a.database.mode === 'local' && a.database.storage.kind === 'ephemeral') {
    w.push({
      path: ['database', 'storage', 'kind'],
      message:
        'MySQL runs without a volume: every restart of its pod loses all Lightrun data. Use this for trials only.',
    });
  }
  if (a.messageQueue.mode === 'local' && a.messageQueue.storage.kind === 'ephemeral') {
    w.push({
      path: ['messageQueue', 'storage', 'kind'],
      message: 'RabbitMQ keeps no volume: queued events are lost when its pod restarts.',
    });
  }
  return w;
};

/** What an external broker must offer besides AMQP. */
const externalBroker: Rule = (a) =>
  a.messageQueue.mode === 'external'
    ? [
        {
          path: ['messageQueue', 'endpoint'],
          message:
            'The external broker must also expose its management API on port 15672 with the same credentials, or the backend never starts.',
        },
      ]
    : [];

/** How the server is reached, and what that leaves open (the paths exposure.ts lists). */
const externalAccess: Rule = (a) => {
  const w: Warning[] = [];
  const e = a.externalAccess;
  if (e.mode === 'cluster-ip') {
    w.push({
      path: ['externalAccess', 'mode'],
      message: `Reach the server with \`kubectl port-forward service/${a.release.name}-nginx 443:443\`: nothing outside the cluster can.`,
    });
  }
  if (e.mode === 'load-balancer' || e.mode === 'cluster-ip') {
    w.push({
      path: ['externalAccess', 'mode'],
      message:
        'The chart-made nginx exposes the Keycloak admin console (/auth/admin) and the metrics endpoint (/management/prometheus) to anyone who reaches it: it has no allow-list. Restrict the clients with the network policy, or use an ingress controller.',
    });
  }
  if (e.mode === 'ingress-controller' && !e.className.includes('nginx')) {
    w.push({
      path: ['externalAccess', 'className'],
      message: `The admin-console and metrics allow-lists are ingress-nginx annotations: with the IngressClass "${e.className}" add your controller's own source-range annotation, or those paths may be open.`,
    });
  }
  if (a.general.openshift && e.mode !== 'router') {
    w.push({
      path: ['general', 'openshift'],
      message:
        'On OpenShift without the router the chart renders two plain Ingresses (Routes) and the frontend proxies every path: the admin-console and metrics allow-lists do not apply, so /auth/admin and /management/prometheus are open to whoever reaches the Route.',
    });
  }
  // (chart 3.50 has the router only: the External access step says where each way in lands)
  if (e.mode === 'router' && a.chart !== '3.50.0') {
    w.push({
      path: ['externalAccess', 'mode'],
      message:
        'The built-in router of chart 3.9.4 is the single entry point: the guide’s ingress settings (ingress class, per-Ingress annotations) do not apply to it. It is also the layout of every later chart version.',
    });
  }
  return w;
};

/** TLS between the components: when its certificates come, who verifies them, the ingress back ends. */
const internalTls: Rule = (a) => {
  const w: Warning[] = [];
  const t = a.internalTls;
  if (t.mode === 'self-signed') {
    w.push({
      path: ['internalTls', 'mode'],
      message:
        'Self-signed certificates are created only at the first install: turning this on in an upgrade leaves pods waiting for Secrets that never come.',
    });
  }
  if (t.mode === 'existing' && t.verification && !t.caSecretName) {
    w.push({
      path: ['internalTls', 'caSecretName'],
      message:
        'Verification uses the system’s public CAs only: if your certificates come from a private CA, name the Secret holding its ca.crt.',
    });
  }
  if (
    t.mode !== 'off' &&
    a.externalAccess.mode === 'ingress-controller' &&
    a.externalAccess.className.includes('nginx') === false
  ) {
    w.push({
      path: ['externalAccess', 'annotations'],
      message:
        'Internal TLS with a non-nginx ingress class: add your controller’s annotation for HTTPS back ends yourself.',
    });
  }
  return w;
};

/** The network policy's allow-lists that must be filled in for the server to work. */
const networkPolicy: Rule = (a) => {
  const w: Warning[] = [];
  const p = a.networkPolicy;
  if (
    p.enabled &&
    p.ingress.enabled &&
    a.externalAccess.mode !== 'ingress-controller' &&
    p.ingress.cidrs.length === 0
  ) {
    w.push({
      path: ['networkPolicy', 'ingress', 'cidrs'],
      message:
        'The server is reached through a Service of the chart, not an ingress controller: add the CIDRs your users and agents connect from, or they cannot reach it.',
    });
  }
  if (
    p.enabled &&
    p.egress.enabled &&
    (a.database.mode === 'external' || a.messageQueue.mode === 'external')
  ) {
    w.push({
      path: ['networkPolicy', 'egress', 'cidrs'],
      message: 'Egress is restricted: add the CIDRs of your external database and message queue.',
    });
  }
  return w;
};

/** Pulling every image from a private registry: its credentials, and the internet it implies is gone. */
const privateRegistry: Rule = (a) => {
  if (a.registry.mode !== 'private') return [];
  const w: Warning[] = [];
  // not entered yet: the host's own error says so; the warnings must not read "pulls from  without"
  const host = a.registry.host.trim() || 'the private registry';
  if (a.pullSecret.mode === 'none') {
    w.push({
      path: ['pullSecret', 'mode'],
      message: `No image pull secret: every pod pulls from ${host} without credentials. Choose a pull secret unless the registry allows anonymous pulls.`,
    });
  } else if (a.pullSecret.mode === 'existing') {
    w.push({
      path: ['pullSecret', 'name'],
      message: `The Secret ${a.pullSecret.name} must hold a .dockerconfigjson with credentials for ${host}: every image now comes from there.`,
    });
  }
  if (a.general.artifactsDownload) {
    w.push({
      path: ['general', 'artifactsDownload'],
      message:
        'If the cluster has no internet access, turn off the IDE plugin artifacts download: the backend cannot reach artifacts.lightrun.com.',
    });
  }
  return w;
};

/**
 * A Lightrun version other than the one chart 3.9.4 is paired with. A 3.50 plan's file always
 * names the version 3.50 pairs with (docs/chart-3.50.md §2), whatever the 3.9.4 answer says.
 */
const imageTag: Rule = (a) => {
  if (a.chart === '3.50.0') return [];
  const tag = imageTagWarning(a.general.lightrunVersion);
  return tag ? [{ path: ['general', 'lightrunVersion'], message: tag }] : [];
};

/** Where the secret values live, and the key that must never be lost. */
const secretValues: Rule = (a) => {
  const w: Warning[] = [];
  const rel = a.release.name;
  if (a.secrets.mode === 'chart') {
    w.push({
      path: ['secrets', 'mode'],
      message:
        'Secret values are stored in the Helm release record too: anyone who can read Secrets in the namespace can read them.',
    });
  }
  if (a.secrets.mode === 'existing') {
    const aes = a.apiKeysEncryption.enabled
      ? `, ${a.secrets.apiKeysEncryption || `${rel}-aes`}`
      : '';
    w.push({
      path: ['secrets', 'mode'],
      message: `Create the Secrets before installing: ${a.secrets.backend || `${rel}-backend`}, ${a.secrets.keycloak || `${rel}-keycloak`}${aes}.`,
    });
  }
  if (a.apiKeysEncryption.enabled) {
    w.push({
      path: ['apiKeysEncryption', 'aesKey'],
      message:
        'Keep a copy of the AES key: with a different key the stored API keys cannot be decrypted.',
    });
  }
  return w;
};

/** IDE plugins without the artifacts download. */
const artifactsDownload: Rule = (a) =>
  a.general.artifactsDownload
    ? []
    : [
        {
          path: ['general', 'artifactsDownload'],
          message: 'IDE plugin installs and updates will need manual steps (ask Lightrun support).',
        },
      ];

/** Autoscaling, resources below the vendor's minimum, and what internal TLS costs. */
const sizing: Rule = (a) => {
  const w: Warning[] = [];
  const resources = a.sizing.resources;
  if (a.sizing.backend.hpa.enabled || a.sizing.frontend.hpa.enabled) {
    w.push({ path: ['sizing'], message: 'Autoscaling needs a metrics-server in the cluster.' });
  }
  if (resources.profile === 'custom') {
    const min = SIZING_PROFILES.minimum;
    for (const c of ['backend', 'frontend', 'keycloak'] as const) {
      const r = resources[c];
      if (
        toMillicores(r.cpu) < toMillicores(min[c].cpu) ||
        toBytes(r.memory) < toBytes(min[c].memory)
      ) {
        w.push({
          path: ['sizing', 'resources', c],
          message: `Below the vendor’s minimum for ${c} (${min[c].cpu} CPU, ${min[c].memory}).`,
        });
      }
    }
  }
  if (a.internalTls.mode !== 'off' && resources.profile === 'minimum') {
    w.push({
      path: ['sizing', 'resources', 'profile'],
      message: 'Internal TLS costs CPU: the guide recommends more than the minimum resources.',
    });
  }
  return w;
};

/**
 * Chart 3.50's workloads (docs/chart-3.50.md §4, §8.1): a heap-dump claim mounted by more than
 * one pod must be ReadWriteMany (preflight reads its access modes), and crons off saves its
 * resources but leaves the scheduled and background jobs to nobody the vendor names.
 */
const workloads350: Rule = (a) => {
  const w = a.workloads;
  if (a.chart !== '3.50.0' || !w) return [];
  const out: Warning[] = [];
  const b = a.sizing.backend;
  const replicas = b.hpa.enabled ? Math.max(b.replicas, b.hpa.maxReplicas) : b.replicas;
  if (w.heapDumps.mode === 'claim' && (w.crons || replicas > 1)) {
    const who = [
      ...(replicas > 1 ? [`up to ${replicas} backend pods`] : ['the backend']),
      ...(w.crons ? ['crons'] : []),
    ].join(' and ');
    out.push({
      path: ['workloads', 'heapDumps', 'claim'],
      message: `The heap-dump claim is mounted by ${who} at once: it must be ReadWriteMany, or pods on another node than the first cannot attach it and never start. Preflight reads the claim's access modes.`,
    });
  }
  if (!w.crons)
    out.push({
      path: ['workloads', 'crons'],
      message:
        'Crons off: no <release>-crons Deployment (1 CPU and 2Gi saved). It runs the server’s scheduled and background jobs apart from the backend; the vendor does not say that the backend takes them over, so keep it on unless Lightrun told you otherwise.',
    });
  return out;
};

/** Every concern, in the order the warnings are shown. */
const RULES: Rule[] = [
  dataLoss,
  externalBroker,
  externalAccess,
  internalTls,
  networkPolicy,
  privateRegistry,
  imageTag,
  secretValues,
  artifactsDownload,
  sizing,
  workloads350,
];

/**
 * Things that are valid but that an admin should read before installing: data loss, controller
 * requirements, secrets in the release record. Pure; shown on the review page and by `validate`.
 */
export function warningsFor(a: Answers): Warning[] {
  return RULES.flatMap((rule) => rule(a));
}

const semver = (v: string) => v.split('.').map(Number) as [number, number, number];
const below = (v: string, min: string) => {
  const [a, b] = [semver(v), semver(min)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
};

/**
 * The vendor chart picks Keycloak's behaviour from the image tag (docs/chart-3.9.4.md §2.1):
 * probes on port 9000 /auth/health/* from 1.42.0, on /auth port 9080 below; KC_HOSTNAME from 1.38.0,
 * KC_HOSTNAME_URL below; a tag without a leading X.Y.Z counts as 1.38.0.
 */
export function imageTagWarning(tag: string): string | null {
  if (!tag || tag === LIGHTRUN_VERSION) return null;
  const v = /^\d+\.\d+\.\d+/.exec(tag)?.[0];
  const paired = `Chart 3.9.4 is paired with ${LIGHTRUN_VERSION}.`;
  if (!v)
    return `The tag "${tag}" has no leading version (X.Y.Z): the chart then treats Keycloak as 1.38.0 and probes it on /auth port 9080, which a newer Keycloak image does not answer the same way. ${paired}`;
  if (below(v, '1.38.0'))
    return `With ${v} (below 1.38.0) the chart configures Keycloak with KC_HOSTNAME_URL and probes on /auth port 9080. ${paired}`;
  if (below(v, '1.42.0'))
    return `With ${v} (below 1.42.0) the chart probes Keycloak on /auth port 9080 instead of its health endpoints on port 9000. ${paired}`;
  return `The tag differs from the version the vendor pairs with this chart. ${paired}`;
}
