// Every rule of lib/values/check.ts, message for message; §N and GN below are sections of
// docs/chart-3.9.4.md.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CertificateIssue } from '../answers/certificate-check';
import { toBase64 } from './base64';
import { checkValues, type Finding } from './check';
import { truthy } from './check-rules';
import { parseValuesYaml } from './to-yaml';

// Every rule of `checkValues` (the `cli check` command and the import screen) with its failing
// example, its boundary and its passing side, on the clean quick-default file with one change.
// The whole list of findings is compared, messages included: the message is what the admin reads.

const CLEAN = parseValuesYaml(
  readFileSync(new URL('../../examples/quick-default/values.yaml', import.meta.url), 'utf8'),
);
type Row = [name: string, over: unknown, expected: Finding[]];
const f = (path: string, message: string): Finding => ({ path, message });

const notBoolean = (shown: string, reads: boolean) =>
  `${shown} is not a boolean: the chart reads it as ${reads} (a quoted "false" is true). Write ${reads} or ${!reads} without quotes.`;
const EMPTY_TAG =
  'Empty image tag: the image renders as "lightruncom/…:" and the pod never starts. Set the Lightrun version (chart 3.9.4 pairs with 1.50.1-release.ef66f0e08e).';
const BARE_HOST = 'Give the bare host name: no scheme, port or path.';
const unquotedText = (shown: string) =>
  `${shown} is written unquoted by the chart and does not stay text (docs/chart-3.9.4.md G6): use a name starting with a letter.`;
const notAName = (shown: string) =>
  `${shown} does not stay a name once rendered (docs/chart-3.9.4.md G6): Kubernetes refuses it. Use another name.`;
const KEYSTORE =
  'Use at least 6 characters of letters, digits, ".", "_" or "-": the chart passes it unquoted to keytool.';
const AES_HEX = 'Use exactly 32 hexadecimal characters (openssl rand -hex 16).';
const MQ_REQUIRED = 'Required with the message queue on: the broker has no usable user otherwise.';
const MQ_SHELL = 'Use letters, digits, ".", "_" or "-": the chart passes it unquoted to a shell.';
const MQ_MEMORY =
  'Use a whole number and a unit (e.g. 1Gi): anything else leaves rabbitmq.conf with an empty memory line.';
const LB_NO_TLS =
  'A LoadBalancer router without TLS carries plain HTTP while the server advertises https on 443: turn router TLS on.';
const NO_PEER_IN =
  'No peer at all: the policy denies all ingress to every pod of the namespace. Add the namespaces or CIDRs that must connect.';
const NO_PEER_OUT =
  'No peer at all: the policy denies all egress to every pod of the namespace, DNS included. Add the namespaces or CIDRs that must connect.';
const TLS_SECRET = 'Empty: renders secretName: null, which the API refuses. Name the TLS Secret.';
const jvm = (m: string) =>
  `"${m}": the chart computes the Java heap only from a whole number of Gi or Mi (7.5Gi gives -Xmx0m, 7G gives -Xmxm).`;

const mq = (general: object = {}, secrets: object = { user: 'u', password: 'p' }) => ({
  general: { mq: { enabled: true, ...general } },
  secrets: { mq: secrets },
});
const policy = (p: object) => ({ general: { networkPolicy: { enabled: true, ...p } } });
const tlsExisting = (certs: object, extra: object = {}) => ({
  general: {
    ingress_controller: true,
    internal_tls: {
      enabled: true,
      certificates: { source: 'existing_certificates', existing_certificates: certs },
    },
  },
  ...extra,
});
const ALL_TLS = {
  frontend: 'f',
  keycloak: 'k',
  redis: 'r',
  keycloak_cluster: 'kc',
  rabbitmq: 'mq',
};
const hpa = (c: string, replicas: unknown, maxReplicas: unknown, enabled = true) => ({
  deployments: { [c]: { replicas, hpa: { enabled, maxReplicas } } },
});

const rows: Row[] = [
  // G2: booleans as the chart reads them
  [
    'a quoted "false"',
    { general: { openshift: 'false' } },
    [f('general.openshift', notBoolean('"false"', true))],
  ],
  [
    'an empty string',
    { general: { openshift: '' } },
    [f('general.openshift', notBoolean('""', false))],
  ],
  [
    'the number 0',
    { serviceAccount: { create: 0 } },
    [f('serviceAccount.create', notBoolean('0', false))],
  ],
  [
    'the number 1',
    { serviceAccount: { create: 1 } },
    [f('serviceAccount.create', notBoolean('1', true))],
  ],
  [
    'an empty map',
    { general: { readOnlyRootFilesystem: {} } },
    [f('general.readOnlyRootFilesystem', notBoolean('{}', false))],
  ],
  [
    'a map with a key',
    { general: { readOnlyRootFilesystem: { a: 1 } } },
    [f('general.readOnlyRootFilesystem', notBoolean('{"a":1}', true))],
  ],
  [
    'an empty list',
    { deployments: { backend: { useJsonLogFormat: [] } } },
    [f('deployments.backend.useJsonLogFormat', notBoolean('[]', false))],
  ],
  [
    'a list with an item',
    { deployments: { backend: { useJsonLogFormat: [0] } } },
    [f('deployments.backend.useJsonLogFormat', notBoolean('[0]', true))],
  ],
  ['null (Helm drops the key: the default applies)', { general: { openshift: null } }, []],
  ['a real true', { general: { openshift: true } }, []],
  [
    'a map where the chart has a text',
    { general: { name: { x: 'false' } } },
    [f('general.name', unquotedText('{"x":"false"}'))],
  ],
  // G3, §1, G6: images, endpoint, unquoted text
  [
    'an empty backend tag',
    { deployments: { backend: { image: { tag: '' } } } },
    [f('deployments.backend.image.tag', EMPTY_TAG)],
  ],
  [
    'a null frontend tag',
    { deployments: { frontend: { image: { tag: null } } } },
    [f('deployments.frontend.image.tag', EMPTY_TAG)],
  ],
  [
    'an empty keycloak tag',
    { deployments: { keycloak: { image: { tag: '' } } } },
    [f('deployments.keycloak.image.tag', EMPTY_TAG)],
  ],
  ['a numeric tag is a tag', { deployments: { keycloak: { image: { tag: 0 } } } }, []],
  [
    'a backend image set to null (no tag under it)',
    { deployments: { backend: { image: null } } },
    [f('deployments.backend.image.tag', EMPTY_TAG)],
  ],
  [
    'an empty endpoint',
    { general: { lightrun_endpoint: '' } },
    [
      f(
        'general.lightrun_endpoint',
        'Required: the host name users reach on port 443 (an empty one renders host: null).',
      ),
    ],
  ],
  [
    'a null endpoint',
    { general: { lightrun_endpoint: null } },
    [
      f(
        'general.lightrun_endpoint',
        'Required: the host name users reach on port 443 (an empty one renders host: null).',
      ),
    ],
  ],
  [
    'an endpoint with a scheme',
    { general: { lightrun_endpoint: 'https://x.example.com' } },
    [f('general.lightrun_endpoint', BARE_HOST)],
  ],
  [
    'an endpoint with a port',
    { general: { lightrun_endpoint: 'x.example.com:443' } },
    [f('general.lightrun_endpoint', BARE_HOST)],
  ],
  [
    'an endpoint with a path',
    { general: { lightrun_endpoint: 'x.example.com/lightrun' } },
    [f('general.lightrun_endpoint', BARE_HOST)],
  ],
  [
    'an endpoint in uppercase',
    { general: { lightrun_endpoint: 'X.Example.com' } },
    [f('general.lightrun_endpoint', 'Use lowercase: Ingress hosts must be lowercase DNS names.')],
  ],
  [
    'an endpoint with digits and dashes',
    { general: { lightrun_endpoint: 'lr-1.example.com' } },
    [],
  ],
  [
    'a name read as a boolean',
    { general: { name: true } },
    [f('general.name', unquotedText('true'))],
  ],
  [
    'a name that reads as a number',
    { general: { name: '0123' } },
    [f('general.name', unquotedText('"0123"'))],
  ],
  ['a null name', { general: { name: null } }, [f('general.name', unquotedText('null'))]],
  [
    'a database name read as a number',
    { general: { db_database: 83 } },
    [f('general.db_database', unquotedText('83'))],
  ],
  [
    'a database name "yes"',
    { general: { db_database: 'yes' } },
    [f('general.db_database', unquotedText('"yes"'))],
  ],
  ['a database name starting with a letter', { general: { db_database: 'lr83' } }, []],
  [
    'a StorageClass read as a boolean',
    { general: { statefulset: { storageClassName: true } } },
    [f('general.statefulset.storageClassName', notAName('true'))],
  ],
  [
    'an MQ StorageClass "on"',
    { general: { mq: { storageClassName: 'on' } } },
    [f('general.mq.storageClassName', notAName('"on"'))],
  ],
  [
    'an IngressClass read as a number',
    { general: { ingress_class_name: 123 } },
    [f('general.ingress_class_name', notAName('123'))],
  ],
  [
    'a router IngressClass "null"',
    { general: { router: { ingress: { ingress_class_name: 'null' } } } },
    [f('general.router.ingress.ingress_class_name', notAName('"null"'))],
  ],
  [
    'an existing certificate Secret "0123"',
    { certificate: { existing_cert: '0123' } },
    [f('certificate.existing_cert', notAName('"0123"'))],
  ],
  [
    'a null StorageClass (the cluster default)',
    { general: { statefulset: { storageClassName: null } } },
    [],
  ],
  ['a StorageClass "fast-ssd"', { general: { statefulset: { storageClassName: 'fast-ssd' } } }, []],
  // §2–§5, §13: the Secrets the chart creates
  [
    'no license content',
    { secrets: { license: { content: '' } } },
    [f('secrets.license.content', 'Empty: the server needs the license content.')],
  ],
  [
    'no license signature',
    { secrets: { license: { signature: null } } },
    [f('secrets.license.signature', 'Empty: the server needs the license signature.')],
  ],
  [
    'no Keycloak password',
    { secrets: { keycloak: { password: '' } } },
    [f('secrets.keycloak.password', 'Empty: the server needs the Keycloak admin password.')],
  ],
  [
    'no database user',
    { secrets: { db: { user: '' } } },
    [f('secrets.db.user', 'Empty: the server needs the database user.')],
  ],
  [
    'no database password',
    { secrets: { db: { password: '' } } },
    [f('secrets.db.password', 'Empty: the server needs the database password.')],
  ],
  [
    'no keystore password',
    { secrets: { defaults: { keystore_password: '' } } },
    [f('secrets.defaults.keystore_password', 'Empty: the server needs the keystore password.')],
  ],
  [
    'secrets outside the chart (enabled: false)',
    {
      general: { deploy_secrets: { enabled: false } },
      secrets: { license: { content: '' }, db: { user: 'root' } },
      certificate: { tls: { crt: '' } },
    },
    [],
  ],
  [
    'secrets outside the chart, written as a scalar false',
    { general: { deploy_secrets: false }, secrets: { license: { content: '' } } },
    [],
  ],
  [
    'secrets in the chart, written as a scalar true',
    { general: { deploy_secrets: true }, secrets: { license: { content: '' } } },
    [f('secrets.license.content', 'Empty: the server needs the license content.')],
  ],
  [
    'a keystore password of 5 characters',
    { secrets: { defaults: { keystore_password: 'abcde' } } },
    [f('secrets.defaults.keystore_password', KEYSTORE)],
  ],
  [
    'a keystore password of 6 characters',
    { secrets: { defaults: { keystore_password: 'abcdef' } } },
    [],
  ],
  [
    'a keystore password with a space',
    { secrets: { defaults: { keystore_password: 'abc def' } } },
    [f('secrets.defaults.keystore_password', KEYSTORE)],
  ],
  [
    'a keystore password of every allowed kind',
    { secrets: { defaults: { keystore_password: 'Az09._-' } } },
    [],
  ],
  [
    'root with the local database',
    { secrets: { db: { user: 'root' } } },
    [f('secrets.db.user', 'The MySQL image refuses "root" as the application user.')],
  ],
  [
    'root with an external database',
    { general: { db_local: false, db_endpoint: 'db.corp' }, secrets: { db: { user: 'root' } } },
    [],
  ],
  ['rooty with the local database', { secrets: { db: { user: 'rooty' } } }, []],
  [
    'a pull secret with neither name nor content',
    { secrets: { defaults: { dockerhub_config: { existingSecret: '', configContent: '' } } } },
    [
      f(
        'secrets.defaults.dockerhub_config',
        'Both existingSecret and configContent are empty: the chart renders an empty pull secret the API refuses. Set dockerhub_config: null, name an existing Secret, or give the base64 of a .dockerconfigjson.',
      ),
    ],
  ],
  [
    'a pull secret naming an existing Secret',
    {
      secrets: {
        defaults: { dockerhub_config: { existingSecret: 'regcred', configContent: 'not base64' } },
      },
    },
    [],
  ],
  [
    'a pull secret that is not base64',
    { secrets: { defaults: { dockerhub_config: { existingSecret: '', configContent: 'nope!' } } } },
    [
      f(
        'secrets.defaults.dockerhub_config.configContent',
        'Not the base64 of a JSON .dockerconfigjson.',
      ),
    ],
  ],
  [
    'a pull secret, base64 of text that is not JSON',
    {
      secrets: {
        defaults: {
          dockerhub_config: { existingSecret: '', configContent: toBase64('auths: {}') },
        },
      },
    },
    [
      f(
        'secrets.defaults.dockerhub_config.configContent',
        'Not the base64 of a JSON .dockerconfigjson.',
      ),
    ],
  ],
  [
    'a pull secret, base64 of JSON',
    {
      secrets: {
        defaults: {
          dockerhub_config: { existingSecret: '', configContent: toBase64('{"auths":{}}') },
        },
      },
    },
    [],
  ],
  [
    'an empty certificate',
    { certificate: { tls: { crt: '' } } },
    [
      f(
        'certificate.tls.crt',
        'Empty: the certificate Secret is rendered with no certificate and the API refuses it.',
      ),
    ],
  ],
  [
    'an empty key',
    { certificate: { tls: { key: null } } },
    [
      f(
        'certificate.tls.key',
        'Empty: the certificate Secret is rendered with no key and the API refuses it.',
      ),
    ],
  ],
  [
    'a raw PEM certificate',
    {
      certificate: { tls: { crt: '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----' } },
    },
    [
      f(
        'certificate.tls.crt',
        'Raw PEM: the chart needs the base64 of the PEM (a raw PEM breaks the render).',
      ),
    ],
  ],
  [
    'a key that is neither base64 nor PEM',
    { certificate: { tls: { key: 'not a key!' } } },
    [f('certificate.tls.key', 'Not base64 of a PEM file.')],
  ],
  [
    'the base64 of a key in the certificate field',
    {
      certificate: {
        tls: { crt: toBase64('-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n') },
      },
    },
    [
      f(
        'certificate.tls.crt',
        'This is a private key, not a certificate: put it in the private key field and paste the certificate here.',
      ),
    ],
  ],
  [
    'the base64 of a certificate in the key field',
    {
      certificate: {
        tls: { key: toBase64('-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n') },
      },
    },
    [
      f(
        'certificate.tls.key',
        'This is a certificate, not a private key: put it in the certificate field and paste the key here.',
      ),
    ],
  ],
  [
    'an existing certificate Secret needs no tls.*',
    { certificate: { existing_cert: 'corp-tls', tls: { crt: '', key: '' } } },
    [],
  ],
  [
    'API keys encryption without a key',
    { general: { api_keys_encryption: { enabled: true } } },
    [
      f(
        'secrets.api_keys_encryption.aes_key',
        'API keys encryption is on but the key is empty: no Secret is rendered and the backend waits for it forever.',
      ),
    ],
  ],
  [
    'an AES key of 31 hex characters',
    {
      general: { api_keys_encryption: { enabled: true } },
      secrets: { api_keys_encryption: { aes_key: 'a'.repeat(31) } },
    },
    [f('secrets.api_keys_encryption.aes_key', AES_HEX)],
  ],
  [
    'an AES key of 33 hex characters',
    {
      general: { api_keys_encryption: { enabled: true } },
      secrets: { api_keys_encryption: { aes_key: 'a'.repeat(33) } },
    },
    [f('secrets.api_keys_encryption.aes_key', AES_HEX)],
  ],
  [
    'an AES key of 32 characters, one not hex',
    {
      general: { api_keys_encryption: { enabled: true } },
      secrets: { api_keys_encryption: { aes_key: `${'a'.repeat(31)}g` } },
    },
    [f('secrets.api_keys_encryption.aes_key', AES_HEX)],
  ],
  [
    'an AES key of 32 hex characters, both cases',
    {
      general: { api_keys_encryption: { enabled: true } },
      secrets: { api_keys_encryption: { aes_key: '0123456789abcdefABCDEF0123456789' } },
    },
    [],
  ],
  [
    'a bad AES key with encryption off',
    { secrets: { api_keys_encryption: { aes_key: 'xyz' } } },
    [],
  ],
  // §6, §7: database and message queue
  [
    'an external database without a host',
    { general: { db_local: false, db_endpoint: '' } },
    [f('general.db_endpoint', 'Required with an external database.')],
  ],
  [
    'an external database host with a port',
    { general: { db_local: false, db_endpoint: 'db.corp:3306' } },
    [f('general.db_endpoint', 'A bare host only: the chart appends :3306 (no scheme, no port).')],
  ],
  ['an external database host', { general: { db_local: false, db_endpoint: 'db.corp' } }, []],
  [
    'a retention policy without the StatefulSet',
    {
      general: {
        statefulset: {
          enabled: false,
          persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
        },
      },
    },
    [
      f(
        'general.statefulset.persistentVolumeClaimRetentionPolicy',
        'Must stay {} without the StatefulSet: it is rendered into the Deployment, where the API refuses it.',
      ),
    ],
  ],
  [
    'an empty retention policy without the StatefulSet',
    { general: { statefulset: { enabled: false, persistentVolumeClaimRetentionPolicy: {} } } },
    [],
  ],
  [
    'a retention policy with the StatefulSet',
    {
      general: {
        statefulset: {
          enabled: true,
          persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
        },
      },
    },
    [],
  ],
  [
    'a retention policy with an external database',
    {
      general: {
        db_local: false,
        db_endpoint: 'db.corp',
        statefulset: {
          enabled: false,
          persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
        },
      },
    },
    [],
  ],
  [
    'the message queue without credentials',
    mq({}, {}),
    [f('secrets.mq.user', MQ_REQUIRED), f('secrets.mq.password', MQ_REQUIRED)],
  ],
  [
    'the message queue without a password',
    mq({}, { user: 'u' }),
    [f('secrets.mq.password', MQ_REQUIRED)],
  ],
  [
    'the message queue without credentials, secrets outside the chart',
    { ...mq({}, {}), general: { mq: { enabled: true }, deploy_secrets: { enabled: false } } },
    [],
  ],
  [
    'an MQ user with a space',
    mq({}, { user: 'a b', password: 'p' }),
    [f('secrets.mq.user', MQ_SHELL)],
  ],
  [
    'an MQ password with a quote, secrets outside the chart',
    {
      ...mq({}, { password: "p'q" }),
      general: { mq: { enabled: true }, deploy_secrets: { enabled: false } },
    },
    [f('secrets.mq.password', MQ_SHELL)],
  ],
  ['MQ credentials of every allowed kind', mq({}, { user: 'Az09._-', password: 'p' }), []],
  [
    'an MQ port with a letter',
    mq({ port: '56x2' }),
    [
      f(
        'general.mq.port',
        'Digits only: the port is rendered unquoted into container and Service ports.',
      ),
    ],
  ],
  [
    'an empty MQ port',
    mq({ port: '' }),
    [
      f(
        'general.mq.port',
        'Digits only: the port is rendered unquoted into container and Service ports.',
      ),
    ],
  ],
  ['an MQ port as a number', mq({ port: 5672 }), []],
  [
    'an external MQ without a host',
    mq({ local: false, mq_endpoint: '' }),
    [f('general.mq.mq_endpoint', 'Required with an external message queue.')],
  ],
  ['an external MQ with a host', mq({ local: false, mq_endpoint: 'mq.corp' }), []],
  ['a local MQ needs no external host', mq({ local: true, mq_endpoint: '' }), []],
  [
    'RabbitMQ memory 1.5Gi',
    { ...mq(), deployments: { rabbitmq: { resources: { memory: '1.5Gi' } } } },
    [f('deployments.rabbitmq.resources.memory', MQ_MEMORY)],
  ],
  [
    'RabbitMQ memory without a unit',
    { ...mq(), deployments: { rabbitmq: { resources: { memory: '1024' } } } },
    [f('deployments.rabbitmq.resources.memory', MQ_MEMORY)],
  ],
  [
    'RabbitMQ memory with text after the unit',
    { ...mq(), deployments: { rabbitmq: { resources: { memory: '1Gib' } } } },
    [f('deployments.rabbitmq.resources.memory', MQ_MEMORY)],
  ],
  [
    'RabbitMQ memory 512M',
    { ...mq(), deployments: { rabbitmq: { resources: { memory: '512M' } } } },
    [],
  ],
  [
    'RabbitMQ memory 2Ti',
    { ...mq(), deployments: { rabbitmq: { resources: { memory: '2Ti' } } } },
    [],
  ],
  [
    'RabbitMQ memory of an external MQ is not read',
    {
      ...mq({ local: false, mq_endpoint: 'mq.corp' }),
      deployments: { rabbitmq: { resources: { memory: '1.5Gi' } } },
    },
    [],
  ],
  [
    'MQ rules with the message queue off',
    { general: { mq: { enabled: false, port: 'x' } }, secrets: { mq: { user: 'a b' } } },
    [],
  ],
  // §8: external access
  [
    'the router Ingress without its Service',
    { general: { router: { enabled: true, service: { enabled: false } } } },
    [
      f(
        'general.router.ingress.enabled',
        'The router Ingress needs the router Service (service.enabled: true).',
      ),
    ],
  ],
  [
    'the router without Ingress nor Service',
    {
      general: {
        router: { enabled: true, ingress: { enabled: false }, service: { enabled: false } },
      },
    },
    [],
  ],
  [
    'host ports without router TLS',
    { general: { router: { enabled: true, host_port: { enabled: true } } } },
    [
      f(
        'general.router.host_port.enabled',
        'Host ports need router TLS (tls.enabled: true): users reach https on 443.',
      ),
    ],
  ],
  [
    'host ports with router TLS',
    {
      general: { router: { enabled: true, host_port: { enabled: true }, tls: { enabled: true } } },
    },
    [],
  ],
  [
    'a LoadBalancer router without TLS',
    {
      general: {
        router: { enabled: true, ingress: { enabled: false }, service: { type: 'LoadBalancer' } },
      },
    },
    [f('general.router.tls.enabled', LB_NO_TLS)],
  ],
  [
    'a LoadBalancer router with TLS',
    {
      general: {
        router: {
          enabled: true,
          ingress: { enabled: false },
          service: { type: 'LoadBalancer' },
          tls: { enabled: true },
        },
      },
    },
    [],
  ],
  [
    'a LoadBalancer router with internal TLS',
    {
      general: {
        router: { enabled: true, ingress: { enabled: false }, service: { type: 'LoadBalancer' } },
        internal_tls: {
          enabled: true,
          certificates: { source: 'generate_self_signed_certificates', verification: false },
        },
      },
    },
    [],
  ],
  [
    'the router skips the nginx checks',
    {
      general: {
        router: { enabled: true },
        ingress_controller: false,
        nginx_svc: { type: 'NodePort' },
      },
    },
    [],
  ],
  [
    'a NodePort nginx',
    { general: { ingress_controller: false, nginx_svc: { type: 'NodePort' } } },
    [
      f(
        'general.nginx_svc.type',
        '"NodePort" is not supported by the chart\'s nginx: use LoadBalancer or ClusterIP.',
      ),
    ],
  ],
  [
    'a LoadBalancer nginx',
    { general: { ingress_controller: false, nginx_svc: { type: 'LoadBalancer' } } },
    [],
  ],
  [
    'a ClusterIP nginx',
    { general: { ingress_controller: false, nginx_svc: { type: 'ClusterIP' } } },
    [],
  ],
  [
    'a NodePort nginx type with an ingress controller is not read',
    { general: { ingress_controller: true, nginx_svc: { type: 'NodePort' } } },
    [],
  ],
  [
    'internal TLS with the chart nginx',
    {
      general: {
        ingress_controller: false,
        internal_tls: {
          enabled: true,
          certificates: { source: 'generate_self_signed_certificates', verification: false },
        },
      },
    },
    [
      f(
        'general.internal_tls.enabled',
        'The chart-made nginx always proxies plain HTTP: internal TLS breaks it. Use an ingress controller or the router.',
      ),
    ],
  ],
  // §9: the network policy
  [
    'a policy with no direction',
    policy({}),
    [
      f(
        'general.networkPolicy.enabled',
        'Neither ingress nor egress is on: Kubernetes then denies all ingress to the namespace.',
      ),
    ],
  ],
  [
    'ingress with no peer',
    policy({ ingress: { enabled: true } }),
    [f('general.networkPolicy.ingress', NO_PEER_IN)],
  ],
  [
    'egress with no peer',
    policy({ egress: { enabled: true } }),
    [f('general.networkPolicy.egress', NO_PEER_OUT)],
  ],
  [
    'both with no peer',
    policy({ ingress: { enabled: true }, egress: { enabled: true } }),
    [
      f('general.networkPolicy.ingress', NO_PEER_IN),
      f('general.networkPolicy.egress', NO_PEER_OUT),
    ],
  ],
  [
    'ingress with a namespace',
    policy({ ingress: { enabled: true, namespacesSelector: ['ingress-nginx'] } }),
    [],
  ],
  [
    'ingress with an ipBlock',
    policy({ ingress: { enabled: true, ipBlock: [{ cidr: '10.0.0.0/8' }] } }),
    [],
  ],
  [
    'ingress with a podSelector',
    policy({ ingress: { enabled: true, podSelector: { app: 'x' } } }),
    [],
  ],
  [
    'ingress with a namespacePodSelector',
    policy({ ingress: { enabled: true, namespacePodSelector: { ns: { app: 'x' } } } }),
    [],
  ],
  [
    'namespacesSelector written as a map (a peer; its entries are not label values to check)',
    policy({ ingress: { enabled: true, namespacesSelector: { a: 'b' } } }),
    [],
  ],
  ['egress with ports', policy({ egress: { enabled: true, ports: [{ port: 53 }] } }), []],
  [
    'egress with an empty list of ports',
    policy({ egress: { enabled: true, ports: [] } }),
    [f('general.networkPolicy.egress', NO_PEER_OUT)],
  ],
  [
    'an ipBlock with except',
    policy({
      egress: {
        enabled: true,
        ipBlock: [{ cidr: '10.0.0.0/8' }, { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }],
      },
    }),
    [
      f(
        'general.networkPolicy.egress.ipBlock.1.except',
        'The chart renders except as a scalar, an invalid policy: leave it out.',
      ),
    ],
  ],
  [
    'ipBlock entries that are no map are not read for except (null, a bare CIDR)',
    policy({ egress: { enabled: true, ipBlock: [null, '10.0.0.0/8'] } }),
    [],
  ],
  [
    'an ipBlock written as a map',
    policy({ ingress: { enabled: true, ipBlock: { cidr: '10.0.0.0/8' } } }),
    [
      f(
        'general.networkPolicy.ingress.ipBlock',
        'ipBlock is a list of {cidr: …} entries, not a map.',
      ),
    ],
  ],
  [
    'a namespace read as a boolean',
    policy({ ingress: { enabled: true, namespacesSelector: ['a', true] } }),
    [
      f(
        'general.networkPolicy.ingress.namespacesSelector.1',
        'true is rendered unquoted as a label value and does not stay text (docs/chart-3.9.4.md G6).',
      ),
    ],
  ],
  [
    'a namespace "no"',
    policy({ ingress: { enabled: true, namespacesSelector: ['no'] } }),
    [
      f(
        'general.networkPolicy.ingress.namespacesSelector.0',
        '"no" is rendered unquoted as a label value and does not stay text (docs/chart-3.9.4.md G6).',
      ),
    ],
  ],
  [
    'a disabled direction is not read',
    policy({
      ingress: { enabled: true, namespacesSelector: ['a'] },
      egress: { enabled: false, namespacesSelector: [true] },
    }),
    [],
  ],
  [
    'a policy that is off is not read',
    { general: { networkPolicy: { enabled: false, ingress: { enabled: true } } } },
    [],
  ],
  // §10: internal TLS
  [
    'self-signed with verification',
    {
      general: {
        internal_tls: {
          enabled: true,
          certificates: { source: 'generate_self_signed_certificates', verification: true },
        },
      },
    },
    [
      f(
        'general.internal_tls.certificates.verification',
        'Self-signed certificates cannot be verified: set verification: false.',
      ),
    ],
  ],
  [
    'self-signed with a CA Secret',
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
    [
      f(
        'general.internal_tls.certificates.existing_ca_secret_name',
        'Self-signed certificates have no CA to trust: leave it empty.',
      ),
    ],
  ],
  [
    'an unknown source',
    { general: { internal_tls: { enabled: true, certificates: { source: 'vault' } } } },
    [
      f(
        'general.internal_tls.certificates.source',
        '"vault" is not a source the chart knows: the volumes get no source and the API refuses the pods.',
      ),
    ],
  ],
  ['existing certificates, all named', tlsExisting(ALL_TLS), []],
  [
    'existing certificates without the frontend one',
    tlsExisting({ ...ALL_TLS, frontend: '' }),
    [f('general.internal_tls.certificates.existing_certificates.frontend', TLS_SECRET)],
  ],
  [
    'existing certificates without the Keycloak one',
    tlsExisting({ ...ALL_TLS, keycloak: '' }),
    [f('general.internal_tls.certificates.existing_certificates.keycloak', TLS_SECRET)],
  ],
  [
    'existing certificates without the Redis one',
    tlsExisting({ ...ALL_TLS, redis: '' }),
    [f('general.internal_tls.certificates.existing_certificates.redis', TLS_SECRET)],
  ],
  [
    'existing certificates without the Redis one, Redis external',
    tlsExisting(
      { ...ALL_TLS, redis: '' },
      { deployments: { redis: { external: { enabled: true } } } },
    ),
    [],
  ],
  ['without the RabbitMQ one, MQ off', tlsExisting({ ...ALL_TLS, rabbitmq: '' }), []],
  [
    'without the RabbitMQ one, MQ local',
    tlsExisting(
      { ...ALL_TLS, rabbitmq: '' },
      {
        secrets: { mq: { user: 'u', password: 'p' } },
        general: {
          ingress_controller: true,
          mq: { enabled: true, local: true },
          internal_tls: {
            enabled: true,
            certificates: {
              source: 'existing_certificates',
              existing_certificates: { ...ALL_TLS, rabbitmq: '' },
            },
          },
        },
      },
    ),
    [f('general.internal_tls.certificates.existing_certificates.rabbitmq', TLS_SECRET)],
  ],
  [
    'without the RabbitMQ one, MQ external',
    tlsExisting(
      {},
      {
        secrets: { mq: { user: 'u', password: 'p' } },
        general: {
          mq: { enabled: true, local: false, mq_endpoint: 'mq.corp' },
          internal_tls: {
            enabled: true,
            certificates: {
              source: 'existing_certificates',
              existing_certificates: { ...ALL_TLS, rabbitmq: '' },
            },
          },
        },
      },
    ),
    [],
  ],
  [
    'without the Keycloak cluster one, cluster mode on',
    tlsExisting({ ...ALL_TLS, keycloak_cluster: '' }),
    [f('general.internal_tls.certificates.existing_certificates.keycloak_cluster', TLS_SECRET)],
  ],
  [
    'without the Keycloak cluster one, cluster mode off',
    tlsExisting(
      { ...ALL_TLS, keycloak_cluster: '' },
      { deployments: { keycloak: { clusterMode: false } } },
    ),
    [],
  ],
  // §11: sizing
  [
    'backend memory 7.5Gi',
    { deployments: { backend: { resources: { memory: '7.5Gi' } } } },
    [f('deployments.backend.resources.memory', jvm('7.5Gi'))],
  ],
  [
    'Keycloak memory 8192M',
    { deployments: { keycloak: { resources: { memory: '8192M' } } } },
    [f('deployments.keycloak.resources.memory', jvm('8192M'))],
  ],
  [
    'backend memory with text after the unit',
    { deployments: { backend: { resources: { memory: '8Gib' } } } },
    [f('deployments.backend.resources.memory', jvm('8Gib'))],
  ],
  ['backend memory 8192Mi', { deployments: { backend: { resources: { memory: '8192Mi' } } } }, []],
  ['Keycloak memory 3Gi', { deployments: { keycloak: { resources: { memory: '3Gi' } } } }, []],
  [
    'frontend memory is not read',
    { deployments: { frontend: { resources: { memory: '0.5G' } } } },
    [],
  ],
  [
    'backend HPA max one below replicas',
    hpa('backend', 3, 2),
    [f('deployments.backend.hpa.maxReplicas', 'Needs 1 ≤ replicas (3) ≤ maxReplicas (2).')],
  ],
  ['backend HPA max equal to replicas', hpa('backend', 3, 3), []],
  [
    'frontend HPA with 0 replicas',
    hpa('frontend', 0, 3),
    [f('deployments.frontend.hpa.maxReplicas', 'Needs 1 ≤ replicas (0) ≤ maxReplicas (3).')],
  ],
  ['frontend HPA with 1 replica', hpa('frontend', 1, 1), []],
  [
    'frontend HPA max not a number',
    hpa('frontend', 1, 'five'),
    [f('deployments.frontend.hpa.maxReplicas', 'Needs 1 ≤ replicas (1) ≤ maxReplicas (NaN).')],
  ],
  ['an HPA that is off is not read', hpa('backend', 3, 2, false), []],
  [
    'two Keycloaks without cluster mode',
    { deployments: { keycloak: { replicas: 2, clusterMode: false } } },
    [
      f(
        'deployments.keycloak.clusterMode',
        'More than one Keycloak replica needs clusterMode: true.',
      ),
    ],
  ],
  [
    'one Keycloak without cluster mode',
    { deployments: { keycloak: { replicas: 1, clusterMode: false } } },
    [],
  ],
  [
    'two Keycloaks with cluster mode',
    { deployments: { keycloak: { replicas: 2, clusterMode: true } } },
    [],
  ],
  // keys chart 3.9.4 does not have
  [
    'a typo next to a real key',
    { general: { db_loacl: false } },
    [
      f(
        'general.db_loacl',
        'Chart 3.9.4 has no such key: Helm ignores it (did you mean db_local?).',
      ),
    ],
  ],
  [
    'an unknown key with no near one',
    { zzzzzzzz: 1 },
    [f('zzzzzzzz', 'Chart 3.9.4 has no such key: Helm ignores it.')],
  ],
];

describe('checkValues: every rule, its boundary and its passing side', () => {
  it('passes the clean file', () => expect(checkValues([CLEAN])).toEqual([]));

  it.each(rows)('%s', (_name, over, expected) => {
    expect(checkValues([CLEAN, over])).toEqual(expected);
  });

  it('ignores a file that is not a map (an empty document, a list)', () => {
    expect(checkValues([CLEAN, null, [1], 'text'])).toEqual([]);
  });

  it('merges files like helm -f a -f b: maps deep-merge, the later value wins', () => {
    expect(
      checkValues([
        CLEAN,
        { secrets: { license: { content: '' } } },
        { secrets: { license: { content: 'x' } } },
      ]),
    ).toEqual([]);
    expect(
      checkValues([
        CLEAN,
        { secrets: { license: { content: 'x' } } },
        { secrets: { license: { content: '' } } },
      ]),
    ).toEqual([f('secrets.license.content', 'Empty: the server needs the license content.')]);
  });
});

describe('truthy: Go-template truth', () => {
  it.each<[unknown, boolean]>([
    [false, false],
    [null, false],
    [undefined, false],
    [0, false],
    ['', false],
    [{}, false],
    [[], false],
    [true, true],
    [1, true],
    ['false', true],
    ['0', true],
    [{ a: 0 }, true],
    [[0], true],
    [-1, true],
  ])('%j is %s', (x, want) => expect(truthy(x)).toBe(want));
});

describe('checkValues with the certificate inspector', () => {
  const FINDINGS: CertificateIssue[] = [
    { field: 'crt', message: 'Expired.' },
    { field: 'key', message: 'Does not match.' },
  ];
  const run = (over: unknown) => {
    const calls: string[] = [];
    const findings = checkValues([CLEAN, over], {
      inspectCertificate: (i) => (
        calls.push(`${i.endpoint} ${i.crt.slice(0, 27)} ${i.key.slice(0, 27)}`),
        FINDINGS
      ),
    });
    return { calls, findings };
  };
  it('reads the decoded PEM of both fields against the endpoint, findings on their fields', () => {
    expect(run({})).toEqual({
      calls: ['lightrun.acme.example.com -----BEGIN CERTIFICATE----- -----BEGIN PRIVATE KEY-----'],
      findings: [f('certificate.tls.crt', 'Expired.'), f('certificate.tls.key', 'Does not match.')],
    });
  });
  it.each([
    [
      'an empty certificate',
      { certificate: { tls: { crt: '' } } },
      [
        f(
          'certificate.tls.crt',
          'Empty: the certificate Secret is rendered with no certificate and the API refuses it.',
        ),
      ],
    ],
    [
      'a key that is not base64',
      { certificate: { tls: { key: 'x!' } } },
      [f('certificate.tls.key', 'Not base64 of a PEM file.')],
    ],
    ['an existing certificate Secret', { certificate: { existing_cert: 'corp-tls' } }, []],
  ])('is not called with %s', (_n, over, findings) => {
    expect(run(over)).toEqual({ calls: [], findings });
  });
});
