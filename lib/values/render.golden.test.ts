import { describe, expect, it } from 'vitest';
import { FAKE_CERT, FAKE_KEY, validAnswers } from '../answers/__fixtures__/valid-answers';
import { branchDefault, type Answers } from '../answers';
import { renderYaml } from './render';

// Exact expected files, committed under __golden__/ and written by an earlier process: a change
// of any key, value, order, quoting or comment fails here, and so would output that differs from
// one process to the next (the old "render twice in one process" check could not see that).
// After an intended change: `npx vitest run --project unit lib/values/render.golden.test.ts -u`,
// then read the diff of __golden__/ before committing it.

/** A plan that touches every section and most branches, with kept keys from an import. */
function everySection(): Answers {
  const a = validAnswers();
  a.general = {
    ...a.general,
    name: 'acme',
    openshift: true,
    artifactsDownload: false,
    clusterDomain: 'corp.local',
  };
  a.pullSecret = {
    mode: 'inline',
    configContent: btoa('{"auths":{"registry.example.com":{"auth":"dTpw"}}}'),
  };
  a.certificate = { source: 'inline', crt: FAKE_CERT, key: FAKE_KEY };
  a.apiKeysEncryption = {
    enabled: true,
    aesKey: '0123456789abcdef0123456789abcdef',
    mountPath: '/keys',
  };
  a.database = {
    mode: 'local',
    storage: { kind: 'ephemeral', sizeLimit: '8Gi' },
    name: 'lightrun',
    requireSecureTransport: true,
    user: 'lr',
    password: 'db pass "quoted"',
  };
  a.messageQueue = {
    ...(branchDefault('messageQueue', 'local') as object),
    user: 'mq',
    password: 'mq-pass',
    port: '5671',
    queueName: 'events',
    metrics: true,
    storage: { kind: 'persistent', size: '20Gi', storageClassName: 'fast' },
    serviceAnnotations: [{ key: 'prometheus.io/scrape', value: 'true' }],
  } as Answers['messageQueue'];
  a.externalAccess = {
    mode: 'ingress-controller',
    className: 'nginx',
    annotations: [{ key: 'cert-manager.io/cluster-issuer', value: 'corp' }],
    keepServerSnippet: true,
    adminAllowCidrs: ['10.0.0.0/8'],
    metricsAllowCidrs: [],
  };
  a.internalTls = {
    mode: 'existing',
    verification: true,
    caSecretName: 'corp-ca',
    certificates: {
      frontend: 'tls-fe',
      keycloak: 'tls-kc',
      keycloakCluster: 'tls-kcc',
      redis: 'tls-redis',
      rabbitmq: 'tls-mq',
    },
  };
  a.networkPolicy = {
    enabled: true,
    ingress: { enabled: true, namespaces: ['ingress-nginx'], cidrs: ['10.0.0.0/8'] },
    egress: { enabled: true, namespaces: [], cidrs: ['192.168.0.0/16', '172.16.0.0/12'] },
  };
  a.security = {
    readOnlyRootFilesystem: true,
    tmpfsSizeLimit: '1Gi',
    runAsUser: 5000,
    dataFsGroup: 6000,
  };
  a.sizing = {
    resources: {
      profile: 'custom',
      backend: { cpu: '4', memory: '12Gi' },
      frontend: { cpu: '250m', memory: '256Mi' },
      keycloak: { cpu: '1500m', memory: '3072Mi' },
    },
    backend: { replicas: 2, hpa: { enabled: true, maxReplicas: 6, cpuPercent: 60 } },
    frontend: { replicas: 2, hpa: { enabled: false } },
    keycloak: { replicas: 2, clusterMode: true },
  };
  a.passthrough = {
    general: { deployment_type: 'on-prem' },
    deployments: { backend: { podLabels: { team: 'obs' } } },
    x_extra: { list: [1, 'two', null] },
  };
  return a;
}

function secretsOutside(): Answers {
  const a = validAnswers();
  a.secrets = {
    mode: 'existing',
    backend: 'lr-backend',
    keycloak: '',
    apiKeysEncryption: 'lr-aes',
  };
  a.license = { content: '', signature: '' };
  a.database.user = '';
  a.database.password = '';
  a.certificate = { source: 'existing', secretName: 'lr-tls' };
  a.pullSecret = { mode: 'existing', name: 'regcred' };
  a.apiKeysEncryption = { enabled: true, aesKey: '', mountPath: '/secure' };
  a.externalAccess = {
    mode: 'load-balancer',
    serviceAnnotations: [
      { key: 'service.beta.kubernetes.io/aws-load-balancer-internal', value: 'true' },
    ],
  };
  a.messageQueue = {
    mode: 'external',
    endpoint: 'rabbit.corp',
    port: '5672',
    queueName: 'q',
    user: '',
    password: '',
  };
  a.database = {
    mode: 'external',
    endpoint: 'mysql.corp',
    name: 'lightrun',
    requireSecureTransport: false,
    user: '',
    password: '',
  };
  return a;
}

const golden = (name: string) => `./__golden__/${name}`;

describe('renderYaml: exact files', () => {
  it('quick path, minimal', async () => {
    await expect(renderYaml(validAnswers()).values).toMatchFileSnapshot(
      golden('quick.values.yaml'),
    );
  });

  it('quick path, split into values.yaml and secrets.yaml', async () => {
    const out = renderYaml(validAnswers(), { splitSecrets: true });
    await expect(out.values).toMatchFileSnapshot(golden('quick-split.values.yaml'));
    await expect(out.secrets).toMatchFileSnapshot(golden('quick-split.secrets.yaml'));
  });

  it('quick path, full file', async () => {
    await expect(renderYaml(validAnswers(), { full: true }).values).toMatchFileSnapshot(
      golden('quick-full.values.yaml'),
    );
  });

  it('every section, minimal', async () => {
    await expect(renderYaml(everySection()).values).toMatchFileSnapshot(
      golden('every-section.values.yaml'),
    );
  });

  it('every section, masked preview', async () => {
    const out = renderYaml(everySection(), { maskSecrets: true });
    expect(out.secrets).toBeNull();
    await expect(out.values).toMatchFileSnapshot(golden('every-section.masked.yaml'));
  });

  it('every section, split and masked', async () => {
    const out = renderYaml(everySection(), { maskSecrets: true, splitSecrets: true });
    await expect(out.values).toMatchFileSnapshot(golden('every-section.split-masked.values.yaml'));
    await expect(out.secrets).toMatchFileSnapshot(
      golden('every-section.split-masked.secrets.yaml'),
    );
  });

  it('secrets outside the chart, load balancer, external database and queue', async () => {
    await expect(renderYaml(secretsOutside()).values).toMatchFileSnapshot(
      golden('secrets-outside.values.yaml'),
    );
  });

  it('chart-made nginx on a ClusterIP, the kept router, self-signed TLS', async () => {
    const a = validAnswers();
    a.externalAccess = { mode: 'cluster-ip', serviceAnnotations: [] };
    const b = validAnswers();
    b.externalAccess = branchDefault('externalAccess', 'router') as Answers['externalAccess'];
    b.internalTls = { mode: 'self-signed' };
    b.pullSecret = { mode: 'existing', name: 'regcred' };
    b.certificate = { source: 'existing', secretName: 'tls' };
    await expect(`${renderYaml(a).values}---\n${renderYaml(b).values}`).toMatchFileSnapshot(
      golden('nginx-router.values.yaml'),
    );
  });
});
