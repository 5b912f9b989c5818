import { describe, expect, it } from 'vitest';
import type { Answers } from '../answers';
import { importValues } from './import';

// Import, section by section: a values file (only what it sets; the chart defaults fill the rest),
// the answers section it must give, and the exact notes an admin reads (none when the file says
// what it means). The chart reads Go-template truth and scalars as text; so does the import.

type Row = [
  name: string,
  user: Record<string, unknown>,
  section: keyof Answers,
  expected: unknown,
  notes?: { path: string; message: string }[],
];

const TAG = '1.50.1-release.ef66f0e08e';
const tags = (b: string, f: string, k: string) => ({
  backend: { image: { tag: b } },
  frontend: { image: { tag: f } },
  keycloak: { image: { tag: k } },
});

const rows: Row[] = [
  // general
  [
    'one tag everywhere',
    { deployments: tags(TAG, TAG, TAG) },
    'general',
    {
      name: 'client-name',
      endpoint: 'lightrun.example.com',
      clusterDomain: 'cluster.local',
      lightrunVersion: TAG,
      artifactsDownload: true,
      openshift: false,
    },
  ],
  [
    'tags that differ: the first non-empty one wins, with a note per other',
    { deployments: tags('', 'a', 'b') },
    'general',
    expect.objectContaining({ lightrunVersion: 'a' }),
    [
      {
        path: 'deployments.backend.image.tag',
        message:
          'Tag "" differs from the other components; the wizard runs one version (a) everywhere.',
      },
      {
        path: 'deployments.keycloak.image.tag',
        message:
          'Tag "b" differs from the other components; the wizard runs one version (a) everywhere.',
      },
    ],
  ],
  [
    'a numeric tag is read as text',
    { deployments: tags(1 as never, 1 as never, 1 as never) },
    'general',
    expect.objectContaining({ lightrunVersion: '1' }),
  ],
  [
    'a boolean written as text is Go-true',
    { general: { openshift: 'false' } },
    'general',
    expect.objectContaining({ openshift: true }),
    [
      {
        path: 'general.openshift',
        message: '"false" is not a boolean; the chart reads it as true, and so does the wizard.',
      },
    ],
  ],
  [
    'zero, empty text, empty map and empty list are Go-false (notes in reading order)',
    {
      general: { openshift: 0, db_require_secure_transport: '', db_local: {} },
      deployments: { backend: { artifacts: { enable: [] } } },
    },
    'general',
    expect.objectContaining({ openshift: false, artifactsDownload: false }),
    [
      {
        path: 'deployments.backend.artifacts.enable',
        message: '[] is not a boolean; the chart reads it as false, and so does the wizard.',
      },
      {
        path: 'general.openshift',
        message: '0 is not a boolean; the chart reads it as false, and so does the wizard.',
      },
      {
        path: 'general.db_require_secure_transport',
        message: '"" is not a boolean; the chart reads it as false, and so does the wizard.',
      },
      {
        path: 'general.db_local',
        message: '{} is not a boolean; the chart reads it as false, and so does the wizard.',
      },
    ],
  ],
  [
    'a non-empty map, list or text is Go-true',
    {
      general: { openshift: { a: 1 }, db_require_secure_transport: [0] },
      deployments: { backend: { artifacts: { enable: 'no' } } },
    },
    'general',
    expect.objectContaining({ openshift: true, artifactsDownload: true }),
    [
      {
        path: 'deployments.backend.artifacts.enable',
        message: '"no" is not a boolean; the chart reads it as true, and so does the wizard.',
      },
      {
        path: 'general.openshift',
        message: '{"a":1} is not a boolean; the chart reads it as true, and so does the wizard.',
      },
      {
        path: 'general.db_require_secure_transport',
        message: '[0] is not a boolean; the chart reads it as true, and so does the wizard.',
      },
    ],
  ],
  [
    'a map where text belongs is not imported',
    { general: { name: { a: 1 } } },
    'general',
    expect.objectContaining({ name: '' }),
    [{ path: 'general.name', message: 'Expected text here; the value was not imported.' }],
  ],
  // database
  [
    'local database, retention policy',
    {
      general: {
        statefulset: {
          persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
        },
      },
    },
    'database',
    expect.objectContaining({
      storage: {
        kind: 'persistent',
        storageClassName: 'gp2',
        size: '100Gi',
        whenDeleted: 'Delete',
        whenScaled: 'Retain',
      },
    }),
  ],
  [
    'unknown retention values are dropped with a note',
    {
      general: {
        statefulset: {
          persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep', whenScaled: 'retain' },
        },
      },
    },
    'database',
    expect.objectContaining({
      storage: expect.objectContaining({ whenDeleted: '', whenScaled: '' }),
    }),
    [
      {
        path: 'general.statefulset.persistentVolumeClaimRetentionPolicy.whenDeleted',
        message: '"Keep" is not Retain or Delete; it was not imported.',
      },
      {
        path: 'general.statefulset.persistentVolumeClaimRetentionPolicy.whenScaled',
        message: '"retain" is not Retain or Delete; it was not imported.',
      },
    ],
  ],
  [
    'local database without a volume',
    {
      general: { statefulset: { enabled: false } },
      deployments: { mysql: { emptyDir: { sizeLimit: '3Gi' } } },
    },
    'database',
    expect.objectContaining({ mode: 'local', storage: { kind: 'ephemeral', sizeLimit: '3Gi' } }),
  ],
  [
    'external database',
    {
      general: {
        db_local: false,
        db_endpoint: 'db.corp',
        db_database: 'lr',
        db_require_secure_transport: true,
      },
      secrets: { db: { user: 'u', password: 'p' } },
    },
    'database',
    {
      mode: 'external',
      endpoint: 'db.corp',
      name: 'lr',
      requireSecureTransport: true,
      user: 'u',
      password: 'p',
    },
  ],
  // message queue
  ['MQ off', { general: { mq: { enabled: false, local: true } } }, 'messageQueue', { mode: 'off' }],
  [
    'local MQ without a volume ("0")',
    {
      general: { mq: { enabled: true, local: true, storage: '0', metrics: true } },
      secrets: { mq: { user: 'm', password: 'p' } },
      deployments: { rabbitmq: { service: { annotations: { 'a/b': 'c', n: 1, dropped: null } } } },
    },
    'messageQueue',
    {
      mode: 'local',
      port: '5672',
      queueName: 'mixpanel-events',
      user: 'm',
      password: 'p',
      metrics: true,
      storage: { kind: 'ephemeral' },
      serviceAnnotations: [
        { key: 'a/b', value: 'c' },
        { key: 'n', value: '1' },
      ],
    },
  ],
  [
    'local MQ with a volume',
    { general: { mq: { enabled: true, local: true, storage: '5Gi', storageClassName: 'fast' } } },
    'messageQueue',
    expect.objectContaining({
      storage: { kind: 'persistent', size: '5Gi', storageClassName: 'fast' },
    }),
  ],
  [
    'external MQ, numeric port read as text',
    {
      general: {
        mq: { enabled: true, local: false, mq_endpoint: 'rmq.corp', port: 5671, queue_name: 'q' },
      },
    },
    'messageQueue',
    {
      mode: 'external',
      endpoint: 'rmq.corp',
      port: '5671',
      queueName: 'q',
      user: '',
      password: '',
    },
  ],
  // external access
  [
    'router',
    { general: { router: { enabled: true } } },
    'externalAccess',
    {
      mode: 'router',
      service: 'ingress',
      className: 'nginx',
      tls: false,
      adminAllowCidrs: [],
      metricsAllowCidrs: [],
    },
  ],
  [
    'ingress controller: annotations shared by the three ingresses are the admin’s',
    {
      general: {
        router: { enabled: false },
        ingress_controller: true,
        ingress_class_name: 'nginx',
      },
      ingress_clients: {
        annotations: {
          'x/y': 'z',
          'only/here': '1',
          'nginx.ingress.kubernetes.io/server-snippet': null,
        },
      },
      ingress_agents: { annotations: { 'x/y': 'z' } },
      ingress_keycloak_admin: { annotations: { 'x/y': 'z', 'only/here': '1' } },
      ingress_metrics: { annotations: { 'x/y': 'z' } },
    },
    'externalAccess',
    {
      mode: 'ingress-controller',
      className: 'nginx',
      annotations: [{ key: 'x/y', value: 'z' }],
      keepServerSnippet: false,
      adminAllowCidrs: ['0.0.0.0/0', '::/0'],
      metricsAllowCidrs: ['0.0.0.0/0', '::/0'],
    },
    [
      {
        path: 'ingress_keycloak_admin.annotations',
        message:
          "The file lets anyone who reaches the endpoint open the Keycloak admin console; the wizard keeps that as an allow-list of 0.0.0.0/0 and ::/0: narrow it to your admins' addresses.",
      },
      {
        path: 'ingress_metrics.annotations',
        message:
          "The file lets anyone who reaches the endpoint open the metrics endpoint; the wizard keeps that as an allow-list of 0.0.0.0/0 and ::/0: narrow it to your admins' addresses.",
      },
    ],
  ],
  [
    'ingress controller keeping the server snippet',
    { general: { router: { enabled: false }, ingress_controller: true } },
    'externalAccess',
    {
      mode: 'ingress-controller',
      className: 'nginx',
      annotations: [],
      keepServerSnippet: true,
      adminAllowCidrs: ['0.0.0.0/0', '::/0'],
      metricsAllowCidrs: ['0.0.0.0/0', '::/0'],
    },
    [
      {
        path: 'ingress_keycloak_admin.annotations',
        message:
          "The file lets anyone who reaches the endpoint open the Keycloak admin console; the wizard keeps that as an allow-list of 0.0.0.0/0 and ::/0: narrow it to your admins' addresses.",
      },
      {
        path: 'ingress_metrics.annotations',
        message:
          "The file lets anyone who reaches the endpoint open the metrics endpoint; the wizard keeps that as an allow-list of 0.0.0.0/0 and ::/0: narrow it to your admins' addresses.",
      },
    ],
  ],
  [
    'an annotation that differs on one ingress is not shared',
    {
      general: { router: { enabled: false }, ingress_controller: true },
      ingress_clients: { annotations: { 'x/y': 'z' } },
      ingress_agents: { annotations: { 'x/y': 'z' } },
      ingress_keycloak_admin: { annotations: { 'x/y': 'w' } },
    },
    'externalAccess',
    expect.objectContaining({ annotations: [] }),
    [
      {
        path: 'ingress_keycloak_admin.annotations',
        message:
          "The file lets anyone who reaches the endpoint open the Keycloak admin console; the wizard keeps that as an allow-list of 0.0.0.0/0 and ::/0: narrow it to your admins' addresses.",
      },
      {
        path: 'ingress_metrics.annotations',
        message:
          "The file lets anyone who reaches the endpoint open the metrics endpoint; the wizard keeps that as an allow-list of 0.0.0.0/0 and ::/0: narrow it to your admins' addresses.",
      },
    ],
  ],
  [
    'ClusterIP nginx',
    {
      general: {
        router: { enabled: false },
        ingress_controller: false,
        nginx_svc: { type: 'ClusterIP', annotations: { a: 'b' } },
      },
    },
    'externalAccess',
    { mode: 'cluster-ip', serviceAnnotations: [{ key: 'a', value: 'b' }] },
  ],
  [
    'LoadBalancer nginx',
    {
      general: {
        router: { enabled: false },
        ingress_controller: false,
        nginx_svc: { type: 'LoadBalancer' },
      },
    },
    'externalAccess',
    { mode: 'load-balancer', serviceAnnotations: [] },
  ],
  [
    'NodePort nginx becomes LoadBalancer, with a note',
    {
      general: {
        router: { enabled: false },
        ingress_controller: false,
        nginx_svc: { type: 'NodePort' },
      },
    },
    'externalAccess',
    { mode: 'load-balancer', serviceAnnotations: [] },
    [
      {
        path: 'general.nginx_svc.type',
        message:
          '"NodePort" is not supported by the chart\'s nginx (LoadBalancer or ClusterIP); the wizard uses LoadBalancer.',
      },
    ],
  ],
  // internal TLS
  [
    'internal TLS off',
    {
      general: {
        internal_tls: { enabled: false, certificates: { source: 'existing_certificates' } },
      },
    },
    'internalTls',
    { mode: 'off' },
  ],
  [
    'self-signed',
    {
      general: {
        internal_tls: {
          enabled: true,
          certificates: {
            source: 'generate_self_signed_certificates',
            verification: false,
            existing_ca_secret_name: '',
          },
        },
      },
    },
    'internalTls',
    { mode: 'self-signed' },
  ],
  [
    'self-signed with verification: turned off, with a note',
    {
      general: {
        internal_tls: {
          enabled: true,
          certificates: { source: 'generate_self_signed_certificates', verification: true },
        },
      },
    },
    'internalTls',
    { mode: 'self-signed' },
    [
      {
        path: 'general.internal_tls.certificates',
        message:
          'Self-signed certificates cannot be verified: verification is turned off and the CA secret dropped.',
      },
    ],
  ],
  [
    'self-signed with a CA secret: dropped, with a note',
    {
      general: {
        internal_tls: {
          enabled: true,
          certificates: {
            source: 'generate_self_signed_certificates',
            verification: false,
            existing_ca_secret_name: 'ca',
          },
        },
      },
    },
    'internalTls',
    { mode: 'self-signed' },
    [
      {
        path: 'general.internal_tls.certificates',
        message:
          'Self-signed certificates cannot be verified: verification is turned off and the CA secret dropped.',
      },
    ],
  ],
  [
    'existing certificates',
    {
      general: {
        internal_tls: {
          enabled: true,
          certificates: {
            source: 'existing_certificates',
            verification: true,
            existing_ca_secret_name: 'ca',
            existing_certificates: {
              frontend: 'f',
              keycloak: 'k',
              keycloak_cluster: 'kc',
              redis: 'r',
              rabbitmq: 'm',
            },
          },
        },
      },
    },
    'internalTls',
    {
      mode: 'existing',
      verification: true,
      caSecretName: 'ca',
      certificates: {
        frontend: 'f',
        keycloak: 'k',
        keycloakCluster: 'kc',
        redis: 'r',
        rabbitmq: 'm',
      },
    },
  ],
  [
    'an unknown source is read as existing certificates, with a note',
    {
      general: {
        internal_tls: { enabled: true, certificates: { source: 'vault', verification: false } },
      },
    },
    'internalTls',
    expect.objectContaining({ mode: 'existing', verification: false }),
    [
      {
        path: 'general.internal_tls.certificates.source',
        message: '"vault" is not a source the chart knows; the wizard uses existing_certificates.',
      },
    ],
  ],
  // network policy
  [
    'policy with plain CIDR blocks',
    {
      general: {
        networkPolicy: {
          enabled: true,
          ingress: { enabled: true, namespacesSelector: ['a'], ipBlock: [{ cidr: '10.0.0.0/8' }] },
          egress: { enabled: false },
        },
      },
    },
    'networkPolicy',
    {
      enabled: true,
      ingress: { enabled: true, namespaces: ['a'], cidrs: ['10.0.0.0/8'] },
      egress: { enabled: false, namespaces: [], cidrs: [] },
    },
  ],
  [
    'richer ipBlocks are not modelled (kept as they are)',
    {
      general: {
        networkPolicy: {
          enabled: true,
          ingress: { enabled: true, ipBlock: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }] },
          egress: { enabled: true, ipBlock: [{ cidr: 5 }] },
        },
      },
    },
    'networkPolicy',
    expect.objectContaining({
      ingress: expect.objectContaining({ cidrs: [] }),
      egress: expect.objectContaining({ cidrs: [] }),
    }),
  ],
  // security
  [
    'security with one fsGroup',
    {
      general: { readOnlyRootFilesystem: true, base_container_securityContext: { runAsUser: 42 } },
      deployments: {
        mysql: { podSecurityContext: { fsGroup: 7 } },
        rabbitmq: { podSecurityContext: { fsGroup: 7 } },
      },
    },
    'security',
    { readOnlyRootFilesystem: true, tmpfsSizeLimit: '512Mi', runAsUser: 42, dataFsGroup: 7 },
  ],
  [
    'fsGroups that differ: MySQL’s wins, with a note',
    {
      deployments: {
        mysql: { podSecurityContext: { fsGroup: 7 } },
        rabbitmq: { podSecurityContext: { fsGroup: 8 } },
      },
    },
    'security',
    expect.objectContaining({ dataFsGroup: 7 }),
    [
      {
        path: 'deployments.rabbitmq.podSecurityContext.fsGroup',
        message: "Differs from MySQL's fsGroup (7); the wizard uses 7 for both.",
      },
    ],
  ],
  [
    'a number written as digits is a number; anything else falls back, with a note',
    {
      general: { base_container_securityContext: { runAsUser: '1234' } },
      deployments: { mysql: { podSecurityContext: { fsGroup: 'x1' } } },
    },
    'security',
    expect.objectContaining({ runAsUser: 1234, dataFsGroup: 1000000 }),
    [
      {
        path: 'deployments.mysql.podSecurityContext.fsGroup',
        message: 'Expected a number, found "x1"; using 1000000.',
      },
    ],
  ],
  // secrets
  [
    'chart secrets',
    {
      general: { deploy_secrets: { enabled: true } },
      secrets: {
        keycloak: { password: 'kp' },
        defaults: { keystore_password: 'ks', google_sso: { client_id: 'g' } },
      },
    },
    'secrets',
    {
      mode: 'chart',
      keycloakPassword: 'kp',
      keystorePassword: 'ks',
      mailPassword: '',
      googleClientId: 'g',
      googleClientSecret: '',
      datadogApiKey: '',
      mixpanelToken: '',
      hubspotToken: '',
    },
  ],
  [
    'existing secrets with names',
    {
      general: {
        deploy_secrets: {
          enabled: false,
          existing_secrets: { backend: 'b', keycloak: 'k', api_keys_encryption: 'a' },
        },
      },
    },
    'secrets',
    { mode: 'existing', backend: 'b', keycloak: 'k', apiKeysEncryption: 'a' },
  ],
  [
    'bare true: chart secrets, with a note',
    { general: { deploy_secrets: true } },
    'secrets',
    expect.objectContaining({ mode: 'chart' }),
    [
      {
        path: 'general.deploy_secrets',
        message: 'A bare boolean is the old form; the wizard writes deploy_secrets.enabled.',
      },
    ],
  ],
  // sizing
  [
    'a profile is recognised from all three components',
    {
      deployments: {
        backend: { resources: { cpu: '4000m', memory: '12Gi' } },
        frontend: { resources: { cpu: '250m', memory: '256Mi' } },
        keycloak: { resources: { cpu: '2000m', memory: '3Gi' } },
      },
    },
    'sizing',
    expect.objectContaining({ resources: { profile: 'medium' } }),
  ],
  [
    'one component off the profile makes it custom',
    {
      deployments: {
        backend: { resources: { cpu: '4000m', memory: '12Gi' } },
        frontend: { resources: { cpu: '250m', memory: '256Mi' } },
        keycloak: { resources: { cpu: '2000m', memory: '4Gi' } },
      },
    },
    'sizing',
    expect.objectContaining({
      resources: {
        profile: 'custom',
        backend: { cpu: '4000m', memory: '12Gi' },
        frontend: { cpu: '250m', memory: '256Mi' },
        keycloak: { cpu: '2000m', memory: '4Gi' },
      },
    }),
  ],
  [
    'replicas and HPAs',
    {
      deployments: {
        backend: { replicas: 3, hpa: { enabled: true, maxReplicas: 9, cpu: 55 } },
        frontend: { replicas: 2, hpa: { enabled: true } },
        keycloak: { replicas: 2, clusterMode: true },
      },
    },
    'sizing',
    expect.objectContaining({
      backend: { replicas: 3, hpa: { enabled: true, maxReplicas: 9, cpuPercent: 55 } },
      frontend: { replicas: 2, hpa: expect.objectContaining({ enabled: true }) },
      keycloak: { replicas: 2, clusterMode: true },
    }),
  ],
  // identity: pull secret, certificate, AES
  [
    'no pull secret (null)',
    { secrets: { defaults: { dockerhub_config: null } } },
    'pullSecret',
    { mode: 'none' },
  ],
  [
    'existing pull secret',
    {
      secrets: {
        defaults: { dockerhub_config: { existingSecret: 'regcred', configContent: 'x' } },
      },
    },
    'pullSecret',
    { mode: 'existing', name: 'regcred' },
  ],
  [
    'inline pull secret',
    { secrets: { defaults: { dockerhub_config: { existingSecret: '', configContent: 'e30=' } } } },
    'pullSecret',
    { mode: 'inline', configContent: 'e30=' },
  ],
  [
    'existing certificate',
    { certificate: { existing_cert: 'tls' } },
    'certificate',
    { source: 'existing', secretName: 'tls' },
  ],
  [
    'AES key encryption: the key is trimmed',
    {
      general: { api_keys_encryption: { enabled: true, key_mount_path: '/k' } },
      secrets: { api_keys_encryption: { aes_key: ' abc\n' } },
    },
    'apiKeysEncryption',
    { enabled: true, mountPath: '/k', aesKey: 'abc' },
  ],
  [
    'AES key with secrets outside the chart: left unread',
    {
      general: { deploy_secrets: { enabled: false }, api_keys_encryption: { enabled: true } },
      secrets: { api_keys_encryption: { aes_key: 'abc' } },
    },
    'apiKeysEncryption',
    { enabled: true, mountPath: '/keys', aesKey: '' },
  ],
];

describe('importValues, section by section', () => {
  it.each(rows)('%s', (_name, user, section, expected, notes = []) => {
    const r = importValues(user);
    expect(r.answers[section]).toEqual(expected);
    expect(r.notes).toEqual(notes);
  });
});

describe('what import does not model is kept, and only that', () => {
  it('kept paths are exactly the leaves no section read', () => {
    const r = importValues({
      general: { name: 'acme', extra: { a: 1, b: {} } },
      other: [1],
      secrets: { redis: { password: 'r' } },
    });
    // A real 3.9.4 key the wizard does not model is "kept"; keys 3.9.4 does not have at all are listed apart (probable typos).
    expect(r.kept).toEqual([['secrets', 'redis', 'password']]);
    expect(r.unknown.map((u) => u.path)).toEqual([['general', 'extra'], ['other']]);
    expect(r.answers.passthrough).toEqual({
      general: { extra: { a: 1, b: {} } },
      other: [1],
      secrets: { redis: { password: 'r' } },
    });
    expect(r.answers.release).toEqual({ name: 'lightrun', namespace: 'lightrun' });
  });

  it('an empty file (null) is the chart defaults', () => {
    expect(importValues(null).answers.passthrough).toEqual({});
    expect(importValues(undefined).kept).toEqual([]);
  });

  it.each([[[1]], ['text'], [3]])('%j is refused: the top level must be a map', (v) => {
    expect(() => importValues(v)).toThrow(
      'The file is not a values file: its top level must be a map of keys (general:, secrets:, …).',
    );
  });
});
