/**
 * The Secrets the admin must provide when they keep secrets outside the chart (docs/chart-3.9.4.md
 * §13, §4, §5, §2): exact names and keys, and the same list as a manifest to apply or hand to a
 * secret manager (PURE).
 */
import { stringify } from 'yaml';
import type { Answers } from '../answers';

export interface RequiredSecret {
  name: string;
  type: 'Opaque' | 'kubernetes.io/tls' | 'kubernetes.io/dockerconfigjson';
  keys: string[];
  /** What it is for, in words. */
  purpose: string;
}

const BACKEND_KEYS = [
  'SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD',
  'SPRING_MAIL_PASSWORD',
  'SPRING_DATASOURCE_USERNAME',
  'SPRING_FLYWAY_USER',
  'SPRING_DATASOURCE_PASSWORD',
  'SPRING_FLYWAY_PASSWORD',
  'KEYSTORE_PASSWORD',
  'LICENSE_CONTENT',
  'LICENSE_SIGNATURE',
];
const MQ_KEYS = ['SPRING_RABBITMQ_USERNAME', 'SPRING_RABBITMQ_PASSWORD'];
const KEYCLOAK_KEYS = ['KEYCLOAK_USER', 'KEYCLOAK_PASSWORD', 'DB_USER', 'DB_PASSWORD'];
/** Chart 3.50's encryption key in the backend Secret (docs/chart-3.50.md §13, §10). */
const ENCRYPTION_KEY_350 = 'encryption-key-0';

/** The Secrets the release references but the chart will not create; empty when the chart creates them. */
export function requiredSecrets(a: Answers, release: string): RequiredSecret[] {
  if (a.secrets.mode !== 'existing') return [];
  // Chart 3.50: the backend Secret also holds the encryption key, and there is no AES Secret.
  const is350 = a.chart === '3.50.0';
  const out: RequiredSecret[] = [
    {
      name: a.secrets.backend || `${release}-backend`,
      type: 'Opaque',
      keys: [
        ...BACKEND_KEYS,
        ...(a.messageQueue.mode !== 'off' ? MQ_KEYS : []),
        ...(is350 ? [ENCRYPTION_KEY_350] : []),
      ],
      purpose: is350
        ? 'backend: license, database and message-queue credentials, keystore, first-login password and the encryption key (base64 of 32 random bytes: openssl rand -base64 32)'
        : 'backend: license, database and message-queue credentials, keystore and first-login password',
    },
    {
      name: a.secrets.keycloak || `${release}-keycloak`,
      type: 'Opaque',
      keys: KEYCLOAK_KEYS,
      purpose: 'Keycloak admin and its database credentials',
    },
  ];
  if (a.apiKeysEncryption.enabled && !is350) {
    out.push({
      name: a.secrets.apiKeysEncryption || `${release}-aes`,
      type: 'Opaque',
      keys: ['aes.key'],
      purpose: 'AES key of the system API keys',
    });
  }
  out.push({
    name: a.certificate.source === 'existing' ? a.certificate.secretName : `${release}-certificate`,
    type: 'kubernetes.io/tls',
    keys: ['tls.crt', 'tls.key'],
    purpose: 'server certificate and its private key',
  });
  if (a.pullSecret.mode === 'existing') {
    out.push({
      name: a.pullSecret.name,
      type: 'kubernetes.io/dockerconfigjson',
      keys: ['.dockerconfigjson'],
      purpose: 'image registry credentials',
    });
  }
  return out;
}

/** The Secrets as a manifest with empty values to fill in (or to map in a secret manager). */
export function secretsManifest(secrets: readonly RequiredSecret[], namespace: string): string {
  return secrets
    .map(
      (s) =>
        `# ${s.purpose}\n${stringify({
          apiVersion: 'v1',
          kind: 'Secret',
          type: s.type,
          metadata: { name: s.name, namespace },
          stringData: Object.fromEntries(s.keys.map((k) => [k, ''])),
        })}`,
    )
    .join('---\n');
}

/** Keys whose values span lines (PEM, license, docker config): a text area, not a one-line field. */
export const MULTILINE_KEYS: ReadonlySet<string> = new Set([
  'tls.crt',
  'tls.key',
  '.dockerconfigjson',
  'LICENSE_CONTENT',
  'LICENSE_SIGNATURE',
]);

/**
 * The values the wizard can fill in for "create these Secrets now" from the answers themselves
 * (database and queue credentials, license, AES key); every other key starts empty for the admin
 * to type. Secret name → key → value, for every key of every listed Secret.
 */
export function prefillSecretValues(
  a: Answers,
  secrets: readonly RequiredSecret[],
): Record<string, Record<string, string>> {
  const db = a.database ?? {};
  const mq: { user?: string; password?: string } =
    a.messageQueue?.mode === 'off' ? {} : (a.messageQueue ?? {});
  const known: Record<string, string | undefined> = {
    SPRING_DATASOURCE_USERNAME: db.user,
    SPRING_FLYWAY_USER: db.user,
    DB_USER: db.user,
    SPRING_DATASOURCE_PASSWORD: db.password,
    SPRING_FLYWAY_PASSWORD: db.password,
    DB_PASSWORD: db.password,
    SPRING_RABBITMQ_USERNAME: mq.user,
    SPRING_RABBITMQ_PASSWORD: mq.password,
    LICENSE_CONTENT: a.license?.content,
    LICENSE_SIGNATURE: a.license?.signature,
    'aes.key': a.apiKeysEncryption?.enabled ? a.apiKeysEncryption.aesKey : undefined,
  };
  return Object.fromEntries(
    secrets.map((s) => [
      s.name,
      Object.fromEntries(s.keys.map((k) => [k, typeof known[k] === 'string' ? known[k]! : ''])),
    ]),
  );
}
