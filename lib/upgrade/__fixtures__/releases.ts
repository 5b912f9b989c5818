// The five 3.9.4 installs of docs/chart-3.50.md §13.1 (U1-U5), as `helm get values` returns them
// for a release the wizard installed (release `acme`). Test-only secrets; the certificate is a
// placeholder (the chart copies it, it never reads it).
import { deepMerge, type Tree } from '../../values/tree';

const TAG_394 = '1.50.1-release.ef66f0e08e';
const DENY_ALL = { 'nginx.ingress.kubernetes.io/denylist-source-range': '0.0.0.0/0,::/0' };

/** What every wizard-made release holds. */
export const base394: Tree = {
  general: {
    name: 'acme',
    lightrun_endpoint: 'lightrun.example.test',
    statefulset: { storageClassName: 'kwok-volume', storageSize: '1Gi' },
  },
  certificate: { tls: { crt: 'Q0VSVA==', key: 'S0VZ' } },
  secrets: {
    keycloak: { password: 'Keycl0ak-admin-pw' },
    db: { user: 'lightrun', password: 'Db-pass-123' },
    license: { content: 'test-license-content', signature: 'test-license-signature' },
    defaults: { keystore_password: 'keystore-pw-123' },
  },
  deployments: {
    backend: { image: { tag: TAG_394 } },
    frontend: { image: { tag: TAG_394 } },
    keycloak: { image: { tag: TAG_394 } },
  },
};

/** The wizard's default way in: the legacy Ingresses, admin console and metrics denied to all. */
const legacyIngress: Tree = {
  general: { router: { enabled: false } },
  ingress_clients: { annotations: { 'nginx.ingress.kubernetes.io/server-snippet': null } },
  ingress_keycloak_admin: { annotations: DENY_ALL },
  ingress_metrics: { annotations: DENY_ALL },
};

const release = (...layers: Tree[]): Tree => layers.reduce((a, b) => deepMerge(a, b) as Tree);

export const U1 = release(base394, legacyIngress, {
  deployments: { mysql: { image: { tag: '8.0.38' } } },
});

export const U2 = release(base394, {
  general: {
    router: { enabled: false },
    ingress_controller: false,
    nginx_svc: {
      type: 'LoadBalancer',
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
    },
  },
  deployments: { standalone_nginx: { replicas: 2 } },
});

export const U3 = release(base394, legacyIngress, {
  general: {
    db_local: false,
    db_endpoint: 'mysql.corp.example',
    db_require_secure_transport: true,
    mq: {
      enabled: true,
      local: false,
      mq_endpoint: 'rabbit.corp.example',
      port: '5671',
      queue_name: 'mixpanel-events',
    },
  },
  secrets: { mq: { user: 'lightrun-mq', password: 'Mq-pass-123' } },
});

export const U4 = release(base394, legacyIngress, {
  general: {
    statefulset: {
      pvc_name: 'lrdata',
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    },
    mq: {
      enabled: true,
      storage: '10Gi',
      storageClassName: 'kwok-volume',
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
    },
  },
  secrets: { mq: { user: 'lightrun-mq', password: 'Mq-pass-123' } },
});

export const U5 = release(base394, {
  general: {
    router: { enabled: true, tls: { enabled: true }, ingress: { ingress_class_name: 'nginx' } },
    api_keys_encryption: { enabled: true },
  },
  secrets: { api_keys_encryption: { aes_key: '00112233445566778899aabbccddeeff' } },
});

export const RELEASES_394: Record<string, Tree> = { U1, U2, U3, U4, U5 };
