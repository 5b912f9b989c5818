import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { answersSchema, type Answers } from './schema';
import { branchDefault, completeAnswers } from './branches';

type Case = { name: string; mutate: (a: Answers) => void; path: string; message: RegExp };

function issuesOf(a: unknown) {
  const r = answersSchema.safeParse(a);
  return r.success
    ? []
    : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const set = <T>(x: T, patch: Partial<T>) => Object.assign(x as object, patch);

describe('answersSchema', () => {
  it('accepts the quick path', () => {
    expect(issuesOf(validAnswers())).toEqual([]);
  });

  // Each cross-field rule of docs/chart-3.9.4.md, with the field the error must land on.
  const rules: Case[] = [
    {
      name: 'license content required when the chart deploys secrets',
      mutate: (a) => (a.license.content = ''),
      path: 'license.content',
      message: /license content/,
    },
    {
      name: 'license signature required',
      mutate: (a) => (a.license.signature = ' '),
      path: 'license.signature',
      message: /signature/,
    },
    {
      name: 'keycloak password required',
      mutate: (a) => set(a.secrets, { keycloakPassword: '' }),
      path: 'secrets.keycloakPassword',
      message: /first-login/,
    },
    {
      name: 'keystore password at least 6',
      mutate: (a) => set(a.secrets, { keystorePassword: 'abc' }),
      path: 'secrets.keystorePassword',
      message: /at least 6/,
    },
    {
      name: 'keystore password shell-safe',
      mutate: (a) => set(a.secrets, { keystorePassword: 'abc def;rm' }),
      path: 'secrets.keystorePassword',
      message: /shell/,
    },
    {
      name: 'database user required',
      mutate: (a) => (a.database.user = ''),
      path: 'database.user',
      message: /database user/,
    },
    {
      name: 'database password required',
      mutate: (a) => (a.database.password = ''),
      path: 'database.password',
      message: /database password/,
    },
    {
      name: 'root refused for a local database',
      mutate: (a) => (a.database.user = 'root'),
      path: 'database.user',
      message: /refuses "root"/,
    },
    {
      name: 'external database host without port',
      mutate: (a) =>
        (a.database = {
          ...branchDefault('database', 'external'),
          endpoint: 'db:3306',
          user: 'u',
          password: 'p',
        } as Answers['database']),
      path: 'database.endpoint',
      message: /port is fixed/,
    },
    {
      name: 'MQ credentials required when on',
      mutate: (a) =>
        (a.messageQueue = branchDefault('messageQueue', 'local') as Answers['messageQueue']),
      path: 'messageQueue.user',
      message: /RabbitMQ user/,
    },
    {
      name: 'MQ credentials shell-safe',
      mutate: (a) =>
        (a.messageQueue = {
          ...(branchDefault('messageQueue', 'local') as Answers['messageQueue']),
          user: 'a b',
          password: 'x',
        } as Answers['messageQueue']),
      path: 'messageQueue.user',
      message: /shell/,
    },
    {
      name: 'AES key required when encryption on',
      mutate: (a) => (a.apiKeysEncryption = { enabled: true, aesKey: '', mountPath: '/keys' }),
      path: 'apiKeysEncryption.aesKey',
      message: /never starts/,
    },
    {
      name: 'AES key is 32 hex',
      mutate: (a) => (a.apiKeysEncryption = { enabled: true, aesKey: 'xyz', mountPath: '/keys' }),
      path: 'apiKeysEncryption.aesKey',
      message: /32 hexadecimal/,
    },
    {
      name: 'AES mount path must not collide',
      mutate: (a) =>
        (a.apiKeysEncryption = { enabled: true, aesKey: 'a'.repeat(32), mountPath: '/tmp/keys' }),
      path: 'apiKeysEncryption.mountPath',
      message: /used by the backend/,
    },
    {
      name: 'certificate must be PEM',
      mutate: (a) => set(a.certificate, { crt: 'not pem' }),
      path: 'certificate.crt',
      message: /PEM/,
    },
    {
      name: 'encrypted key refused',
      mutate: (a) =>
        set(a.certificate, {
          key: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nx\n-----END ENCRYPTED PRIVATE KEY-----',
        }),
      path: 'certificate.key',
      message: /encrypted/,
    },
    {
      name: 'pull secret content must be base64 JSON',
      mutate: (a) => (a.pullSecret = { mode: 'inline', configContent: 'not base64!' }),
      path: 'pullSecret.configContent',
      message: /base64/,
    },
    {
      name: 'pull secret needs auths',
      mutate: (a) => (a.pullSecret = { mode: 'inline', configContent: btoa('{}') }),
      path: 'pullSecret.configContent',
      message: /auths/,
    },
    {
      name: 'existing secrets need an existing certificate',
      mutate: (a) =>
        (a.secrets = { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' }),
      path: 'certificate.source',
      message: /does not create the certificate/,
    },
    {
      name: 'existing secrets refuse an inline pull secret',
      mutate: (a) => {
        a.secrets = { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' };
        a.certificate = { source: 'existing', secretName: 'tls' };
        a.pullSecret = { mode: 'inline', configContent: '' };
      },
      path: 'pullSecret.mode',
      message: /not created either/,
    },
    {
      name: 'internal TLS refused with the chart nginx',
      mutate: (a) => {
        a.internalTls = { mode: 'self-signed' };
        a.externalAccess = { mode: 'load-balancer', serviceAnnotations: [] };
      },
      path: 'internalTls.mode',
      message: /plain HTTP/,
    },
    {
      name: 'existing internal TLS names frontend',
      mutate: (a) =>
        (a.internalTls = branchDefault('internalTls', 'existing') as Answers['internalTls']),
      path: 'internalTls.certificates.frontend',
      message: /frontend/,
    },
    {
      name: 'existing internal TLS names the keycloak cluster secret in cluster mode',
      mutate: (a) =>
        (a.internalTls = branchDefault('internalTls', 'existing') as Answers['internalTls']),
      path: 'internalTls.certificates.keycloakCluster',
      message: /cluster mode/,
    },
    {
      name: 'existing internal TLS names rabbitmq with a local MQ',
      mutate: (a) => {
        a.internalTls = branchDefault('internalTls', 'existing') as Answers['internalTls'];
        a.messageQueue = {
          ...(branchDefault('messageQueue', 'local') as Answers['messageQueue']),
          user: 'u',
          password: 'p',
        } as Answers['messageQueue'];
      },
      path: 'internalTls.certificates.rabbitmq',
      message: /RabbitMQ/,
    },
    {
      name: 'network policy needs a direction',
      mutate: (a) =>
        (a.networkPolicy = {
          enabled: true,
          ingress: { enabled: false, namespaces: [], cidrs: [] },
          egress: { enabled: false, namespaces: [], cidrs: [] },
        }),
      path: 'networkPolicy.ingress.enabled',
      message: /denies all ingress/,
    },
    {
      name: 'network policy namespaces are not YAML-ambiguous',
      mutate: (a) =>
        (a.networkPolicy = {
          enabled: true,
          ingress: { enabled: true, namespaces: ['yes'], cidrs: [] },
          egress: { enabled: false, namespaces: [], cidrs: [] },
        }),
      path: 'networkPolicy.ingress.namespaces.0',
      message: /boolean or null/,
    },
    {
      name: 'network policy duplicates',
      mutate: (a) =>
        (a.networkPolicy = {
          enabled: true,
          ingress: { enabled: true, namespaces: ['a', 'a'], cidrs: [] },
          egress: { enabled: false, namespaces: [], cidrs: [] },
        }),
      path: 'networkPolicy.ingress.namespaces.1',
      message: /twice/,
    },
    {
      name: 'CIDR format',
      mutate: (a) =>
        (a.networkPolicy = {
          enabled: true,
          ingress: { enabled: true, namespaces: [], cidrs: ['10.0.0.0'] },
          egress: { enabled: false, namespaces: [], cidrs: [] },
        }),
      path: 'networkPolicy.ingress.cidrs.0',
      message: /CIDR/,
    },
    {
      name: 'HPA max at least replicas',
      mutate: (a) =>
        (a.sizing.backend = {
          replicas: 4,
          hpa: { enabled: true, maxReplicas: 3, cpuPercent: 50 },
        }),
      path: 'sizing.backend.hpa.maxReplicas',
      message: /at least the replica count/,
    },
    {
      name: 'keycloak replicas need cluster mode',
      mutate: (a) => (a.sizing.keycloak = { replicas: 2, clusterMode: false }),
      path: 'sizing.keycloak.clusterMode',
      message: /cluster mode/,
    },
    {
      name: 'JVM memory must be whole Gi/Mi',
      mutate: (a) =>
        (a.sizing.resources = {
          profile: 'custom',
          backend: { cpu: '3000m', memory: '7.5Gi' },
          frontend: { cpu: '100m', memory: '128Mi' },
          keycloak: { cpu: '1', memory: '2Gi' },
        }),
      path: 'sizing.resources.backend.memory',
      message: /Java heap/,
    },
    {
      name: 'duplicate annotation keys',
      mutate: (a) =>
        (a.externalAccess = {
          mode: 'ingress-controller',
          className: 'nginx',
          annotations: [
            { key: 'a/b', value: '1' },
            { key: 'a/b', value: '2' },
          ],
          keepServerSnippet: false,
          adminAllowCidrs: [],
          metricsAllowCidrs: [],
        }),
      path: 'externalAccess.annotations.1.key',
      message: /twice/,
    },
    {
      name: 'endpoint without scheme',
      mutate: (a) => (a.general.endpoint = 'https://lightrun.example.com'),
      path: 'general.endpoint',
      message: /without "https:\/\/"/,
    },
    {
      name: 'endpoint without port',
      mutate: (a) => (a.general.endpoint = 'lightrun.example.com:8443'),
      path: 'general.endpoint',
      message: /port/,
    },
    {
      name: 'endpoint lowercase',
      mutate: (a) => (a.general.endpoint = 'Lightrun.Example.com'),
      path: 'general.endpoint',
      message: /lowercase/,
    },
    {
      name: 'name not YAML-ambiguous (G6)',
      mutate: (a) => (a.general.name = 'on'),
      path: 'general.name',
      message: /boolean or null/,
    },
    {
      name: 'database name not a number (G6)',
      mutate: (a) => (a.database.name = '1e3'),
      path: 'database.name',
      message: /lowercase letter/,
    },
    {
      name: 'image tag required (G3)',
      mutate: (a) => (a.general.lightrunVersion = ''),
      path: 'general.lightrunVersion',
      message: /empty tag/,
    },
    {
      name: 'unknown keys are reported, not dropped',
      mutate: (a) => ((a.general as Record<string, unknown>).endpint = 'x'),
      path: 'general',
      message: /Unrecognized key/,
    },
  ];

  it.each(rules)('$name', ({ mutate, path, message }) => {
    const a = validAnswers();
    mutate(a);
    const issues = issuesOf(a);
    const hit = issues.find((i) => i.path === path);
    expect(hit, `expected an issue at ${path}, got ${JSON.stringify(issues)}`).toBeDefined();
    expect(hit!.message).toMatch(message);
  });

  it('does not ask for chart secrets when the secrets live outside the chart', () => {
    const a = validAnswers();
    a.secrets = { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' };
    a.certificate = { source: 'existing', secretName: 'my-tls' };
    a.license = { content: '', signature: '' };
    a.database.user = '';
    a.database.password = '';
    a.apiKeysEncryption = { enabled: true, aesKey: '', mountPath: '/keys' };
    expect(issuesOf(a)).toEqual([]);
  });

  it('never puts a secret value into an error message', () => {
    const a = validAnswers();
    const secret = 'S3cr3t value;with spaces';
    a.secrets = { ...(a.secrets as object), keystorePassword: secret } as Answers['secrets'];
    a.database.user = 'root';
    a.apiKeysEncryption = { enabled: true, aesKey: secret, mountPath: '/keys' };
    const text = JSON.stringify(issuesOf(a));
    expect(text).not.toContain(secret);
    expect(issuesOf(a).length).toBeGreaterThan(0);
  });
});

describe('completeAnswers', () => {
  it('fills a partial file from the defaults and starts a switched branch from its own defaults', () => {
    const a = completeAnswers({
      general: { endpoint: 'x.example.com' },
      database: { mode: 'external', endpoint: 'db.example.com' },
    }) as Answers;
    expect(a.general.name).toBe('');
    expect(a.database).toEqual({
      mode: 'external',
      endpoint: 'db.example.com',
      name: 'lightrunserver',
      requireSecureTransport: false,
      user: '',
      password: '',
    });
  });

  it('keeps unknown keys so that validation reports them', () => {
    const a = completeAnswers({ general: { endpint: 'typo' } }) as {
      general: Record<string, unknown>;
    };
    expect(a.general.endpint).toBe('typo');
  });
});

describe('validateAnswers', () => {
  it('reports field errors and cross-field rules together', async () => {
    const { validateAnswers } = await import('./schema');
    const a = validAnswers();
    a.general.endpoint = 'https://bad';
    a.license.content = '';
    const r = validateAnswers(a);
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['general.endpoint', 'license.content']));
  });
});
