import fc from 'fast-check';
import { isYamlAmbiguous, SIZING_PROFILES, type Answers } from '../../answers';
import { toBase64 } from '../base64';

/** Strings that break naive YAML writers (see the foundation issue). */
export const HOSTILE = [
  'line one\nline two',
  'trailing newline\n',
  '\nleading newline',
  'say "hi" and \'bye\'',
  'key: value',
  'value # not a comment',
  '*alias', '&anchor', '!tag', '|literal', '>folded', '%directive', '@at', '`tick',
  '{a: 1}', '[1, 2]', '{}', '[]',
  'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'false', 'null', '~', 'NULL', 'Yes', 'OFF',
  '0123', '1e3', '0x1F', '1_000', '.5', '+1', '-0', '12:30', '.inf', '.NaN',
  'tab\there', '\tleading tab', 'trailing space ', ' leading space', '  \n  indented\n',
  'unicode: žluťoučký kůň — 日本語 — 🚀', '\u2028line separator', '\u0085next line', '\ufeffbom',
  'control \u0001 char', 'back\\slash', 'percent %s and ${dollar}', '---', '...', '- dash', '? question', ': colon',
  '#hash', 'a'.repeat(1024), // the longest credential the schema takes (LIMITS.credential)
];

const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary-ascii', maxLength: 40 }));
const nonEmptyHostile = hostile.filter((s) => s.length > 0 && s.trim().length > 0);
// Queue names as RabbitMQ and the chart take them (written unquoted: never a YAML 1.1 word).
const queueName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/).filter((s) => !isYamlAmbiguous(s));
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/).filter((s) => !['yes', 'no', 'on', 'off', 'true', 'false', 'null', 'y', 'n'].includes(s));
// Host names YAML would read as a number or a boolean ("1.5", "on") are invalid: the first label
// starts with a letter, and a whole name that is a YAML word gets a suffix.
const dnsLabel = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const dnsName = fc
  .tuple(fc.stringMatching(/^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/), fc.array(dnsLabel, { maxLength: 3 }))
  .map(([first, rest]) => [isYamlAmbiguous(first) && rest.length === 0 ? `${first}-x` : first, ...rest].join('.'));
const shellSafe = fc.stringMatching(/^[A-Za-z0-9._-]{6,20}$/);
const quantity = fc.integer({ min: 1, max: 999 }).chain((n) => fc.constantFrom(`${n}Gi`, `${n}Mi`, `${n}G`));
const retention = fc.constantFrom('' as const, 'Retain' as const, 'Delete' as const);
// An annotation key's name part ends with a letter or digit.
const annotations = fc.uniqueArray(fc.record({ key: fc.stringMatching(/^example\.com\/[a-z]([a-z0-9-]{0,11}[a-z0-9])?$/), value: hostile }), { selector: (a) => a.key, maxLength: 3 });
const pem = (kind: string) => hostile.map((body) => `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----\n`);
const cpu = fc.integer({ min: 1, max: 9999 }).map((n) => `${n}m`);

const general = fc.record({
  name: label,
  endpoint: dnsName,
  clusterDomain: dnsName,
  lightrunVersion: fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,30}$/),
  artifactsDownload: fc.boolean(),
  openshift: fc.boolean(),
});

const database = fc.oneof(
  fc.record({
    mode: fc.constant('local' as const),
    storage: fc.oneof(
      fc.record({ kind: fc.constant('persistent' as const), storageClassName: fc.constantFrom('', 'standard', 'gp2', 'fast.ssd'), size: quantity, whenDeleted: retention, whenScaled: retention }),
      fc.record({ kind: fc.constant('ephemeral' as const), sizeLimit: quantity }),
    ),
    name: label,
    requireSecureTransport: fc.boolean(),
    user: nonEmptyHostile.filter((u) => u !== 'root'),
    password: nonEmptyHostile,
  }),
  fc.record({ mode: fc.constant('external' as const), endpoint: dnsName, name: label, requireSecureTransport: fc.boolean(), user: nonEmptyHostile, password: nonEmptyHostile }),
);

const mqCommon = { port: fc.integer({ min: 1, max: 65535 }).map(String), queueName: queueName, user: shellSafe, password: shellSafe };
const messageQueue = fc.oneof(
  fc.constant({ mode: 'off' as const }),
  fc.record({
    mode: fc.constant('local' as const),
    ...mqCommon,
    storage: fc.oneof(fc.record({ kind: fc.constant('persistent' as const), size: quantity, storageClassName: fc.constantFrom('', 'standard', 'gp2') }), fc.constant({ kind: 'ephemeral' as const })),
    metrics: fc.boolean(),
    serviceAnnotations: annotations,
  }),
  fc.record({ mode: fc.constant('external' as const), endpoint: dnsName, ...mqCommon }),
);

const allowList = fc.oneof(fc.constant([] as string[]), fc.constant(['0.0.0.0/0', '::/0']), fc.uniqueArray(fc.integer({ min: 0, max: 255 }).map((a) => `192.0.${a}.0/24`), { minLength: 1, maxLength: 3 }));

const externalAccess = fc.oneof(
  fc.record({ mode: fc.constant('ingress-controller' as const), className: label, annotations, keepServerSnippet: fc.boolean(), adminAllowCidrs: allowList, metricsAllowCidrs: allowList }),
  fc.record({ mode: fc.constant('load-balancer' as const), serviceAnnotations: annotations }),
  fc.record({ mode: fc.constant('cluster-ip' as const), serviceAnnotations: annotations }),
  fc.record({ mode: fc.constant('router' as const), service: fc.constant('ingress' as const), className: label, tls: fc.boolean(), adminAllowCidrs: allowList, metricsAllowCidrs: allowList }),
  fc.record({ mode: fc.constant('router' as const), service: fc.constant('load-balancer' as const), className: fc.constant('nginx'), tls: fc.constant(true), adminAllowCidrs: allowList, metricsAllowCidrs: allowList }),
);

const direction = fc.record({
  enabled: fc.boolean(),
  namespaces: fc.uniqueArray(label, { maxLength: 3 }),
  cidrs: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 32 })).map(([a, m]) => `10.${a}.0.0/${m}`), { maxLength: 2 }),
// An enabled direction needs a peer (no peer = deny all, refused by the schema): give it one, by construction.
}).map((d) => (d.enabled && d.namespaces.length === 0 && d.cidrs.length === 0 ? { ...d, namespaces: ['ingress-nginx'] } : d));

const hpa = fc.oneof(fc.constant({ enabled: false as const }), fc.record({ enabled: fc.constant(true as const), maxReplicas: fc.integer({ min: 5, max: 20 }), cpuPercent: fc.integer({ min: 1, max: 100 }) }));
const profiles = Object.values(SIZING_PROFILES).flatMap((p) => Object.values(p).map((r) => r.cpu));

const chartSecrets = fc.record({
  mode: fc.constant('chart' as const),
  keycloakPassword: hostile.filter((s) => s.length >= 8),
  keystorePassword: shellSafe,
  mailPassword: hostile,
  googleClientId: hostile,
  googleClientSecret: hostile,
  datadogApiKey: hostile,
  mixpanelToken: hostile,
  hubspotToken: hostile,
});
const existingSecrets = fc.record({ mode: fc.constant('existing' as const), backend: fc.oneof(fc.constant(''), label), keycloak: fc.oneof(fc.constant(''), label), apiKeysEncryption: fc.oneof(fc.constant(''), label) });
const pullNone = fc.constant({ mode: 'none' as const });
const pullExisting = fc.record({ mode: fc.constant('existing' as const), name: label });
const pullInline = fc.dictionary(label, fc.record({ auth: hostile })).map((auths) => ({ mode: 'inline' as const, configContent: toBase64(JSON.stringify({ auths })) }));
// A private registry host holds a "." or a port (else containerd reads it as a Docker Hub account).
const registryHost = fc
  .tuple(dnsName, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
  .map(([name, port]) => (port !== undefined ? `${name}:${port}` : name.includes('.') ? name : `${name}:5000`));
const pathComponent = fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,8}[a-z0-9])?$/);
const registry = fc.oneof(
  fc.constant({ mode: 'public' as const }),
  // insecure and tokenHost are the preflight's alone (no chart value): a values file reads them as
  // their defaults, so only those round-trip.
  fc.record({ mode: fc.constant('private' as const), host: registryHost, prefix: fc.oneof(fc.constant(''), fc.array(pathComponent, { minLength: 1, maxLength: 3 }).map((c) => c.join('/'))), insecure: fc.constant(false), tokenHost: fc.constant('') }),
);
const certInline = fc.record({ source: fc.constant('inline' as const), crt: pem('CERTIFICATE'), key: pem('PRIVATE KEY') });
const certExisting = fc.record({ source: fc.constant('existing' as const), secretName: label });

// Cross-field rules by construction, not by filtering: with secrets outside the chart the
// certificate and the pull secret must be existing ones (or none) ...
const secretsAndCertificates = fc.oneof(
  { weight: 1, arbitrary: fc.record({ secrets: existingSecrets, certificate: certExisting, pullSecret: fc.oneof(pullNone, pullExisting) }) },
  { weight: 3, arbitrary: fc.record({ secrets: chartSecrets, certificate: fc.oneof(certInline, certExisting), pullSecret: fc.oneof(pullNone, pullExisting, pullInline) }) },
);

const tlsOn = fc.oneof(
  fc.constant({ mode: 'self-signed' as const }),
  fc.record({
    mode: fc.constant('existing' as const),
    verification: fc.boolean(),
    caSecretName: fc.oneof(fc.constant(''), label),
    certificates: fc.record({ frontend: label, keycloak: label, keycloakCluster: label, redis: label, rabbitmq: label }),
  }),
);
// ... and internal TLS only behind an ingress controller (or the kept router), never the chart nginx.
const accessAndTls = externalAccess.chain((e) =>
  fc.record({
    externalAccess: fc.constant(e),
    internalTls: e.mode === 'load-balancer' || e.mode === 'cluster-ip' ? fc.constant({ mode: 'off' as const }) : fc.oneof(fc.constant({ mode: 'off' as const }), tlsOn),
  }),
);
// More than one Keycloak replica needs cluster mode; one replica may run without it.
const keycloak = fc.integer({ min: 1, max: 3 }).chain((replicas) => fc.record({ replicas: fc.constant(replicas), clusterMode: replicas > 1 ? fc.constant(true) : fc.boolean() }));

/**
 * Valid, canonical answers (the form import produces), valid by construction (every cross-field
 * rule is respected by the generators, so none is discarded): every branch of every choice,
 * hostile strings in every free-text field, and arbitrary pass-through keys.
 */
export const answersArbitrary: fc.Arbitrary<Answers> = fc
  .record({
    general,
    license: fc.record({ content: nonEmptyHostile, signature: nonEmptyHostile }),
    apiKeysEncryption: fc.oneof(
      fc.constant({ enabled: false as const }),
      fc.record({ enabled: fc.constant(true as const), aesKey: fc.stringMatching(/^[0-9a-f]{32}$/), mountPath: fc.constantFrom('/keys', '/etc/lightrun/keys') }),
    ),
    database,
    messageQueue,
    networkPolicy: fc.oneof(
      fc.constant({ enabled: false as const }),
      fc.record({ enabled: fc.constant(true as const), ingress: direction, egress: direction }).filter((n) => n.ingress.enabled || n.egress.enabled),
    ),
    security: fc.record({ readOnlyRootFilesystem: fc.boolean(), tmpfsSizeLimit: quantity, runAsUser: fc.integer({ min: 1, max: 2 ** 31 - 1 }), dataFsGroup: fc.integer({ min: 0, max: 2 ** 31 - 1 }) }),
    sizing: fc.record({
      resources: fc.oneof(
        fc.constantFrom({ profile: 'minimum' as const }, { profile: 'medium' as const }, { profile: 'large' as const }),
        fc.record({
          profile: fc.constant('custom' as const),
          backend: fc.record({ cpu: cpu.filter((c) => !profiles.includes(c)), memory: fc.integer({ min: 1, max: 64 }).map((n) => `${n}Gi`) }),
          frontend: fc.record({ cpu, memory: fc.integer({ min: 1, max: 4096 }).map((n) => `${n}Mi`) }),
          keycloak: fc.record({ cpu, memory: fc.integer({ min: 1, max: 32 }).map((n) => `${n}Gi`) }),
        }),
      ),
      backend: fc.record({ replicas: fc.integer({ min: 1, max: 5 }), hpa }),
      frontend: fc.record({ replicas: fc.integer({ min: 1, max: 5 }), hpa }),
      keycloak,
    }),
    registry,
    passthrough: fc.dictionary(fc.stringMatching(/^x_[a-z0-9_]{1,10}$/), fc.jsonValue({ maxDepth: 3 })).filter((t) => !JSON.stringify(t).includes('__proto__')),
    access: accessAndTls,
    owned: secretsAndCertificates,
  })
  .map(({ access, owned, ...rest }) => ({ chart: '3.9.4' as const, release: { name: 'lightrun', namespace: 'lightrun' }, ...rest, ...access, ...owned }) as Answers)
  .map(withoutIgnoredSecrets)
  .map(withRegistryLogin);

/** With a private registry an uploaded pull secret has an entry for it (a rule): add one, by construction. */
function withRegistryLogin(a: Answers): Answers {
  if (a.registry.mode !== 'private' || a.pullSecret.mode !== 'inline') return a;
  const config = JSON.parse(Buffer.from(a.pullSecret.configContent, 'base64').toString('utf8')) as { auths: Record<string, unknown> };
  config.auths[a.registry.host] = { auth: toBase64('user:token') };
  return { ...a, pullSecret: { mode: 'inline', configContent: toBase64(JSON.stringify(config)) } };
}

/** With secrets kept outside the chart, secret values are not part of the values: canonical ''. */
function withoutIgnoredSecrets(a: Answers): Answers {
  if (a.secrets.mode === 'chart') return a;
  const out = structuredClone(a);
  out.license = { content: '', signature: '' };
  out.database.user = '';
  out.database.password = '';
  if (out.messageQueue.mode !== 'off') Object.assign(out.messageQueue, { user: '', password: '' });
  if (out.apiKeysEncryption.enabled) out.apiKeysEncryption.aesKey = '';
  return out;
}
