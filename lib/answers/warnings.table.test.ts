import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { branchDefault } from './branches';
import type { Answers } from './schema';
import { warningsFor } from './warnings';

// Every warning with its trigger, its boundary and its quiet side, compared as the whole list
// (exact text and path), so a warning that appears where it should not fails too.

const CHART = {
  path: ['secrets', 'mode'],
  message:
    'Secret values are stored in the Helm release record too: anyone who can read Secrets in the namespace can read them.',
};
type W = { path: string[]; message: string };
const w = (path: string, message: string): W => ({ path: path.split('.'), message });

const mqLocal = (kind: 'persistent' | 'ephemeral') =>
  ({
    ...(branchDefault('messageQueue', 'local') as object),
    user: 'mq',
    password: 'mqpass',
    storage: kind === 'ephemeral' ? { kind } : { kind, size: '10Gi', storageClassName: '' },
  }) as Answers['messageQueue'];
const mqExternal = {
  mode: 'external',
  endpoint: 'mq.corp',
  port: '5672',
  queueName: 'q',
  user: 'mq',
  password: 'mqpass',
} as Answers['messageQueue'];
const tlsExisting = (verification: boolean, caSecretName: string) =>
  ({
    mode: 'existing',
    verification,
    caSecretName,
    certificates: { frontend: 'f', keycloak: 'k', keycloakCluster: 'kc', redis: 'r', rabbitmq: '' },
  }) as Answers['internalTls'];
const custom = (
  backend: [string, string],
  frontend: [string, string],
  keycloak: [string, string],
) =>
  ({
    profile: 'custom',
    backend: { cpu: backend[0], memory: backend[1] },
    frontend: { cpu: frontend[0], memory: frontend[1] },
    keycloak: { cpu: keycloak[0], memory: keycloak[1] },
  }) as Answers['sizing']['resources'];
const policy = (ingress: object, egress: object) =>
  ({
    enabled: true,
    ingress: { enabled: true, namespaces: [], cidrs: [], ...ingress },
    egress: { enabled: false, namespaces: [], cidrs: [], ...egress },
  }) as Answers['networkPolicy'];
const ROUTER = {
  mode: 'router',
  service: 'ingress',
  className: 'nginx',
  tls: false,
  adminAllowCidrs: [],
  metricsAllowCidrs: [],
} as Answers['externalAccess'];
const ingressClass = (className: string) =>
  ({
    mode: 'ingress-controller',
    className,
    annotations: [],
    keepServerSnippet: false,
    adminAllowCidrs: [],
    metricsAllowCidrs: [],
  }) as Answers['externalAccess'];
const NGINX_OPEN = w(
  'externalAccess.mode',
  'The chart-made nginx exposes the Keycloak admin console (/auth/admin) and the metrics endpoint (/management/prometheus) to anyone who reaches it: it has no allow-list. Restrict the clients with the network policy, or use an ingress controller.',
);
const NOT_NGINX = (c: string) =>
  w(
    'externalAccess.className',
    `The admin-console and metrics allow-lists are ingress-nginx annotations: with the IngressClass "${c}" add your controller's own source-range annotation, or those paths may be open.`,
  );
const OPENSHIFT_OPEN = w(
  'general.openshift',
  'On OpenShift without the router the chart renders two plain Ingresses (Routes) and the frontend proxies every path: the admin-console and metrics allow-lists do not apply, so /auth/admin and /management/prometheus are open to whoever reaches the Route.',
);
const ROUTER_W = w(
  'externalAccess.mode',
  'The built-in router of chart 3.9.4 is the single entry point: the guide’s ingress settings (ingress class, per-Ingress annotations) do not apply to it. It is also the layout of every later chart version.',
);
const POLICY_CIDRS = w(
  'networkPolicy.ingress.cidrs',
  'The server is reached through a Service of the chart, not an ingress controller: add the CIDRs your users and agents connect from, or they cannot reach it.',
);
const existingSecrets = (
  a: Answers,
  names: { backend?: string; keycloak?: string; apiKeysEncryption?: string } = {},
) => {
  a.secrets = { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '', ...names };
};

const LB = (r: string) => w('sizing.resources.' + r, '');
const below = (c: 'backend' | 'frontend' | 'keycloak') => {
  const min = {
    backend: '3000m CPU, 7Gi',
    frontend: '100m CPU, 128Mi',
    keycloak: '1000m CPU, 2Gi',
  }[c];
  return { ...LB(c), message: `Below the vendor’s minimum for ${c} (${min}).` };
};
const MIN_OK: [string, string][] = [
  ['3000m', '7Gi'],
  ['100m', '128Mi'],
  ['1000m', '2Gi'],
];
const res = (i: 0 | 1 | 2, v: [string, string]) =>
  custom(
    ...(MIN_OK.map((m, j) => (j === i ? v : m)) as [
      [string, string],
      [string, string],
      [string, string],
    ]),
  );

const rows: [string, (a: Answers) => void, W[]][] = [
  ['the quick path: only the release-record note', () => {}, [CHART]],
  [
    'local database without a volume',
    (a) =>
      (a.database = {
        ...a.database,
        storage: { kind: 'ephemeral', sizeLimit: '5Gi' },
      } as Answers['database']),
    [
      w(
        'database.storage.kind',
        'MySQL runs without a volume: every restart of its pod loses all Lightrun data. Use this for trials only.',
      ),
      CHART,
    ],
  ],
  [
    'external database needs no volume warning',
    (a) =>
      (a.database = {
        mode: 'external',
        endpoint: 'db.corp',
        name: 'lr',
        requireSecureTransport: false,
        user: 'u',
        password: 'p',
      }),
    [CHART],
  ],
  [
    'local MQ without a volume',
    (a) => (a.messageQueue = mqLocal('ephemeral')),
    [
      w(
        'messageQueue.storage.kind',
        'RabbitMQ keeps no volume: queued events are lost when its pod restarts.',
      ),
      CHART,
    ],
  ],
  ['local MQ with a volume', (a) => (a.messageQueue = mqLocal('persistent')), [CHART]],
  [
    'external MQ',
    (a) => (a.messageQueue = mqExternal),
    [
      w(
        'messageQueue.endpoint',
        'The external broker must also expose its management API on port 15672 with the same credentials, or the backend never starts.',
      ),
      CHART,
    ],
  ],
  [
    'cluster-ip nginx names the release in the port-forward',
    (a) => {
      a.release.name = 'lr2';
      a.externalAccess = { mode: 'cluster-ip', serviceAnnotations: [] };
    },
    [
      w(
        'externalAccess.mode',
        'Reach the server with `kubectl port-forward service/lr2-nginx 443:443`: nothing outside the cluster can.',
      ),
      NGINX_OPEN,
      CHART,
    ],
  ],
  [
    'load balancer nginx',
    (a) => (a.externalAccess = { mode: 'load-balancer', serviceAnnotations: [] }),
    [NGINX_OPEN, CHART],
  ],
  ['the router', (a) => (a.externalAccess = ROUTER), [ROUTER_W, CHART]],
  [
    'the router of a 3.50 plan: no 3.9.4 sentence about it',
    (a) => ((a.externalAccess = ROUTER), (a.chart = '3.50.0')),
    [CHART],
  ],
  [
    'OpenShift with an ingress controller: allow-lists do not apply',
    (a) => (a.general.openshift = true),
    [OPENSHIFT_OPEN, CHART],
  ],
  [
    'OpenShift with the router: no open-paths warning',
    (a) => {
      a.general.openshift = true;
      a.externalAccess = ROUTER;
    },
    [ROUTER_W, CHART],
  ],
  [
    'self-signed internal TLS',
    (a) => (a.internalTls = { mode: 'self-signed' }),
    [
      w(
        'internalTls.mode',
        'Self-signed certificates are created only at the first install: turning this on in an upgrade leaves pods waiting for Secrets that never come.',
      ),
      CHART,
      w(
        'sizing.resources.profile',
        'Internal TLS costs CPU: the guide recommends more than the minimum resources.',
      ),
    ],
  ],
  [
    'existing TLS, verified, no private CA',
    (a) => {
      a.internalTls = tlsExisting(true, '');
      a.sizing.resources = { profile: 'medium' };
    },
    [
      w(
        'internalTls.caSecretName',
        'Verification uses the system’s public CAs only: if your certificates come from a private CA, name the Secret holding its ca.crt.',
      ),
      CHART,
    ],
  ],
  [
    'existing TLS, verified, with a private CA',
    (a) => {
      a.internalTls = tlsExisting(true, 'ca');
      a.sizing.resources = { profile: 'medium' };
    },
    [CHART],
  ],
  [
    'existing TLS, not verified',
    (a) => {
      a.internalTls = tlsExisting(false, '');
      a.sizing.resources = { profile: 'large' };
    },
    [CHART],
  ],
  [
    'internal TLS with a non-nginx ingress class',
    (a) => {
      a.internalTls = tlsExisting(false, '');
      a.sizing.resources = { profile: 'medium' };
      a.externalAccess = ingressClass('traefik');
    },
    [
      NOT_NGINX('traefik'),
      w(
        'externalAccess.annotations',
        'Internal TLS with a non-nginx ingress class: add your controller’s annotation for HTTPS back ends yourself.',
      ),
      CHART,
    ],
  ],
  [
    'internal TLS with an nginx-named class',
    (a) => {
      a.internalTls = tlsExisting(false, '');
      a.sizing.resources = { profile: 'medium' };
      a.externalAccess = ingressClass('internal-nginx');
    },
    [CHART],
  ],
  [
    'a non-nginx class without internal TLS',
    (a) => (a.externalAccess = ingressClass('traefik')),
    [NOT_NGINX('traefik'), CHART],
  ],
  [
    'an nginx class without internal TLS',
    (a) => (a.externalAccess = ingressClass('nginx')),
    [CHART],
  ],
  [
    'ingress policy with no namespace and no CIDR, behind an ingress controller',
    (a) => (a.networkPolicy = policy({}, {})),
    [CHART],
  ],
  [
    'ingress policy without CIDRs, chart load balancer',
    (a) => {
      a.networkPolicy = policy({ namespaces: ['x'] }, {});
      a.externalAccess = { mode: 'load-balancer', serviceAnnotations: [] };
    },
    [NGINX_OPEN, POLICY_CIDRS, CHART],
  ],
  [
    'ingress policy with a CIDR, chart load balancer',
    (a) => {
      a.networkPolicy = policy({ cidrs: ['10.0.0.0/8'] }, {});
      a.externalAccess = { mode: 'load-balancer', serviceAnnotations: [] };
    },
    [NGINX_OPEN, CHART],
  ],
  [
    'ingress policy without CIDRs, router',
    (a) => {
      a.networkPolicy = policy({}, {});
      a.externalAccess = ROUTER;
    },
    [ROUTER_W, POLICY_CIDRS, CHART],
  ],
  [
    'ingress-direction off, chart load balancer',
    (a) => {
      a.networkPolicy = policy({ enabled: false }, { enabled: true });
      a.externalAccess = { mode: 'load-balancer', serviceAnnotations: [] };
    },
    [NGINX_OPEN, CHART],
  ],
  [
    'ingress policy with a namespace',
    (a) => (a.networkPolicy = policy({ namespaces: ['ingress-nginx'] }, {})),
    [CHART],
  ],
  [
    'ingress policy with a CIDR',
    (a) => (a.networkPolicy = policy({ cidrs: ['10.0.0.0/8'] }, {})),
    [CHART],
  ],
  [
    'egress-only policy, nothing external',
    (a) => (a.networkPolicy = policy({ enabled: false }, { enabled: true })),
    [CHART],
  ],
  [
    'egress policy with an external database',
    (a) => {
      a.networkPolicy = policy({ enabled: false }, { enabled: true });
      a.database = {
        mode: 'external',
        endpoint: 'db.corp',
        name: 'lr',
        requireSecureTransport: false,
        user: 'u',
        password: 'p',
      };
    },
    [
      w(
        'networkPolicy.egress.cidrs',
        'Egress is restricted: add the CIDRs of your external database and message queue.',
      ),
      CHART,
    ],
  ],
  [
    'egress policy with an external MQ',
    (a) => {
      a.networkPolicy = policy({ enabled: false }, { enabled: true });
      a.messageQueue = mqExternal;
    },
    [
      w(
        'messageQueue.endpoint',
        'The external broker must also expose its management API on port 15672 with the same credentials, or the backend never starts.',
      ),
      w(
        'networkPolicy.egress.cidrs',
        'Egress is restricted: add the CIDRs of your external database and message queue.',
      ),
      CHART,
    ],
  ],
  [
    'external database with egress off',
    (a) => {
      a.networkPolicy = policy({ namespaces: ['x'] }, { enabled: false });
      a.database = {
        mode: 'external',
        endpoint: 'db.corp',
        name: 'lr',
        requireSecureTransport: false,
        user: 'u',
        password: 'p',
      };
    },
    [CHART],
  ],
  [
    'secrets outside the chart, default names',
    (a) => existingSecrets(a),
    [
      w(
        'secrets.mode',
        'Create the Secrets before installing: lightrun-backend, lightrun-keycloak.',
      ),
    ],
  ],
  [
    'secrets outside the chart, own names and AES',
    (a) => {
      existingSecrets(a, { backend: 'b', keycloak: 'k', apiKeysEncryption: 'aes' });
      a.apiKeysEncryption = { enabled: true, aesKey: '', mountPath: '/keys' };
    },
    [
      w('secrets.mode', 'Create the Secrets before installing: b, k, aes.'),
      w(
        'apiKeysEncryption.aesKey',
        'Keep a copy of the AES key: with a different key the stored API keys cannot be decrypted.',
      ),
    ],
  ],
  [
    'secrets outside the chart, default AES name',
    (a) => {
      a.release.name = 'x';
      existingSecrets(a);
      a.apiKeysEncryption = { enabled: true, aesKey: '', mountPath: '/keys' };
    },
    [
      w('secrets.mode', 'Create the Secrets before installing: x-backend, x-keycloak, x-aes.'),
      w(
        'apiKeysEncryption.aesKey',
        'Keep a copy of the AES key: with a different key the stored API keys cannot be decrypted.',
      ),
    ],
  ],
  [
    'no artifact downloads',
    (a) => (a.general.artifactsDownload = false),
    [
      CHART,
      w(
        'general.artifactsDownload',
        'IDE plugin installs and updates will need manual steps (ask Lightrun support).',
      ),
    ],
  ],
  [
    'backend autoscaling',
    (a) => (a.sizing.backend.hpa = { enabled: true, maxReplicas: 5, cpuPercent: 50 }),
    [CHART, w('sizing', 'Autoscaling needs a metrics-server in the cluster.')],
  ],
  [
    'frontend autoscaling',
    (a) => (a.sizing.frontend.hpa = { enabled: true, maxReplicas: 5, cpuPercent: 70 }),
    [CHART, w('sizing', 'Autoscaling needs a metrics-server in the cluster.')],
  ],
  [
    'custom resources exactly at the minimum',
    (a) =>
      (a.sizing.resources = custom(
        ...(MIN_OK as [[string, string], [string, string], [string, string]]),
      )),
    [CHART],
  ],
  [
    'custom resources in cores and other units, at or above the minimum',
    (a) => (a.sizing.resources = custom(['3', '7168Mi'], ['0.1', '131072Ki'], ['1.5', '2Gi'])),
    [CHART],
  ],
  [
    'backend CPU 1m below',
    (a) => (a.sizing.resources = res(0, ['2999m', '7Gi'])),
    [CHART, below('backend')],
  ],
  [
    'backend CPU in cores below',
    (a) => (a.sizing.resources = res(0, ['2.9', '7Gi'])),
    [CHART, below('backend')],
  ],
  [
    'backend memory 1Mi below',
    (a) => (a.sizing.resources = res(0, ['3000m', '7167Mi'])),
    [CHART, below('backend')],
  ],
  [
    'frontend memory 1Ki below',
    (a) => (a.sizing.resources = res(1, ['100m', '131071Ki'])),
    [CHART, below('frontend')],
  ],
  [
    'frontend memory in k, just above',
    (a) => (a.sizing.resources = res(1, ['100m', '134218k'])),
    [CHART],
  ],
  [
    'frontend memory in k, just below',
    (a) => (a.sizing.resources = res(1, ['100m', '134217k'])),
    [CHART, below('frontend')],
  ],
  [
    'frontend memory in M, just above',
    (a) => (a.sizing.resources = res(1, ['100m', '135M'])),
    [CHART],
  ],
  [
    'frontend memory in M, just below',
    (a) => (a.sizing.resources = res(1, ['100m', '134M'])),
    [CHART, below('frontend')],
  ],
  ['frontend memory 1G', (a) => (a.sizing.resources = res(1, ['100m', '1G'])), [CHART]],
  ['frontend memory 1T', (a) => (a.sizing.resources = res(1, ['100m', '1T'])), [CHART]],
  ['frontend memory 1Ti', (a) => (a.sizing.resources = res(1, ['100m', '1Ti'])), [CHART]],
  [
    'frontend memory in plain bytes, at the minimum',
    (a) => (a.sizing.resources = res(1, ['100m', '134217728'])),
    [CHART],
  ],
  [
    'frontend memory in plain bytes, one below',
    (a) => (a.sizing.resources = res(1, ['100m', '134217727'])),
    [CHART, below('frontend')],
  ],
  [
    'frontend memory as a decimal, below',
    (a) => (a.sizing.resources = res(1, ['100m', '0.1Gi'])),
    [CHART, below('frontend')],
  ],
  [
    'frontend memory as a decimal, above',
    (a) => (a.sizing.resources = res(1, ['100m', '0.5Gi'])),
    [CHART],
  ],
  [
    'frontend CPU 99m',
    (a) => (a.sizing.resources = res(1, ['99m', '128Mi'])),
    [CHART, below('frontend')],
  ],
  [
    'keycloak memory below',
    (a) => (a.sizing.resources = res(2, ['1000m', '2047Mi'])),
    [CHART, below('keycloak')],
  ],
  [
    'keycloak CPU below',
    (a) => (a.sizing.resources = res(2, ['999m', '2Gi'])),
    [CHART, below('keycloak')],
  ],
  [
    'every component below',
    (a) => (a.sizing.resources = custom(['1', '1Gi'], ['50m', '64Mi'], ['500m', '1Gi'])),
    [CHART, below('backend'), below('frontend'), below('keycloak')],
  ],
  [
    'internal TLS on a medium profile',
    (a) => {
      a.internalTls = { mode: 'self-signed' };
      a.sizing.resources = { profile: 'medium' };
    },
    [
      w(
        'internalTls.mode',
        'Self-signed certificates are created only at the first install: turning this on in an upgrade leaves pods waiting for Secrets that never come.',
      ),
      CHART,
    ],
  ],
];

describe('warningsFor: each warning, its boundary and its quiet side', () => {
  it.each(rows)('%s', (_name, set, expected) => {
    const a = validAnswers();
    set(a);
    expect(warningsFor(a)).toEqual(expected);
  });
});

describe('private registry warnings name the registry, or say "the private registry" before it is entered (issue 25 #13)', () => {
  const privateRegistry = (host: string, pull: Answers['pullSecret']) => {
    const a = validAnswers();
    a.registry = { mode: 'private', host, prefix: '', insecure: false, tokenHost: '' };
    a.pullSecret = pull;
    a.general.artifactsDownload = false;
    return warningsFor(a).filter((x) => x.path[0] === 'pullSecret');
  };
  it.each<[string, string, Answers['pullSecret'], W[]]>([
    [
      'no host yet, no pull secret',
      '',
      { mode: 'none' },
      [
        w(
          'pullSecret.mode',
          'No image pull secret: every pod pulls from the private registry without credentials. Choose a pull secret unless the registry allows anonymous pulls.',
        ),
      ],
    ],
    [
      'a host, no pull secret',
      'registry.corp:5000',
      { mode: 'none' },
      [
        w(
          'pullSecret.mode',
          'No image pull secret: every pod pulls from registry.corp:5000 without credentials. Choose a pull secret unless the registry allows anonymous pulls.',
        ),
      ],
    ],
    [
      'no host yet, an existing Secret',
      '  ',
      { mode: 'existing', name: 'pull' },
      [
        w(
          'pullSecret.name',
          'The Secret pull must hold a .dockerconfigjson with credentials for the private registry: every image now comes from there.',
        ),
      ],
    ],
  ])('%s', (_, host, pull, expected) => expect(privateRegistry(host, pull)).toEqual(expected));
});
