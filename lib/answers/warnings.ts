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

/**
 * Things that are valid but that an admin should read before installing: data loss, controller
 * requirements, secrets in the release record. Pure; shown on the review page and by `validate`.
 */
export function warningsFor(a: Answers): Warning[] {
  const w: Warning[] = [];
  const add = (path: string[], message: string) => w.push({ path, message });
  if (a.database.mode === 'local' && a.database.storage.kind === 'ephemeral') {
    add(
      ['database', 'storage', 'kind'],
      'MySQL runs without a volume: every restart of its pod loses all Lightrun data. Use this for trials only.',
    );
  }
  if (a.messageQueue.mode === 'local' && a.messageQueue.storage.kind === 'ephemeral') {
    add(
      ['messageQueue', 'storage', 'kind'],
      'RabbitMQ keeps no volume: queued events are lost when its pod restarts.',
    );
  }
  if (a.messageQueue.mode === 'external') {
    add(
      ['messageQueue', 'endpoint'],
      'The external broker must also expose its management API on port 15672 with the same credentials, or the backend never starts.',
    );
  }
  if (a.externalAccess.mode === 'cluster-ip') {
    add(
      ['externalAccess', 'mode'],
      `Reach the server with \`kubectl port-forward service/${a.release.name}-nginx 443:443\`: nothing outside the cluster can.`,
    );
  }
  if (a.externalAccess.mode === 'load-balancer' || a.externalAccess.mode === 'cluster-ip') {
    add(
      ['externalAccess', 'mode'],
      'The chart-made nginx exposes the Keycloak admin console (/auth/admin) and the metrics endpoint (/management/prometheus) to anyone who reaches it: it has no allow-list. Restrict the clients with the network policy, or use an ingress controller.',
    );
  }
  if (
    a.externalAccess.mode === 'ingress-controller' &&
    !a.externalAccess.className.includes('nginx')
  ) {
    add(
      ['externalAccess', 'className'],
      `The admin-console and metrics allow-lists are ingress-nginx annotations: with the IngressClass "${a.externalAccess.className}" add your controller's own source-range annotation, or those paths may be open.`,
    );
  }
  if (a.general.openshift && a.externalAccess.mode !== 'router') {
    add(
      ['general', 'openshift'],
      'On OpenShift without the router the chart renders two plain Ingresses (Routes) and the frontend proxies every path: the admin-console and metrics allow-lists do not apply, so /auth/admin and /management/prometheus are open to whoever reaches the Route.',
    );
  }
  if (a.externalAccess.mode === 'router') {
    add(
      ['externalAccess', 'mode'],
      'The built-in router of chart 3.9.4 is the single entry point: the guide’s ingress settings (ingress class, per-Ingress annotations) do not apply to it. It is also the layout of every later chart version.',
    );
  }
  if (a.internalTls.mode === 'self-signed') {
    add(
      ['internalTls', 'mode'],
      'Self-signed certificates are created only at the first install: turning this on in an upgrade leaves pods waiting for Secrets that never come.',
    );
  }
  if (
    a.internalTls.mode === 'existing' &&
    a.internalTls.verification &&
    !a.internalTls.caSecretName
  ) {
    add(
      ['internalTls', 'caSecretName'],
      'Verification uses the system’s public CAs only: if your certificates come from a private CA, name the Secret holding its ca.crt.',
    );
  }
  if (
    a.internalTls.mode !== 'off' &&
    a.externalAccess.mode === 'ingress-controller' &&
    a.externalAccess.className.includes('nginx') === false
  ) {
    add(
      ['externalAccess', 'annotations'],
      'Internal TLS with a non-nginx ingress class: add your controller’s annotation for HTTPS back ends yourself.',
    );
  }
  if (
    a.networkPolicy.enabled &&
    a.networkPolicy.ingress.enabled &&
    a.externalAccess.mode !== 'ingress-controller' &&
    a.networkPolicy.ingress.cidrs.length === 0
  ) {
    add(
      ['networkPolicy', 'ingress', 'cidrs'],
      'The server is reached through a Service of the chart, not an ingress controller: add the CIDRs your users and agents connect from, or they cannot reach it.',
    );
  }
  if (
    a.networkPolicy.enabled &&
    a.networkPolicy.egress.enabled &&
    (a.database.mode === 'external' || a.messageQueue.mode === 'external')
  ) {
    add(
      ['networkPolicy', 'egress', 'cidrs'],
      'Egress is restricted: add the CIDRs of your external database and message queue.',
    );
  }
  if (a.registry.mode === 'private') {
    const host = a.registry.host;
    if (a.pullSecret.mode === 'none') {
      add(
        ['pullSecret', 'mode'],
        `No image pull secret: every pod pulls from ${host} without credentials. Choose a pull secret unless the registry allows anonymous pulls.`,
      );
    } else if (a.pullSecret.mode === 'existing') {
      add(
        ['pullSecret', 'name'],
        `The Secret ${a.pullSecret.name} must hold a .dockerconfigjson with credentials for ${host}: every image now comes from there.`,
      );
    }
    if (a.general.artifactsDownload) {
      add(
        ['general', 'artifactsDownload'],
        'If the cluster has no internet access, turn off the IDE plugin artifacts download: the backend cannot reach artifacts.lightrun.com.',
      );
    }
  }
  const tag = imageTagWarning(a.general.lightrunVersion);
  if (tag) add(['general', 'lightrunVersion'], tag);
  if (a.secrets.mode === 'chart') {
    add(
      ['secrets', 'mode'],
      'Secret values are stored in the Helm release record too: anyone who can read Secrets in the namespace can read them.',
    );
  }
  if (a.secrets.mode === 'existing') {
    add(
      ['secrets', 'mode'],
      `Create the Secrets before installing: ${a.secrets.backend || `${a.release.name}-backend`}, ${a.secrets.keycloak || `${a.release.name}-keycloak`}${a.apiKeysEncryption.enabled ? `, ${a.secrets.apiKeysEncryption || `${a.release.name}-aes`}` : ''}.`,
    );
  }
  if (a.apiKeysEncryption.enabled) {
    add(
      ['apiKeysEncryption', 'aesKey'],
      'Keep a copy of the AES key: with a different key the stored API keys cannot be decrypted.',
    );
  }
  if (!a.general.artifactsDownload) {
    add(
      ['general', 'artifactsDownload'],
      'IDE plugin installs and updates will need manual steps (ask Lightrun support).',
    );
  }
  if (a.sizing.backend.hpa.enabled || a.sizing.frontend.hpa.enabled) {
    add(['sizing'], 'Autoscaling needs a metrics-server in the cluster.');
  }
  if (a.sizing.resources.profile === 'custom') {
    const min = SIZING_PROFILES.minimum;
    for (const c of ['backend', 'frontend', 'keycloak'] as const) {
      const r = a.sizing.resources[c];
      if (
        toMillicores(r.cpu) < toMillicores(min[c].cpu) ||
        toBytes(r.memory) < toBytes(min[c].memory)
      ) {
        add(
          ['sizing', 'resources', c],
          `Below the vendor’s minimum for ${c} (${min[c].cpu} CPU, ${min[c].memory}).`,
        );
      }
    }
  }
  if (a.internalTls.mode !== 'off' && a.sizing.resources.profile === 'minimum') {
    add(
      ['sizing', 'resources', 'profile'],
      'Internal TLS costs CPU: the guide recommends more than the minimum resources.',
    );
  }
  return w;
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
