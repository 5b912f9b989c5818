// One case per row of docs/chart-3.50.md §13.2, with the boundaries the table draws: each gives
// a 3.9.4 fragment (as `helm get values` returns it), what the 3.50 values must hold and must not,
// and the row the admin sees.
import { describe, expect, it } from 'vitest';
import { getPath, type Tree } from '../values/tree';
import { translateTo350, type Fate } from '.';
import { lostKeys } from './__fixtures__/nothing-lost';

const NG = 'nginx.ingress.kubernetes.io/';
const DENY_ALL = { [`${NG}denylist-source-range`]: '0.0.0.0/0,::/0' };
const OFF = { general: { router: { enabled: false } } };

interface Case {
  name: string;
  input: Tree;
  /** paths and the exact value each must have in the 3.50 values */
  has?: Record<string, unknown>;
  /** paths the 3.50 values must not hold */
  absent?: string[];
  row: Partial<Fate> & { id: string };
  /** words the row's tell must contain */
  tell?: string[];
  /** row ids that must not be said */
  notRows?: string[];
}

const at = (v: Tree, p: string) => getPath(v, p.split('.'));

const cases: Case[] = [
  {
    name: 'ingress-controller: one router Ingress, own annotations only, ACLs from the allow-lists',
    input: {
      general: { router: { enabled: false }, ingress_class_name: 'nginx' },
      ingress_clients: {
        annotations: {
          'example.com/team': 'lightrun',
          [`${NG}ssl-redirect`]: 'true', // the chart's legacy default
          [`${NG}proxy-buffer-size`]: '16k', // G11
          [`${NG}server-snippet`]: null,
        },
      },
      ingress_agents: { annotations: { [`${NG}backend-protocol`]: 'HTTPS' } }, // G11
      ingress_keycloak_admin: {
        annotations: { [`${NG}whitelist-source-range`]: '10.0.0.0/8, 192.168.0.0/16' },
      },
      ingress_metrics: { annotations: DENY_ALL },
    },
    has: {
      'general.router.ingress': {
        enabled: true,
        ingress_class_name: 'nginx',
        annotations: {
          [`${NG}proxy-read-timeout`]: '600',
          [`${NG}proxy-body-size`]: '50m',
          'example.com/team': 'lightrun',
        },
      },
      'general.router.service.type': 'ClusterIP',
      'general.router.acl.auth_admin': {
        allow_ips: ['10.0.0.0/8', '192.168.0.0/16'],
        deny_ips: ['all'],
      },
      'general.router.acl.metrics': { allow_ips: [], deny_ips: ['all'] },
    },
    absent: [
      'general.router.enabled',
      'general.ingress_class_name',
      'ingress_clients',
      'ingress_agents',
      'ingress_keycloak_admin',
      'ingress_metrics',
    ],
    row: { id: 'access-ingress-controller', fate: 'translated' },
    tell: ['<release>-router', '/auth/realms/master'],
  },
  {
    name: 'ingress-controller with another class: its own annotations are the admin’s to add',
    input: { ...OFF, general: { router: { enabled: false }, ingress_class_name: 'traefik' } },
    has: { 'general.router.ingress.ingress_class_name': 'traefik' },
    row: { id: 'access-ingress-controller' },
    tell: ['"traefik" is not ingress-nginx'],
  },
  {
    name: 'ingress-controller with the admin paths open: kept open, and said',
    input: OFF,
    has: { 'general.router.acl.auth_admin': { allow_ips: ['all'], deny_ips: ['all'] } },
    row: { id: 'access-ingress-controller' },
    tell: ['open to everyone'],
  },
  {
    name: 'load-balancer: the router behind a LoadBalancer, a new address',
    input: {
      general: {
        router: { enabled: false },
        ingress_controller: false,
        nginx_svc: { type: 'LoadBalancer', annotations: { 'lb.example/type': 'nlb' } },
      },
    },
    has: {
      'general.router.tls.enabled': true,
      'general.router.ingress.enabled': false,
      'general.router.service': {
        type: 'LoadBalancer',
        annotations: { 'lb.example/type': 'nlb' },
        ports: { https: 443, http: 80 },
      },
    },
    absent: ['general.nginx_svc', 'general.ingress_controller', 'general.router.enabled'],
    row: { id: 'access-load-balancer', fate: 'translated', step: 'plan-dns-change' },
    tell: ['DNS'],
  },
  {
    name: 'load-balancer is the 3.9.4 default type of the nginx Service',
    input: { general: { router: { enabled: false }, ingress_controller: false } },
    has: { 'general.router.service.type': 'LoadBalancer' },
    row: { id: 'access-load-balancer' },
  },
  {
    name: 'cluster-ip: the router on a ClusterIP, port-forward',
    input: {
      general: {
        router: { enabled: false },
        ingress_controller: false,
        nginx_svc: { type: 'ClusterIP' },
      },
    },
    has: {
      'general.router.service': { type: 'ClusterIP', ports: { https: 443, http: 80 } },
      'general.router.ingress.enabled': false,
      'general.router.tls.enabled': true,
    },
    row: { id: 'access-cluster-ip', fate: 'translated', step: undefined },
    tell: ['Port-forward', 'service/<release>-router 443:443'],
  },
  {
    name: 'router: the same keys without router.enabled',
    input: { general: { router: { enabled: true, tls: { enabled: true } } } },
    has: { 'general.router.tls.enabled': true },
    absent: ['general.router.enabled', 'general.router.ingress', 'general.router.service'],
    row: { id: 'access-router', fate: 'kept' },
  },
  {
    name: 'router without router.enabled written: no legacy row',
    input: { general: { router: { tls: { enabled: true } } } },
    has: { 'general.router.tls.enabled': true },
    row: { id: 'access-router', fate: 'kept' },
    notRows: ['legacy-exposure-unused'],
  },
  {
    name: 'router Ingress annotations: G11’s two dropped, the others kept',
    input: {
      general: {
        router: {
          enabled: true,
          ingress: {
            annotations: {
              [`${NG}proxy-buffer-size`]: '16k',
              [`${NG}backend-protocol`]: 'HTTPS',
              [`${NG}proxy-read-timeout`]: '900',
            },
          },
        },
      },
    },
    has: { 'general.router.ingress.annotations': { [`${NG}proxy-read-timeout`]: '900' } },
    row: {
      id: 'router-g11-annotations',
      fate: 'dropped',
      from: [
        `general.router.ingress.annotations.${NG}proxy-buffer-size`,
        `general.router.ingress.annotations.${NG}backend-protocol`,
      ],
    },
  },
  {
    name: 'router annotations of a release whose router was off join the router Ingress',
    input: {
      general: {
        router: { enabled: false, ingress: { annotations: { 'example.com/a': 'b' } } },
      },
    },
    has: {
      'general.router.ingress.annotations': {
        [`${NG}proxy-read-timeout`]: '600',
        [`${NG}proxy-body-size`]: '50m',
        'example.com/a': 'b',
      },
    },
    row: { id: 'access-ingress-controller' },
    notRows: ['router-g11-annotations'],
  },
  {
    name: 'router is the 3.9.4 default: legacy keys beside it are dropped',
    input: { general: { ingress_class_name: 'nginx' }, ingress_agents: { annotations: {} } },
    absent: ['general.ingress_class_name', 'ingress_agents', 'general.router'],
    row: {
      id: 'legacy-exposure-unused',
      fate: 'dropped',
      from: ['general.ingress_class_name', 'ingress_agents'],
    },
  },
  {
    name: 'openshift with the router off: the router Ingress, no class written',
    input: { general: { openshift: true, router: { enabled: false }, ingress_class_name: 'x' } },
    has: {
      'general.openshift': true,
      'general.router.ingress.enabled': true,
      'general.router.service.type': 'ClusterIP',
    },
    absent: ['general.router.ingress.ingress_class_name', 'general.ingress_class_name'],
    row: { id: 'access-openshift-no-router', fate: 'translated' },
    tell: ['Route'],
    notRows: ['access-ingress-controller'],
  },
  {
    name: 'openshift with the router on: the router row, nothing else',
    input: { general: { openshift: true, router: { enabled: true } } },
    has: { 'general.openshift': true },
    absent: ['general.router'],
    row: { id: 'access-router' },
    notRows: ['access-openshift-no-router'],
  },
  {
    name: 'standalone_nginx settings follow the nginx to the router',
    input: {
      general: { router: { enabled: false }, ingress_controller: false },
      deployments: {
        standalone_nginx: {
          replicas: 3,
          resources: { cpu: '200m' },
          image: { repository: 'nginx' },
        },
      },
    },
    has: { 'deployments.router.replicas': 3, 'deployments.router.resources': { cpu: '200m' } },
    absent: ['deployments.standalone_nginx', 'deployments.router.image'],
    row: { id: 'standalone-nginx', fate: 'translated' },
  },
  {
    name: 'standalone_nginx image and probes are dropped',
    input: {
      general: { router: { enabled: false }, ingress_controller: false },
      deployments: { standalone_nginx: { image: { repository: 'nginx' } } },
    },
    absent: ['deployments.standalone_nginx', 'deployments.router'],
    row: { id: 'standalone-nginx-unused', fate: 'dropped' },
  },
  {
    name: 'standalone_nginx did not run beside the router: nothing reaches the router',
    input: { deployments: { standalone_nginx: { replicas: 3 } } },
    absent: ['deployments.standalone_nginx', 'deployments.router'],
    row: { id: 'standalone-nginx-unused', fate: 'dropped' },
    notRows: ['standalone-nginx'],
  },
  {
    name: 'MQ absent (3.9.4 default off): written off explicitly',
    input: {},
    has: { 'general.mq.enabled': false },
    row: { id: 'mq-off', fate: 'translated' },
  },
  {
    name: 'MQ written off and nothing else: kept as it is',
    input: { general: { mq: { enabled: false } } },
    has: { 'general.mq': { enabled: false } },
    row: { id: 'mq-off', fate: 'kept' },
  },
  {
    name: 'MQ off with storage keys: off, storage keys gone',
    input: { general: { mq: { enabled: false, storage: '10Gi', pvc_name: 'q' } } },
    has: { 'general.mq': { enabled: false } },
    row: { id: 'mq-off', fate: 'translated' },
  },
  {
    name: 'MQ local on a 10Gi claim: emptyDir of that size, the StatefulSet and claim go first',
    input: {
      general: {
        mq: {
          enabled: true,
          storage: '10Gi',
          storageClassName: 'gp3',
          persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
        },
      },
    },
    has: {
      'general.mq': { enabled: true, local: true },
      'deployments.rabbitmq.emptyDir.sizeLimit': '10Gi',
    },
    row: {
      id: 'mq-local-persistent',
      fate: 'translated',
      step: 'delete-mq-statefulset-and-pvc',
      oneWay: true,
    },
    tell: ['<release>-mq-data-<release>-mq-0'],
  },
  {
    name: 'MQ enabled: "false" (a string) ran RabbitMQ in 3.9.4 (G2): on, on a 10Gi claim',
    input: { general: { mq: { enabled: 'false' } } },
    has: {
      'general.mq': { enabled: true, local: true },
      'deployments.rabbitmq.emptyDir.sizeLimit': '10Gi',
    },
    row: { id: 'mq-local-persistent', step: 'delete-mq-statefulset-and-pvc' },
    notRows: ['mq-off'],
  },
  {
    name: 'MQ local with pvc_name: the claim to delete carries that name',
    input: { general: { mq: { enabled: true, storage: '2Gi', pvc_name: 'queue' } } },
    has: { 'deployments.rabbitmq.emptyDir.sizeLimit': '2Gi' },
    absent: ['general.mq.pvc_name', 'general.mq.storage'],
    row: { id: 'mq-local-persistent' },
    tell: ['queue-<release>-mq-0'],
  },
  {
    name: 'MQ local with storage "0": ephemeral already, no step',
    input: { general: { mq: { enabled: true, storage: '0' } } },
    has: { 'general.mq': { enabled: true, local: true } },
    absent: ['deployments.rabbitmq'],
    row: { id: 'mq-local-ephemeral', fate: 'translated', step: undefined },
    notRows: ['mq-local-persistent'],
  },
  {
    name: 'MQ external: the same keys',
    input: {
      general: { mq: { enabled: true, local: false, mq_endpoint: 'mq.corp', port: '5671' } },
    },
    has: {
      'general.mq': { enabled: true, local: false, mq_endpoint: 'mq.corp', port: '5671' },
    },
    absent: ['deployments.rabbitmq'],
    row: { id: 'mq-external', fate: 'kept' },
    tell: ['Keycloak'],
  },
  {
    name: 'queue_name with the mixpanel-events prefix: first of queue_names',
    input: { general: { mq: { queue_name: 'mixpanel-events-acme' } } },
    has: { 'general.mq.queue_names': ['mixpanel-events-acme', 'keycloak-events'] },
    absent: ['general.mq.queue_name'],
    row: { id: 'mq-queue-name', fate: 'translated' },
  },
  {
    name: 'queue_name prefix compared without case, as F3 does',
    input: { general: { mq: { queue_name: 'Mixpanel-Events' } } },
    has: { 'general.mq.queue_names': ['Mixpanel-Events', 'keycloak-events'] },
    row: { id: 'mq-queue-name', fate: 'translated' },
  },
  {
    name: 'queue_name without the prefix: dropped, the defaults name the queues',
    input: { general: { mq: { queue_name: 'events' } } },
    absent: ['general.mq.queue_name', 'general.mq.queue_names'],
    row: { id: 'mq-queue-name', fate: 'dropped' },
    tell: ['"events"', 'mixpanel-events'],
  },
  {
    name: 'queue policy pattern of 3.9.4: dropped for the 3.50 default',
    input: {
      general: { mq: { policy: { queue_regex_pattern: '^mixpanel-events.*', max_length: 5 } } },
    },
    has: { 'general.mq.policy': { max_length: 5 } },
    row: { id: 'mq-queue-regex', fate: 'dropped' },
  },
  {
    name: 'an own queue policy pattern: kept, with a warning',
    input: { general: { mq: { policy: { queue_regex_pattern: '^acme.*' } } } },
    has: { 'general.mq.policy.queue_regex_pattern': '^acme.*' },
    row: { id: 'mq-queue-regex', fate: 'kept' },
    tell: ['keycloak-events'],
  },
  {
    name: 'AES key: no equivalent, never reused as the encryption key',
    input: {
      general: {
        api_keys_encryption: { enabled: true, key_mount_path: '/keys' },
        deploy_secrets: { existing_secrets: { api_keys_encryption: 'aes' } },
      },
      secrets: { api_keys_encryption: { aes_key: '00112233445566778899aabbccddeeff' } },
    },
    absent: [
      'general.api_keys_encryption',
      'secrets.api_keys_encryption',
      'general.deploy_secrets',
      'secrets.keysEncryption.userEncryptionKey',
    ],
    row: { id: 'aes-key', fate: 'dropped', step: 'backup-aes-key', oneWay: true },
    tell: ['<release>-aes', 'do not reuse'],
  },
  {
    name: 'AES settings present but off: dropped without a step',
    input: { general: { api_keys_encryption: { enabled: false } } },
    absent: ['general.api_keys_encryption'],
    row: { id: 'aes-key', fate: 'dropped', step: undefined },
  },
  {
    name: 'encryption key: left to the chart, rotateKey false, back it up',
    input: {},
    has: { 'secrets.keysEncryption': { rotateKey: false } },
    row: { id: 'encryption-key', step: 'backup-encryption-key', oneWay: true },
  },
  {
    name: 'Secrets outside the chart: MQ keys and encryption-key-0 go in the external Secret',
    input: { general: { deploy_secrets: { enabled: false, existing_secrets: { backend: 'be' } } } },
    has: { 'general.deploy_secrets': { enabled: false, existing_secrets: { backend: 'be' } } },
    row: { id: 'encryption-key', step: 'add-keys-to-external-secret' },
    tell: ['SPRING_RABBITMQ_USERNAME', 'encryption-key-0'],
  },
  {
    name: 'a bare deploy_secrets: true becomes {enabled: true}',
    input: { general: { deploy_secrets: true } },
    has: { 'general.deploy_secrets': { enabled: true } },
    row: { id: 'deploy-secrets-bare', fate: 'translated' },
  },
  {
    name: 'a bare deploy_secrets: false becomes {enabled: false}, Secrets outside',
    input: { general: { deploy_secrets: false } },
    has: { 'general.deploy_secrets': { enabled: false } },
    row: { id: 'encryption-key', step: 'add-keys-to-external-secret' },
  },
  {
    name: 'internal TLS from existing certificates: the artifacts certificate to add',
    input: {
      general: {
        internal_tls: { enabled: true, certificates: { source: 'existing_certificates' } },
      },
    },
    has: { 'general.internal_tls.enabled': true },
    row: { id: 'internal-tls-existing', fate: 'kept', step: 'add-artifacts-certificate' },
    tell: ['existing_certificates.artifacts'],
  },
  {
    name: 'internal TLS self-signed: the certificates are made before the upgrade',
    input: {
      general: {
        internal_tls: {
          enabled: true,
          certificates: { source: 'generate_self_signed_certificates', verification: false },
        },
      },
    },
    row: { id: 'internal-tls-self-signed', step: 'precreate-internal-tls' },
    tell: ['--show-only templates/internal-tls-certs.yaml'],
  },
  {
    name: 'local database on the default image: to 8.4, one way',
    input: {},
    absent: ['deployments.mysql'],
    row: { id: 'database-local', fate: 'kept', step: 'backup-database', oneWay: true },
    tell: ['8.4.10', 'keeps its claim', 'back up'],
  },
  {
    name: 'local database without a StatefulSet: its emptyDir data goes with the restart',
    input: { general: { statefulset: { enabled: false } } },
    has: { 'general.statefulset.enabled': false },
    row: { id: 'database-local', step: 'backup-database', oneWay: true },
    tell: ['emptyDir', 'dump the database'],
  },
  {
    name: 'local database pinned to 8.0.38: the pin goes',
    input: { deployments: { mysql: { image: { repository: 'mirror/mysql', tag: '8.0.38' } } } },
    has: { 'deployments.mysql.image': { repository: 'mirror/mysql' } },
    row: { id: 'database-local', fate: 'dropped', oneWay: true },
  },
  {
    name: 'local database pinned to another tag: kept, and said',
    input: { deployments: { mysql: { image: { tag: '8.4.9' } } } },
    has: { 'deployments.mysql.image.tag': '8.4.9' },
    row: { id: 'database-local', fate: 'kept' },
    tell: ['8.4.9'],
  },
  {
    name: 'external database: the same keys, MySQL 8.4.3 first',
    input: { general: { db_local: false, db_endpoint: 'db.corp' } },
    has: { 'general.db_local': false, 'general.db_endpoint': 'db.corp' },
    row: { id: 'database-external', fate: 'kept', step: 'upgrade-external-mysql' },
    tell: ['8.4.3'],
    notRows: ['database-local'],
  },
  {
    name: 'backend memory not written: 7Gi kept',
    input: {},
    has: { 'deployments.backend.resources.memory': '7Gi' },
    row: { id: 'backend-memory', fate: 'translated' },
  },
  {
    name: 'backend extraEnvs with _JAVA_OPTIONS: crons gets its own',
    input: {
      deployments: { backend: { extraEnvs: [{ name: '_JAVA_OPTIONS', value: '-Xmx6g' }] } },
    },
    has: {
      'deployments.backend.extraEnvs': [{ name: '_JAVA_OPTIONS', value: '-Xmx6g' }],
      'deployments.crons.extraEnvs': [{ name: '_JAVA_OPTIONS', value: '-Xmx1536m -Xms512m' }],
    },
    row: { id: 'java-options', fate: 'translated' },
  },
  {
    name: 'general.nodeSelector: kept, MySQL and RabbitMQ not moved',
    input: { general: { nodeSelector: { pool: 'lr' } } },
    has: { 'general.nodeSelector': { pool: 'lr' } },
    absent: ['deployments.mysql', 'deployments.rabbitmq'],
    row: { id: 'node-selector', fate: 'kept' },
  },
  {
    name: 'hubspot_token: dropped',
    input: { secrets: { defaults: { hubspot_token: 'hs', mixpanel_token: 'mp' } } },
    has: { 'secrets.defaults': { mixpanel_token: 'mp' } },
    row: { id: 'hubspot-token', fate: 'dropped' },
  },
  {
    name: 'image tags: the five 1.91 tags, 3.9.4 infrastructure pins removed',
    input: {
      deployments: {
        backend: {
          image: { tag: '1.50.1-release.ef66f0e08e' },
          initContainers: { p12_creator: { image: { tag: 'latest' } } },
        },
        keycloak: { initContainers: { cluster_cert: { image: { tag: '0.2.0' } } } },
        router: { image: { tag: 'alpine-3.20.0-r1' } },
        redis: { image: { tag: 'alpine-7.2.5-r1', repository: 'lightruncom/redis' } },
        rabbitmq: { image: { tag: '3.12.12-alpine' } },
        data_streamer: { image: { tag: 'rpk-4.37.0' } },
      },
    },
    has: Object.fromEntries([
      ...['backend', 'frontend', 'keycloak', 'crons', 'artifacts'].map((c) => [
        `deployments.${c}.image.tag`,
        '1.91.0-release.943266f167',
      ]),
      ['deployments.keycloak.initContainers.cluster_cert.image.tag', '0.2.0'],
      ['deployments.redis.image', { repository: 'lightruncom/redis' }],
    ]),
    absent: [
      'deployments.backend.initContainers',
      'deployments.router',
      'deployments.rabbitmq',
      'deployments.data_streamer',
      'deployments.crons.image.repository',
    ],
    row: { id: 'image-tags', fate: 'translated', step: undefined },
  },
  {
    name: 'image tags from a private registry: crons follows the backend, mirror first',
    input: { deployments: { backend: { image: { repository: 'reg.corp/lightrun/server' } } } },
    has: { 'deployments.crons.image.repository': 'reg.corp/lightrun/server' },
    row: { id: 'image-tags', step: 'mirror-images' },
    tell: ['deployments.artifacts.image.repository'],
  },
  {
    name: 'asyncProfiler version and architecture: a download URL',
    input: {
      deployments: { backend: { asyncProfiler: { version: 'v2.9', architecture: 'arm64' } } },
    },
    has: {
      'deployments.backend.asyncProfiler.downloadUrl':
        'https://github.com/async-profiler/async-profiler/releases/download/v2.9/async-profiler-2.9-linux-arm64.tar.gz',
    },
    absent: [
      'deployments.backend.asyncProfiler.version',
      'deployments.backend.asyncProfiler.architecture',
    ],
    row: { id: 'async-profiler', fate: 'translated' },
  },
  {
    name: 'Keycloak rollout_strategy: dropped (a StatefulSet now)',
    input: { deployments: { keycloak: { rollout_strategy: 'Recreate', replicas: 2 } } },
    has: { 'deployments.keycloak.replicas': 2 },
    absent: ['deployments.keycloak.rollout_strategy'],
    row: { id: 'keycloak-rollout-strategy', fate: 'dropped' },
  },
  {
    name: 'release name and namespace: the same, nameOverride empty',
    input: {},
    absent: ['general.nameOverride'],
    row: { id: 'release-name', fate: 'kept' },
    tell: ['nameOverride'],
  },
];

describe('translateTo350: the rows of docs/chart-3.50.md §13.2', () => {
  it.each(cases)('$name', (c) => {
    const result = translateTo350(c.input);
    const { values, rows } = result;
    expect(lostKeys(c.input, result), 'keys lost without a row').toEqual([]);
    for (const [p, v] of Object.entries(c.has ?? {})) expect(at(values, p), p).toEqual(v);
    for (const p of c.absent ?? []) expect(at(values, p), p).toBeUndefined();
    const row = rows.find((r) => r.id === c.row.id);
    expect(row, `row ${c.row.id} in ${rows.map((r) => r.id).join(', ')}`).toBeDefined();
    for (const [k, v] of Object.entries(c.row)) expect(row![k as keyof Fate], k).toEqual(v);
    for (const w of c.tell ?? []) expect(row!.tell).toContain(w);
    for (const id of c.notRows ?? []) expect(rows.map((r) => r.id)).not.toContain(id);
  });

  it('every row the translation can say has a case above', () => {
    const said = new Set(cases.flatMap((c) => translateTo350(c.input).rows.map((r) => r.id)));
    expect([...said].sort()).toEqual([...new Set(cases.map((c) => c.row.id))].sort());
  });
});
