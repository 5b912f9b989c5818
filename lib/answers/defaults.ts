import type { Answers } from './schema';
import { LIGHTRUN_VERSION } from './constants';
import { randomEncryptionKey } from './encryption-key';

/**
 * The answers a new plan starts from: the chart's defaults, except where a safer default is
 * obvious (guide semantics without the 3.9.4 router, the paired image tag, the cluster's default
 * StorageClass instead of `gp2`, no empty pull secret, no server-snippet annotation) and where the
 * chart's value is a placeholder (the organisation name starts empty: "Required").
 * Secrets start empty; `withGeneratedSecrets` fills the ones a person need not choose.
 */
export function defaultAnswers(): Answers {
  return {
    chart: '3.9.4',
    release: { name: 'lightrun', namespace: 'lightrun' },
    general: {
      // the vendor's "client-name" is a placeholder the schema refuses: the admin names the organisation
      name: '',
      endpoint: '',
      clusterDomain: 'cluster.local',
      lightrunVersion: LIGHTRUN_VERSION,
      artifactsDownload: true,
      openshift: false,
    },
    pullSecret: { mode: 'none' },
    registry: { mode: 'public' },
    license: { content: '', signature: '' },
    certificate: { source: 'inline', crt: '', key: '' },
    apiKeysEncryption: { enabled: false },
    database: {
      mode: 'local',
      storage: {
        kind: 'persistent',
        storageClassName: '',
        size: '100Gi',
        whenDeleted: '',
        whenScaled: '',
      },
      name: 'lightrunserver',
      requireSecureTransport: false,
      user: '',
      password: '',
    },
    messageQueue: { mode: 'off' },
    externalAccess: {
      mode: 'ingress-controller',
      className: 'nginx',
      annotations: [],
      keepServerSnippet: false,
      adminAllowCidrs: [],
      metricsAllowCidrs: [],
    },
    internalTls: { mode: 'off' },
    networkPolicy: { enabled: false },
    security: {
      readOnlyRootFilesystem: false,
      tmpfsSizeLimit: '512Mi',
      runAsUser: 1000000,
      dataFsGroup: 1000000,
    },
    secrets: {
      mode: 'chart',
      keycloakPassword: '',
      keystorePassword: '',
      mailPassword: '',
      googleClientId: '',
      googleClientSecret: '',
      datadogApiKey: '',
      mixpanelToken: '',
      hubspotToken: '',
    },
    sizing: {
      resources: { profile: 'minimum' },
      backend: { replicas: 1, hpa: { enabled: false } },
      frontend: { replicas: 1, hpa: { enabled: false } },
      keycloak: { replicas: 1, clusterMode: true },
    },
    passthrough: {},
  };
}

/** Defaults a form shows when a choice is switched on (the chart's own figures). */
export const HPA_DEFAULTS = {
  backend: { enabled: true, maxReplicas: 5, cpuPercent: 50 },
  frontend: { enabled: true, maxReplicas: 5, cpuPercent: 70 },
} as const;

/**
 * Fills every empty generated credential (database user and password, Keycloak and keystore
 * passwords, MQ credentials when on) with fresh random text from `randomToken`, and for chart
 * 3.50 with the chart's Secrets the encryption key from `randomKey` (docs/chart-3.50.md §10).
 */
export function withGeneratedSecrets(
  a: Answers,
  randomToken: () => string,
  randomKey: () => string = randomEncryptionKey,
): Answers {
  const out = structuredClone(a);
  if (!out.database.user) out.database.user = 'lightrun';
  if (!out.database.password) out.database.password = randomToken();
  if (out.secrets.mode === 'chart') {
    if (!out.secrets.keycloakPassword) out.secrets.keycloakPassword = randomToken();
    if (!out.secrets.keystorePassword) out.secrets.keystorePassword = randomToken();
    if (out.chart === '3.50.0' && !out.secrets.encryptionKey)
      out.secrets.encryptionKey = randomKey();
  }
  if (out.messageQueue.mode !== 'off') {
    if (!out.messageQueue.user) out.messageQueue.user = 'lightrun';
    if (!out.messageQueue.password) out.messageQueue.password = randomToken();
  }
  return out;
}
