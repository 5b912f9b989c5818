import { z } from 'zod';
import {
  absolutePathSchema,
  cpuSchema,
  fqdnSchema,
  hostSchema,
  imageTagSchema,
  labelTextSchema,
  memorySchema,
  portSchema,
  quantitySchema,
  secretNameSchema,
} from '../answers/fields';

/**
 * The values file as the chart reads it, built from the same field schemas as the answers, so a
 * constraint is written once. Objects are loose (the chart has many keys the wizard does not
 * model) and every constraint accepts the chart's own defaults, because Helm validates the
 * merged values. Cross-field rules live in the answers schema; JSON Schema carries the types,
 * enums and patterns, so `helm install` itself rejects e.g. `db_local: "false"`
 * (docs/chart-3.9.4.md G2).
 */
const obj = <T extends z.core.$ZodLooseShape>(shape: T, description?: string) => {
  const o = z.looseObject(shape);
  return description ? o.describe(description) : o;
};
const bool = (d: string) => z.boolean().describe(d);
const optionalName = z.union([z.literal(''), secretNameSchema]);
const annotations = z.record(z.string(), z.union([z.string(), z.null()]));
const retention = z.enum(['Retain', 'Delete']);
const image = obj({
  tag: z
    .union([z.literal(''), imageTagSchema])
    .describe('Image tag; empty uses the chart appVersion.'),
});
const hpa = obj({
  enabled: bool('Create a HorizontalPodAutoscaler (needs metrics-server).'),
  maxReplicas: z.int().min(1),
  cpu: z.int().min(1).max(100),
});
const jvmResources = obj({
  cpu: cpuSchema,
  memory: z.string().regex(/^[1-9]\d*(Gi|Mi)$/, 'Whole Gi or Mi.'),
});
const component = (jvm: boolean) =>
  obj({
    replicas: z.int().min(1).describe('Replica count (the HPA minimum when autoscaling).'),
    image,
    resources: jvm ? jvmResources : obj({ cpu: cpuSchema, memory: memorySchema }),
    hpa: hpa.optional(),
  });
const direction = obj({ enabled: z.boolean(), namespacesSelector: z.array(labelTextSchema) });

const general = obj({
  name: labelTextSchema.describe('Organisation name shown by the server.'),
  lightrun_endpoint: fqdnSchema.describe('Host name users and agents reach on port 443.'),
  cluster_domain: fqdnSchema.describe('Cluster DNS suffix.'),
  deploy_secrets: z.union([
    z.boolean(),
    obj({
      enabled: bool('Create the chart Secrets from `secrets.*`; off: reference existing ones.'),
      existing_secrets: obj({
        backend: optionalName,
        keycloak: optionalName,
        api_keys_encryption: optionalName,
      }),
    }),
  ]),
  api_keys_encryption: obj({
    enabled: bool('Encrypt system API keys with the AES key.'),
    key_mount_path: absolutePathSchema,
  }),
  openshift: bool('Install on OpenShift.'),
  db_local: bool('Run MySQL in the cluster (false: external database).'),
  db_require_secure_transport: bool('Require TLS to the database.'),
  db_endpoint: hostSchema.describe('External database host (port 3306).'),
  db_database: labelTextSchema.describe('Database name.'),
  statefulset: obj({
    enabled: bool('MySQL as a StatefulSet with a volume (false: Deployment with emptyDir).'),
    storageClassName: z.string(),
    storageSize: quantitySchema,
    persistentVolumeClaimRetentionPolicy: obj({
      whenDeleted: retention.optional(),
      whenScaled: retention.optional(),
    }),
  }),
  mq: obj({
    enabled: bool('Enable the RabbitMQ message queue.'),
    local: bool('Run RabbitMQ in the cluster.'),
    mq_endpoint: hostSchema,
    port: z.union([portSchema, z.int().min(1).max(65535)]),
    storage: z.union([z.literal('0'), quantitySchema]).describe('Volume size; "0" = no volume.'),
    metrics: bool('Enable the RabbitMQ Prometheus plugin.'),
  }),
  internal_tls: obj({
    enabled: bool('Encrypt pod-to-pod traffic.'),
    certificates: obj({
      verification: z.boolean(),
      source: z.enum(['existing_certificates', 'generate_self_signed_certificates']),
      existing_ca_secret_name: optionalName,
      existing_certificates: z.record(z.string(), optionalName),
    }),
  }),
  router: obj({ enabled: bool('Chart 3.9.4 router (false: the guide’s ingress / nginx modes).') }),
  ingress_controller: bool('Use an existing ingress controller (false: the chart runs nginx).'),
  ingress_class_name: z.string(),
  nginx_svc: obj({ type: z.enum(['LoadBalancer', 'ClusterIP']), annotations }),
  networkPolicy: obj({
    enabled: bool('Create the NetworkPolicy.'),
    ingress: direction,
    egress: direction,
  }),
  readOnlyRootFilesystem: bool('Read-only root filesystem for frontend, backend and keycloak.'),
  readOnlyRootFilesystem_tmpfs_sizeLimit: quantitySchema,
});

export const valuesSchema = obj({
  general,
  certificate: obj({
    existing_cert: optionalName.describe('Existing kubernetes.io/tls Secret.'),
    tls: obj({ crt: z.string(), key: z.string() }),
  }),
  secrets: obj({
    defaults: obj({
      // Helm drops a key set to null before validating, so "no pull secret" arrives as absent.
      dockerhub_config: z
        .union([z.null(), obj({ existingSecret: optionalName, configContent: z.string() })])
        .optional(),
    }),
  }),
  deployments: obj({
    backend: component(true),
    frontend: component(false),
    keycloak: component(true),
  }),
});

/** values.schema.json for the chart (draft 2020-12 would do; Helm reads draft-07). */
export function valuesJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(valuesSchema, {
    target: 'draft-7',
    unrepresentable: 'any',
    io: 'input',
  }) as Record<string, unknown>;
}
