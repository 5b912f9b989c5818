import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { branchDefault, type Answers } from '../answers';
import { renderValues, renderYaml, SECRET_MASK } from './render';
import { getPath, leafPaths } from './tree';
import { isSecretPath } from './secret-paths';
import { parseValuesYaml } from './to-yaml';

const b64 = (s: string) => Buffer.from(s).toString('base64');
type Case = {
  name: string;
  mutate: (a: Answers) => void;
  expect: Record<string, unknown>;
  absent?: string[];
};

// Golden, section by section: the chart keys (dotted; annotation keys in [brackets]) each answer
// sets in the minimal file, and the keys it must not set.
const cases: Case[] = [
  {
    name: 'identity and version',
    mutate: (a) =>
      Object.assign(a.general, { name: 'globex', openshift: true, artifactsDownload: false }),
    expect: {
      'general.name': 'globex',
      'general.lightrun_endpoint': 'lightrun.acme.example.com',
      'general.openshift': true,
      'deployments.backend.image.tag': '1.50.1-release.ef66f0e08e',
      'deployments.frontend.image.tag': '1.50.1-release.ef66f0e08e',
      'deployments.keycloak.image.tag': '1.50.1-release.ef66f0e08e',
      'deployments.backend.artifacts.enable': false,
    },
  },
  {
    name: 'license',
    mutate: () => {},
    expect: {
      'secrets.license.content': 'LICENSE-CONTENT',
      'secrets.license.signature': 'LICENSE-SIGNATURE',
    },
  },
  {
    name: 'inline certificate is base64 of the PEM',
    mutate: () => {},
    expect: {
      'certificate.tls.crt': b64(
        validAnswers().certificate.source === 'inline'
          ? (validAnswers().certificate as { crt: string }).crt
          : '',
      ),
      'certificate.tls.key': b64((validAnswers().certificate as { key: string }).key),
    },
    absent: ['certificate.existing_cert'],
  },
  {
    name: 'existing certificate',
    mutate: (a) => (a.certificate = { source: 'existing', secretName: 'my-tls' }),
    expect: { 'certificate.existing_cert': 'my-tls' },
    absent: ['certificate.tls'],
  },
  {
    name: 'no pull secret renders null (never an empty dockerconfigjson)',
    mutate: () => {},
    expect: { 'secrets.defaults.dockerhub_config': null },
  },
  {
    name: 'existing pull secret',
    mutate: (a) => (a.pullSecret = { mode: 'existing', name: 'regcred' }),
    expect: { 'secrets.defaults.dockerhub_config.existingSecret': 'regcred' },
  },
  {
    name: 'AES key encryption',
    mutate: (a) =>
      (a.apiKeysEncryption = { enabled: true, aesKey: 'ab'.repeat(16), mountPath: '/secure' }),
    expect: {
      'general.api_keys_encryption.enabled': true,
      'general.api_keys_encryption.key_mount_path': '/secure',
      'secrets.api_keys_encryption.aes_key': 'ab'.repeat(16),
    },
  },
  {
    name: 'local database with a retained volume',
    mutate: (a) =>
      (a.database = {
        mode: 'local',
        storage: {
          kind: 'persistent',
          storageClassName: 'fast',
          size: '200Gi',
          whenDeleted: 'Retain',
          whenScaled: '',
        },
        name: 'lightrunserver',
        requireSecureTransport: false,
        user: 'u',
        password: 'p',
      }),
    expect: {
      'general.statefulset.storageClassName': 'fast',
      'general.statefulset.storageSize': '200Gi',
      'general.statefulset.persistentVolumeClaimRetentionPolicy': { whenDeleted: 'Retain' },
      'secrets.db.user': 'u',
      'secrets.db.password': 'p',
    },
    absent: ['general.db_local', 'general.db_endpoint'],
  },
  {
    name: 'local database without a volume',
    mutate: (a) =>
      (a.database = {
        ...a.database,
        mode: 'local',
        storage: { kind: 'ephemeral', sizeLimit: '8Gi' },
      } as Answers['database']),
    expect: { 'general.statefulset.enabled': false, 'deployments.mysql.emptyDir.sizeLimit': '8Gi' },
    absent: [
      'general.statefulset.storageSize',
      'general.statefulset.persistentVolumeClaimRetentionPolicy',
    ],
  },
  {
    name: 'external database',
    mutate: (a) =>
      (a.database = {
        mode: 'external',
        endpoint: 'db.corp',
        name: 'lr',
        requireSecureTransport: true,
        user: 'u',
        password: 'p',
      }),
    expect: {
      'general.db_local': false,
      'general.db_endpoint': 'db.corp',
      'general.db_database': 'lr',
      'general.db_require_secure_transport': true,
    },
    absent: ['general.statefulset'],
  },
  {
    name: 'message queue off renders nothing',
    mutate: () => {},
    expect: {},
    absent: ['general.mq', 'secrets.mq', 'deployments.rabbitmq'],
  },
  {
    name: 'local message queue without a volume, with metrics and annotations',
    mutate: (a) =>
      (a.messageQueue = {
        ...(branchDefault('messageQueue', 'local') as object),
        user: 'mq',
        password: 'pw',
        metrics: true,
        storage: { kind: 'ephemeral' },
        serviceAnnotations: [{ key: 'prometheus.io/scrape', value: 'true' }],
      } as Answers['messageQueue']),
    expect: {
      'general.mq.enabled': true,
      'general.mq.storage': '0',
      'general.mq.metrics': true,
      'deployments.rabbitmq.service.annotations[prometheus.io/scrape]': 'true',
      'secrets.mq.user': 'mq',
    },
    absent: ['general.mq.local', 'general.mq.storageClassName'],
  },
  {
    name: 'external message queue',
    mutate: (a) =>
      (a.messageQueue = {
        mode: 'external',
        endpoint: 'rmq.corp',
        port: '5671',
        queueName: 'q',
        user: 'mq',
        password: 'pw',
      }),
    expect: {
      'general.mq.enabled': true,
      'general.mq.local': false,
      'general.mq.mq_endpoint': 'rmq.corp',
      'general.mq.port': '5671',
      'general.mq.queue_name': 'q',
    },
    absent: ['general.mq.storage', 'general.mq.metrics'],
  },
  {
    name: 'ingress controller: guide semantics, annotations on the three ingresses, snippet dropped',
    mutate: (a) =>
      (a.externalAccess = {
        mode: 'ingress-controller',
        className: 'internal-nginx',
        annotations: [{ key: 'x.io/y', value: 'z' }],
        keepServerSnippet: false,
        adminAllowCidrs: [],
        metricsAllowCidrs: [],
      }),
    expect: {
      'general.router.enabled': false,
      'general.ingress_class_name': 'internal-nginx',
      'ingress_clients.annotations[x.io/y]': 'z',
      'ingress_agents.annotations[x.io/y]': 'z',
      'ingress_keycloak_admin.annotations[x.io/y]': 'z',
      'ingress_clients.annotations[nginx.ingress.kubernetes.io/server-snippet]': null,
    },
    absent: ['general.ingress_controller', 'general.nginx_svc'],
  },
  {
    name: 'load balancer nginx',
    mutate: (a) =>
      (a.externalAccess = {
        mode: 'load-balancer',
        serviceAnnotations: [{ key: 'a.io/b', value: 'c' }],
      }),
    expect: {
      'general.router.enabled': false,
      'general.ingress_controller': false,
      'general.nginx_svc.annotations[a.io/b]': 'c',
    },
    absent: ['general.nginx_svc.type'],
  },
  {
    name: 'cluster-ip nginx',
    mutate: (a) => (a.externalAccess = { mode: 'cluster-ip', serviceAnnotations: [] }),
    expect: { 'general.ingress_controller': false, 'general.nginx_svc.type': 'ClusterIP' },
  },
  {
    name: 'router with the chart defaults: nothing to say',
    mutate: (a) =>
      (a.externalAccess = branchDefault('externalAccess', 'router') as Answers['externalAccess']),
    expect: {},
    absent: ['general.router', 'general.ingress_controller'],
  },
  {
    name: 'router behind its own LoadBalancer, TLS on 443, an admin allow-list',
    mutate: (a) =>
      (a.externalAccess = {
        mode: 'router',
        service: 'load-balancer',
        className: 'nginx',
        tls: true,
        adminAllowCidrs: ['10.1.0.0/16'],
        metricsAllowCidrs: [],
      }),
    expect: {
      'general.router.ingress.enabled': false,
      'general.router.service.type': 'LoadBalancer',
      'general.router.tls.enabled': true,
      'general.router.service.ports.https': 443,
      'general.router.service.ports.http': 80,
      'general.router.acl.auth_admin.allow_ips': ['10.1.0.0/16'],
    },
    absent: [
      'general.router.acl.metrics',
      'general.router.ingress.ingress_class_name',
      'general.ingress_controller',
    ],
  },
  {
    name: 'self-signed internal TLS never verifies',
    mutate: (a) => (a.internalTls = { mode: 'self-signed' }),
    expect: {
      'general.internal_tls.enabled': true,
      'general.internal_tls.certificates.source': 'generate_self_signed_certificates',
      'general.internal_tls.certificates.verification': false,
    },
  },
  {
    name: 'existing internal TLS with a private CA',
    mutate: (a) =>
      (a.internalTls = {
        mode: 'existing',
        verification: true,
        caSecretName: 'ca',
        certificates: {
          frontend: 'f',
          keycloak: 'k',
          keycloakCluster: 'kc',
          redis: 'r',
          rabbitmq: '',
        },
      }),
    expect: {
      'general.internal_tls.enabled': true,
      'general.internal_tls.certificates.existing_ca_secret_name': 'ca',
      'general.internal_tls.certificates.existing_certificates.keycloak_cluster': 'kc',
    },
    absent: [
      'general.internal_tls.certificates.source',
      'general.internal_tls.certificates.verification',
    ],
  },
  {
    name: 'network policy with extra namespaces and CIDRs',
    mutate: (a) =>
      (a.networkPolicy = {
        enabled: true,
        ingress: { enabled: true, namespaces: ['ingress-nginx'], cidrs: ['10.0.0.0/8'] },
        egress: { enabled: false, namespaces: [], cidrs: [] },
      }),
    expect: {
      'general.networkPolicy.enabled': true,
      'general.networkPolicy.ingress.enabled': true,
      'general.networkPolicy.ingress.namespacesSelector': ['ingress-nginx'],
      'general.networkPolicy.ingress.ipBlock': [{ cidr: '10.0.0.0/8' }],
    },
    absent: ['general.networkPolicy.egress'],
  },
  {
    name: 'security hardening',
    mutate: (a) =>
      (a.security = {
        readOnlyRootFilesystem: true,
        tmpfsSizeLimit: '1Gi',
        runAsUser: 5000,
        dataFsGroup: 5000,
      }),
    expect: {
      'general.readOnlyRootFilesystem': true,
      'general.readOnlyRootFilesystem_tmpfs_sizeLimit': '1Gi',
      'general.base_container_securityContext.runAsUser': 5000,
      'deployments.mysql.podSecurityContext.fsGroup': 5000,
      'deployments.rabbitmq.podSecurityContext.fsGroup': 5000,
    },
  },
  {
    name: 'secrets outside the chart',
    mutate: (a) => {
      a.secrets = { mode: 'existing', backend: 'b', keycloak: '', apiKeysEncryption: 'aes' };
      a.certificate = { source: 'existing', secretName: 't' };
    },
    expect: {
      'general.deploy_secrets.enabled': false,
      'general.deploy_secrets.existing_secrets.backend': 'b',
      'general.deploy_secrets.existing_secrets.api_keys_encryption': 'aes',
    },
    absent: [
      'secrets.keycloak',
      'secrets.defaults.keystore_password',
      'secrets.license',
      'secrets.db',
      'secrets.api_keys_encryption',
    ],
  },
  {
    name: 'secrets outside the chart: no secret value reaches values.yaml, even one still in the answers',
    mutate: (a) => {
      a.secrets = { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' };
      a.certificate = { source: 'existing', secretName: 't' };
      a.apiKeysEncryption = { enabled: true, aesKey: 'ab'.repeat(16), mountPath: '/keys' };
      a.messageQueue = {
        mode: 'external',
        endpoint: 'mq.corp',
        port: '5672',
        queueName: 'q',
        user: 'mq-user',
        password: 'mq-pass',
      };
    },
    expect: {
      'general.deploy_secrets.enabled': false,
      'general.api_keys_encryption.enabled': true,
      'general.mq.mq_endpoint': 'mq.corp',
      'secrets.defaults.dockerhub_config': null,
    },
    absent: [
      'secrets.db',
      'secrets.mq',
      'secrets.license',
      'secrets.api_keys_encryption',
      'secrets.keycloak',
      'secrets.defaults.keystore_password',
    ],
  },
  {
    name: 'sizing profile, replicas and HPA',
    mutate: (a) =>
      (a.sizing = {
        resources: { profile: 'large' },
        backend: { replicas: 2, hpa: { enabled: true, maxReplicas: 8, cpuPercent: 60 } },
        frontend: { replicas: 3, hpa: { enabled: false } },
        keycloak: { replicas: 2, clusterMode: true },
      }),
    expect: {
      'deployments.backend.resources.cpu': '8000m',
      'deployments.backend.resources.memory': '16Gi',
      'deployments.backend.replicas': 2,
      'deployments.backend.hpa.enabled': true,
      'deployments.backend.hpa.maxReplicas': 8,
      'deployments.backend.hpa.cpu': 60,
      'deployments.frontend.replicas': 3,
      'deployments.keycloak.replicas': 2,
    },
    absent: ['deployments.frontend.hpa', 'deployments.keycloak.clusterMode'],
  },
];

/** 'a.b[c.d]' -> ['a','b','c.d'] */
const toPath = (p: string) =>
  p.split(/\.(?![^[]*\])/).flatMap((seg) => {
    const m = /^(.*)\[(.*)\]$/.exec(seg);
    return m ? [m[1]!, m[2]!] : [seg];
  });

describe('renderValues (minimal), section by section', () => {
  it.each(cases)('$name', ({ mutate, expect: expected, absent = [] }) => {
    const a = validAnswers();
    mutate(a);
    const { values } = renderValues(a);
    for (const [p, v] of Object.entries(expected)) expect(getPath(values, toPath(p)), p).toEqual(v);
    for (const p of absent) expect(getPath(values, toPath(p)), p).toBeUndefined();
  });
});

describe('renderYaml', () => {
  it('writes the minimal quick-path file, grouped and commented by section', () => {
    const text = renderYaml(validAnswers()).values;
    expect(text).toMatch(/^# Lightrun Server values/);
    expect(text).toContain('# Identity, endpoint and version');
    expect(text).toContain('# License');
    expect(text).toContain('lightrun_endpoint: "lightrun.acme.example.com"');
    expect(text).not.toContain('storageSize'); // equal to the default: not listed
  });

  it('full mode lists every chart default too', () => {
    const full = parseValuesYaml(renderYaml(validAnswers(), { full: true }).values);
    expect(getPath(full, ['deployments', 'redis', 'image', 'tag'])).toBe('alpine-7.2.5-r1');
    expect(getPath(full, ['general', 'statefulset', 'storageSize'])).toBe('100Gi');
  });

  it('splits secrets into their own file and leaves none in values.yaml', () => {
    const a = validAnswers();
    const out = renderYaml(a, { splitSecrets: true });
    const values = parseValuesYaml(out.values);
    const secrets = parseValuesYaml(out.secrets!);
    expect(getPath(values, ['secrets', 'license'])).toBeUndefined();
    expect(getPath(values, ['certificate', 'tls'])).toBeUndefined();
    expect(getPath(secrets, ['secrets', 'license', 'content'])).toBe('LICENSE-CONTENT');
    expect(getPath(secrets, ['secrets', 'db', 'password'])).toBe('db-password');
    expect(getPath(secrets, ['certificate', 'tls', 'key'])).toBe(
      Buffer.from((a.certificate as { key: string }).key).toString('base64'),
    );
    for (const s of ['LICENSE-CONTENT', 'db-password', 'keycloak-password', 'keystore1'])
      expect(out.values).not.toContain(s);
  });

  it('masks every secret value for previews', () => {
    const a = validAnswers();
    a.apiKeysEncryption = { enabled: true, aesKey: 'cd'.repeat(16), mountPath: '/keys' };
    const text = renderYaml(a, { maskSecrets: true, full: true }).values;
    for (const s of [
      'LICENSE-CONTENT',
      'LICENSE-SIGNATURE',
      'db-password',
      'keycloak-password',
      'keystore1',
      'cd'.repeat(16),
      Buffer.from((a.certificate as { key: string }).key).toString('base64'),
    ]) {
      expect(text).not.toContain(s);
    }
    expect(text).toContain(SECRET_MASK);
    expect(text).toContain('lightrun.acme.example.com');
  });

  it('masks only secret values that are non-empty text: empty and non-text secrets are shown as they are (row found by StrykerJS)', () => {
    const plain = renderValues(validAnswers(), { full: true }).values;
    const masked = renderValues(validAnswers(), { full: true, maskSecrets: true }).values;
    const secretLeaves = leafPaths(plain).filter((p) => isSecretPath(p));
    const kinds = secretLeaves
      .map((p) => getPath(plain, p))
      .map((v) => (typeof v === 'string' ? (v === '' ? 'empty' : 'text') : 'other'));
    expect(kinds).toContain('empty');
    expect(kinds).toContain('other');
    expect(kinds).toContain('text');
    for (const p of leafPaths(plain)) {
      const v = getPath(plain, p);
      expect([p.join('.'), getPath(masked, p)]).toEqual([
        p.join('.'),
        isSecretPath(p) && typeof v === 'string' && v !== '' ? SECRET_MASK : v,
      ]);
    }
  });

  it('is deterministic: the same bytes as the file an earlier process wrote (__golden__/quick.values.yaml)', () => {
    // Rendering twice in one process would share every cache and module state; a committed file cannot.
    expect(renderYaml(validAnswers()).values).toBe(
      readFileSync(new URL('./__golden__/quick.values.yaml', import.meta.url), 'utf8'),
    );
  });
});

describe('section comments read as a person would write them', () => {
  it('puts each section title before the highest key where its run starts, never inside a key it owns', async () => {
    const { validAnswers } = await import('../answers/__fixtures__/valid-answers');
    const a = validAnswers();
    a.passthrough = { general: { tolerations: [{ key: 'x' }] } };
    const lines = renderYaml(a).values.split('\n');
    const comments = lines.flatMap((l, i) =>
      l.trimStart().startsWith('#') && i > 2
        ? [`${l} -> ${lines[i + 1]!.trim().split(':')[0]}`]
        : [],
    );
    expect(comments).toEqual([
      '# Identity, endpoint and version -> general',
      '  # Database -> statefulset',
      '  # External access -> router',
      '  # Kept as is from the imported file -> tolerations',
      '# Server certificate -> certificate',
      '# Secrets -> secrets',
      '  # Database -> db',
      '  # License -> license',
      '  # Secrets -> defaults',
      '    # Image pull secret -> dockerhub_config',
      '# Identity, endpoint and version -> deployments',
      '# External access -> ingress_clients',
    ]);
  });

  it('marks a kept key inside a map the wizard also writes, and titles the written keys after it', async () => {
    const { validAnswers } = await import('../answers/__fixtures__/valid-answers');
    const a = validAnswers();
    a.passthrough = { deployments: { backend: { useJsonLogFormat: true } } };
    const values = renderYaml(a).values;
    expect(
      values.slice(values.indexOf('\ndeployments:') + 1, values.indexOf('\ningress_clients:')),
    ).toBe(
      [
        'deployments:',
        '  frontend:',
        '    image:',
        '      tag: "1.50.1-release.ef66f0e08e"',
        '  # Kept as is from the imported file',
        '  backend:',
        '    useJsonLogFormat: true',
        '    # Identity, endpoint and version',
        '    image:',
        '      tag: "1.50.1-release.ef66f0e08e"',
        '  keycloak:',
        '    image:',
        '      tag: "1.50.1-release.ef66f0e08e"',
        '# External access',
      ].join('\n'),
    );
  });
});
