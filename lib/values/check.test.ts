// One refusal per rule of docs/chart-3.9.4.md (§N and GN below are its sections), on a clean file
// (the quick-default example) with one change; the exact finding paths are compared, so a rule that
// fires too often or not at all turns red.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkValues } from './check';
import { parseValuesYaml } from './to-yaml';
import { toBase64 } from './base64';

const read = (p: string) => parseValuesYaml(readFileSync(new URL(p, import.meta.url), 'utf8'));
const CLEAN = read('../../examples/quick-default/values.yaml');
const paths = (...over: unknown[]) => checkValues([CLEAN, ...over]).map((f) => f.path);

describe('checkValues', () => {
  it('passes a clean file', () => expect(paths()).toEqual([]));

  it('reports on the vendor default values.yaml exactly the traps docs/chart-3.9.4.md lists (§16)', () => {
    expect(
      checkValues([read('../../../shared/reference/lightrun-chart-3.9.4-values.yaml')]).map(
        (f) => f.path,
      ),
    ).toEqual([
      'deployments.backend.image.tag',
      'deployments.frontend.image.tag',
      'deployments.keycloak.image.tag',
      'secrets.license.content',
      'secrets.license.signature',
      'secrets.keycloak.password',
      'secrets.db.user',
      'secrets.db.password',
      'secrets.defaults.keystore_password',
      'secrets.defaults.dockerhub_config',
      'certificate.tls.crt',
      'certificate.tls.key',
    ]);
  });

  const SELF_SIGNED = {
    enabled: true,
    certificates: { source: 'generate_self_signed_certificates', verification: false },
  };
  it.each([
    ['G2 a quoted "false"', { general: { db_local: 'false' } }, ['general.db_local']],
    ['G2 a real false passes', { general: { db_local: false, db_endpoint: 'db.corp' } }, []],
    [
      'G3 an empty image tag',
      { deployments: { frontend: { image: { tag: '' } } } },
      ['deployments.frontend.image.tag'],
    ],
    [
      '§1 endpoint with a scheme',
      { general: { lightrun_endpoint: 'https://x.example.com' } },
      ['general.lightrun_endpoint'],
    ],
    [
      '§1 endpoint in uppercase',
      { general: { lightrun_endpoint: 'X.example.com' } },
      ['general.lightrun_endpoint'],
    ],
    ['G6 name read as a boolean', { general: { name: true } }, ['general.name']],
    ['G6 db_database read as a number', { general: { db_database: 83 } }, ['general.db_database']],
    [
      'G6 StorageClass read as a boolean',
      { general: { statefulset: { storageClassName: true } } },
      ['general.statefulset.storageClassName'],
    ],
    [
      '§2 pull secret not base64 JSON',
      {
        secrets: { defaults: { dockerhub_config: { existingSecret: '', configContent: 'nope' } } },
      },
      ['secrets.defaults.dockerhub_config.configContent'],
    ],
    [
      '§2 pull secret base64 JSON passes',
      {
        secrets: {
          defaults: {
            dockerhub_config: { existingSecret: '', configContent: toBase64('{"auths":{}}') },
          },
        },
      },
      [],
    ],
    ['§3 empty license', { secrets: { license: { content: '' } } }, ['secrets.license.content']],
    [
      '§4 raw PEM instead of base64',
      {
        certificate: {
          tls: { crt: '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----' },
        },
      },
      ['certificate.tls.crt'],
    ],
    [
      '§4 base64 of a key in the crt field',
      {
        certificate: {
          tls: { crt: toBase64('-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n') },
        },
      },
      ['certificate.tls.crt'],
    ],
    [
      '§4 an existing certificate needs no tls.*',
      { certificate: { existing_cert: 'corp-tls', tls: { crt: '', key: '' } } },
      [],
    ],
    [
      '§5 encryption without a key',
      { general: { api_keys_encryption: { enabled: true } } },
      ['secrets.api_keys_encryption.aes_key'],
    ],
    [
      '§5 a 31-character key',
      {
        general: { api_keys_encryption: { enabled: true } },
        secrets: { api_keys_encryption: { aes_key: 'a'.repeat(31) } },
      },
      ['secrets.api_keys_encryption.aes_key'],
    ],
    [
      '§5 a 32-character key passes',
      {
        general: { api_keys_encryption: { enabled: true } },
        secrets: { api_keys_encryption: { aes_key: 'a'.repeat(32) } },
      },
      [],
    ],
    [
      '§6 db_endpoint with a port',
      { general: { db_local: false, db_endpoint: 'db.corp:3306' } },
      ['general.db_endpoint'],
    ],
    ['§6 root with a local database', { secrets: { db: { user: 'root' } } }, ['secrets.db.user']],
    [
      '§6 retention policy without the StatefulSet',
      {
        general: {
          statefulset: {
            enabled: false,
            persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
          },
        },
      },
      ['general.statefulset.persistentVolumeClaimRetentionPolicy'],
    ],
    [
      '§7 MQ without credentials',
      { general: { mq: { enabled: true } } },
      ['secrets.mq.user', 'secrets.mq.password'],
    ],
    [
      '§7 MQ user with a space',
      { general: { mq: { enabled: true } }, secrets: { mq: { user: 'a b', password: 'p' } } },
      ['secrets.mq.user'],
    ],
    [
      '§7 MQ port not digits',
      {
        general: { mq: { enabled: true, port: '56x2' } },
        secrets: { mq: { user: 'u', password: 'p' } },
      },
      ['general.mq.port'],
    ],
    [
      '§7 RabbitMQ memory 1.5Gi',
      {
        general: { mq: { enabled: true } },
        secrets: { mq: { user: 'u', password: 'p' } },
        deployments: { rabbitmq: { resources: { memory: '1.5Gi' } } },
      },
      ['deployments.rabbitmq.resources.memory'],
    ],
    [
      '§8 router Ingress without its Service',
      { general: { router: { enabled: true, service: { enabled: false } } } },
      ['general.router.ingress.enabled'],
    ],
    [
      '§8 host ports without TLS',
      { general: { router: { enabled: true, host_port: { enabled: true } } } },
      ['general.router.host_port.enabled'],
    ],
    [
      '§8 LoadBalancer router without TLS',
      {
        general: {
          router: { enabled: true, ingress: { enabled: false }, service: { type: 'LoadBalancer' } },
        },
      },
      ['general.router.tls.enabled'],
    ],
    [
      '§8 NodePort nginx (import corrects it; check reports it)',
      { general: { ingress_controller: false, nginx_svc: { type: 'NodePort' } } },
      ['general.nginx_svc.type'],
    ],
    [
      '§8/§10 internal TLS with the chart nginx',
      { general: { ingress_controller: false, internal_tls: SELF_SIGNED } },
      ['general.internal_tls.enabled'],
    ],
    [
      '§9 policy with no direction',
      { general: { networkPolicy: { enabled: true } } },
      ['general.networkPolicy.enabled'],
    ],
    [
      '§9 ingress with no peer',
      { general: { networkPolicy: { enabled: true, ingress: { enabled: true } } } },
      ['general.networkPolicy.ingress'],
    ],
    [
      '§9 ingress with a namespace passes',
      {
        general: {
          networkPolicy: {
            enabled: true,
            ingress: { enabled: true, namespacesSelector: ['ingress-nginx'] },
          },
        },
      },
      [],
    ],
    [
      '§9 ipBlock.except',
      {
        general: {
          networkPolicy: {
            enabled: true,
            egress: { enabled: true, ipBlock: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }] },
          },
        },
      },
      ['general.networkPolicy.egress.ipBlock.0.except'],
    ],
    [
      '§9 a namespace read as a boolean',
      {
        general: {
          networkPolicy: { enabled: true, ingress: { enabled: true, namespacesSelector: [true] } },
        },
      },
      ['general.networkPolicy.ingress.namespacesSelector.0'],
    ],
    [
      '§10 self-signed with verification (import corrects it; check reports it)',
      {
        general: {
          internal_tls: {
            ...SELF_SIGNED,
            certificates: { ...SELF_SIGNED.certificates, verification: true },
          },
        },
      },
      ['general.internal_tls.certificates.verification'],
    ],
    ['§10 self-signed passes', { general: { internal_tls: SELF_SIGNED } }, []],
    [
      '§10 an unknown source',
      { general: { internal_tls: { enabled: true, certificates: { source: 'vault' } } } },
      ['general.internal_tls.certificates.source'],
    ],
    [
      '§10 existing certificates left empty',
      { general: { internal_tls: { enabled: true } } },
      ['frontend', 'keycloak', 'redis', 'keycloak_cluster'].map(
        (k) => `general.internal_tls.certificates.existing_certificates.${k}`,
      ),
    ],
    [
      '§11 JVM memory 7.5Gi',
      { deployments: { backend: { resources: { memory: '7.5Gi' } } } },
      ['deployments.backend.resources.memory'],
    ],
    [
      '§11 JVM memory 8192M',
      { deployments: { keycloak: { resources: { memory: '8192M' } } } },
      ['deployments.keycloak.resources.memory'],
    ],
    [
      '§11 HPA max below replicas',
      { deployments: { backend: { replicas: 3, hpa: { enabled: true, maxReplicas: 2 } } } },
      ['deployments.backend.hpa.maxReplicas'],
    ],
    [
      '§11 HPA max equal to replicas passes',
      { deployments: { backend: { replicas: 3, hpa: { enabled: true, maxReplicas: 3 } } } },
      [],
    ],
    [
      '§11 two Keycloaks without cluster mode',
      { deployments: { keycloak: { replicas: 2, clusterMode: false } } },
      ['deployments.keycloak.clusterMode'],
    ],
    [
      '§13 keystore password of 5 characters',
      { secrets: { defaults: { keystore_password: 'abcde' } } },
      ['secrets.defaults.keystore_password'],
    ],
    [
      '§13 keystore password of 6 characters passes',
      { secrets: { defaults: { keystore_password: 'abcdef' } } },
      [],
    ],
    [
      '§13 secrets outside the chart need none of them',
      {
        general: { deploy_secrets: { enabled: false } },
        secrets: { license: { content: '' } },
        certificate: { tls: { crt: '' } },
      },
      [],
    ],
    ['a key 3.9.4 does not have', { general: { db_loacl: false } }, ['general.db_loacl']],
  ])('%s', (_n, over, expected) => expect(paths(over)).toEqual(expected));

  it('merges files like helm -f a -f b (the later file wins)', () => {
    expect(
      paths({ secrets: { license: { content: '' } } }, { secrets: { license: { content: 'x' } } }),
    ).toEqual([]);
  });
});
