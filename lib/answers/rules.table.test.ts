import { describe, expect, it } from 'vitest';
import { FAKE_CERT, FAKE_KEY, validAnswers } from './__fixtures__/valid-answers';
import { branchDefault } from './branches';
import { validateAnswers, type Answers } from './schema';

// Every cross-field rule of the answers schema, each with its failing example, its boundary (the
// last failing and the first passing value where the rule has a bound) and its passing side.
// `message: null` means "no issue at this path": a rule made stricter by one fails that row.

type Row = [name: string, set: (a: Answers) => void, path: string, message: string | null];
type A = Answers;

const mqLocal = (patch: object = {}) =>
  ({
    ...(branchDefault('messageQueue', 'local') as object),
    user: 'mq',
    password: 'mqpass',
    ...patch,
  }) as A['messageQueue'];
const mqExternal = (patch: object = {}) =>
  ({
    mode: 'external',
    endpoint: 'mq.corp',
    port: '5672',
    queueName: 'q',
    user: 'mq',
    password: 'mqpass',
    ...patch,
  }) as A['messageQueue'];
const existingSecrets = (a: A) => {
  a.secrets = { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' };
  a.license = { content: '', signature: '' };
};
const tlsExisting = (
  certs: Partial<
    Record<'frontend' | 'keycloak' | 'keycloakCluster' | 'redis' | 'rabbitmq', string>
  >,
) =>
  ({
    mode: 'existing',
    verification: true,
    caSecretName: '',
    certificates: {
      frontend: 'f',
      keycloak: 'k',
      keycloakCluster: 'kc',
      redis: 'r',
      rabbitmq: 'mq',
      ...certs,
    },
  }) as A['internalTls'];
const policy = (ingress: object, egress: object) =>
  ({
    enabled: true,
    ingress: { enabled: true, namespaces: [], cidrs: [], ...ingress },
    egress: { enabled: false, namespaces: [], cidrs: [], ...egress },
  }) as A['networkPolicy'];
const chartSecrets = (a: A, patch: object) => Object.assign(a.secrets as object, patch);
const dockerConfig = (a: A, configContent: string) =>
  (a.pullSecret = { mode: 'inline', configContent });
const ann = (...keys: string[]) => keys.map((key, i) => ({ key, value: String(i) }));

const REQUIRED_TLS = (what: string) =>
  `Required: name the TLS Secret for ${what}; an empty name makes the pod unschedulable.`;
const PEM_KEY_MSG =
  'Not a private key: paste the PEM text that starts with "-----BEGIN PRIVATE KEY-----" (or RSA/EC PRIVATE KEY).';
const PEM_CERT_MSG =
  'Not a certificate: paste the PEM text that starts with "-----BEGIN CERTIFICATE-----".';
const ROUTER = {
  mode: 'router',
  service: 'ingress',
  className: 'nginx',
  tls: false,
  adminAllowCidrs: [],
  metricsAllowCidrs: [],
} as A['externalAccess'];
const ingressController = (annotations: { key: string; value: string }[]) =>
  ({
    mode: 'ingress-controller',
    className: 'nginx',
    annotations,
    keepServerSnippet: false,
    adminAllowCidrs: [],
    metricsAllowCidrs: [],
  }) as A['externalAccess'];
const DB_ZERO = 'A volume needs a size above zero (the API refuses a 0 claim), e.g. 100Gi.';
const MQ_ZERO = 'Choose "no volume" instead of a zero size.';
const dbVolume = (size: string) =>
  ({
    ...(validAnswers().database as object),
    storage: { kind: 'persistent', storageClassName: '', size, whenDeleted: '', whenScaled: '' },
  }) as A['database'];
const B64_MSG =
  'Use the base64 of a .dockerconfigjson file (e.g. `base64 -w0 ~/.docker/config.json`).';

const as350 = (a: A) => {
  a.chart = '3.50.0';
  if (a.secrets.mode === 'chart') a.secrets.encryptionKey = btoa('k'.repeat(32));
};
const rel = (n: number) => 'r'.repeat(n);
const rows: Row[] = [
  // release name: the longest derived name within 63 characters (chart-3.50.md G10)
  ['release name of 45, chart 3.9.4', (a) => (a.release.name = rel(45)), 'release.name', null],
  [
    'release name of 46, chart 3.9.4',
    (a) => (a.release.name = rel(46)),
    'release.name',
    'Use at most 45 characters (this one has 46): the chart names a Service <release>-keycloak-headless, and Kubernetes names have at most 63 characters.',
  ],
  [
    'release name of 43, chart 3.50',
    (a) => {
      as350(a);
      a.release.name = rel(43);
    },
    'release.name',
    null,
  ],
  [
    'release name of 44, chart 3.50',
    (a) => {
      as350(a);
      a.release.name = rel(44);
    },
    'release.name',
    "Use at most 43 characters with chart 3.50 (this one has 44): Keycloak's pods are labelled <release>-keycloak-<hash of up to 10 characters>, and a label has at most 63, so a longer name installs but Keycloak never starts.",
  ],
  // license (chart secrets)
  [
    'license content empty',
    (a) => (a.license.content = ''),
    'license.content',
    'Required: paste or upload the license content Lightrun sent you.',
  ],
  [
    'license content blanks only',
    (a) => (a.license.content = ' \n\t'),
    'license.content',
    'Required: paste or upload the license content Lightrun sent you.',
  ],
  ['license content one character', (a) => (a.license.content = 'x'), 'license.content', null],
  [
    'license signature blanks only',
    (a) => (a.license.signature = '  '),
    'license.signature',
    'Required: paste or upload the license signature Lightrun sent you.',
  ],
  [
    'license signature one character',
    (a) => (a.license.signature = 'x'),
    'license.signature',
    null,
  ],
  [
    'license not needed with secrets outside the chart',
    (a) => {
      existingSecrets(a);
      a.certificate = { source: 'existing', secretName: 't' };
    },
    'license.content',
    null,
  ],
  // keycloak / keystore passwords
  [
    'keycloak password empty',
    (a) => chartSecrets(a, { keycloakPassword: '' }),
    'secrets.keycloakPassword',
    'Required: it becomes the Keycloak admin password and the first-login password.',
  ],
  [
    'keycloak password 7 characters',
    (a) => chartSecrets(a, { keycloakPassword: '1234567' }),
    'secrets.keycloakPassword',
    'Use at least 8 characters.',
  ],
  [
    'keycloak password 8 characters',
    (a) => chartSecrets(a, { keycloakPassword: '12345678' }),
    'secrets.keycloakPassword',
    null,
  ],
  [
    'keystore password 5 characters',
    (a) => chartSecrets(a, { keystorePassword: '12345' }),
    'secrets.keystorePassword',
    'Use at least 6 characters: the keystore tools refuse shorter passwords.',
  ],
  [
    'keystore password 6 characters',
    (a) => chartSecrets(a, { keystorePassword: '123456' }),
    'secrets.keystorePassword',
    null,
  ],
  // database credentials
  [
    'database user empty',
    (a) => (a.database.user = ''),
    'database.user',
    'Required: enter the database user.',
  ],
  ['database user one character', (a) => (a.database.user = 'u'), 'database.user', null],
  [
    'database password empty',
    (a) => (a.database.password = ''),
    'database.password',
    'Required: enter the database password.',
  ],
  [
    'database password one character',
    (a) => (a.database.password = 'p'),
    'database.password',
    null,
  ],
  [
    'local database refuses root',
    (a) => (a.database.user = 'root'),
    'database.user',
    'Choose another user: the MySQL image refuses "root" as the application user.',
  ],
  ['local database accepts rooty', (a) => (a.database.user = 'rooty'), 'database.user', null],
  [
    'external database accepts root',
    (a) =>
      (a.database = {
        mode: 'external',
        endpoint: 'db.corp',
        name: 'lr',
        requireSecureTransport: false,
        user: 'root',
        password: 'p',
      }),
    'database.user',
    null,
  ],
  // volume sizes: zero in any spelling is refused (the API refuses a 0 claim), anything above zero passes
  ...(['0', '0Gi', '00Gi', '0.0Gi', '0.00Mi', '000.000Ti'] as const).map((size): Row => [
    `database volume of ${size}`,
    (a) => (a.database = dbVolume(size)),
    'database.storage.size',
    DB_ZERO,
  ]),
  ...(['0.5Gi', '0.05Gi', '1', '10Gi', '100Gi', '1.0Gi'] as const).map((size): Row => [
    `database volume of ${size}`,
    (a) => (a.database = dbVolume(size)),
    'database.storage.size',
    null,
  ]),
  ...(['0', '0Gi', '00Mi', '0.000Gi'] as const).map((size): Row => [
    `local MQ volume of ${size}`,
    (a) =>
      (a.messageQueue = mqLocal({ storage: { kind: 'persistent', size, storageClassName: '' } })),
    'messageQueue.storage.size',
    MQ_ZERO,
  ]),
  ...(['0.5Gi', '10Gi', '2'] as const).map((size): Row => [
    `local MQ volume of ${size}`,
    (a) =>
      (a.messageQueue = mqLocal({ storage: { kind: 'persistent', size, storageClassName: '' } })),
    'messageQueue.storage.size',
    null,
  ]),
  // message queue credentials
  [
    'local MQ user empty',
    (a) => (a.messageQueue = mqLocal({ user: '' })),
    'messageQueue.user',
    'Required: enter the RabbitMQ user.',
  ],
  [
    'local MQ password empty',
    (a) => (a.messageQueue = mqLocal({ password: '' })),
    'messageQueue.password',
    'Required: enter the RabbitMQ password.',
  ],
  [
    'external MQ user empty',
    (a) => (a.messageQueue = mqExternal({ user: '' })),
    'messageQueue.user',
    'Required: enter the RabbitMQ user.',
  ],
  [
    'external MQ password empty',
    (a) => (a.messageQueue = mqExternal({ password: '' })),
    'messageQueue.password',
    'Required: enter the RabbitMQ password.',
  ],
  [
    'local MQ with both credentials',
    (a) => (a.messageQueue = mqLocal()),
    'messageQueue.user',
    null,
  ],
  [
    'external MQ with both credentials',
    (a) => (a.messageQueue = mqExternal()),
    'messageQueue.password',
    null,
  ],
  // AES key
  [
    'AES key empty with encryption on',
    (a) => (a.apiKeysEncryption = { enabled: true, aesKey: '', mountPath: '/keys' }),
    'apiKeysEncryption.aesKey',
    'Required: enter or generate the AES key; without it the backend never starts.',
  ],
  [
    'AES key given',
    (a) => (a.apiKeysEncryption = { enabled: true, aesKey: '0'.repeat(32), mountPath: '/keys' }),
    'apiKeysEncryption.aesKey',
    null,
  ],
  [
    'AES key not needed with secrets outside the chart',
    (a) => {
      existingSecrets(a);
      a.certificate = { source: 'existing', secretName: 't' };
      a.apiKeysEncryption = { enabled: true, aesKey: '', mountPath: '/keys' };
    },
    'apiKeysEncryption.aesKey',
    null,
  ],
  // certificate PEM
  [
    'certificate without PEM armour',
    (a) => Object.assign(a.certificate, { crt: 'MIIB' }),
    'certificate.crt',
    PEM_CERT_MSG,
  ],
  [
    'certificate with an empty body',
    (a) =>
      Object.assign(a.certificate, { crt: '-----BEGIN CERTIFICATE----------END CERTIFICATE-----' }),
    'certificate.crt',
    PEM_CERT_MSG,
  ],
  [
    'certificate with text around the PEM',
    (a) => Object.assign(a.certificate, { crt: `subject=CN=x\n${FAKE_CERT}` }),
    'certificate.crt',
    null,
  ],
  [
    'RSA private key',
    (a) =>
      Object.assign(a.certificate, {
        key: '-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----',
      }),
    'certificate.key',
    null,
  ],
  [
    'EC private key',
    (a) =>
      Object.assign(a.certificate, {
        key: '-----BEGIN EC PRIVATE KEY-----\nx\n-----END EC PRIVATE KEY-----',
      }),
    'certificate.key',
    null,
  ],
  [
    'key whose END does not match its BEGIN',
    (a) =>
      Object.assign(a.certificate, {
        key: '-----BEGIN RSA PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----',
      }),
    'certificate.key',
    PEM_KEY_MSG,
  ],
  [
    'key with an empty body',
    (a) =>
      Object.assign(a.certificate, { key: '-----BEGIN PRIVATE KEY----------END PRIVATE KEY-----' }),
    'certificate.key',
    PEM_KEY_MSG,
  ],
  [
    'encrypted key',
    (a) =>
      Object.assign(a.certificate, {
        key: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nx\n-----END ENCRYPTED PRIVATE KEY-----',
      }),
    'certificate.key',
    'The private key is encrypted: export it without a passphrase (e.g. `openssl pkey -in key.pem -out plain.pem`).',
  ],
  [
    'key that is not PEM',
    (a) => Object.assign(a.certificate, { key: 'secret' }),
    'certificate.key',
    PEM_KEY_MSG,
  ],
  // pull secret content
  [
    'inline pull secret empty',
    (a) => dockerConfig(a, ''),
    'pullSecret.configContent',
    'Required: upload your .dockerconfigjson, or choose "no pull secret".',
  ],
  [
    'inline pull secret not base64',
    (a) => dockerConfig(a, 'e30=!'),
    'pullSecret.configContent',
    B64_MSG,
  ],
  [
    'inline pull secret with three padding characters',
    (a) => dockerConfig(a, 'eyJ4IjoxfQ==='),
    'pullSecret.configContent',
    B64_MSG,
  ],
  [
    'inline pull secret base64 of non-JSON',
    (a) => dockerConfig(a, btoa('auths: {}')),
    'pullSecret.configContent',
    B64_MSG,
  ],
  [
    'inline pull secret with a leading blank (atob would accept it)',
    (a) => dockerConfig(a, ` ${btoa('{"auths":{}}')}`),
    'pullSecret.configContent',
    B64_MSG,
  ],
  [
    'inline pull secret with a trailing newline (atob would accept it)',
    (a) => dockerConfig(a, `${btoa('{"auths":{}}')}\n`),
    'pullSecret.configContent',
    B64_MSG,
  ],
  [
    'inline pull secret without padding',
    (a) => dockerConfig(a, btoa('{"auths":{}}').replace(/=+$/, '')),
    'pullSecret.configContent',
    null,
  ],
  [
    'inline pull secret JSON without auths',
    (a) => dockerConfig(a, btoa('{"x":1}')),
    'pullSecret.configContent',
    'The .dockerconfigjson has no "auths" entry: log in to the registry first.',
  ],
  [
    'inline pull secret with auths and two padding characters',
    (a) => dockerConfig(a, 'eyJhdXRocyI6e30gfQ=='),
    'pullSecret.configContent',
    null,
  ],
  [
    'inline pull secret with a blank before the colon',
    (a) => dockerConfig(a, btoa('{"auths" :{}}')),
    'pullSecret.configContent',
    null,
  ],
  // secrets outside the chart
  [
    'existing secrets with an inline certificate',
    existingSecrets,
    'certificate.source',
    'With secrets kept outside the chart the chart does not create the certificate Secret: choose "existing Secret" and name it.',
  ],
  [
    'existing secrets with an existing certificate',
    (a) => {
      existingSecrets(a);
      a.certificate = { source: 'existing', secretName: 't' };
    },
    'certificate.source',
    null,
  ],
  [
    'existing secrets with an inline pull secret',
    (a) => {
      existingSecrets(a);
      a.certificate = { source: 'existing', secretName: 't' };
      dockerConfig(a, btoa('{"auths":{}}'));
    },
    'pullSecret.mode',
    'With secrets kept outside the chart the pull secret is not created either: name an existing Secret or choose none.',
  ],
  [
    'existing secrets with an existing pull secret',
    (a) => {
      existingSecrets(a);
      a.certificate = { source: 'existing', secretName: 't' };
      a.pullSecret = { mode: 'existing', name: 'regcred' };
    },
    'pullSecret.mode',
    null,
  ],
  [
    'chart secrets with an inline pull secret',
    (a) => dockerConfig(a, btoa('{"auths":{}}')),
    'pullSecret.mode',
    null,
  ],
  // internal TLS and the chart nginx
  [
    'self-signed TLS with the load balancer nginx',
    (a) => {
      a.internalTls = { mode: 'self-signed' };
      a.externalAccess = { mode: 'load-balancer', serviceAnnotations: [] };
    },
    'internalTls.mode',
    'Internal TLS does not work with the chart-made nginx (it proxies plain HTTP): use an ingress controller, or turn internal TLS off.',
  ],
  [
    'existing TLS with the cluster-ip nginx',
    (a) => {
      a.internalTls = tlsExisting({});
      a.externalAccess = { mode: 'cluster-ip', serviceAnnotations: [] };
    },
    'internalTls.mode',
    'Internal TLS does not work with the chart-made nginx (it proxies plain HTTP): use an ingress controller, or turn internal TLS off.',
  ],
  [
    'self-signed TLS with an ingress controller',
    (a) => (a.internalTls = { mode: 'self-signed' }),
    'internalTls.mode',
    null,
  ],
  [
    'self-signed TLS with the router',
    (a) => {
      a.internalTls = { mode: 'self-signed' };
      a.externalAccess = ROUTER;
    },
    'internalTls.mode',
    null,
  ],
  [
    'TLS off with the load balancer nginx',
    (a) => (a.externalAccess = { mode: 'load-balancer', serviceAnnotations: [] }),
    'internalTls.mode',
    null,
  ],
  // internal TLS with existing certificates: which Secret names are required
  [
    'existing TLS without the frontend Secret',
    (a) => (a.internalTls = tlsExisting({ frontend: '' })),
    'internalTls.certificates.frontend',
    REQUIRED_TLS('frontend'),
  ],
  [
    'existing TLS without the Keycloak Secret',
    (a) => (a.internalTls = tlsExisting({ keycloak: '' })),
    'internalTls.certificates.keycloak',
    REQUIRED_TLS('Keycloak'),
  ],
  [
    'existing TLS without the Redis Secret',
    (a) => (a.internalTls = tlsExisting({ redis: '' })),
    'internalTls.certificates.redis',
    REQUIRED_TLS('Redis'),
  ],
  [
    'existing TLS without RabbitMQ, MQ local',
    (a) => {
      a.internalTls = tlsExisting({ rabbitmq: '' });
      a.messageQueue = mqLocal();
    },
    'internalTls.certificates.rabbitmq',
    REQUIRED_TLS('RabbitMQ (local message queue)'),
  ],
  [
    'existing TLS without RabbitMQ, MQ external',
    (a) => {
      a.internalTls = tlsExisting({ rabbitmq: '' });
      a.messageQueue = mqExternal();
    },
    'internalTls.certificates.rabbitmq',
    null,
  ],
  [
    'existing TLS without RabbitMQ, MQ off',
    (a) => (a.internalTls = tlsExisting({ rabbitmq: '' })),
    'internalTls.certificates.rabbitmq',
    null,
  ],
  [
    'existing TLS without the cluster Secret, cluster mode on',
    (a) => (a.internalTls = tlsExisting({ keycloakCluster: '' })),
    'internalTls.certificates.keycloakCluster',
    REQUIRED_TLS('Keycloak cluster mode (needs ca.crt too)'),
  ],
  [
    'existing TLS without the cluster Secret, cluster mode off',
    (a) => {
      a.internalTls = tlsExisting({ keycloakCluster: '' });
      a.sizing.keycloak.clusterMode = false;
    },
    'internalTls.certificates.keycloakCluster',
    null,
  ],
  [
    'existing TLS with every Secret named',
    (a) => {
      a.internalTls = tlsExisting({});
      a.messageQueue = mqLocal();
    },
    'internalTls.certificates.frontend',
    null,
  ],
  // network policy
  [
    'policy with neither direction',
    (a) => (a.networkPolicy = policy({ enabled: false }, { enabled: false })),
    'networkPolicy.ingress.enabled',
    'Turn on ingress, egress or both: a policy with neither denies all ingress to the namespace.',
  ],
  [
    'policy with ingress only',
    (a) => (a.networkPolicy = policy({ enabled: true }, { enabled: false })),
    'networkPolicy.ingress.enabled',
    null,
  ],
  [
    'policy with egress only',
    (a) => (a.networkPolicy = policy({ enabled: false }, { enabled: true })),
    'networkPolicy.ingress.enabled',
    null,
  ],
  [
    'ingress namespace listed twice (the later one is flagged)',
    (a) => (a.networkPolicy = policy({ namespaces: ['a', 'b', 'a'] }, {})),
    'networkPolicy.ingress.namespaces.2',
    'This namespace is listed twice.',
  ],
  [
    'ingress namespace listed once',
    (a) => (a.networkPolicy = policy({ namespaces: ['a', 'b', 'a'] }, {})),
    'networkPolicy.ingress.namespaces.0',
    null,
  ],
  [
    'egress namespace listed twice',
    (a) => (a.networkPolicy = policy({}, { enabled: true, namespaces: ['x', 'x'] })),
    'networkPolicy.egress.namespaces.1',
    'This namespace is listed twice.',
  ],
  [
    'ingress CIDR listed twice',
    (a) => (a.networkPolicy = policy({ cidrs: ['10.0.0.0/8', '10.0.0.0/8'] }, {})),
    'networkPolicy.ingress.cidrs.1',
    'This CIDR is listed twice.',
  ],
  [
    'egress CIDR listed twice',
    (a) =>
      (a.networkPolicy = policy(
        {},
        { enabled: true, cidrs: ['10.0.0.0/8', '10.1.0.0/16', '10.0.0.0/8'] },
      )),
    'networkPolicy.egress.cidrs.2',
    'This CIDR is listed twice.',
  ],
  [
    'egress CIDRs all different',
    (a) => (a.networkPolicy = policy({}, { enabled: true, cidrs: ['10.0.0.0/8', '10.1.0.0/16'] })),
    'networkPolicy.egress.cidrs.1',
    null,
  ],
  // sizing
  [
    'backend HPA max one below replicas',
    (a) =>
      (a.sizing.backend = { replicas: 4, hpa: { enabled: true, maxReplicas: 3, cpuPercent: 50 } }),
    'sizing.backend.hpa.maxReplicas',
    'Must be at least the replica count (4): the autoscaler starts from it.',
  ],
  [
    'backend HPA max equal to replicas',
    (a) =>
      (a.sizing.backend = { replicas: 4, hpa: { enabled: true, maxReplicas: 4, cpuPercent: 50 } }),
    'sizing.backend.hpa.maxReplicas',
    null,
  ],
  [
    'frontend HPA max one below replicas',
    (a) =>
      (a.sizing.frontend = { replicas: 3, hpa: { enabled: true, maxReplicas: 2, cpuPercent: 70 } }),
    'sizing.frontend.hpa.maxReplicas',
    'Must be at least the replica count (3): the autoscaler starts from it.',
  ],
  [
    'frontend HPA max equal to replicas',
    (a) =>
      (a.sizing.frontend = { replicas: 3, hpa: { enabled: true, maxReplicas: 3, cpuPercent: 70 } }),
    'sizing.frontend.hpa.maxReplicas',
    null,
  ],
  [
    'many replicas without an HPA',
    (a) => (a.sizing.backend = { replicas: 9, hpa: { enabled: false } }),
    'sizing.backend.hpa.maxReplicas',
    null,
  ],
  [
    'two Keycloak replicas without cluster mode',
    (a) => (a.sizing.keycloak = { replicas: 2, clusterMode: false }),
    'sizing.keycloak.clusterMode',
    'Keep cluster mode on with more than one Keycloak replica: the replicas find each other through it.',
  ],
  [
    'one Keycloak replica without cluster mode',
    (a) => (a.sizing.keycloak = { replicas: 1, clusterMode: false }),
    'sizing.keycloak.clusterMode',
    null,
  ],
  [
    'two Keycloak replicas with cluster mode',
    (a) => (a.sizing.keycloak = { replicas: 2, clusterMode: true }),
    'sizing.keycloak.clusterMode',
    null,
  ],
  // duplicate annotation keys, in every list that is rendered
  [
    'ingress annotations with a repeated key',
    (a) => (a.externalAccess = ingressController(ann('a/b', 'c', 'a/b'))),
    'externalAccess.annotations.2.key',
    'This annotation key is listed twice.',
  ],
  [
    'ingress annotations all different',
    (a) => (a.externalAccess = ingressController(ann('a/b', 'a/c'))),
    'externalAccess.annotations.1.key',
    null,
  ],
  // router and per-path allow-lists
  [
    'router LoadBalancer without TLS',
    (a) =>
      (a.externalAccess = {
        ...ROUTER,
        service: 'load-balancer',
        tls: false,
      } as A['externalAccess']),
    'externalAccess.tls',
    'Turn router TLS on with a LoadBalancer: otherwise the load balancer carries plain HTTP while the server advertises https on 443.',
  ],
  [
    'router LoadBalancer with TLS',
    (a) =>
      (a.externalAccess = {
        ...ROUTER,
        service: 'load-balancer',
        tls: true,
      } as A['externalAccess']),
    'externalAccess.tls',
    null,
  ],
  [
    'router through an Ingress without TLS',
    (a) => (a.externalAccess = ROUTER),
    'externalAccess.tls',
    null,
  ],
  [
    'ingress admin allow-list CIDR listed twice',
    (a) =>
      (a.externalAccess = {
        ...ingressController([]),
        adminAllowCidrs: ['10.0.0.0/8', '10.1.0.0/16', '10.0.0.0/8'],
      } as A['externalAccess']),
    'externalAccess.adminAllowCidrs.2',
    'This CIDR is listed twice.',
  ],
  [
    'ingress admin allow-list CIDRs all different',
    (a) =>
      (a.externalAccess = {
        ...ingressController([]),
        adminAllowCidrs: ['10.0.0.0/8', '10.1.0.0/16'],
      } as A['externalAccess']),
    'externalAccess.adminAllowCidrs.1',
    null,
  ],
  [
    'router metrics allow-list CIDR listed twice',
    (a) =>
      (a.externalAccess = {
        ...ROUTER,
        metricsAllowCidrs: ['10.0.0.0/8', '10.0.0.0/8'],
      } as A['externalAccess']),
    'externalAccess.metricsAllowCidrs.1',
    'This CIDR is listed twice.',
  ],
  [
    'load balancer annotations with a repeated key',
    (a) => (a.externalAccess = { mode: 'load-balancer', serviceAnnotations: ann('x', 'x') }),
    'externalAccess.serviceAnnotations.1.key',
    'This annotation key is listed twice.',
  ],
  [
    'cluster-ip annotations with a repeated key',
    (a) => (a.externalAccess = { mode: 'cluster-ip', serviceAnnotations: ann('x', 'x') }),
    'externalAccess.serviceAnnotations.1.key',
    'This annotation key is listed twice.',
  ],
  [
    'local MQ annotations with a repeated key',
    (a) => (a.messageQueue = mqLocal({ serviceAnnotations: ann('p/s', 'p/s') })),
    'messageQueue.serviceAnnotations.1.key',
    'This annotation key is listed twice.',
  ],
  [
    'local MQ annotations all different',
    (a) => (a.messageQueue = mqLocal({ serviceAnnotations: ann('p/s', 'p/t') })),
    'messageQueue.serviceAnnotations.1.key',
    null,
  ],
];

const messagesAt = (a: unknown, path: string) => {
  const r = validateAnswers(a);
  return r.success ? [] : r.issues.filter((i) => i.path.join('.') === path).map((i) => i.message);
};

describe('cross-field rules: failing example, boundary and passing side', () => {
  it.each(rows)('%s', (_name, set, path, message) => {
    const a = validAnswers();
    set(a);
    expect(messagesAt(a, path)).toEqual(message === null ? [] : [message]);
  });

  it('the base plan of every row is valid, so each row tests only its own change', () => {
    expect(validateAnswers(validAnswers())).toEqual({ success: true, data: validAnswers() });
  });

  it('a plan that uses every optional branch at once is valid', () => {
    const a = validAnswers();
    a.pullSecret = { mode: 'inline', configContent: btoa('{"auths":{"r.io":{"auth":"eDp5"}}}') };
    a.certificate = { source: 'inline', crt: FAKE_CERT, key: FAKE_KEY };
    a.apiKeysEncryption = { enabled: true, aesKey: 'ab'.repeat(16), mountPath: '/keys' };
    a.messageQueue = mqLocal({ serviceAnnotations: ann('p/s') });
    a.internalTls = tlsExisting({});
    a.networkPolicy = policy(
      { namespaces: ['ingress-nginx'], cidrs: ['10.0.0.0/8'] },
      { enabled: true, namespaces: ['ingress-nginx'], cidrs: ['10.0.0.0/8'] },
    );
    a.sizing.backend = { replicas: 5, hpa: { enabled: true, maxReplicas: 5, cpuPercent: 100 } };
    a.sizing.keycloak = { replicas: 3, clusterMode: true };
    expect(validateAnswers(a)).toEqual({ success: true, data: a });
  });
});

describe('validateAnswers on malformed input', () => {
  it('runs the cross-field rules too, and reports a field error once even when a rule sees the same field', () => {
    const a = validAnswers() as unknown as {
      secrets: Record<string, unknown>;
      general: Record<string, unknown>;
    };
    a.secrets.keystorePassword = 'a;b'; // shell-unsafe (field rule) and shorter than 6 (cross-field rule)
    a.general.endpoint = 'https://x.example.com';
    (a as unknown as A).license.content = '';
    const r = validateAnswers(a);
    expect(r.success).toBe(false);
    expect(r.success ? [] : r.issues).toEqual([
      { path: ['general', 'endpoint'], message: 'Enter the host name only, without "https://".' },
      {
        path: ['secrets', 'keystorePassword'],
        message:
          'Use letters, digits, ".", "_" or "-" only: the chart passes this value unquoted to a shell.',
      },
      {
        path: ['license', 'content'],
        message: 'Required: paste or upload the license content Lightrun sent you.',
      },
    ]);
  });

  it('drops what a rule said before it failed to read a malformed part, and keeps the other rules', () => {
    const a = validAnswers() as unknown as Record<string, Record<string, unknown>>;
    a.license!.content = ''; // checkChartSecrets reports this first ...
    a.secrets = { mode: 'chart', keycloakPassword: 'keycloak-password' }; // ... then cannot read keystorePassword
    a.database!.user = 'root'; // checkDatabase still runs
    const r = validateAnswers(a);
    const paths = r.success ? [] : r.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual([
      'secrets.keystorePassword',
      'secrets.mailPassword',
      'secrets.googleClientId',
      'secrets.googleClientSecret',
      'secrets.datadogApiKey',
      'secrets.mixpanelToken',
      'secrets.hubspotToken',
      'database.user',
    ]);
  });
});
