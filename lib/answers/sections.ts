import { z } from 'zod';
import {
  absolutePathSchema,
  aesKeySchema,
  annotationsSchema,
  cidrSchema,
  cpuSchema,
  dnsLabelSchema,
  encryptionKeySchema,
  fqdnSchema,
  hostSchema,
  imageTagSchema,
  jvmMemorySchema,
  labelText,
  labelTextSchema,
  memorySchema,
  portSchema,
  quantitySchema,
  registryHostSchema,
  registryPrefixSchema,
  retentionSchema,
  secretNameSchema,
  shellSafeSchema,
  tokenHostSchema,
} from './fields';
import { LIMITS } from './limits';

import { namespaceNameSchema, objectNameSchema, queueNameSchema } from './k8s-names';

export { LIGHTRUN_VERSION, SIZING_PROFILES, type SizingProfile } from './constants';
import { CHART_VERSIONS } from './constants';
export { CHART_VERSIONS, PROJECT_CHART_DIR, type ChartVersion } from './constants';

// Secret text fields carry `meta({ secret: true })`: masking, splitting and log scrubbing read it.
const secret = <T extends z.ZodType>(s: T) => s.meta({ secret: true });
const text = (max: number, what: string) =>
  z.string().max(max, { message: `${what} has at most ${max} characters.`, abort: true });
const credential = () => text(LIMITS.credential, 'This value');

export const chartSchema = z
  .enum(CHART_VERSIONS)
  .default('3.9.4')
  .describe(
    'The chart the values are written for. Absent: 3.9.4. 3.50.0: the 3.9.4 values translated as docs/chart-3.50.md §13.2 says, plus the encryption key.',
  );

export const releaseSchema = z.strictObject({
  name: dnsLabelSchema.describe('Helm release name; every object is named <release>-<component>.'),
  namespace: dnsLabelSchema
    .max(63, { message: 'Use at most 63 characters.', abort: true })
    .describe('Namespace the server is installed in.'),
});

export const generalSchema = z.strictObject({
  name: labelText(
    'Required: enter your organisation’s name in lowercase (letters, digits, "-" or "_"), e.g. acme.',
  ).describe('Your organisation name as the server shows it (general.name).'),
  endpoint: fqdnSchema.describe(
    'Host name users and agents reach on port 443 (general.lightrun_endpoint).',
  ),
  clusterDomain: fqdnSchema.describe('Cluster DNS suffix (general.cluster_domain).'),
  lightrunVersion: imageTagSchema.describe('Image tag of backend, frontend and keycloak.'),
  artifactsDownload: z
    .boolean()
    .describe('Let the backend download IDE plugin artifacts from artifacts.lightrun.com.'),
  openshift: z.boolean().describe('Install on OpenShift (the SCC assigns user IDs).'),
});

export const pullSecretSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({
    mode: z.literal('existing'),
    name: z
      .string()
      .min(1, { message: 'Enter the name of the image pull Secret in the namespace.', abort: true })
      .pipe(secretNameSchema),
  }),
  z.strictObject({
    mode: z.literal('inline'),
    configContent: secret(
      text(LIMITS.dockerConfig, 'A .dockerconfigjson (base64)').describe(
        'Base64 of a .dockerconfigjson file.',
      ),
    ),
  }),
]);

/**
 * Where the cluster pulls every image from: the public registries the chart names (Docker Hub),
 * or a private registry holding a mirror of them under `host/prefix/<original path>`.
 */
export const registrySchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('public') }),
  z.strictObject({
    mode: z.literal('private'),
    host: registryHostSchema.describe('Registry host[:port] the cluster pulls every image from.'),
    prefix: registryPrefixSchema.describe(
      'Path under the host the images are mirrored to ("" for none): lightruncom/server becomes <host>/<prefix>/lightruncom/server.',
    ),
    insecure: z
      .boolean()
      .describe(
        "The registry serves plain HTTP (an insecure registry, which every node's container runtime must be told about). Only then does the preflight speak HTTP to it, the pull secret's login included. Not a chart value.",
      ),
    tokenHost: tokenHostSchema.describe(
      'Host name of the registry\'s token service when it is not the registry\'s own ("" for none; GitLab: the GitLab host). The preflight sends the login to no other host. Not a chart value.',
    ),
  }),
]);

export const licenseSchema = z.strictObject({
  content: secret(
    text(LIMITS.licenseContent, 'The license content').describe(
      'License content, exactly as Lightrun supplied it.',
    ),
  ),
  signature: secret(
    text(LIMITS.licenseSignature, 'The license signature').describe(
      'License signature, exactly as Lightrun supplied it.',
    ),
  ),
});

export const certificateSchema = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('inline'),
    crt: text(LIMITS.pemChain, 'A certificate chain').describe(
      'Certificate chain in PEM (leaf first); rendered base64-encoded.',
    ),
    key: secret(
      text(LIMITS.pemKey, 'A private key').describe(
        'Unencrypted private key in PEM; rendered base64-encoded.',
      ),
    ),
  }),
  z.strictObject({
    source: z.literal('existing'),
    secretName: z
      .string()
      .min(1, {
        message: 'Enter the name of a kubernetes.io/tls Secret in the namespace.',
        abort: true,
      })
      .pipe(secretNameSchema),
  }),
]);

export const apiKeysEncryptionSchema = z.discriminatedUnion('enabled', [
  z.strictObject({ enabled: z.literal(false) }),
  z.strictObject({
    enabled: z.literal(true),
    aesKey: secret(
      z.union([z.literal(''), aesKeySchema]).describe('128-bit AES key as 32 hex characters.'),
    ),
    mountPath: absolutePathSchema.describe('Directory the key file is mounted in (aes.key).'),
  }),
]);

const storageClassSchema = objectNameSchema(
  'StorageClass',
  'use (or create) a StorageClass with another name, or leave this empty for the cluster default.',
  { optional: true },
).describe('StorageClass of the volume; empty: the cluster default.');

const credentials = {
  user: secret(credential().describe('Database user.')),
  password: secret(credential().describe('Database password.')),
};

export const dbStorageSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('persistent'),
    storageClassName: storageClassSchema,
    size: quantitySchema.refine(
      (q) => !/^0+(\.0+)?[A-Za-z]*$/.test(q),
      'A volume needs a size above zero (the API refuses a 0 claim), e.g. 100Gi.',
    ),
    whenDeleted: retentionSchema,
    whenScaled: retentionSchema,
  }),
  z.strictObject({ kind: z.literal('ephemeral'), sizeLimit: quantitySchema }),
]);

export const databaseSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('local'),
    storage: dbStorageSchema,
    name: labelTextSchema.describe('Database name (general.db_database).'),
    requireSecureTransport: z.boolean(),
    ...credentials,
  }),
  z.strictObject({
    mode: z.literal('external'),
    endpoint: hostSchema.describe('Host of the external MySQL server; the port is 3306.'),
    name: labelTextSchema.describe('Database name (general.db_database).'),
    requireSecureTransport: z.boolean(),
    ...credentials,
  }),
]);

const mqCommon = {
  port: portSchema,
  queueName: queueNameSchema,
  user: secret(shellSafeSchema.describe('RabbitMQ user.')),
  password: secret(shellSafeSchema.describe('RabbitMQ password.')),
};

export const messageQueueSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('off') }),
  z.strictObject({
    mode: z.literal('local'),
    ...mqCommon,
    storage: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('persistent'),
        size: quantitySchema.refine(
          (s) => !/^0+(\.0+)?[A-Za-z]*$/.test(s),
          'Choose "no volume" instead of a zero size.',
        ),
        storageClassName: storageClassSchema,
      }),
      z.strictObject({ kind: z.literal('ephemeral') }),
    ]),
    metrics: z.boolean(),
    serviceAnnotations: annotationsSchema,
  }),
  z.strictObject({ mode: z.literal('external'), endpoint: hostSchema, ...mqCommon }),
]);

export const externalAccessSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('ingress-controller'),
    className: objectNameSchema(
      'IngressClass',
      'use (or create) an IngressClass with another name, e.g. nginx.',
    ).describe('IngressClass of the four Ingresses.'),
    annotations: annotationsSchema,
    keepServerSnippet: z
      .boolean()
      .describe(
        'Keep the default server-snippet annotation (ingress-nginx >= 1.9 refuses it unless snippets are allowed).',
      ),
    adminAllowCidrs: z
      .array(cidrSchema)
      .max(LIMITS.policyPeers, {
        message: `List at most ${LIMITS.policyPeers} CIDRs.`,
        abort: true,
      })
      .describe(
        'Who may reach the Keycloak admin console (/auth/admin, /auth/realms/master); empty: nobody.',
      ),
    metricsAllowCidrs: z
      .array(cidrSchema)
      .max(LIMITS.policyPeers, {
        message: `List at most ${LIMITS.policyPeers} CIDRs.`,
        abort: true,
      })
      .describe('Who may reach the metrics endpoint (/management/prometheus); empty: nobody.'),
  }),
  z.strictObject({ mode: z.literal('load-balancer'), serviceAnnotations: annotationsSchema }),
  z.strictObject({ mode: z.literal('cluster-ip'), serviceAnnotations: annotationsSchema }),
  z.strictObject({
    mode: z.literal('router'),
    service: z
      .enum(['ingress', 'load-balancer'])
      .describe(
        'How the router is reached: through an Ingress (mode A) or its own LoadBalancer Service with TLS on 443 (mode B).',
      ),
    className: objectNameSchema(
      'IngressClass',
      'use (or create) an IngressClass with another name, e.g. nginx.',
    ).describe('IngressClass of the router Ingress (general.router.ingress.ingress_class_name).'),
    tls: z
      .boolean()
      .describe(
        'The router serves HTTPS itself (forced with a LoadBalancer and with internal TLS).',
      ),
    adminAllowCidrs: z
      .array(cidrSchema)
      .max(LIMITS.policyPeers, {
        message: `List at most ${LIMITS.policyPeers} CIDRs.`,
        abort: true,
      })
      .describe('Router ACL of /auth/admin; empty: nobody (the chart default).'),
    metricsAllowCidrs: z
      .array(cidrSchema)
      .max(LIMITS.policyPeers, {
        message: `List at most ${LIMITS.policyPeers} CIDRs.`,
        abort: true,
      })
      .describe('Router ACL of /management/prometheus; empty: nobody (the chart default).'),
  }),
]);

const policyDirection = z.strictObject({
  enabled: z.boolean(),
  namespaces: z.array(namespaceNameSchema).max(LIMITS.policyPeers, {
    message: `List at most ${LIMITS.policyPeers} namespaces.`,
    abort: true,
  }),
  cidrs: z
    .array(cidrSchema)
    .max(LIMITS.policyPeers, { message: `List at most ${LIMITS.policyPeers} CIDRs.`, abort: true }),
});

export const networkPolicySchema = z.discriminatedUnion('enabled', [
  z.strictObject({ enabled: z.literal(false) }),
  z.strictObject({ enabled: z.literal(true), ingress: policyDirection, egress: policyDirection }),
]);

export const internalTlsSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('off') }),
  z.strictObject({ mode: z.literal('self-signed') }),
  z.strictObject({
    mode: z.literal('existing'),
    verification: z.boolean(),
    caSecretName: z.union([z.literal(''), secretNameSchema]),
    certificates: z.strictObject({
      frontend: z.union([z.literal(''), secretNameSchema]),
      keycloak: z.union([z.literal(''), secretNameSchema]),
      keycloakCluster: z.union([z.literal(''), secretNameSchema]),
      redis: z.union([z.literal(''), secretNameSchema]),
      rabbitmq: z.union([z.literal(''), secretNameSchema]),
      artifacts: z
        .union([z.literal(''), secretNameSchema])
        .optional()
        .describe(
          'Chart 3.50 only: TLS Secret of the artifacts pod (required there, docs/chart-3.50.md T6).',
        ),
    }),
  }),
]);

export const securitySchema = z.strictObject({
  readOnlyRootFilesystem: z.boolean(),
  tmpfsSizeLimit: quantitySchema,
  runAsUser: z
    .number()
    .int('Use a whole number.')
    .min(1, 'Use a non-root user ID (1 or more).')
    .max(2147483647),
  dataFsGroup: z
    .number()
    .int('Use a whole number.')
    .min(0)
    .max(2147483647)
    .describe('fsGroup of the MySQL and RabbitMQ pods.'),
});

const existingName = z.union([z.literal(''), secretNameSchema]);

export const secretsSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('chart'),
    keycloakPassword: secret(
      credential().describe(
        'Keycloak admin password; also the first-login password of administrator@localhost.com.',
      ),
    ),
    keystorePassword: secret(
      shellSafeSchema.describe('Password of the backend keystore (6+ characters).'),
    ),
    mailPassword: secret(credential()),
    googleClientId: secret(credential()),
    googleClientSecret: secret(credential()),
    datadogApiKey: secret(credential()),
    mixpanelToken: secret(credential()),
    hubspotToken: secret(credential()),
    encryptionKey: secret(
      z
        .union([z.literal(''), encryptionKeySchema])
        .optional()
        .describe(
          'Chart 3.50 only: the encryption key of the backend Secret (secrets.keysEncryption.userEncryptionKey), base64 of 32 bytes. Generated once; never written for chart 3.9.4.',
        ),
    ),
  }),
  z.strictObject({
    mode: z.literal('existing'),
    backend: existingName.describe('Secret with the backend keys (empty: <release>-backend).'),
    keycloak: existingName.describe('Secret with the keycloak keys (empty: <release>-keycloak).'),
    apiKeysEncryption: existingName.describe('Secret with aes.key (empty: <release>-aes).'),
  }),
]);

/**
 * Chart 3.50 only: the CA of an LDAPS server for Keycloak's trust store (docs/chart-3.50.md §4):
 * pasted PEM the render base64-encodes into `secrets.customCa.customCaCertificate`, or an
 * existing Secret (`existingCaSecret`). One choice, so never both (F1).
 */
export const customCaSchema = z
  .discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('none') }),
    z.strictObject({
      mode: z.literal('inline'),
      pem: text(LIMITS.pemChain, 'The CA certificate').describe(
        'The CA certificate in PEM; the chart makes Secret <release>-custom-ca-certificate of it. A public certificate, so not a secret answer (the file still keeps it under secrets:).',
      ),
    }),
    z.strictObject({
      mode: z.literal('existing'),
      secretName: secretNameSchema.describe(
        'Secret whose *.pem keys are mounted into Keycloak’s trust store (secrets.customCa.existingCaSecret).',
      ),
    }),
  ])
  .optional()
  .describe(
    'Chart 3.50 only: a custom CA Keycloak trusts, e.g. for LDAPS (secrets.customCa). Absent: none.',
  );

/**
 * Chart 3.50 only: the signed system configuration Lightrun sends (general.system_config), both
 * base64 text as sent; the chart uses it only when both are given (docs/chart-3.50.md §4, T11).
 */
export const systemConfigSchema = z
  .strictObject({
    content: text(LIMITS.licenseContent, 'The system configuration').describe(
      'general.system_config.content: the base64 text Lightrun sent (the chart decodes it into system_config.json).',
    ),
    signature: text(LIMITS.licenseSignature, 'The signature').describe(
      'general.system_config.signature: the base64 signature Lightrun sent.',
    ),
  })
  .optional()
  .describe('Chart 3.50 only: the signed system configuration from Lightrun. Absent: none.');

/**
 * Chart 3.50 only: the workload-level choices (docs/chart-3.50.md §4, §8.1, §8.9). `crons` is
 * general.crons.enabled; `heapDumps` keeps /dumps of backend and crons on one existing claim
 * (deployments.{backend,crons}.dumpsPersistence); `nodeSelector` (`key=value` lines) and
 * `tolerations` (`key[=value][:Effect]` lines) go to general.nodeSelector / general.tolerations,
 * and the selector is repeated for the in-chart MySQL and RabbitMQ, which read only their own.
 */
export const workloadsSchema = z
  .strictObject({
    crons: z
      .boolean()
      .describe(
        'general.crons.enabled: the crons Deployment runs the scheduled and background jobs beside the backend (1 CPU, 2Gi).',
      ),
    heapDumps: z
      .discriminatedUnion('mode', [
        z.strictObject({ mode: z.literal('off') }),
        z.strictObject({
          mode: z.literal('claim'),
          claim: text(LIMITS.objectName, 'The claim name').describe(
            'An existing PersistentVolumeClaim of the namespace for /dumps of backend and crons (ReadWriteMany when shared or with more than one backend replica).',
          ),
        }),
      ])
      .describe('Heap dumps: off (an emptyDir of 5Gi per pod) or on an existing claim.'),
    nodeSelector: z
      .array(text(LIMITS.annotationKey + 64, 'A node label'))
      .max(LIMITS.annotationsPerObject, {
        message: `List at most ${LIMITS.annotationsPerObject} node labels.`,
      })
      .describe('Node labels every pod needs, one key=value each (general.nodeSelector).'),
    tolerations: z
      .array(text(LIMITS.annotationKey + 64, 'A taint'))
      .max(LIMITS.annotationsPerObject, {
        message: `List at most ${LIMITS.annotationsPerObject} taints.`,
      })
      .describe(
        'Taints every pod tolerates, one key=value:Effect or key:Effect each (general.tolerations).',
      ),
  })
  .optional()
  .describe(
    'Chart 3.50 only: crons, heap-dump persistence and node selection. Absent: crons on, dumps off, no selector.',
  );

const pinHash = () => text(LIMITS.pinHash, 'A pinned hash');

/**
 * Chart 3.50 only: certificate pinning (`certificate.security_pinned_hashes`, docs/chart-3.50.md
 * §4): off, the current certificate's hash, or it and the previous certificates' during a
 * rotation. Each hash is the SHA-256 of a certificate's public key (lib/pem/spki-hash.ts).
 */
export const certificatePinningSchema = z
  .discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('off') }),
    z.strictObject({
      mode: z.literal('current'),
      hash: pinHash().describe(
        "SHA-256 of the current certificate's public key, 64 lowercase hex digits; computed from the uploaded certificate.",
      ),
    }),
    z.strictObject({
      mode: z.literal('rotation'),
      hash: pinHash().describe(
        "SHA-256 of the current certificate's public key, 64 lowercase hex digits; computed from the uploaded certificate.",
      ),
      previous: z
        .array(pinHash())
        .max(LIMITS.pinnedHashes, {
          message: `Keep at most ${LIMITS.pinnedHashes} previous hashes.`,
          abort: true,
        })
        .describe(
          'Hashes of the previous certificates still accepted while agents move to the new one.',
        ),
    }),
  ])
  .optional()
  .describe(
    'Chart 3.50 only: the certificate hashes agents may pin (certificate.security_pinned_hashes). Absent: off.',
  );

const hpa = z.discriminatedUnion('enabled', [
  z.strictObject({ enabled: z.literal(false) }),
  z.strictObject({
    enabled: z.literal(true),
    maxReplicas: z.number().int('Use a whole number.').min(1).max(100),
    cpuPercent: z
      .number()
      .int('Use a whole number.')
      .min(1, 'Use 1 to 100 percent.')
      .max(100, { message: 'Use 1 to 100 percent.', abort: true }),
  }),
]);

const replicas = z.number().int('Use a whole number.').min(1, 'Run at least one replica.').max(100);

export const resourcesSchema = z.discriminatedUnion('profile', [
  z.strictObject({ profile: z.literal('minimum') }),
  z.strictObject({ profile: z.literal('medium') }),
  z.strictObject({ profile: z.literal('large') }),
  z.strictObject({
    profile: z.literal('custom'),
    backend: z.strictObject({ cpu: cpuSchema, memory: jvmMemorySchema }),
    frontend: z.strictObject({ cpu: cpuSchema, memory: memorySchema }),
    keycloak: z.strictObject({ cpu: cpuSchema, memory: jvmMemorySchema }),
  }),
]);

export const sizingSchema = z.strictObject({
  resources: resourcesSchema,
  backend: z.strictObject({ replicas, hpa }),
  frontend: z.strictObject({ replicas, hpa }),
  keycloak: z.strictObject({ replicas, clusterMode: z.boolean() }),
});
